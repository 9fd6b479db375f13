#include "sandbox/lockdown/supervised_program_delivery.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "sandbox/lockdown/passed_descriptors.hpp"

namespace cordon::sandbox {
namespace {

// Bumped when the message changes; host and child come from one build.
constexpr uint32_t delivery_version = 2;
// More descriptors than any locked-down process keeps.
constexpr size_t max_kept_fds = 16;
// The host's reason for sending no ruleset, cut to fit.
constexpr size_t reason_bytes = 160;

struct ProgramHeader {
    uint32_t version;
    int32_t pid;
    uint32_t kept_count;
    std::array<int32_t, max_kept_fds> kept_fds;
    int32_t handover_fd;
    uint32_t instruction_count;
    int32_t landlock_abi;                           // > 0: the ruleset is the message's one descriptor
    std::array<char, reason_bytes> landlock_reason; // abi 0: why there is none, NUL-padded
};

Error delivery_error(const std::string &what)
{
    return Error{ErrorCode::io, "sandbox seccomp program from the host: " + what};
}

} // namespace

Result<void> send_supervised_program(int socket_fd, const SupervisedProgram &program, const LandlockRuleset &ruleset)
{
    if (program.kept_fds.size() > max_kept_fds || program.instructions.empty() ||
        program.instructions.size() > BPF_MAXINSNS) {
        return delivery_error("a program for " + std::to_string(program.kept_fds.size()) + " descriptors with " +
                              std::to_string(program.instructions.size()) + " instructions cannot be sent");
    }
    ProgramHeader header{};
    header.version = delivery_version;
    header.pid = program.pid;
    header.kept_count = static_cast<uint32_t>(program.kept_fds.size());
    std::copy(program.kept_fds.begin(), program.kept_fds.end(), header.kept_fds.begin());
    header.handover_fd = program.handover_fd;
    header.instruction_count = static_cast<uint32_t>(program.instructions.size());
    header.landlock_abi = ruleset.fd() >= 0 ? ruleset.abi() : 0;
    ruleset.reason().copy(header.landlock_reason.data(), header.landlock_reason.size() - 1);
    std::array<iovec, 2> parts{
        {{&header, sizeof(header)},
         {const_cast<sock_filter *>(program.instructions.data()), program.instructions.size() * sizeof(sock_filter)}}};
    msghdr message{};
    message.msg_iov = parts.data();
    message.msg_iovlen = parts.size();
    PassedDescriptor passed_ruleset(ruleset.fd());
    if (header.landlock_abi > 0) {
        passed_ruleset.attach_to(message);
    }
    const size_t expected = parts[0].iov_len + parts[1].iov_len;
    ssize_t sent = -1;
    while ((sent = sendmsg(socket_fd, &message, MSG_NOSIGNAL)) < 0 && errno == EINTR) {
    }
    if (sent < 0 && (errno == EPIPE || errno == ECONNRESET)) {
        return Error{ErrorCode::unavailable, "sandbox seccomp program from the host: the child has already ended"};
    }
    if (sent != static_cast<ssize_t>(expected)) {
        return delivery_error(std::string("sendmsg: ") + (sent < 0 ? std::strerror(errno) : "short write"));
    }
    return {};
}

Result<SupervisedDelivery> receive_supervised_program(int socket_fd, std::chrono::milliseconds wait)
{
    pollfd arrival{socket_fd, POLLIN, 0};
    int ready = -1;
    while ((ready = poll(&arrival, 1, static_cast<int>(wait.count()))) < 0 && errno == EINTR) {
    }
    if (ready == 0) {
        return delivery_error("none arrived within " + std::to_string(wait.count()) + " ms");
    }
    ProgramHeader header{};
    // One instruction more than the kernel takes: a longer program shows as
    // too long instead of arriving cut. Not zeroed: only what arrives is read.
    constexpr size_t room = BPF_MAXINSNS + 1;
    const auto instructions = std::make_unique_for_overwrite<sock_filter[]>(room);
    std::array<iovec, 2> parts{{{&header, sizeof(header)}, {instructions.get(), room * sizeof(sock_filter)}}};
    // Room for two descriptors, so a message carrying more than the one
    // ruleset is seen (and refused) rather than cut.
    alignas(cmsghdr) std::array<char, CMSG_SPACE(2 * sizeof(int))> control{};
    msghdr message{};
    message.msg_iov = parts.data();
    message.msg_iovlen = parts.size();
    message.msg_control = control.data();
    message.msg_controllen = control.size();
    ssize_t received = -1;
    while ((received = recvmsg(socket_fd, &message, MSG_DONTWAIT | MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) {
    }
    if (received < 0) {
        return delivery_error(std::string("recvmsg: ") + std::strerror(errno));
    }
    const std::vector<int> descriptors = passed_descriptors(message);
    const auto refuse = [&descriptors](const std::string &why) {
        close_each(descriptors);
        return delivery_error(why);
    };
    if (received == 0) {
        return refuse("the host closed the socket without sending one");
    }
    if ((message.msg_flags & MSG_TRUNC) != 0) {
        return refuse("the message was longer than any program");
    }
    if ((message.msg_flags & MSG_CTRUNC) != 0) {
        return refuse("the message carried more descriptors than the one ruleset");
    }
    if (static_cast<size_t>(received) < sizeof(header)) {
        return refuse("a message of " + std::to_string(received) + " bytes, shorter than its header");
    }
    if (header.version != delivery_version) {
        return refuse("version " + std::to_string(header.version) + ", not " + std::to_string(delivery_version));
    }
    const size_t body = static_cast<size_t>(received) - sizeof(header);
    if (header.kept_count > max_kept_fds || header.instruction_count == 0 || header.instruction_count > BPF_MAXINSNS ||
        body != header.instruction_count * sizeof(sock_filter) || header.landlock_abi < 0) {
        return refuse("sizes that do not add up (" + std::to_string(header.kept_count) + " descriptors, " +
                      std::to_string(header.instruction_count) + " instructions, " + std::to_string(body) +
                      " bytes of program, Landlock ABI " + std::to_string(header.landlock_abi) + ")");
    }
    const size_t announced = header.landlock_abi > 0 ? 1 : 0;
    if (descriptors.size() != announced) {
        return refuse("the message carried " + std::to_string(descriptors.size()) + " descriptors, not the " +
                      std::to_string(announced) + " its header announces");
    }
    SupervisedDelivery delivery{
        SupervisedProgram{header.pid,
                          std::vector<int>(header.kept_fds.begin(), header.kept_fds.begin() + header.kept_count),
                          header.handover_fd,
                          std::vector<sock_filter>(instructions.get(), instructions.get() + header.instruction_count)},
        header.landlock_abi > 0 ? LandlockRuleset::built(descriptors.front(), header.landlock_abi)
                                : LandlockRuleset::unavailable(std::string(
                                      header.landlock_reason.data(),
                                      strnlen(header.landlock_reason.data(), header.landlock_reason.size())))};
    return delivery;
}

} // namespace cordon::sandbox
