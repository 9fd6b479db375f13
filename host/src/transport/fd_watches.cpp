#include "transport/fd_watches.hpp"

#include <fcntl.h>
#include <poll.h>

#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>

#include "cordon/transport.h"

namespace cordon {

// One watched descriptor. Shared with the waits and posts in flight, which
// may complete after the watch is gone: owner is then nullptr and they stop.
struct FdWatches::Watch {
    Watch(boost::asio::io_context &loop, FdWatches *watches, int descriptor_fd)
        : descriptor(loop), owner(watches), fd(descriptor_fd)
    {
    }

    boost::asio::posix::stream_descriptor descriptor;
    FdWatches *owner;
    int fd;
    uint32_t interest = 0;
    bool read_waiting = false;
    bool write_waiting = false;
    bool dispatch_posted = false;
};

namespace {

constexpr uint32_t interest_bits = CORDON_FD_READABLE | CORDON_FD_WRITABLE;

struct Readiness {
    uint32_t ready = 0;  // CORDON_FD_* bits within the interest
    bool closed = false; // the descriptor is no longer open
};

// Asks the kernel now, without waiting. Asio's reactor is edge triggered and
// forgets an edge that came while nobody waited, so every decision to wait
// or to call the listener starts from this level.
Readiness readiness(int fd, uint32_t interest)
{
    Readiness result;
    if (interest == 0) {
        return result;
    }
    pollfd entry{};
    entry.fd = fd;
    entry.events = static_cast<short>(((interest & CORDON_FD_READABLE) != 0 ? POLLIN : 0) |
                                      ((interest & CORDON_FD_WRITABLE) != 0 ? POLLOUT : 0));
    if (::poll(&entry, 1, 0) <= 0) {
        return result;
    }
    if ((entry.revents & POLLNVAL) != 0) {
        result.closed = true;
        return result;
    }
    if ((entry.revents & POLLIN) != 0 && (interest & CORDON_FD_READABLE) != 0) {
        result.ready |= CORDON_FD_READABLE;
    }
    if ((entry.revents & POLLOUT) != 0 && (interest & CORDON_FD_WRITABLE) != 0) {
        result.ready |= CORDON_FD_WRITABLE;
    }
    if ((entry.revents & (POLLERR | POLLHUP)) != 0) {
        result.ready |= CORDON_FD_ERROR;
    }
    return result;
}

} // namespace

FdWatches::FdWatches(boost::asio::io_context &loop, FdWatchListener &listener) : loop_(loop), listener_(listener) {}

FdWatches::~FdWatches()
{
    for (auto &[fd, watch] : watches_) {
        watch->owner = nullptr;
        watch->descriptor.release();
    }
}

Result<void> FdWatches::watch(int fd, uint32_t interest)
{
    if (fd < 0 || (interest & ~interest_bits) != 0) {
        return Error{ErrorCode::invalid_argument, "watch_fd(" + std::to_string(fd) + ", " + std::to_string(interest) +
                                                      "): the descriptor is negative or the interest has unknown bits"};
    }
    if (::fcntl(fd, F_GETFD) == -1) {
        return Error{ErrorCode::invalid_argument, "watch_fd: descriptor " + std::to_string(fd) + " is not open"};
    }
    auto found = watches_.find(fd);
    if (found == watches_.end()) {
        auto watch = std::make_shared<Watch>(loop_, this, fd);
        boost::system::error_code error;
        watch->descriptor.assign(fd, error);
        if (error) {
            return Error{ErrorCode::invalid_argument, "watch_fd: the event loop cannot watch descriptor " +
                                                          std::to_string(fd) + ": " + error.message()};
        }
        found = watches_.emplace(fd, std::move(watch)).first;
    }
    found->second->interest = interest;
    arm(found->second);
    return {};
}

void FdWatches::unwatch(int fd)
{
    const auto found = watches_.find(fd);
    if (found == watches_.end()) {
        return;
    }
    found->second->owner = nullptr;
    found->second->descriptor.release(); // never close: the plugin owns fd
    watches_.erase(found);
}

// Waits for the interests not yet waited for, or, when the descriptor is
// ready already, calls the listener on the next turn of the loop.
void FdWatches::arm(const std::shared_ptr<Watch> &watch)
{
    if (watch->interest == 0) {
        return;
    }
    const Readiness now = readiness(watch->fd, watch->interest);
    if (now.closed || now.ready != 0) {
        if (!watch->dispatch_posted) {
            watch->dispatch_posted = true;
            boost::asio::post(loop_, [watch] {
                watch->dispatch_posted = false;
                dispatch(watch);
            });
        }
        return;
    }
    using boost::asio::posix::descriptor_base;
    if ((watch->interest & CORDON_FD_READABLE) != 0 && !watch->read_waiting) {
        watch->read_waiting = true;
        watch->descriptor.async_wait(descriptor_base::wait_read, [watch](const boost::system::error_code &) {
            watch->read_waiting = false;
            dispatch(watch);
        });
    }
    if ((watch->interest & CORDON_FD_WRITABLE) != 0 && !watch->write_waiting) {
        watch->write_waiting = true;
        watch->descriptor.async_wait(descriptor_base::wait_write, [watch](const boost::system::error_code &) {
            watch->write_waiting = false;
            dispatch(watch);
        });
    }
}

// A wait completed or a post ran: whatever the error code says, the kernel's
// present answer decides.
void FdWatches::dispatch(const std::shared_ptr<Watch> &watch)
{
    FdWatches *owner = watch->owner;
    if (owner == nullptr) {
        return;
    }
    const Readiness now = readiness(watch->fd, watch->interest);
    if (now.closed) {
        const int fd = watch->fd;
        FdWatchListener &listener = owner->listener_;
        owner->unwatch(fd);
        listener.on_fd_closed_while_watched(fd);
        return;
    }
    if (now.ready != 0) {
        owner->listener_.on_fd_ready(watch->fd, now.ready);
        // The listener may have unwatched fd or destroyed the watches.
        if (watch->owner == nullptr) {
            return;
        }
    }
    watch->owner->arm(watch);
}

} // namespace cordon
