#include "record/record_layer.h"

#include <algorithm>
#include <limits>

#include "crypto/ct.h"
#include "crypto/error.h"

namespace lucid::record {

std::string direction_name(Direction d) { return d == Direction::incoming ? "in" : "out"; }

struct RecordLayer::Impl {
    explicit Impl(crypto::RandomSource& r) : rng(r) {
        read_state->set_tracing(false);
        write_state->set_tracing(false);
    }
    ~Impl() { ct::wipe(plaintext.data(), plaintext.size()); }

    crypto::RandomSource& rng;
    ProtocolVersion version = tls12;
    std::size_t max_fragment = max_plaintext_length;
    RecordObserver observer;

    Bytes input;                 // fed, not yet consumed
    std::size_t consumed = 0;    // bytes of input already returned as records
    // Where open() decrypts each record: one buffer for the connection, as long as the longest
    // fragment (2^14 + 2048), reused for every record; the plaintext of the last record handed up.
    // Made when the first record needs it, so that a connection that never gets that far (a
    // server holds thousands of those) does not pay for it.
    Bytes plaintext;
    std::unique_ptr<CipherState> read_state = std::make_unique<NullCipherState>();
    std::unique_ptr<CipherState> write_state = std::make_unique<NullCipherState>();
    // RFC 5246 §6.1: "Sequence numbers are of type uint64 and may not exceed 2^64-1."
    std::uint64_t read_seq = 0;
    std::uint64_t write_seq = 0;
    std::optional<TlsError> broken;  // the first failure, thrown again by every later call

    void install(std::unique_ptr<CipherState>& slot, std::unique_ptr<CipherState> state) {
        state->set_tracing(static_cast<bool>(observer));
        slot = std::move(state);
    }

