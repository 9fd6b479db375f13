#include "tests/sandbox/hostile/tcp_listener.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace cordon::sandbox::test {

TcpListener::TcpListener(uint16_t port)
{
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int on = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || bind(fd_, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0 ||
        listen(fd_, 4) != 0) {
        const std::string reason = std::strerror(errno);
        if (fd_ >= 0) {
            close(fd_);
        }
        throw std::runtime_error("cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + reason);
    }
}

TcpListener::~TcpListener() { close(fd_); }

bool TcpListener::has_connection() const
{
    pollfd pending{fd_, POLLIN, 0};
    return poll(&pending, 1, 0) == 1;
}

} // namespace cordon::sandbox::test
