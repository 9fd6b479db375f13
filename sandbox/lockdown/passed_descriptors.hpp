// Descriptors passed over a Unix socket (SCM_RIGHTS), as the handover and
// the delivery of the host's filter read them.
#pragma once

#include <sys/socket.h>

#include <array>
#include <vector>

namespace cordon::sandbox {

// Room for one descriptor in a message to send; attach_to points the
// message's control data here, so it must outlive the sendmsg.
class PassedDescriptor {
public:
    explicit PassedDescriptor(int fd) : fd_(fd) {}
    void attach_to(msghdr &message);

private:
    int fd_;
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int))> control_{};
};

// Every descriptor a received message carried, in order. The kernel has
// already installed them: the caller owns each, refused message or not.
std::vector<int> passed_descriptors(msghdr &message);

// Closes each of fds (a refused message keeps none of what it carried).
void close_each(const std::vector<int> &fds);

} // namespace cordon::sandbox
