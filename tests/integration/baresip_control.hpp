// A client of baresip's ctrl_tcp module: JSON messages framed as netstrings
// ("LENGTH:JSON,") over one TCP connection. A command goes out as
// {"command":..., "params":..., "token":...}; baresip answers with
// {"response":true, "ok":..., "data":..., "token":...} and, in between,
// sends events such as {"event":true, "class":"call", "type":"CALL_ESTABLISHED",
// "param":..., "id":..., "peeruri":..., "accountaor":...}. Everything read is
// checked (netstring length, JSON shape) before use; events are kept in
// arrival order until a test asks for them.
#pragma once

#include <cordon/host/result.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace cordon::test {

// ctrl_tcp prints a command and its parameters into 256 bytes; a longer
// line would be cut silently, so the client refuses it.
inline constexpr std::size_t baresip_max_command_bytes = 255;
// Far above any response or event of baresip 1.0 (a call list is a few hundred bytes).
inline constexpr std::size_t baresip_max_message_bytes = 65536;

struct BaresipEvent {
    std::string event_class; // "call", "register", "other", ...
    std::string type;        // CALL_INCOMING, CALL_ESTABLISHED, CALL_CLOSED, CALL_MENC, REGISTER_OK, ...
    std::string param;       // e.g. the reason of CALL_CLOSED, "0,audio,AES_CM_128_HMAC_SHA1_80" of CALL_MENC
    std::string call_id;     // "id": baresip's call id, empty for account events
    std::string peer_uri;
    std::string account; // "accountaor"
    std::string json;    // the whole message, for failure messages
};

class BaresipControl {
public:
    // Connects to 127.0.0.1:port, retrying until `deadline` (baresip opens
    // the port once its modules are loaded).
    static Result<BaresipControl> connect(std::uint16_t port, std::chrono::steady_clock::time_point deadline);

    BaresipControl(BaresipControl &&other) noexcept;
    BaresipControl &operator=(BaresipControl &&other) noexcept;
    BaresipControl(const BaresipControl &) = delete;
    BaresipControl &operator=(const BaresipControl &) = delete;
    ~BaresipControl();

    // Sends a command (a long command of baresip's menu: dial, accept,
    // hangup, uanew, reginfo, listcalls, ...) and returns its response's
    // data; ok=false becomes an error carrying that data.
    Result<std::string> command(const std::string &name, const std::string &params, std::chrono::milliseconds timeout);

    // The first event of this type not taken before (events of other types
    // stay queued), waiting up to `timeout`.
    Result<BaresipEvent> wait_for_event(const std::string &type, std::chrono::milliseconds timeout);
    // The same for the first event of any of these types (e.g. REGISTER_OK or REGISTER_FAIL).
    Result<BaresipEvent> wait_for_any_event(const std::vector<std::string> &types, std::chrono::milliseconds timeout);

    // Every event received so far, taken or not, for failure messages.
    const std::vector<std::string> &event_history() const { return history_; }

private:
    explicit BaresipControl(int fd) : fd_(fd) {}
    // Reads one message into events_ (or returns it when it is a response).
    Result<void> read_message(std::chrono::steady_clock::time_point deadline);
    Result<std::string> read_netstring(std::chrono::steady_clock::time_point deadline);
    Result<void> fill(std::chrono::steady_clock::time_point deadline);

    int fd_ = -1;
    std::string buffer_;                // bytes received, not yet a whole netstring
    std::deque<BaresipEvent> events_;   // not yet taken
    std::deque<std::string> responses_; // raw JSON of responses not yet matched
    std::vector<std::string> history_;
    std::uint64_t next_token_ = 1;
};

} // namespace cordon::test
