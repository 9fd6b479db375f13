// At most `limit` requests of one kind out at once; the others wait their
// turn, first come first served. Subscribing to hundreds of contacts (or
// refreshing them, or ending them) then sends a steady trickle, never a
// burst that fills the transaction limit and starves every other request.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>

namespace cordon::ua {

class RequestGate {
public:
    explicit RequestGate(std::size_t limit) : limit_(limit == 0 ? 1 : limit) {}

    // Runs go now if a place is free, else when one is; go must end with
    // leave() once its request is answered (or could not be sent).
    void enter(std::function<void()> go);
    void leave();
    // Drops what waits and lets nothing through any more: for shutting down.
    void close();

    std::size_t out() const { return out_; }
    std::size_t waiting() const { return waiting_.size(); }

private:
    std::size_t limit_;
    std::size_t out_ = 0;
    std::deque<std::function<void()>> waiting_;
};

} // namespace cordon::ua
