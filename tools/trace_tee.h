// Two trace sinks at once (--trace and --html): each event goes to both, in order. A sink that is
// null is skipped. Both are made from the same --show-secrets, so they agree on wants_secrets().
#pragma once

#include "handshake/trace.h"

namespace lucid::tools {

class TraceTee final : public handshake::TraceSink {
public:
    TraceTee(handshake::TraceSink* a, handshake::TraceSink* b) : a_(a), b_(b) {}
    // The sink to give an engine: this tee if both are set, else the one that is (or null).
    handshake::TraceSink* sink() { return a_ && b_ ? this : a_ ? a_ : b_; }

    bool wants_secrets() const override { return (a_ && a_->wants_secrets()) || (b_ && b_->wants_secrets()); }
    void on_record(const handshake::RecordTrace& r) override { each([&](handshake::TraceSink& s) { s.on_record(r); }); }
    void on_message(const handshake::MessageTrace& m) override { each([&](handshake::TraceSink& s) { s.on_message(m); }); }
    void on_derivation(const handshake::DerivationTrace& d) override { each([&](handshake::TraceSink& s) { s.on_derivation(d); }); }
    void on_note(const handshake::NoteTrace& n) override { each([&](handshake::TraceSink& s) { s.on_note(n); }); }

private:
    template <typename F>
    void each(F f) {
        if (a_) f(*a_);
        if (b_) f(*b_);
    }
    handshake::TraceSink* a_;
    handshake::TraceSink* b_;
};

}  // namespace lucid::tools
