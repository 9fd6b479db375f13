#include "supervised_program_delivery.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace cordon::sandbox {
namespace {

// Bumped when the message changes; host and child come from one build.
constexpr uint32_t kDeliveryVersion = 1;
// More descriptors than any locked-down process keeps.
constexpr size_t kMaxKeptFds = 16;

struct ProgramHeader {
    uint32_t version;
    int32_t pid;
    uint32_t kept_count;
    std::array<int32_t, kMaxKeptFds> kept_fds;
    int32_t handover_fd;
    uint32_t instruction_count;
};

Error delivery_error(const std::string &what)
{
    return Error{ErrorCode::io, "sandbox seccomp program from the host: " + what};
}

} // namespace

Result<void> send_supervised_program(int socket_fd, const SupervisedProgram &program)
{
    if (program.kept_fds.size() > kMaxKeptFds || program.instructions.empty() ||
        program.instructions.size() > BPF_MAXINSNS) {
        return delivery_error("a program for " + std::to_string(program.kept_fds.size()) + " descriptors with " +
                              std::to_string(program.instructions.size()) + " instructions cannot be sent");
    }
    ProgramHeader header{};
    header.version = kDeliveryVersion;
    header.pid = program.pid;
    header.kept_count = static_cast<uint32_t>(program.kept_fds.size());
    std::copy(program.kept_fds.begin(), program.kept_fds.end(), header.kept_fds.begin());
    header.handover_fd = program.handover_fd;
    header.instruction_count = static_cast<uint32_t>(program.instructions.size());
    std::array<iovec, 2> parts{
        {{&header, sizeof(header)},
         {const_cast<sock_filter *>(program.instructions.data()), program.instructions.size() * sizeof(sock_filter)}}};
    msghdr message{};
    message.msg_iov = parts.data();
    message.msg_iovlen = parts.size();
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

Result<SupervisedProgram> receive_supervised_program(int socket_fd, std::chrono::milliseconds wait)
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
    // too long instead of arriving cut.
    std::vector<sock_filter> instructions(BPF_MAXINSNS + 1);
    std::array<iovec, 2> parts{
        {{&header, sizeof(header)}, {instructions.data(), instructions.size() * sizeof(sock_filter)}}};
    msghdr message{};
    message.msg_iov = parts.data();
    message.msg_iovlen = parts.size();
    ssize_t received = -1;
    while ((received = recvmsg(socket_fd, &message, MSG_DONTWAIT | MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) {
    }
    if (received < 0) {
        return delivery_error(std::string("recvmsg: ") + std::strerror(errno));
    }
    if (received == 0) {
        return delivery_error("the host closed the socket without sending one");
    }
    if ((message.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0) {
        return delivery_error("the message was longer than any program, or carried descriptors");
    }
    if (static_cast<size_t>(received) < sizeof(header)) {
        return delivery_error("a message of " + std::to_string(received) + " bytes, shorter than its header");
    }
    if (header.version != kDeliveryVersion) {
        return delivery_error("version " + std::to_string(header.version) + ", not " +
                              std::to_string(kDeliveryVersion));
    }
    const size_t body = static_cast<size_t>(received) - sizeof(header);
    if (header.kept_count > kMaxKeptFds || header.instruction_count == 0 || header.instruction_count > BPF_MAXINSNS ||
        body != header.instruction_count * sizeof(sock_filter)) {
        return delivery_error("sizes that do not add up (" + std::to_string(header.kept_count) + " descriptors, " +
                              std::to_string(header.instruction_count) + " instructions, " + std::to_string(body) +
                              " bytes of program)");
    }
    instructions.resize(header.instruction_count);
    SupervisedProgram program;
    program.pid = header.pid;
    program.kept_fds.assign(header.kept_fds.begin(), header.kept_fds.begin() + header.kept_count);
    program.handover_fd = header.handover_fd;
    program.instructions = std::move(instructions);
    return program;
}

} // namespace cordon::sandbox
