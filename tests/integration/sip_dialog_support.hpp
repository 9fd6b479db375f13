// What raw-SIP tests need beyond one request and its answer: messages that
// arrive out of order on one socket (a NOTIFY before the 200 of its
// SUBSCRIBE), a 407 answered, a response written by hand, and the tags and
// URIs a dialog is made of.
#pragma once

#include "tests/integration/kamailio_test_support.hpp"

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace cordon::test {

// Reads a Peer; what a caller did not ask for yet is set aside, in order,
// and offered first on the next call.
class Inbox {
public:
    explicit Inbox(Peer &peer) : peer_(peer) {}

    std::optional<std::string> next(const std::function<bool(const std::string &)> &wanted)
    {
        for (auto kept = set_aside_.begin(); kept != set_aside_.end(); ++kept) {
            if (wanted(*kept)) {
                std::string message = std::move(*kept);
                set_aside_.erase(kept);
                return message;
            }
        }
        while (auto message = peer_.receive()) {
            if (wanted(*message)) {
                return message;
            }
            set_aside_.push_back(std::move(*message));
        }
        return std::nullopt;
    }

    // The next final response (provisional ones are dropped).
    std::optional<std::string> final_response()
    {
        auto response = next([](const std::string &message) { return status_code(message) != 0; });
        while (response && status_code(*response) < 200) {
            response = next([](const std::string &message) { return status_code(message) != 0; });
        }
        return response;
    }

    std::optional<std::string> request(std::string_view method)
    {
        const std::string start = std::string(method) + " ";
        return next([&start](const std::string &message) { return message.starts_with(start); });
    }

    // Requests and responses set aside and not asked for.
    const std::deque<std::string> &unclaimed() const { return set_aside_; }

private:
    Peer &peer_;
    std::deque<std::string> set_aside_;
};

// Sends `request`, waits for its 407 and sends it again with the credentials
// of `user` (next CSeq); false when no 407 came. Does not wait for the
// answer: a relayed request is answered once its callee has.
inline bool send_past_challenge(Peer &peer, Inbox &inbox, SipRequest &request, const SipUser &user)
{
    if (!peer.send(request)) {
        return false;
    }
    const auto response = inbox.final_response();
    if (!response || status_code(*response) != 407) {
        return false;
    }
    const auto answer =
        answer_digest(only_header(*response, "Proxy-Authenticate"), user, request.method, request.request_uri);
    if (!answer) {
        return false;
    }
    ++request.cseq;
    request.extra_headers.push_back("Proxy-Authorization: " + *answer);
    const bool sent = static_cast<bool>(peer.send(request));
    request.extra_headers.pop_back();
    return sent;
}

// send_past_challenge(), then the final response to the answered request.
inline std::optional<std::string> send_authenticated(Peer &peer, Inbox &inbox, SipRequest &request, const SipUser &user)
{
    if (!send_past_challenge(peer, inbox, request, user)) {
        return std::nullopt;
    }
    return inbox.final_response();
}

// A UAS's response to `request`: Via, Record-Route, From, Call-ID and CSeq
// copied; To copied, with `to_tag` added when given; a Contact when given.
inline std::string response_to(const std::string &request, const std::string &status, const std::string &to_tag = {},
                               const std::string &contact = {})
{
    std::string response = "SIP/2.0 " + status + "\r\n";
    for (const char *name : {"Via", "Record-Route", "From", "Call-ID", "CSeq"}) {
        for (const auto &value : header_values(request, name)) {
            response += std::string(name) + ": " + value + "\r\n";
        }
    }
    response += "To: " + only_header(request, "To") + (to_tag.empty() ? "" : ";tag=" + to_tag) + "\r\n";
    if (!contact.empty()) {
        response += "Contact: " + contact + "\r\n";
    }
    return response + "Content-Length: 0\r\n\r\n";
}

// The tag parameter of a From or To value, or "".
inline std::string tag_of(std::string_view header_value)
{
    constexpr std::string_view marker = ";tag=";
    const auto start = header_value.find(marker);
    if (start == std::string_view::npos) {
        return "";
    }
    const auto value = header_value.substr(start + marker.size());
    return std::string(value.substr(0, value.find_first_of(";> \t")));
}

// The URI between < and > in a Contact or Route value, or "".
inline std::string uri_of(std::string_view header_value)
{
    const auto open = header_value.find('<');
    const auto close = header_value.find('>', open);
    if (open == std::string_view::npos || close == std::string_view::npos) {
        return "";
    }
    return std::string(header_value.substr(open + 1, close - open - 1));
}

// The Request-URI of a request's start line, or "".
inline std::string request_uri_of(std::string_view request)
{
    const auto first_space = request.find(' ');
    const auto second_space = request.find(' ', first_space + 1);
    if (first_space == std::string_view::npos || second_space == std::string_view::npos) {
        return "";
    }
    return std::string(request.substr(first_space + 1, second_space - first_space - 1));
}

// What follows the header section of a message, or "".
inline std::string body_of(std::string_view message)
{
    const auto end = message.find("\r\n\r\n");
    return end == std::string_view::npos ? "" : std::string(message.substr(end + 4));
}

} // namespace cordon::test
