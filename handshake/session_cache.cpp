// The server's session cache, RFC 5246 §7.3, §7.2.2 and Appendix F.1.4 (see session_cache.h).
#include "handshake/session_cache.h"

#include "crypto/error.h"

namespace lucid::handshake {

SessionState SessionState::clone() const {
    SessionState copy;
    copy.session_id = session_id;
    copy.version = version;
    copy.cipher_suite = cipher_suite;
    copy.master_secret = master_secret.clone();
    copy.extended_master_secret = extended_master_secret;
    copy.encrypt_then_mac = encrypt_then_mac;
    copy.server_name = server_name;
    copy.peer_certificates = peer_certificates;
    copy.peer_verified = peer_verified;
    copy.created = created;
    copy.ticket = ticket;
    copy.ticket_lifetime_hint = ticket_lifetime_hint;
    return copy;
}

SessionCache::SessionCache(Limits limits) : limits_(limits) {
    if (limits_.capacity == 0) throw Error("session cache: the capacity must be at least 1");
    if (limits_.lifetime_seconds <= 0) throw Error("session cache: the lifetime must be at least 1 second");
}

// A session created in the future (a clock that went back) is treated as expired too: the cache
// cannot tell how old it really is.
bool SessionCache::expired(const SessionState& s, std::int64_t now) const {
    return now < s.created || now - s.created >= limits_.lifetime_seconds;
}

void SessionCache::evict_expired(std::int64_t now) {
    // A sweep over every entry: at most `capacity` of them, once per stored session, and correct
    // whatever order the creation times are in.
    for (auto it = by_age_.begin(); it != by_age_.end();) {
        if (!expired(*it, now)) {
            ++it;
            continue;
        }
        by_id_.erase(it->session_id);
        it = by_age_.erase(it);
    }
}

void SessionCache::store(const SessionState& session, std::int64_t now) {
    if (session.session_id.empty()) throw Error("session cache: a session without an ID cannot be stored");
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto old = by_id_.find(session.session_id); old != by_id_.end()) {
        by_age_.erase(old->second);
        by_id_.erase(old);
    }
    evict_expired(now);
    while (by_age_.size() >= limits_.capacity) {
        by_id_.erase(by_age_.front().session_id);
        by_age_.pop_front();
    }
    by_age_.push_back(session.clone());
    by_id_[session.session_id] = std::prev(by_age_.end());
}

std::optional<SessionState> SessionCache::find(ByteView session_id, std::int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = by_id_.find(Bytes(session_id.begin(), session_id.end()));
    if (it == by_id_.end()) return std::nullopt;
    if (expired(*it->second, now)) {
        by_age_.erase(it->second);
        by_id_.erase(it);
        return std::nullopt;
    }
    return it->second->clone();
}

void SessionCache::remove(ByteView session_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = by_id_.find(Bytes(session_id.begin(), session_id.end()));
    if (it == by_id_.end()) return;
    by_age_.erase(it->second);
    by_id_.erase(it);
}

std::size_t SessionCache::size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return by_age_.size();
}

}  // namespace lucid::handshake