    void compact() {
        if (consumed > 0 && consumed * 2 >= input.size()) {
            input.erase(input.begin(), input.begin() + static_cast<std::ptrdiff_t>(consumed));
            consumed = 0;
        }
    }
};

RecordLayer::RecordLayer(crypto::RandomSource& rng) : impl_(std::make_unique<Impl>(rng)) {}
RecordLayer::~RecordLayer() = default;

void RecordLayer::feed(ByteView bytes) { append(impl_->input, bytes); }

std::size_t RecordLayer::buffered() const { return impl_->input.size() - impl_->consumed; }

namespace {

// RFC 5246 §6.2.1 and §6.2.3: the longest fragment a header may announce under this state.
// Beyond 2^14 + 2048 the RFC demands record_overflow; below that, a fragment longer than the
// largest plaintext plus the state's largest expansion can only decrypt to more than 2^14 bytes,
// so it gets record_overflow at once, before any secret-dependent work.
std::size_t max_fragment_length(const CipherState& state) {
    return std::min(max_ciphertext_length, max_plaintext_length + state.max_overhead());
}

// RFC 5246 §6: the sentence for a first byte that is no content type. A peer that answers in
// plain text (an HTTP server answers "HTTP/1.1 400 ...", 0x48 = 'H') is named as such.
std::string unknown_content_type_sentence(ContentType type, ByteView pending) {
    std::string sentence = "record of unknown content type " + content_type_name(type);
    const std::string_view http = "HTTP/";
    if (pending.size() >= http.size() && std::equal(http.begin(), http.end(), pending.begin())) {
        sentence += ": the bytes read \"HTTP/\", so the peer speaks plain HTTP, not TLS (is this the right port?)";
    }
    return sentence;
}

}  // namespace

std::optional<Record> RecordLayer::next_record() {
    const std::optional<RecordView> view = next_record_view();
    if (!view) return std::nullopt;
    return Record{view->type, view->version, Bytes(view->fragment.begin(), view->fragment.end())};
}

std::optional<RecordView> RecordLayer::next_record_view() {
    Impl& s = *impl_;
    if (s.broken) throw *s.broken;
    try {
        s.compact();  // the record handed up last is no longer needed
        ByteView pending = ByteView(s.input).subspan(s.consumed);
        if (pending.size() < record_header_length) return std::nullopt;
        const RecordHeader header = parse_record_header(pending.first(record_header_length));

        // RFC 5246 §6: "If a TLS implementation receives an unexpected record type, it MUST send an
        // unexpected_message alert."
        if (!is_known_content_type(header.type)) {
            throw TlsError(AlertDescription::unexpected_message, unknown_content_type_sentence(header.type, pending));
        }
        // Appendix E.1: every TLS and SSL 3.0 record has major version 3.
        if (header.version.major != 3) {
            throw TlsError(AlertDescription::protocol_version,
                           "record with version " + version_name(header.version) + ": not a TLS record");
        }
        const std::size_t limit = max_fragment_length(*s.read_state);
        if (header.length > limit) {
            throw TlsError(AlertDescription::record_overflow,
                           "record_overflow: a " + content_type_name(header.type) + " record of " +
                               std::to_string(header.length) + " bytes; at most " + std::to_string(limit) +
                               " are allowed under " + s.read_state->name() + " (RFC 5246 §6.2)");
        }
        if (pending.size() < record_header_length + header.length) return std::nullopt;
        ByteView wire = pending.first(record_header_length + header.length);
        ByteView fragment = wire.subspan(record_header_length);

        if (s.read_seq == std::numeric_limits<std::uint64_t>::max()) {
            throw TlsError(AlertDescription::internal_error, "read sequence number exhausted (RFC 5246 §6.1)");
        }
        if (s.plaintext.size() < fragment.size()) s.plaintext.resize(max_ciphertext_length);
        const RecordView record{header.type, header.version,
                                s.read_state->open(header.type, header.version, s.read_seq, fragment, s.plaintext)};

        // §6.2.1 and §6.2.2: the plaintext itself may not exceed 2^14 bytes.
        if (record.fragment.size() > max_plaintext_length) {
            throw TlsError(AlertDescription::record_overflow,
                           "record_overflow: a record decrypted to " + std::to_string(record.fragment.size()) +
                               " bytes, more than 2^14 (RFC 5246 §6.2.1)");
        }
        // §6.2.1: "Implementations MUST NOT send zero-length fragments of Handshake, Alert, or
        // ChangeCipherSpec content types."
        if (record.fragment.empty() && record.type != ContentType::application_data) {
            throw TlsError(AlertDescription::decode_error,
                           "empty " + content_type_name(record.type) + " record (RFC 5246 §6.2.1)");
        }

        if (s.observer) {
            RecordEvent e;
            e.direction = Direction::incoming;
            e.type = record.type;
            e.version = record.version;
            e.sequence_number = s.read_seq;
            e.length = header.length;
            e.wire = Bytes(wire.begin(), wire.end());
            e.plaintext = Bytes(record.fragment.begin(), record.fragment.end());
            e.cipher = s.read_state->name();
            e.trace = s.read_state->last_trace();
            s.observer(e);
        }
        ++s.read_seq;
        s.consumed += wire.size();
        return record;
    } catch (const TlsError& e) {
        s.broken = e;
        throw;
    }
}

Bytes RecordLayer::seal(ContentType type, ByteView payload) {
    Bytes out;
    seal_into(type, payload, out);
    return out;
}

// RFC 5246 §6.2.1 (fragmentation) and §6.2.3 (protection), for each fragment.
void RecordLayer::seal_into(ContentType type, ByteView payload, Bytes& out) {
    Impl& s = *impl_;
    if (payload.empty() && type != ContentType::application_data) {
        throw Error("seal: an empty " + content_type_name(type) + " record may not be sent (RFC 5246 §6.2.1)");
    }
    std::size_t offset = 0;
    do {
        const std::size_t take = std::min(s.max_fragment, payload.size() - offset);
        ByteView plaintext = payload.subspan(offset, take);
        if (s.write_seq == std::numeric_limits<std::uint64_t>::max()) {
            throw TlsError(AlertDescription::internal_error, "write sequence number exhausted (RFC 5246 §6.1)");
        }
        // The record is written where it will be sent: its header, then the fragment the cipher
        // state seals straight into out (the header's length is known once it has).
        const std::size_t start = out.size();
        out.resize(start + record_header_length + take + s.write_state->max_overhead());
        const MutableByteView record = MutableByteView(out).subspan(start);
        const std::size_t length = s.write_state->seal(type, s.version, s.write_seq, plaintext, s.rng,
                                                       record.subspan(record_header_length));
        write_record_header(record, type, s.version, length);
        out.resize(start + record_header_length + length);
        if (s.observer) {
            RecordEvent e;
            e.direction = Direction::outgoing;
            e.type = type;
            e.version = s.version;
            e.sequence_number = s.write_seq;
            e.length = length;
            e.wire = Bytes(out.begin() + static_cast<std::ptrdiff_t>(start), out.end());
            e.plaintext = Bytes(plaintext.begin(), plaintext.end());
            e.cipher = s.write_state->name();
            e.trace = s.write_state->last_trace();
            s.observer(e);
        }
        ++s.write_seq;
        offset += take;
    } while (offset < payload.size());
}

// RFC 5246 §6.1: "Each connection state contains a sequence number ... the sequence number is set
// to zero whenever a connection state is made the active state."
void RecordLayer::set_read_cipher(std::unique_ptr<CipherState> state) {
    if (!state) throw Error("set_read_cipher: no cipher state");
    impl_->install(impl_->read_state, std::move(state));
    impl_->read_seq = 0;
}

void RecordLayer::set_write_cipher(std::unique_ptr<CipherState> state) {
    if (!state) throw Error("set_write_cipher: no cipher state");
    impl_->install(impl_->write_state, std::move(state));
    impl_->write_seq = 0;
}

void RecordLayer::set_version(ProtocolVersion version) { impl_->version = version; }
ProtocolVersion RecordLayer::version() const { return impl_->version; }

void RecordLayer::set_max_fragment_length(std::size_t length) {
    if (length < 1 || length > max_plaintext_length) {
        throw Error("max fragment length must be 1..16384, not " + std::to_string(length));
    }
    impl_->max_fragment = length;
}

std::uint64_t RecordLayer::read_sequence_number() const { return impl_->read_seq; }
std::uint64_t RecordLayer::write_sequence_number() const { return impl_->write_seq; }
std::string RecordLayer::read_cipher_name() const { return impl_->read_state->name(); }
std::string RecordLayer::write_cipher_name() const { return impl_->write_state->name(); }

void RecordLayer::set_observer(RecordObserver observer) {
    Impl& s = *impl_;
    s.observer = std::move(observer);
    s.read_state->set_tracing(static_cast<bool>(s.observer));
    s.write_state->set_tracing(static_cast<bool>(s.observer));
}

}  // namespace lucid::record
