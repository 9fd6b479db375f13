// The host's end of a sandbox child's seccomp user-notification listener.
// Every call the child's filter does not allow outright stops the child and
// arrives here, with the number and arguments the kernel saw: a channel the
// plugin cannot write to. The host lets a call through (while the plugin
// loads) or kills the child.
#pragma once

#include <linux/seccomp.h>

#include <cstdint>
#include <optional>

namespace cordon::sandbox {

struct ListenerNotification {
    uint64_t id = 0;
    seccomp_data call{};
};

class SeccompListener {
public:
    SeccompListener() = default;
    // Takes the descriptor, and asks the kernel to wake each side of a
    // round trip on the other's CPU (where the kernel can).
    explicit SeccompListener(int fd);
    ~SeccompListener();
    SeccompListener(SeccompListener &&other) noexcept;
    SeccompListener &operator=(SeccompListener &&other) noexcept;
    SeccompListener(const SeccompListener &) = delete;
    SeccompListener &operator=(const SeccompListener &) = delete;

    int fd() const { return fd_; }
    // The pending call, once poll said the listener is readable; nullopt
    // when there is none (the call was interrupted, or the child is gone).
    std::optional<ListenerNotification> receive() const;
    // Lets the stopped call run as the child made it. false when the call is
    // no longer pending.
    bool let_through(uint64_t id) const;

private:
    int fd_ = -1;
};

} // namespace cordon::sandbox
