// The sockets this process holds, read from /proc: for proving that Cordon
// listens nowhere and binds no datagram socket to a wildcard or fixed port.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cordon::test {

struct ProcessSocket {
    std::string protocol; // "tcp", "tcp6", "udp", "udp6"
    std::string local_address;
    std::uint16_t local_port = 0;
    std::string remote_address;
    std::uint16_t remote_port = 0;
    bool listening = false; // TCP state LISTEN
};

// Every IP socket whose inode one of this process's descriptors holds.
std::vector<ProcessSocket> process_sockets();

// The kernel's ephemeral port range (net.ipv4.ip_local_port_range).
std::pair<std::uint16_t, std::uint16_t> ephemeral_port_range();

} // namespace cordon::test
