// The ctrl_tcp client and the account line, without baresip: a local TCP
// server plays baresip's part, including the bytes a broken one could send.
#include "tests/integration/baresip_config.hpp"
#include "tests/integration/baresip_control.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>
#include <vector>

namespace cordon::test {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

constexpr milliseconds test_timeout{5000};
constexpr milliseconds short_timeout{200};

std::string netstring(const std::string &payload) { return std::to_string(payload.size()) + ":" + payload + ","; }

// Accepts one connection and sends `chunks` in order, each in its own write
// with a pause between, so that the client sees them in separate reads;
// keeps what the client sent until the client closes.
class FakeBaresip {
public:
    explicit FakeBaresip(std::vector<std::string> chunks)
    {
        listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address = {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        EXPECT_EQ(bind(listener_, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        EXPECT_EQ(listen(listener_, 1), 0);
        EXPECT_EQ(getsockname(listener_, reinterpret_cast<sockaddr *>(&address), &length), 0);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this, chunks = std::move(chunks)] {
            const int connection = ::accept(listener_, nullptr, nullptr);
            for (const auto &chunk : chunks) {
                std::this_thread::sleep_for(milliseconds(20));
                (void)::send(connection, chunk.data(), chunk.size(), MSG_NOSIGNAL);
            }
            char buffer[1024];
            for (ssize_t got; (got = ::recv(connection, buffer, sizeof buffer, 0)) > 0;) {
                received_.append(buffer, static_cast<size_t>(got));
            }
            close(connection);
        });
    }
    ~FakeBaresip()
    {
        if (thread_.joinable()) {
            thread_.join();
        }
        close(listener_);
    }
    FakeBaresip(const FakeBaresip &) = delete;
    FakeBaresip &operator=(const FakeBaresip &) = delete;

    std::uint16_t port() const { return port_; }
    // What the client sent; call after the client is gone.
    const std::string &received()
    {
        thread_.join();
        return received_;
    }

private:
    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::thread thread_;
    std::string received_;
};

std::string event(const std::string &type, const std::string &param)
{
    return nlohmann::json{{"event", true}, {"class", "call"}, {"type", type}, {"param", param}, {"id", "c1"}}.dump();
}

std::string response(bool ok, const std::string &data, const std::string &token)
{
    return nlohmann::json{{"response", true}, {"ok", ok}, {"data", data}, {"token", token}}.dump();
}

TEST(BaresipControl, MatchesTheResponseAndKeepsEventsForLater)
{
    const std::string incoming = netstring(event("CALL_INCOMING", "sip:alice@cordon.test"));
    // The first event split across two reads, a response in the middle.
    FakeBaresip fake({incoming.substr(0, 7), incoming.substr(7),
                      netstring(response(true, "done", "cordon-1")) + netstring(event("CALL_CLOSED", "bye"))});
    std::string sent;
    {
        auto control = BaresipControl::connect(fake.port(), Clock::now() + test_timeout);
        ASSERT_TRUE(control) << control.error().message;
        auto data = control->command("dial", "sip:bob@cordon.test", test_timeout);
        ASSERT_TRUE(data) << data.error().message;
        EXPECT_EQ(*data, "done");
        auto closed = control->wait_for_event("CALL_CLOSED", test_timeout);
        ASSERT_TRUE(closed) << closed.error().message;
        EXPECT_EQ(closed->param, "bye");
        auto first = control->wait_for_event("CALL_INCOMING", test_timeout);
        ASSERT_TRUE(first) << first.error().message;
        EXPECT_EQ(first->param, "sip:alice@cordon.test");
        EXPECT_EQ(first->call_id, "c1");
        EXPECT_EQ(control->event_history().size(), 3u);
        // Taken events are gone: the next wait times out.
        EXPECT_FALSE(control->wait_for_event("CALL_CLOSED", short_timeout));
    }
    const std::string &request = fake.received();
    const auto colon = request.find(':');
    ASSERT_NE(colon, std::string::npos);
    ASSERT_EQ(request.back(), ',');
    EXPECT_EQ(std::stoul(request.substr(0, colon)), request.size() - colon - 2);
    const auto json = nlohmann::json::parse(request.substr(colon + 1, request.size() - colon - 2));
    EXPECT_EQ(json["command"], "dial");
    EXPECT_EQ(json["params"], "sip:bob@cordon.test");
    EXPECT_EQ(json["token"], "cordon-1");
}

TEST(BaresipControl, ARefusedCommandIsAnErrorWithBaresipsWords)
{
    FakeBaresip fake({netstring(response(false, "no active call", "cordon-1"))});
    auto control = BaresipControl::connect(fake.port(), Clock::now() + test_timeout);
    ASSERT_TRUE(control) << control.error().message;
    auto data = control->command("hangup", "", test_timeout);
    ASSERT_FALSE(data);
    EXPECT_NE(data.error().message.find("no active call"), std::string::npos) << data.error().message;
}

TEST(BaresipControl, RefusesACommandThatCtrlTcpWouldCut)
{
    FakeBaresip fake({});
    auto control = BaresipControl::connect(fake.port(), Clock::now() + test_timeout);
    ASSERT_TRUE(control) << control.error().message;
    auto data = control->command("uanew", std::string(baresip_max_command_bytes, 'x'), test_timeout);
    ASSERT_FALSE(data);
    EXPECT_EQ(data.error().code, ErrorCode::invalid_argument);
}

struct Hostile {
    const char *name;
    const char *bytes;
};

class HostileBytes : public ::testing::TestWithParam<Hostile> {};

TEST_P(HostileBytes, AreRefusedAtOnceNotWaitedFor)
{
    FakeBaresip fake({GetParam().bytes});
    auto control = BaresipControl::connect(fake.port(), Clock::now() + test_timeout);
    ASSERT_TRUE(control) << control.error().message;
    const auto started = Clock::now();
    auto received = control->wait_for_event("CALL_INCOMING", test_timeout);
    ASSERT_FALSE(received);
    EXPECT_EQ(received.error().code, ErrorCode::malformed_input) << received.error().message;
    EXPECT_LT(Clock::now() - started, test_timeout / 2);
}

INSTANTIATE_TEST_SUITE_P(BaresipControl, HostileBytes,
                         ::testing::Values(Hostile{"TenDigitLength", "1234567890:"},
                                           Hostile{"SignedLength", "-5:hello,"}, Hostile{"LetterLength", "x:"},
                                           Hostile{"EmptyLength", ":hello,"}, Hostile{"LengthOverTheLimit", "70000:{"},
                                           Hostile{"NoClosingComma", "5:hello;"}, Hostile{"NotJson", "5:hello,"},
                                           Hostile{"JsonArray", "2:[],"},
                                           Hostile{"EventFalse", "15:{\"event\":false},"},
                                           Hostile{"EventNumber", "11:{\"event\":1},"}),
                         [](const ::testing::TestParamInfo<Hostile> &hostile) { return hostile.param.name; });

TEST(BaresipAccount, NamesTheProxyEncryptionAndCodec)
{
    BaresipOptions options;
    options.user = {"carol", "carol-password"};
    options.kamailio_tls_port = 5061;
    options.audio_codec = baresip_pcmu;
    auto line = baresip_account_line(options);
    ASSERT_TRUE(line) << line.error().message;
    EXPECT_EQ(*line, "<sip:carol@cordon.test;transport=tls>;auth_pass=carol-password;"
                     "outbound=\"sip:127.0.0.1:5061;transport=tls\";mediaenc=srtp-mand;audio_codecs=PCMU;regint=600");
}

TEST(BaresipAccount, RefusesWhatWouldChangeTheLine)
{
    BaresipOptions options;
    options.kamailio_tls_port = 5061;
    for (const std::string password : {"a;mediaenc=", "a\"b", "with space", ""}) {
        options.user = {"alice", password};
        EXPECT_FALSE(baresip_account_line(options)) << password;
    }
    options.user = {"alice@evil", "pw"};
    EXPECT_FALSE(baresip_account_line(options));
    options.user = {"alice", "pw"};
    options.audio_codec = "opus;x=1";
    EXPECT_FALSE(baresip_account_line(options));
    options.audio_codec = baresip_opus;
    options.kamailio_tls_port = 0;
    EXPECT_FALSE(baresip_account_line(options));
}

} // namespace
} // namespace cordon::test
