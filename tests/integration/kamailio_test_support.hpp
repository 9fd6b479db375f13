// What the Kamailio fixture's tests share: a client socket of each
// transport (Peer), a REGISTER for a user, and a test fixture that starts
// Kamailio and answers a digest challenge.
#pragma once

#include "tests/integration/digest_answer.hpp"
#include "tests/integration/kamailio_fixture.hpp"
#include "tests/integration/sip_test_client.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <memory>
#include <optional>
#include <string>
#include <variant>

namespace cordon::test {

inline const SipUser alice{"alice", "alice-password"};
inline const SipUser bob{"bob", "bob-password"};
inline const std::string registrar_uri = "sip:cordon.test";

// One client socket of one transport, talking to the fixture.
class Peer {
public:
    static Result<Peer> open(const Kamailio &kamailio, const std::string &transport)
    {
        if (transport == "UDP") {
            auto socket = UdpSipSocket::open();
            if (!socket) {
                return socket.error();
            }
            return Peer(transport, kamailio.ports().udp, std::move(*socket));
        }
        auto connection = transport == "TLS"
                              ? StreamSipConnection::connect_tls(kamailio.ports().tls, kamailio.ca_file(),
                                                                 std::string(Kamailio::domain()))
                              : StreamSipConnection::connect_tcp(kamailio.ports().tcp);
        if (!connection) {
            return connection.error();
        }
        return Peer(transport, 0, std::move(*connection));
    }

    // Fills in the transport and this socket's port, and sends.
    Result<void> send(SipRequest request)
    {
        request.transport = transport_;
        request.local_port = local_port();
        return send(to_text(request));
    }

    // send(), then the first final response (or nothing).
    std::optional<std::string> exchange(const SipRequest &request)
    {
        if (!send(request)) {
            return std::nullopt;
        }
        while (auto message = receive()) {
            if (status_code(*message) >= 200) {
                return message;
            }
        }
        return std::nullopt;
    }

    Result<void> send(const std::string &text)
    {
        if (auto *udp = std::get_if<UdpSipSocket>(&socket_)) {
            return udp->send_to(server_port_, text);
        }
        return std::get<StreamSipConnection>(socket_).send(text);
    }

    std::optional<std::string> receive(std::chrono::milliseconds timeout = default_reply_timeout)
    {
        if (auto *udp = std::get_if<UdpSipSocket>(&socket_)) {
            return udp->receive(timeout);
        }
        return std::get<StreamSipConnection>(socket_).receive(timeout);
    }

    std::uint16_t local_port() const
    {
        if (const auto *udp = std::get_if<UdpSipSocket>(&socket_)) {
            return udp->local_port();
        }
        return std::get<StreamSipConnection>(socket_).local_port();
    }

private:
    Peer(std::string transport, std::uint16_t server_port, std::variant<UdpSipSocket, StreamSipConnection> socket)
        : transport_(std::move(transport)), server_port_(server_port), socket_(std::move(socket))
    {
    }

    std::string transport_;
    std::uint16_t server_port_;
    std::variant<UdpSipSocket, StreamSipConnection> socket_;
};

inline SipRequest register_request(const SipUser &user)
{
    SipRequest request;
    request.method = "REGISTER";
    request.request_uri = registrar_uri;
    request.from_user = user.name;
    request.to_user = user.name;
    request.call_id = "register-" + user.name + "-" + std::to_string(getpid()) + "@cordon.test";
    return request;
}

inline std::string only_header(const std::string &message, std::string_view name)
{
    const auto values = header_values(message, name);
    return values.size() == 1 ? values.front() : "(" + std::to_string(values.size()) + " values)";
}

class KamailioFixtureTest : public ::testing::Test {
protected:
    void start(const KamailioOptions &options = {})
    {
        auto started = Kamailio::start(options);
        ASSERT_TRUE(started) << started.error().message;
        kamailio_ = std::move(*started);
    }

    void open_peer(const std::string &transport, std::optional<Peer> &peer)
    {
        auto opened = Peer::open(*kamailio_, transport);
        ASSERT_TRUE(opened) << opened.error().message;
        peer.emplace(std::move(*opened));
    }

    // REGISTER, expect the 401 challenge, answer it; returns the challenge
    // header and the final response.
    void register_with_digest(Peer &peer, const SipUser &user, std::string &challenge, std::string &final_response)
    {
        SipRequest request = register_request(user);
        const auto challenged = peer.exchange(request);
        ASSERT_TRUE(challenged) << "no answer to REGISTER";
        ASSERT_EQ(status_code(*challenged), 401) << *challenged;
        challenge = only_header(*challenged, "WWW-Authenticate");
        const auto answer = answer_digest(challenge, user, "REGISTER", registrar_uri);
        ASSERT_TRUE(answer) << "not a digest challenge: " << challenge;
        request.cseq = 2;
        request.extra_headers = {"Authorization: " + *answer};
        const auto answered = peer.exchange(request);
        ASSERT_TRUE(answered) << "no answer to the authenticated REGISTER";
        final_response = *answered;
    }

    std::unique_ptr<Kamailio> kamailio_;
};

} // namespace cordon::test
