// Two transaction layers, a client and a server, joined by an in-memory
// "network" that serialises, optionally drops, and validates every message:
// the state machines, their timers on the Asio loop, the limits.
#include <chrono>
#include <deque>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <gtest/gtest.h>
#include <osipparser2/osip_parser.h>

#include "sip/request_builder.hpp"
#include "sip/response_builder.hpp"
#include "sip/transaction_layer.hpp"

namespace cordon::sip {
namespace {

using namespace std::chrono_literals;

struct Network {
    TransactionLayer *client = nullptr;
    TransactionLayer *server = nullptr;
    int drop_to_server = 0; // datagrams to lose before delivering
    int sent_to_server = 0;
};

struct Harness {
    boost::asio::io_context loop;
    Network network;
    std::deque<std::pair<TransactionId, std::string>> server_requests;
    std::function<void(TransactionId, const osip_message_t &)> answer;
    std::unique_ptr<TransactionLayer> client;
    std::unique_ptr<TransactionLayer> server;

    explicit Harness(std::size_t client_limit = 8, std::size_t server_limit = 8)
    {
        auto deliver = [this](TransactionLayer *to, std::string bytes) {
            boost::asio::post(loop, [to, bytes = std::move(bytes)] {
                auto validated = validate_received_message(bytes);
                ASSERT_TRUE(validated.message.ok()) << validated.message.error().message << "\n" << bytes;
                to->receive(std::move(validated.message.value()), FlowRoute{1, std::nullopt});
            });
        };
        client = std::make_unique<TransactionLayer>(
            loop,
            [this, deliver](const FlowRoute &, std::string_view bytes) -> Result<void> {
                ++network.sent_to_server;
                if (network.drop_to_server > 0) {
                    --network.drop_to_server;
                    return {};
                }
                deliver(server.get(), std::string(bytes));
                return {};
            },
            [](TransactionId, const osip_message_t &, const std::vector<HeaderField> &, const FlowRoute &) {},
            [](const osip_message_t &, const FlowRoute &) {}, client_limit);
        server = std::make_unique<TransactionLayer>(
            loop,
            [this, deliver](const FlowRoute &, std::string_view bytes) -> Result<void> {
                deliver(client.get(), std::string(bytes));
                return {};
            },
            [this](TransactionId id, const osip_message_t &request, const std::vector<HeaderField> &,
                   const FlowRoute &) {
                server_requests.emplace_back(id, request.sip_method);
                if (answer) {
                    answer(id, request);
                }
            },
            [](const osip_message_t &, const FlowRoute &) {}, server_limit);
    }

    OsipMessage request(const std::string &method, const std::string &transport = "UDP")
    {
        RequestSpec spec;
        spec.method = method;
        spec.request_uri = "sip:cordon.test";
        spec.from = "<sip:alice@cordon.test>";
        spec.from_tag = random_token();
        spec.to = "<sip:alice@cordon.test>";
        spec.call_id = random_token();
        spec.via_transport = transport;
        spec.via_sent_by = "127.0.0.1:5070";
        spec.via_branch = new_branch();
        auto built = build_request(spec);
        EXPECT_TRUE(built.ok()) << built.error().message;
        return std::move(built.value());
    }

    void run_until(const std::function<bool()> &done, std::chrono::milliseconds limit = 5000ms)
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!done() && std::chrono::steady_clock::now() < deadline) {
            loop.run_for(10ms);
            loop.restart();
        }
    }
};

TEST(TransactionLayer, ClientGetsTheFinalResponseTheServerSends)
{
    Harness harness;
    harness.answer = [&](TransactionId id, const osip_message_t &request) {
        auto response = build_response(request, 200, "server-tag");
        ASSERT_TRUE(response.ok());
        ASSERT_TRUE(harness.server->respond(id, std::move(response.value())).ok());
    };
    std::vector<int> statuses;
    auto sent = harness.client->send_request(harness.request("OPTIONS"), FlowRoute{1, std::nullopt},
                                             [&](const ClientEvent &event) {
                                                 ASSERT_EQ(event.kind, ClientEvent::Kind::response);
                                                 statuses.push_back(event.response->status_code);
                                             });
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    harness.run_until([&] { return !statuses.empty(); });
    ASSERT_EQ(statuses, std::vector<int>{200});
    ASSERT_EQ(harness.server_requests.size(), 1u);
    EXPECT_EQ(harness.server_requests.front().second, "OPTIONS");
}

