#include "tests/integration/process_sockets.hpp"

#include <arpa/inet.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

std::set<std::string> socket_inodes()
{
    std::set<std::string> inodes;
    std::error_code error;
    for (const auto &entry : fs::directory_iterator("/proc/self/fd", error)) {
        const std::string target = fs::read_symlink(entry.path(), error).string();
        if (!error && target.rfind("socket:[", 0) == 0) {
            inodes.insert(target.substr(8, target.size() - 9));
        }
    }
    return inodes;
}

// /proc/net addresses are the kernel's words in hex, in host byte order per 32 bits.
std::string decode_address(const std::string &hex, bool v6)
{
    unsigned char bytes[16] = {};
    const std::size_t words = v6 ? 4 : 1;
    for (std::size_t w = 0; w < words; ++w) {
        const auto word = static_cast<std::uint32_t>(std::stoul(hex.substr(w * 8, 8), nullptr, 16));
        std::memcpy(bytes + w * 4, &word, 4);
    }
    char text[INET6_ADDRSTRLEN] = {};
    inet_ntop(v6 ? AF_INET6 : AF_INET, bytes, text, sizeof text);
    return text;
}

void read_table(const std::string &protocol, const std::set<std::string> &inodes, std::vector<ProcessSocket> &out)
{
    std::ifstream table("/proc/self/net/" + protocol);
    std::string line;
    std::getline(table, line); // the heading
    const bool v6 = protocol.back() == '6';
    while (std::getline(table, line)) {
        std::istringstream fields(line);
        std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
        fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
        if (!inodes.contains(inode)) {
            continue;
        }
        ProcessSocket socket;
        socket.protocol = protocol;
        socket.local_address = decode_address(local.substr(0, local.find(':')), v6);
        socket.local_port = static_cast<std::uint16_t>(std::stoul(local.substr(local.find(':') + 1), nullptr, 16));
        socket.remote_address = decode_address(remote.substr(0, remote.find(':')), v6);
        socket.remote_port = static_cast<std::uint16_t>(std::stoul(remote.substr(remote.find(':') + 1), nullptr, 16));
        socket.listening = protocol.rfind("tcp", 0) == 0 && state == "0A";
        out.push_back(socket);
    }
}

} // namespace

std::vector<ProcessSocket> process_sockets()
{
    const auto inodes = socket_inodes();
    std::vector<ProcessSocket> sockets;
    for (const char *protocol : {"tcp", "tcp6", "udp", "udp6"}) {
        read_table(protocol, inodes, sockets);
    }
    return sockets;
}

std::pair<std::uint16_t, std::uint16_t> ephemeral_port_range()
{
    std::ifstream range("/proc/sys/net/ipv4/ip_local_port_range");
    unsigned low = 0;
    unsigned high = 0;
    range >> low >> high;
    return {static_cast<std::uint16_t>(low), static_cast<std::uint16_t>(high)};
}

} // namespace cordon::test
