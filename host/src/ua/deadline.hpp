// A one-shot timer whose action runs at most once, and never after cancel(),
// a new arm() or the timer's destruction. Asio may already have queued a
// timer's handler when the timer is cancelled, so the handler checks that the
// arming it belongs to is still the current one instead of trusting the
// error code.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>

#include "core/loop_clock.hpp"

namespace cordon::ua {

class Deadline {
public:
    explicit Deadline(boost::asio::io_context &loop);
    ~Deadline();
    Deadline(const Deadline &) = delete;
    Deadline &operator=(const Deadline &) = delete;

    // Runs action once `delay` has passed, unless cancelled or armed again first.
    void arm(std::chrono::steady_clock::duration delay, std::function<void()> action);
    void cancel();
    bool armed() const { return static_cast<bool>(shared_->action); }

private:
    struct Shared {
        std::uint64_t generation = 0;
        std::function<void()> action;
    };

    LoopTimer timer_;
    std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
};

} // namespace cordon::ua
