// A TCP listener on 127.0.0.1 that a hostile plugin aims at, so a test can
// prove that no connection arrived.
#pragma once

#include <cstdint>

namespace cordon::sandbox::test {

class TcpListener {
public:
    // Listens on port; throws when the port cannot be bound.
    explicit TcpListener(uint16_t port);
    ~TcpListener();
    TcpListener(const TcpListener &) = delete;
    TcpListener &operator=(const TcpListener &) = delete;

    // True when a connection is waiting to be accepted.
    bool has_connection() const;

private:
    int fd_ = -1;
};

} // namespace cordon::sandbox::test
