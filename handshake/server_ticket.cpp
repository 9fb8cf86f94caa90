// The server's ticket protection, RFC 5077 §4 (see server_ticket.h).
#include "handshake/server_ticket.h"

#include <algorithm>

#include "crypto/aes.h"
#include "crypto/cbc.h"
#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/hmac.h"
#include "handshake/session_state_codec.h"
#include "record/codec.h"

namespace lucid::handshake {

namespace {

constexpr std::size_t iv_length = 16;
constexpr std::size_t mac_length = 32;
// key_name, iv, the 2-byte length of encrypted_state with at least one block, mac.
constexpr std::size_t smallest_ticket = ticket_key_name_length + iv_length + 2 + 16 + mac_length;

void check(const TicketKeyRing::Limits& limits) {
    if (limits.lifetime_seconds <= 0) throw Error("ticket keys: the ticket lifetime must be at least 1 second");
    if (limits.rotate_seconds <= 0) throw Error("ticket keys: the rotation period must be at least 1 second");
}

// RFC 5077 §4: "the MAC ... is computed using HMAC-SHA-256 over key_name (16 octets) and IV (16
// octets), followed by the length of the encrypted_state field (2 octets) and its contents".
Bytes ticket_mac(const TicketKey& key, ByteView iv, ByteView encrypted_state) {
    record::Writer w;
    w.bytes(key.name);
    w.bytes(iv);
    w.vec(2, encrypted_state);
    return crypto::hmac(crypto::HashAlgorithm::sha256, key.hmac_key.view(), w.data());
}

}  // namespace

TicketKey TicketKey::generate(crypto::RandomSource& random, std::int64_t now) {
    TicketKey key;
    random.fill(key.name);
    key.aes_key = SecretBytes(ticket_aes_key_length);
    random.fill(key.aes_key.mutable_view());
    key.hmac_key = SecretBytes(ticket_hmac_key_length);
    random.fill(key.hmac_key.mutable_view());
    key.created = now;
    return key;
}

TicketKey TicketKey::clone() const { return TicketKey{name, aes_key.clone(), hmac_key.clone(), created}; }

TicketKeyRing::TicketKeyRing(Limits limits) : limits_(limits), rotating_(true) { check(limits_); }

TicketKeyRing::TicketKeyRing(std::vector<TicketKey> keys, Limits limits)
    : limits_(limits), rotating_(false), keys_(std::move(keys)) {
    check(limits_);
    if (keys_.empty()) throw Error("ticket keys: at least one key is needed");
    for (const TicketKey& k : keys_) {
        if (k.aes_key.size() != ticket_aes_key_length || k.hmac_key.size() != ticket_hmac_key_length) {
            throw Error("ticket keys: a key needs a 16-byte AES key and a 32-byte HMAC key");
        }
    }
}

std::size_t TicketKeyRing::key_count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return keys_.size();
}

// A rotating ring drops a key once the last ticket it can have made (rotate_seconds after it was
// made) has expired too.
void TicketKeyRing::drop_old_keys(std::int64_t now) {
    if (!rotating_) return;
    std::erase_if(keys_, [&](const TicketKey& k) {
        return now - k.created >= limits_.rotate_seconds + limits_.lifetime_seconds || now < k.created;
    });
}

const TicketKey& TicketKeyRing::issuing_key(std::int64_t now, crypto::RandomSource& random) {
    if (rotating_) {
        drop_old_keys(now);
        if (keys_.empty() || now - keys_.front().created >= limits_.rotate_seconds) {
            keys_.insert(keys_.begin(), TicketKey::generate(random, now));
        }
    }
    return keys_.front();
}

// RFC 5077 §4: encrypt the state with a fresh IV, then MAC key_name, IV and the ciphertext.
Bytes TicketKeyRing::seal(const SessionState& session, std::int64_t now, crypto::RandomSource& random) {
    const SecretBytes state = encode_session_state(session);
    std::lock_guard<std::mutex> lock(mutex_);
    const TicketKey& key = issuing_key(now, random);
    const Bytes iv = random.bytes(iv_length);
    SecretBytes padded = SecretBytes::adopt(crypto::pkcs7_pad(state.view()));
    const Bytes encrypted = crypto::cbc_encrypt(crypto::Aes(key.aes_key.view()), iv, padded.view());
    if (encrypted.size() > 0xFFFF - smallest_ticket) return {};
    record::Writer w;
    w.bytes(key.name);
    w.bytes(iv);
    w.vec(2, encrypted);
    w.bytes(ticket_mac(key, iv, encrypted));
    return w.take();
}

// RFC 5077 §4: the key name says which key; the MAC is checked before anything is decrypted.
OpenedTicket TicketKeyRing::open(ByteView ticket, std::int64_t now) {
    if (ticket.size() < smallest_ticket) return {std::nullopt, "too short to be a ticket of this server", false};
    const ByteView name = ticket.first(ticket_key_name_length);
    const ByteView iv = ticket.subspan(ticket_key_name_length, iv_length);
    const ByteView mac = ticket.last(mac_length);
    const ByteView body = ticket.subspan(ticket_key_name_length + iv_length, ticket.size() - ticket_key_name_length - iv_length - mac_length);
    const std::size_t length = static_cast<std::size_t>(body[0]) << 8 | body[1];
    const ByteView encrypted = body.subspan(2);
    if (length != encrypted.size() || length % 16 != 0) return {std::nullopt, "malformed (encrypted_state length)", false};

    std::lock_guard<std::mutex> lock(mutex_);
    drop_old_keys(now);
    // The key name is public (it is sent in clear): looking it up may branch.
    const auto key = std::find_if(keys_.begin(), keys_.end(), [&](const TicketKey& k) {
        return std::equal(k.name.begin(), k.name.end(), name.begin(), name.end());
    });
    if (key == keys_.end()) {
        return {std::nullopt, "unknown key name (another server's ticket, or its key was rotated out)", false};
    }
    // SECRET: the expected MAC; compared in constant time (crypto/ct.h) so that a forger learns
    // nothing from how long the comparison took.
    if (!ct::equal(ticket_mac(*key, iv, encrypted), mac)) return {std::nullopt, "its MAC does not verify (altered or forged)", false};
    // Authentic from here on: the padding below is our own, so checking it is no oracle.
    std::optional<SessionState> state;
    try {
        SecretBytes padded = SecretBytes::adopt(crypto::cbc_decrypt(crypto::Aes(key->aes_key.view()), iv, encrypted));
        state = decode_session_state(SecretBytes::adopt(crypto::pkcs7_unpad(padded.view())).view());
    } catch (const Error&) {
        state.reset();
    }
    if (!state) return {std::nullopt, "its session state does not decode", false};
    if (now < state->created || now - state->created >= limits_.lifetime_seconds) {
        return {std::nullopt, "expired (its session is " + std::to_string(now - state->created) + " s old, the lifetime is " +
                                  std::to_string(limits_.lifetime_seconds) + " s)", false};
    }
    const bool renew = key != keys_.begin() || (rotating_ && now - key->created >= limits_.rotate_seconds);
    return {std::move(state), "", renew};
}

std::uint32_t TicketKeyRing::lifetime_hint(std::int64_t created, std::int64_t now) const {
    const std::int64_t left = limits_.lifetime_seconds - (now - created);
    return static_cast<std::uint32_t>(std::clamp<std::int64_t>(left, 1, 0xFFFFFFFF));
}

}  // namespace lucid::handshake
