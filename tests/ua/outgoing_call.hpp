// A call placed by the agent under test, to a callee the test plays: the
// fixture of the outgoing call and re-INVITE tests.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "tests/ua/agent_under_test.hpp"

namespace cordon::ua::test {

using cordon::test::peer_sdp;
using cordon::test::response_to;

inline const std::string bob_contact = "Contact: <sip:bob@192.0.2.20:5060>";

class OutgoingCall : public testing::Test {
protected:
    void dial()
    {
        auto placed = ua.agent->call("sip:bob@example.com", CallAudio{});
        ASSERT_TRUE(placed) << placed.error().message;
        call = placed.value();
        call->on_event(events.handler());
        ua.clock.settle();
        ASSERT_EQ(ua.requests("INVITE").size(), 1u);
        invite = ua.requests("INVITE").front();
    }

    // The peer answers the INVITE (from the fork with this To tag).
    void answer(int status, std::string_view reason, std::string_view tag, std::string_view sdp = {})
    {
        ua.deliver(response_to(invite, status, reason, tag, {bob_contact}, sdp));
    }

    void establish()
    {
        dial();
        answer(180, "Ringing", "bobtag");
        answer(200, "OK", "bobtag", peer_sdp("127.0.0.1", 40000));
        ASSERT_EQ(call->state(), CallState::established);
    }

    AgentUnderTest ua;
    CallEvents events;
    std::shared_ptr<Call> call;
    SipText invite = SipText::parse("X\r\n\r\n");
};

} // namespace cordon::ua::test
