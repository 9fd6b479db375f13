// A transport plugin that breaks the contract (tests/plugins/fixtures/
// hostile_transport.c): the host logs each breach with the plugin's id,
// closes the flow it concerns, and carries on.
#include <gtest/gtest.h>

#include "tests/transport/transport_test_support.hpp"

namespace cordon {
namespace {

using test::as_bytes;
using test::run_until;

constexpr const char *plugin_id = "org.cordon.test.hostile-transport";
constexpr uint16_t echo_port = 100;

struct Breach {
    const char *name;
    uint16_t mode; // the remote port that makes the fixture misbehave so
    const char *logged;
    bool closes_the_flow;
};

void PrintTo(const Breach &breach, std::ostream *out) { *out << breach.name; }

class HostileTransport : public testing::Test {
protected:
    HostileTransport()
    {
        const std::filesystem::path directory = CORDON_HOSTILE_TRANSPORT_DIR;
        registry_ = PluginRegistry::load({{directory}, {directory}, {}, {}}, logger_);
        const TransportPlugin *plugin = registry_->find_transport("hostile");
        EXPECT_NE(plugin, nullptr) << (registry_->records().empty() ? "" : registry_->records()[0].reason);
        auto created = plugin->create(loop_, {}, events_);
        EXPECT_TRUE(created.ok()) << created.error().message;
        transport_ = std::move(created.value());
    }

    FlowId open(uint16_t mode)
    {
        auto opened = transport_->open_flow({{"127.0.0.1", mode}, "127.0.0.1", ""});
        EXPECT_TRUE(opened.ok()) << opened.error().message;
        return opened->id;
    }

    bool logged(const std::string &fragment) const
    {
        for (const auto &line : logger_.lines()) {
            if (line.message.find(fragment) != std::string::npos && line.message.find(plugin_id) != std::string::npos) {
                return true;
            }
        }
        return false;
    }

    // The host still works: a well-behaved flow of the same instance echoes.
    void expect_host_still_works()
    {
        const FlowId echo = open(echo_port);
        ASSERT_TRUE(transport_->send(echo, as_bytes("still here")).ok());
        EXPECT_TRUE(run_until(loop_, [&] { return events_.bytes_of(echo) == "still here"; }));
    }

    test::CapturingLogger logger_;
    std::unique_ptr<PluginRegistry> registry_;
    boost::asio::io_context loop_;
    test::RecordedEvents events_;
    std::unique_ptr<Transport> transport_;
};

class HostileReport : public HostileTransport, public testing::WithParamInterface<Breach> {};

TEST_P(HostileReport, IsLoggedAndContainedAndTheHostCarriesOn)
{
    const Breach &breach = GetParam();
    const FlowId flow = open(breach.mode);
    ASSERT_TRUE(run_until(loop_, [&] { return logged(breach.logged); })) << breach.logged;
    if (breach.closes_the_flow) {
        const auto *closed = events_.closed(flow);
        ASSERT_NE(closed, nullptr);
        EXPECT_EQ(closed->error, FlowError::other);
    }
    EXPECT_LE(events_.closings.size(), 1u);
    EXPECT_TRUE(events_.receptions.empty()); // nothing tainted reached the SIP layer
    expect_host_still_works();
}

INSTANTIATE_TEST_SUITE_P(EachBreach, HostileReport,
                         testing::Values(Breach{"UnknownFlowId", 1, "bytes for flow 1001, which is unknown", false},
                                         Breach{"OversizeDatagram", 2, "a datagram of 70000 bytes", true},
                                         Breach{"UnterminatedAddress", 3, "an address without a NUL within 48 bytes",
                                                true},
                                         Breach{"NamedAddress", 4, "address \"sip.example.test\" is not numeric", true},
                                         Breach{"BogusErrorCode", 5, "with error code 999", true},
                                         Breach{"EventsAfterClosed", 6, "closed already", false},
                                         Breach{"UnknownEvent", 7, "unknown event 77", true},
                                         Breach{"ConnectedWhenReadyAtOnce", 8, "CONNECTED again", true}),
                         [](const testing::TestParamInfo<Breach> &param) { return std::string(param.param.name); });

TEST_F(HostileTransport, FlowInfoWithoutNulInsideItsArraysIsRefusedAndClosesTheFlow)
{
    const FlowId flow = open(9);
    const auto info = transport_->info(flow);
    ASSERT_FALSE(info.ok());
    EXPECT_EQ(info.error().code, ErrorCode::contract_violation);
    EXPECT_NE(info.error().message.find("cipher has no NUL within its 256 bytes"), std::string::npos)
        << info.error().message;
    EXPECT_TRUE(logged("cipher has no NUL"));
    ASSERT_NE(events_.closed(flow), nullptr);
    EXPECT_EQ(events_.closed(flow)->error, FlowError::other);
    EXPECT_FALSE(transport_->send(flow, as_bytes("x")).ok());
    expect_host_still_works();
}

} // namespace
} // namespace cordon