TEST(TransactionLayer, LostDatagramIsRetransmittedAfterTimerE)
{
    Harness harness;
    harness.network.drop_to_server = 1;
    harness.answer = [&](TransactionId id, const osip_message_t &request) {
        ASSERT_TRUE(harness.server->respond(id, build_response(request, 200, "t").value()).ok());
    };
    bool answered = false;
    const auto started = std::chrono::steady_clock::now();
    ASSERT_TRUE(
        harness.client
            ->send_request(harness.request("OPTIONS"), FlowRoute{1, std::nullopt},
                           [&](const ClientEvent &event) { answered = event.kind == ClientEvent::Kind::response; })
            .ok());
    harness.run_until([&] { return answered; });
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_TRUE(answered);
    EXPECT_EQ(harness.network.sent_to_server, 2);
    // Timer E starts at T1 = 500 ms (RFC 3261 section 17.1.2.2).
    EXPECT_GE(took, 450ms);
    EXPECT_LT(took, 1500ms);
}

TEST(TransactionLayer, ReliableTransportIsNotRetransmitted)
{
    Harness harness;
    harness.network.drop_to_server = 1;
    bool ended = false;
    ASSERT_TRUE(harness.client
                    ->send_request(harness.request("OPTIONS", "TCP"), FlowRoute{1, std::nullopt},
                                   [&](const ClientEvent &) { ended = true; })
                    .ok());
    harness.run_until([] { return false; }, 1200ms);
    EXPECT_FALSE(ended);
    EXPECT_EQ(harness.network.sent_to_server, 1);
}

TEST(TransactionLayer, FlowLossEndsClientTransactionsAtOnce)
{
    Harness harness;
    harness.network.drop_to_server = 100;
    std::string error;
    ASSERT_TRUE(harness.client
                    ->send_request(harness.request("REGISTER", "TLS"), FlowRoute{7, std::nullopt},
                                   [&](const ClientEvent &event) {
                                       ASSERT_EQ(event.kind, ClientEvent::Kind::transport_error);
                                       error = event.error;
                                   })
                    .ok());
    harness.client->flow_lost(FlowRoute{7, std::nullopt}, "TLS peer reset the connection");
    EXPECT_EQ(error, "TLS peer reset the connection");
}

TEST(TransactionLayer, OutgoingRequestsBeyondTheLimitAreRefused)
{
    Harness harness(2);
    harness.network.drop_to_server = 100;
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(
            harness.client
                ->send_request(harness.request("OPTIONS"), FlowRoute{1, std::nullopt}, [](const ClientEvent &) {})
                .ok());
    }
    auto third = harness.client->send_request(harness.request("OPTIONS"), FlowRoute{1, std::nullopt},
                                              [](const ClientEvent &) {});
    ASSERT_FALSE(third.ok());
    EXPECT_EQ(third.error().code, ErrorCode::unavailable);
    EXPECT_NE(third.error().message.find("sip.max_transactions"), std::string::npos);
    EXPECT_EQ(harness.client->counters().active, 2u);
    EXPECT_EQ(harness.client->counters().refused_outgoing, 1u);
}

// An INVITE answered 180 and never again stays in Proceeding for ever
// (libosip2 has no timer there); abandon() is what frees it.
TEST(TransactionLayer, AnAbandonedInviteIsFreedAndSilent)
{
    Harness harness;
    harness.answer = [&](TransactionId id, const osip_message_t &request) {
        ASSERT_TRUE(harness.server->respond(id, build_response(request, 180, "t").value()).ok());
    };
    std::vector<int> statuses;
    auto sent = harness.client->send_request(
        harness.request("INVITE"), FlowRoute{1, std::nullopt}, [&](const ClientEvent &event) {
            statuses.push_back(event.kind == ClientEvent::Kind::response ? event.response->status_code : 0);
        });
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    harness.run_until([&] { return !statuses.empty(); });
    ASSERT_EQ(statuses, std::vector<int>{180});
    harness.run_until([] { return false; }, 1200ms);
    EXPECT_EQ(harness.client->counters().active, 1u) << "an INVITE in Proceeding does not end by itself";

    harness.client->abandon(*sent);
    EXPECT_EQ(harness.client->counters().active, 0u);
    harness.run_until([] { return false; }, 600ms);
    EXPECT_EQ(statuses, std::vector<int>{180}) << "the handler hears nothing more";
    harness.client->abandon(*sent); // a second time, or for a transaction gone, is nothing
    EXPECT_EQ(harness.client->counters().active, 0u);
}

TEST(TransactionLayer, IncomingRequestsBeyondTheLimitGet503)
{
    Harness harness(8, 1);
    // The server never answers, so its one transaction stays open.
    std::vector<int> statuses;
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(harness.client
                        ->send_request(harness.request("OPTIONS", "TCP"), FlowRoute{1, std::nullopt},
                                       [&](const ClientEvent &event) {
                                           statuses.push_back(event.response ? event.response->status_code : -1);
                                       })
                        .ok())
            << i;
        harness.run_until([&] { return harness.server_requests.size() == 1u && i == 0; }, 200ms);
    }
    harness.run_until([&] { return !statuses.empty(); });
    EXPECT_EQ(statuses, std::vector<int>{503});
    EXPECT_EQ(harness.server->counters().refused_incoming, 1u);
}

} // namespace
} // namespace cordon::sip
