#include "ua/deadline.hpp"

namespace cordon::ua {

Deadline::Deadline(boost::asio::io_context &loop) : timer_(loop) {}

Deadline::~Deadline() { cancel(); }

void Deadline::arm(std::chrono::steady_clock::duration delay, std::function<void()> action)
{
    const std::uint64_t generation = ++shared_->generation;
    shared_->action = std::move(action);
    timer_.expires_after(delay);
    timer_.async_wait([weak = std::weak_ptr<Shared>(shared_), generation](const boost::system::error_code &) {
        const auto shared = weak.lock();
        if (!shared || shared->generation != generation || !shared->action) {
            return;
        }
        // Taken out first: the action may arm this deadline again, or destroy it.
        const std::function<void()> due = std::move(shared->action);
        shared->action = nullptr;
        due();
    });
}

void Deadline::cancel()
{
    ++shared_->generation;
    shared_->action = nullptr;
    timer_.cancel();
}

} // namespace cordon::ua
