#include "sandbox/lockdown/passed_descriptors.hpp"

#include <unistd.h>

#include <cstring>

namespace cordon::sandbox {

void PassedDescriptor::attach_to(msghdr &message)
{
    message.msg_control = control_.data();
    message.msg_controllen = control_.size();
    cmsghdr *rights = CMSG_FIRSTHDR(&message);
    rights->cmsg_level = SOL_SOCKET;
    rights->cmsg_type = SCM_RIGHTS;
    rights->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(rights), &fd_, sizeof(int));
}

std::vector<int> passed_descriptors(msghdr &message)
{
    std::vector<int> descriptors;
    for (cmsghdr *part = CMSG_FIRSTHDR(&message); part != nullptr; part = CMSG_NXTHDR(&message, part)) {
        if (part->cmsg_level != SOL_SOCKET || part->cmsg_type != SCM_RIGHTS) {
            continue;
        }
        const size_t count = (part->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t index = 0; index < count; ++index) {
            int fd = -1;
            std::memcpy(&fd, CMSG_DATA(part) + index * sizeof(int), sizeof(int));
            descriptors.push_back(fd);
        }
    }
    return descriptors;
}

void close_each(const std::vector<int> &fds)
{
    for (const int fd : fds) {
        close(fd);
    }
}

} // namespace cordon::sandbox
