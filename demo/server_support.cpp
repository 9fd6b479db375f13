#include "demo/server_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace cordon::demo {

namespace {

bool executable_file(const std::filesystem::path &path)
{
    std::error_code ignored;
    return std::filesystem::is_regular_file(path, ignored) && access(path.c_str(), X_OK) == 0;
}

} // namespace

Result<std::filesystem::path> find_program(std::string_view name, const std::string &configured,
                                           const char *environment_variable,
                                           const std::vector<std::filesystem::path> &extra_directories,
                                           std::string_view install_hint)
{
    std::string chosen = configured;
    if (chosen.empty()) {
        if (const char *from_environment = std::getenv(environment_variable); from_environment != nullptr) {
            chosen = from_environment;
        }
    }
    if (!chosen.empty()) {
        if (executable_file(chosen)) {
            return std::filesystem::path(chosen);
        }
        return Error{ErrorCode::not_found,
                     std::string(name) + " not found at " + chosen + "; " + std::string(install_hint)};
    }
    std::vector<std::filesystem::path> directories;
    if (const char *path = std::getenv("PATH"); path != nullptr) {
        std::stringstream entries(path);
        for (std::string entry; std::getline(entries, entry, ':');) {
            directories.emplace_back(entry.empty() ? "." : entry);
        }
    }
    directories.insert(directories.end(), extra_directories.begin(), extra_directories.end());
    for (const auto &directory : directories) {
        if (executable_file(directory / name)) {
            return directory / name;
        }
    }
    std::string searched = "PATH";
    for (const auto &directory : extra_directories) {
        searched += ", " + directory.string();
    }
    return Error{ErrorCode::not_found,
                 std::string(name) + " is not installed (not in " + searched + "); " + std::string(install_hint)};
}

Result<std::filesystem::path> make_run_directory(std::string_view prefix)
{
    std::string name = (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
    if (mkdtemp(name.data()) == nullptr) {
        return Error{ErrorCode::io, "cannot create a directory like " + name};
    }
    return std::filesystem::path(name);
}

int bind_loopback(int type, std::uint16_t &port)
{
    const int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    socklen_t length = sizeof address;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        if (fd >= 0) {
            close(fd);
        }
        return -1;
    }
    port = ntohs(address.sin_port);
    return fd;
}

std::string read_text(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

Result<void> write_text(const std::filesystem::path &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
        return Error{ErrorCode::io, "cannot write " + path.string()};
    }
    return {};
}

std::string last_lines(const std::string &text, std::size_t count)
{
    std::size_t start = text.size();
    for (std::size_t found = 0; start > 0 && found <= count;) {
        --start;
        found += text[start] == '\n' ? 1 : 0;
    }
    return text.substr(start);
}

} // namespace cordon::demo
