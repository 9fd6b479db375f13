// A party the test plays with hand-written SIP against a Cordon agent that
// runs on the same thread: while it waits for a message it runs the agent's
// loop, so neither side stalls the other. What it did not ask for yet is
// set aside, in order, and offered first next time. With it a test controls
// exactly what the peer never sends: an ACK, a CANCEL, media.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>

#include "tests/integration/kamailio_test_support.hpp"
#include "tests/integration/sip_dialog_support.hpp"

namespace cordon::test {

class RawSipParty {
public:
    using Wanted = std::function<bool(const std::string &message)>;
    using Tick = std::function<void()>;

    RawSipParty(Peer peer, boost::asio::io_context &loop) : peer_(std::move(peer)), loop_(loop) {}

    Peer &peer() { return peer_; }

    // The first message `wanted` accepts, within limit; tick runs between
    // slices of the loop (to send media meanwhile).
    std::optional<std::string> await(const Wanted &wanted, std::chrono::milliseconds limit, const Tick &tick = {})
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (true) {
            for (auto kept = set_aside_.begin(); kept != set_aside_.end(); ++kept) {
                if (wanted(*kept)) {
                    std::string message = std::move(*kept);
                    set_aside_.erase(kept);
                    return message;
                }
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                return std::nullopt;
            }
            loop_.run_for(std::chrono::milliseconds(5));
            loop_.restart();
            if (tick) {
                tick();
            }
            while (auto message = peer_.receive(std::chrono::milliseconds(1))) {
                set_aside_.push_back(std::move(*message));
            }
        }
    }

    // Runs the loop (and tick) for duration, keeping what arrives.
    void pump(std::chrono::milliseconds duration, const Tick &tick = {})
    {
        (void)await([](const std::string &) { return false; }, duration, tick);
    }

    std::optional<std::string> await_request(std::string_view method, std::chrono::milliseconds limit,
                                             const Tick &tick = {})
    {
        const std::string start = std::string(method) + " ";
        return await([&start](const std::string &message) { return message.starts_with(start); }, limit, tick);
    }

    // The first response with a status of at least `lowest` (100: any).
    std::optional<std::string> await_response(int lowest, std::chrono::milliseconds limit, const Tick &tick = {})
    {
        return await([lowest](const std::string &message) { return status_code(message) >= lowest; }, limit, tick);
    }

    // Sends request (INVITE, MESSAGE...) past Kamailio's 407 for user; the
    // answered request keeps its CSeq and credentials for a CANCEL or ACK.
    bool send_past_challenge(SipRequest &request, const SipUser &user)
    {
        if (!peer_.send(request)) {
            return false;
        }
        const auto challenge = await_response(200, std::chrono::seconds(3));
        if (!challenge || status_code(*challenge) != 407) {
            return false;
        }
        const auto answer =
            answer_digest(only_header(*challenge, "Proxy-Authenticate"), user, request.method, request.request_uri);
        if (!answer) {
            return false;
        }
        ++request.cseq;
        request.extra_headers.push_back("Proxy-Authorization: " + *answer);
        return static_cast<bool>(peer_.send(request));
    }

    std::size_t count_set_aside(const Wanted &which) const
    {
        std::size_t count = 0;
        for (const auto &message : set_aside_) {
            count += which(message) ? 1 : 0;
        }
        return count;
    }

private:
    Peer peer_;
    boost::asio::io_context &loop_;
    std::deque<std::string> set_aside_;
};

// The ACK of a 2xx to an INVITE sent as `transport` from local_port (RFC
// 3261 section 13.2.2.4): to the Contact of the 2xx, through its
// Record-Route reversed, with the INVITE's CSeq number.
inline std::string ack_for(const std::string &ok, const std::string &transport, std::uint16_t local_port)
{
    std::vector<std::string> routes;
    for (const auto &value : header_values(ok, "Record-Route")) {
        std::size_t start = 0;
        while (start < value.size()) {
            const std::size_t comma = std::min(value.find(',', start), value.size());
            routes.insert(routes.begin(), value.substr(start, comma - start));
            start = comma + 1;
        }
    }
    const std::string cseq = only_header(ok, "CSeq");
    std::string ack = "ACK " + uri_of(only_header(ok, "Contact")) + " SIP/2.0\r\n";
    ack += "Via: SIP/2.0/" + transport + " 127.0.0.1:" + std::to_string(local_port) + ";rport;branch=z9hG4bKack" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "\r\n";
    ack += "Max-Forwards: 70\r\n";
    for (const auto &route : routes) {
        ack += "Route: " + route + "\r\n";
    }
    ack += "From: " + only_header(ok, "From") + "\r\n";
    ack += "To: " + only_header(ok, "To") + "\r\n";
    ack += "Call-ID: " + only_header(ok, "Call-ID") + "\r\n";
    ack += "CSeq: " + cseq.substr(0, cseq.find(' ')) + " ACK\r\n";
    return ack + "Content-Length: 0\r\n\r\n";
}

// An SDP offer of PCMU from 127.0.0.1, RTP on rtp_port and RTCP on
// rtcp_port; with srtp_key (base64 of 30 bytes), RTP/SAVP with that SDES key.
inline std::string pcmu_offer(std::uint16_t rtp_port, std::uint16_t rtcp_port, const std::string &srtp_key = {})
{
    std::string sdp = "v=0\r\no=raw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n";
    sdp += "m=audio " + std::to_string(rtp_port) + (srtp_key.empty() ? " RTP/AVP 0\r\n" : " RTP/SAVP 0\r\n");
    sdp += "a=rtpmap:0 PCMU/8000\r\na=rtcp:" + std::to_string(rtcp_port) + "\r\n";
    if (!srtp_key.empty()) {
        sdp += "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + srtp_key + "\r\n";
    }
    return sdp + "a=sendrecv\r\n";
}

// The port of the RTP in an SDP body's first m= line, or 0.
inline std::uint16_t media_port_of(std::string_view sdp)
{
    const auto line = sdp.find("m=audio ");
    if (line == std::string_view::npos) {
        return 0;
    }
    return static_cast<std::uint16_t>(std::stoul(std::string(sdp.substr(line + 8, 5))));
}

} // namespace cordon::test
