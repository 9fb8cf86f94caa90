// Several trace sinks at once (--trace, --html, and the page a browser gets from --www): each
// event goes to each, in order. Null sinks are skipped. They are all made from the same
// --show-secrets, so they agree on wants_secrets().
#pragma once

#include <initializer_list>
#include <vector>

#include "handshake/trace.h"

namespace lucid::tools {

class TraceTee final : public handshake::TraceSink {
public:
    TraceTee(std::initializer_list<handshake::TraceSink*> sinks) {
        for (handshake::TraceSink* s : sinks) {
            if (s) sinks_.push_back(s);
        }
    }
    // The sink to give an engine: this tee if there are several, else the one (or null).
    handshake::TraceSink* sink() { return sinks_.size() > 1 ? this : sinks_.empty() ? nullptr : sinks_.front(); }

    bool wants_secrets() const override {
        for (const handshake::TraceSink* s : sinks_) {
            if (s->wants_secrets()) return true;
        }
        return false;
    }
    void on_record(const handshake::RecordTrace& r) override { for (auto* s : sinks_) s->on_record(r); }
    void on_message(const handshake::MessageTrace& m) override { for (auto* s : sinks_) s->on_message(m); }
    void on_derivation(const handshake::DerivationTrace& d) override { for (auto* s : sinks_) s->on_derivation(d); }
    void on_note(const handshake::NoteTrace& n) override { for (auto* s : sinks_) s->on_note(n); }
    void on_renegotiation(const handshake::RenegotiationTrace& r) override {
        for (auto* s : sinks_) s->on_renegotiation(r);
    }

private:
    std::vector<handshake::TraceSink*> sinks_;
};

}  // namespace lucid::tools
