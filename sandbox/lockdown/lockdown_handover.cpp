#include "sandbox/lockdown/lockdown_handover.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>

#include "sandbox/lockdown/namespaces.hpp"
#include "sandbox/lockdown/passed_descriptors.hpp"

namespace cordon::sandbox {
namespace {

// Bumped when the message changes; host and child come from one build.
constexpr uint32_t handover_version = 1;

struct HandoverMessage {
    uint32_t version;
    uint32_t landlock_abi;
    uint32_t unavailable_namespaces; // bit i: sandbox_namespace_names()[i]
    uint32_t address_space_limited;
};

Error handover_error(const std::string &what) { return Error{ErrorCode::io, "sandbox lockdown handover: " + what}; }

} // namespace

Result<void> send_lockdown_handover(int socket_fd, const LockdownReport &report, int listener_fd)
{
    HandoverMessage message{handover_version, static_cast<uint32_t>(report.landlock_abi),
                            namespace_mask(report.unavailable_namespaces), report.address_space_limited ? 1U : 0U};
    iovec payload{&message, sizeof(message)};
    msghdr header{};
    header.msg_iov = &payload;
    header.msg_iovlen = 1;
    PassedDescriptor listener(listener_fd);
    listener.attach_to(header);
    ssize_t sent = -1;
    while ((sent = sendmsg(socket_fd, &header, MSG_NOSIGNAL)) < 0 && errno == EINTR) {
    }
    if (sent != static_cast<ssize_t>(sizeof(message))) {
        return handover_error(std::string("sendmsg: ") + (sent < 0 ? std::strerror(errno) : "short write"));
    }
    return {};
}

Result<ReceivedHandover> receive_lockdown_handover(int socket_fd)
{
    HandoverMessage message{};
    iovec payload{&message, sizeof(message)};
    // Room for more than one descriptor, so a message carrying several is
    // seen (and refused) rather than cut with MSG_CTRUNC.
    alignas(cmsghdr) std::array<char, CMSG_SPACE(4 * sizeof(int))> control{};
    msghdr header{};
    header.msg_iov = &payload;
    header.msg_iovlen = 1;
    header.msg_control = control.data();
    header.msg_controllen = control.size();
    ssize_t received = -1;
    while ((received = recvmsg(socket_fd, &header, MSG_CMSG_CLOEXEC | MSG_DONTWAIT)) < 0 && errno == EINTR) {
    }
    if (received < 0) {
        return handover_error(std::string("recvmsg: ") + std::strerror(errno));
    }
    const std::vector<int> descriptors = passed_descriptors(header);
    const auto refuse = [&descriptors](const std::string &why) {
        close_each(descriptors);
        return handover_error(why);
    };
    if (received == 0) {
        return refuse("the child closed the socket without sending its report");
    }
    if (received != static_cast<ssize_t>(sizeof(message)) || (header.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0) {
        return refuse("a message of " + std::to_string(received) + " bytes, not " + std::to_string(sizeof(message)));
    }
    if (message.version != handover_version) {
        return refuse("version " + std::to_string(message.version) + ", not " + std::to_string(handover_version));
    }
    if (descriptors.size() != 1) {
        return refuse(std::to_string(descriptors.size()) + " descriptors, not the one listener");
    }
    ReceivedHandover handover;
    handover.listener_fd = descriptors.front();
    handover.report.landlock_abi = static_cast<int>(message.landlock_abi);
    handover.report.unavailable_namespaces = namespace_names_in(message.unavailable_namespaces);
    handover.report.address_space_limited = message.address_space_limited != 0;
    return handover;
}

} // namespace cordon::sandbox
