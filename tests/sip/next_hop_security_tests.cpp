// The one derivation of "the next hop is secure": only the flow's own
// peer_authenticated counts, never the transport's kind or its encryption.
#include <gtest/gtest.h>

#include "sip/next_hop_security.hpp"

namespace cordon::sip {
namespace {

FlowInfo tls_flow(bool authenticated)
{
    FlowInfo info;
    info.protocol_version = "TLSv1.3";
    info.cipher = "TLS_AES_256_GCM_SHA384";
    info.peer_authenticated = authenticated;
    return info;
}

TEST(NextHopSecurity, AVerifiedTlsFlowIsSecure)
{
    const NextHopSecurity security = flow_security("TLS", tls_flow(true));
    EXPECT_TRUE(security.authenticated);
    EXPECT_EQ(security.name, "tls");
}

TEST(NextHopSecurity, AnUnverifiedTlsFlowIsNotSecureAndSaysWhy)
{
    const NextHopSecurity security = flow_security("TLS", tls_flow(false));
    EXPECT_FALSE(security.authenticated);
    EXPECT_EQ(security.name, "tls whose server was not verified (tls.verify = false)");
}

TEST(NextHopSecurity, APlainFlowIsNotSecure)
{
    const NextHopSecurity security = flow_security("TCP", FlowInfo{});
    EXPECT_FALSE(security.authenticated);
    EXPECT_EQ(security.name, "tcp");
}

TEST(NextHopSecurity, TheTransportsKindProvesNothingBeforeTheFlowConnects)
{
    const NextHopSecurity security = flow_security("TLS", std::nullopt);
    EXPECT_FALSE(security.authenticated);
    EXPECT_EQ(security.name, "tls (not connected yet)");
}

// Nothing sent on a flow that requires its peer verified leaves before the
// peer is, so a request decided while it connects may count on it (the flow
// drops what was queued should the peer connect unverified after all).
TEST(NextHopSecurity, AConnectingFlowThatRequiresVerificationCountsAsSecure)
{
    const NextHopSecurity security = flow_security("TLS", std::nullopt, true);
    EXPECT_TRUE(security.authenticated);
    EXPECT_EQ(security.name, "tls (connecting; nothing is sent before its server is verified)");
}

TEST(NextHopSecurity, OnceConnectedOnlyTheFlowsAnswerCountsWhateverWasRequired)
{
    EXPECT_FALSE(flow_security("TLS", tls_flow(false), true).authenticated);
}

TEST(NextHopSecurity, AFlowThatSaysItIsAuthenticatedIsSecureWhateverItsName)
{
    FlowInfo info;
    info.peer_authenticated = true;
    EXPECT_TRUE(flow_security("XYZ", info).authenticated);
}

} // namespace
} // namespace cordon::sip
