#include "tools/pki_files.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto/ct.h"
#include "x509/private_key.h"

namespace lucid::tools {

namespace {

// Reads into a buffer of the final size, so that a secret file never leaves a reallocated copy.
template <typename Buffer>
Buffer read_into(const std::string& path) {
    if (path == "-") {
        std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
        Buffer out(all.size());
        std::memcpy(out.data(), all.data(), all.size());
        ct::wipe(all.data(), all.size());
        return out;
    }
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw UsageError("cannot open " + path + ": " + std::strerror(errno));
    const std::streamsize size = in.tellg();
    if (size < 0) throw UsageError("cannot read " + path);
    in.seekg(0);
    Buffer out(static_cast<std::size_t>(size));
    if (size > 0 && !in.read(reinterpret_cast<char*>(out.data()), size)) throw UsageError("cannot read " + path);
    return out;
}

}  // namespace

Bytes read_file(const std::string& path) { return read_into<Bytes>(path); }

SecretBytes read_secret_file(const std::string& path) { return read_into<SecretBytes>(path); }

void write_file(const std::string& path, ByteView data, bool secret) {
    if (path == "-") {
        std::cout.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
        std::cout.flush();
        return;
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, secret ? 0600 : 0644);
    if (fd < 0) throw UsageError("cannot write " + path + ": " + std::strerror(errno));
    if (secret) ::fchmod(fd, 0600);  // an existing file keeps its mode otherwise
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            ::close(fd);
            throw UsageError("cannot write " + path + ": " + std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) throw UsageError("cannot write " + path + ": " + std::strerror(errno));
}

std::vector<x509::Certificate> load_certificates(const std::string& path) {
    const Bytes data = read_file(path);
    try {
        return x509::parse_certificates(data);
    } catch (const Error& e) {
        throw UsageError(path + ": " + e.what());
    }
}

x509::TrustStore load_trust_store(const std::optional<std::string>& path) {
    const std::string file = path.value_or(std::string(x509::default_trust_bundle_path));
    const Bytes data = read_file(file);
    x509::TrustStore store;
    try {
        store = x509::TrustStore::from_pem_bundle(std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
    } catch (const Error& e) {
        throw UsageError(file + ": " + e.what());
    }
    if (store.empty()) throw UsageError(file + ": no usable CERTIFICATE in this bundle");
    return store;
}

crypto::RsaPrivateKey load_private_key(const std::string& path) {
    const SecretBytes data = read_secret_file(path);
    try {
        return x509::parse_private_key(data.view());
    } catch (const Error& e) {
        throw UsageError(path + ": " + e.what());
    }
}

std::optional<x509::Time> time_flag(const Args& args, std::string_view name) {
    const std::optional<std::string> v = args.value(name);
    if (!v) return std::nullopt;
    try {
        return x509::Time::parse_iso8601(*v);
    } catch (const Error& e) {
        throw UsageError("--" + std::string(name) + ": " + e.what());
    }
}

x509::Time time_now() {
    return x509::Time::from_unix(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

namespace {
class OsRandomRef final : public crypto::RandomSource {
public:
    void fill(MutableByteView out) override { crypto::os_random().fill(out); }
};
}  // namespace

std::unique_ptr<crypto::RandomSource> key_random(const std::optional<Bytes>& seed, std::string_view personalization) {
    if (!seed) return std::make_unique<OsRandomRef>();
    return std::make_unique<crypto::HmacDrbg>(*seed, as_bytes("lucid key generation"), as_bytes(personalization));
}

}  // namespace lucid::tools
