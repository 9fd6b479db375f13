// Watches on descriptors a plugin owns, run on the host's Boost.Asio loop
// (the service behind cordon_transport_host.watch_fd). Level triggered: while
// a descriptor stays ready for an interest it keeps, the listener hears of it
// again, one turn of the loop later, so one busy descriptor cannot starve the
// rest. The host never closes a watched descriptor: it is released, never
// closed, when unwatched or when the watches are destroyed.
#pragma once

#include <cstdint>
#include <map>
#include <memory>

#include "cordon/host/result.hpp"

namespace boost::asio {
class io_context;
}

namespace cordon {

// Hears what the watched descriptors do. Called on the loop's thread; it may
// watch, unwatch, or destroy the FdWatches that called it.
class FdWatchListener {
public:
    // ready: CORDON_FD_* bits, only those the watch is interested in, plus
    // CORDON_FD_ERROR on an error or hang-up.
    virtual void on_fd_ready(int fd, uint32_t ready) = 0;
    // fd was found closed while still watched; the watch is already gone.
    virtual void on_fd_closed_while_watched(int fd) = 0;

protected:
    ~FdWatchListener() = default;
};

class FdWatches {
public:
    FdWatches(boost::asio::io_context &loop, FdWatchListener &listener);
    // Releases every descriptor still watched; pending waits end unheard.
    ~FdWatches();
    FdWatches(const FdWatches &) = delete;
    FdWatches &operator=(const FdWatches &) = delete;

    // Starts watching fd, or changes its interest (CORDON_FD_READABLE |
    // CORDON_FD_WRITABLE; 0 pauses). invalid_argument for a closed fd, other
    // bits, or a descriptor the loop cannot watch.
    Result<void> watch(int fd, uint32_t interest);
    // Stops watching fd; no listener call for it follows. Unknown fds are ignored.
    void unwatch(int fd);
    size_t size() const { return watches_.size(); }

    struct Watch;

private:
    void arm(const std::shared_ptr<Watch> &watch);
    static void dispatch(const std::shared_ptr<Watch> &watch);
    void forget(int fd);

    boost::asio::io_context &loop_;
    FdWatchListener &listener_;
    std::map<int, std::shared_ptr<Watch>> watches_;
};

} // namespace cordon
