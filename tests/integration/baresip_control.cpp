#include "tests/integration/baresip_control.hpp"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

namespace cordon::test {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto connect_retry_interval = std::chrono::milliseconds(50);
constexpr std::size_t max_length_digits = 9; // a netstring's length prefix
constexpr std::size_t read_chunk_bytes = 4096;

int milliseconds_until(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, 60'000));
}

int connect_once(std::uint16_t port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

std::string string_field(const nlohmann::json &object, const char *name)
{
    const auto found = object.find(name);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

bool true_field(const nlohmann::json &object, const char *name)
{
    const auto found = object.find(name);
    // baresip 1.0 sends true; its documentation shows "true".
    return found != object.end() &&
           ((found->is_boolean() && found->get<bool>()) || (found->is_string() && found->get<std::string>() == "true"));
}

} // namespace

Result<BaresipControl> BaresipControl::connect(std::uint16_t port, Clock::time_point deadline)
{
    for (;;) {
        const int fd = connect_once(port);
        if (fd >= 0) {
            return BaresipControl(fd);
        }
        if (Clock::now() >= deadline) {
            return Error{ErrorCode::unavailable,
                         "baresip's ctrl_tcp did not accept on 127.0.0.1:" + std::to_string(port) + " in time"};
        }
        std::this_thread::sleep_for(connect_retry_interval);
    }
}

BaresipControl::BaresipControl(BaresipControl &&other) noexcept
    : fd_(std::exchange(other.fd_, -1)), buffer_(std::move(other.buffer_)), events_(std::move(other.events_)),
      responses_(std::move(other.responses_)), history_(std::move(other.history_)), next_token_(other.next_token_)
{
}

BaresipControl &BaresipControl::operator=(BaresipControl &&other) noexcept
{
    if (this != &other) {
        if (fd_ >= 0) {
            close(fd_);
        }
        fd_ = std::exchange(other.fd_, -1);
        buffer_ = std::move(other.buffer_);
        events_ = std::move(other.events_);
        responses_ = std::move(other.responses_);
        history_ = std::move(other.history_);
        next_token_ = other.next_token_;
    }
    return *this;
}

BaresipControl::~BaresipControl()
{
    if (fd_ >= 0) {
        close(fd_);
    }
}

Result<std::string> BaresipControl::command(const std::string &name, const std::string &params,
                                            std::chrono::milliseconds timeout)
{
    const std::string line = params.empty() ? name : name + " " + params;
    if (line.size() > baresip_max_command_bytes) {
        return Error{ErrorCode::invalid_argument, "baresip command '" + name + "' is " + std::to_string(line.size()) +
                                                      " bytes; ctrl_tcp cuts it at " +
                                                      std::to_string(baresip_max_command_bytes)};
    }
    const std::string token = "cordon-" + std::to_string(next_token_++);
    nlohmann::json request = {{"command", name}, {"token", token}};
    if (!params.empty()) {
        request["params"] = params;
    }
    const std::string body = request.dump();
    const std::string framed = std::to_string(body.size()) + ":" + body + ",";
    for (std::size_t sent = 0; sent < framed.size();) {
        const ssize_t written = ::send(fd_, framed.data() + sent, framed.size() - sent, MSG_NOSIGNAL);
        if (written <= 0) {
            return Error{ErrorCode::io, "cannot send to baresip's ctrl_tcp: " + std::string(std::strerror(errno))};
        }
        sent += static_cast<std::size_t>(written);
    }

    const auto deadline = Clock::now() + timeout;
    for (;;) {
        while (!responses_.empty()) {
            const auto response = nlohmann::json::parse(responses_.front(), nullptr, false);
            responses_.pop_front();
            if (string_field(response, "token") != token) {
                continue; // an answer to a command given up on earlier
            }
            const std::string data = string_field(response, "data");
            if (!true_field(response, "ok")) {
                return Error{ErrorCode::unavailable, "baresip refused '" + line + "': " + data};
            }
            return data;
        }
        if (auto read = read_message(deadline); !read) {
            return Error{read.error().code, "no answer from baresip to '" + name + "': " + read.error().message};
        }
    }
}

Result<BaresipEvent> BaresipControl::wait_for_event(const std::string &type, std::chrono::milliseconds timeout)
{
    return wait_for_any_event({type}, timeout);
}

Result<BaresipEvent> BaresipControl::wait_for_any_event(const std::vector<std::string> &types,
                                                        std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        const auto found = std::find_if(events_.begin(), events_.end(), [&](const BaresipEvent &event) {
            return std::find(types.begin(), types.end(), event.type) != types.end();
        });
        if (found != events_.end()) {
            BaresipEvent event = std::move(*found);
            events_.erase(found);
            return event;
        }
        if (auto read = read_message(deadline); !read) {
            std::string wanted;
            for (const auto &type : types) {
                wanted += (wanted.empty() ? "" : " or ") + type;
            }
            return Error{read.error().code, "no " + wanted + " event from baresip: " + read.error().message};
        }
    }
}

Result<void> BaresipControl::read_message(Clock::time_point deadline)
{
    auto text = read_netstring(deadline);
    if (!text) {
        return text.error();
    }
    const auto message = nlohmann::json::parse(*text, nullptr, false);
    if (message.is_discarded() || !message.is_object()) {
        return Error{ErrorCode::malformed_input, "baresip sent a netstring that is not a JSON object: " + *text};
    }
    history_.push_back(*text);
    if (true_field(message, "response")) {
        responses_.push_back(*text);
    } else if (true_field(message, "event")) {
        events_.push_back(BaresipEvent{string_field(message, "class"), string_field(message, "type"),
                                       string_field(message, "param"), string_field(message, "id"),
                                       string_field(message, "peeruri"), string_field(message, "accountaor"), *text});
    } else {
        return Error{ErrorCode::malformed_input, "baresip sent neither a response nor an event: " + *text};
    }
    return {};
}

// "LENGTH:PAYLOAD," with LENGTH in decimal digits only.
Result<std::string> BaresipControl::read_netstring(Clock::time_point deadline)
{
    for (;;) {
        const std::size_t colon = buffer_.find(':');
        const std::size_t digits = colon == std::string::npos ? buffer_.size() : colon;
        const bool digits_only = std::all_of(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(digits),
                                             [](char c) { return c >= '0' && c <= '9'; });
        if (!digits_only || digits > max_length_digits || (colon == 0)) {
            return Error{ErrorCode::malformed_input, "baresip sent a malformed netstring length"};
        }
        if (colon != std::string::npos) {
            const std::size_t length = std::stoul(buffer_.substr(0, colon));
            if (length > baresip_max_message_bytes) {
                return Error{ErrorCode::malformed_input, "baresip sent a netstring of " + std::to_string(length) +
                                                             " bytes, above the limit of " +
                                                             std::to_string(baresip_max_message_bytes)};
            }
            if (buffer_.size() >= colon + 1 + length + 1) {
                if (buffer_[colon + 1 + length] != ',') {
                    return Error{ErrorCode::malformed_input, "baresip sent a netstring without its closing comma"};
                }
                std::string payload = buffer_.substr(colon + 1, length);
                buffer_.erase(0, colon + 1 + length + 1);
                return payload;
            }
        }
        if (auto filled = fill(deadline); !filled) {
            return filled.error();
        }
    }
}

Result<void> BaresipControl::fill(Clock::time_point deadline)
{
    pollfd watched{fd_, POLLIN, 0};
    const int ready = ::poll(&watched, 1, milliseconds_until(deadline));
    if (ready == 0) {
        return Error{ErrorCode::unavailable, "timed out"};
    }
    if (ready < 0) {
        return Error{ErrorCode::io, "poll: " + std::string(std::strerror(errno))};
    }
    char chunk[read_chunk_bytes];
    const ssize_t received = ::recv(fd_, chunk, sizeof chunk, 0);
    if (received == 0) {
        return Error{ErrorCode::io, "baresip closed the control connection"};
    }
    if (received < 0) {
        return Error{ErrorCode::io, "recv: " + std::string(std::strerror(errno))};
    }
    buffer_.append(chunk, static_cast<std::size_t>(received));
    return {};
}

} // namespace cordon::test
