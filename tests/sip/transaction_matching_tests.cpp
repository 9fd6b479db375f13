// Which INVITE a CANCEL cancels (RFC 3261 sections 9.2 and 17.2.3): its own
// transaction's, never another that merely shares the Call-ID. And which
// INVITE is another one's retransmission: the same transaction, not the
// same From tag and CSeq over another branch (a merged request).
#include <gtest/gtest.h>

#include <string>

#include "sip/osip_handles.hpp"
#include "sip/transaction_matching.hpp"
#include "tests/sip/sip_test_message.hpp"

namespace cordon::sip {
namespace {

const std::string invite_text = "INVITE sip:bob@example.com SIP/2.0\r\n"
                                "Via: SIP/2.0/UDP pc33.example.com:5060;branch=z9hG4bKnashds8\r\n"
                                "Max-Forwards: 70\r\n"
                                "To: Bob <sip:bob@example.com>\r\n"
                                "From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
                                "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
                                "CSeq: 314159 INVITE\r\n"
                                "Content-Length: 0\r\n\r\n";

// The CANCEL a client builds from that INVITE (section 9.1), then one change.
std::string cancel_of(const std::string &invite)
{
    std::string cancel = test::replaced(invite, "INVITE sip:", "CANCEL sip:");
    return test::replaced(cancel, "CSeq: 314159 INVITE", "CSeq: 314159 CANCEL");
}

bool matches_text(bool (*matches)(const osip_message_t &, const osip_message_t &), const std::string &request,
                  const std::string &invite)
{
    prepare_osip();
    const OsipMessage parsed_request = parse_osip_message(request);
    const OsipMessage parsed_invite = parse_osip_message(invite);
    EXPECT_TRUE(parsed_request && parsed_invite);
    return parsed_request && parsed_invite && matches(*parsed_request, *parsed_invite);
}

bool cancels_text(const std::string &cancel, const std::string &invite)
{
    return matches_text(cancels, cancel, invite);
}

bool repeats_text(const std::string &again, const std::string &invite) { return matches_text(repeats, again, invite); }

TEST(CancelMatching, TheCancelBuiltFromTheInviteCancelsIt)
{
    EXPECT_TRUE(cancels_text(cancel_of(invite_text), invite_text));
}

TEST(CancelMatching, AnotherBranchCancelsNothing)
{
    EXPECT_FALSE(cancels_text(test::replaced(cancel_of(invite_text), "z9hG4bKnashds8", "z9hG4bKforged1"), invite_text));
    EXPECT_FALSE(cancels_text(test::replaced(cancel_of(invite_text), ";branch=z9hG4bKnashds8", ""), invite_text));
}

TEST(CancelMatching, AnotherSentByCancelsNothing)
{
    EXPECT_FALSE(cancels_text(test::replaced(cancel_of(invite_text), "pc33.example.com:5060", "pc34.example.com:5060"),
                              invite_text));
    EXPECT_FALSE(cancels_text(test::replaced(cancel_of(invite_text), "pc33.example.com:5060", "pc33.example.com:5061"),
                              invite_text));
    EXPECT_FALSE(cancels_text(test::replaced(cancel_of(invite_text), "SIP/2.0/UDP", "SIP/2.0/TCP"), invite_text));
}

TEST(CancelMatching, AnotherCSeqNumberCancelsNothing)
{
    EXPECT_FALSE(cancels_text(test::replaced(cancel_of(invite_text), "CSeq: 314159", "CSeq: 314160"), invite_text));
}

// RFC 2543 peers send no magic cookie: the branch proves nothing, so the
// Request-URI, Call-ID and From tag must match too.
TEST(CancelMatching, WithoutTheMagicCookieTheWholeRequestMustMatch)
{
    const std::string old_invite = test::replaced(invite_text, "z9hG4bKnashds8", "1");
    EXPECT_TRUE(cancels_text(cancel_of(old_invite), old_invite));
    EXPECT_FALSE(
        cancels_text(test::replaced(cancel_of(old_invite), "CANCEL sip:bob@", "CANCEL sip:carol@"), old_invite));
    EXPECT_FALSE(cancels_text(test::replaced(cancel_of(old_invite), "tag=1928301774", "tag=other"), old_invite));
    EXPECT_FALSE(cancels_text(test::replaced(cancel_of(old_invite), "Call-ID: a84b", "Call-ID: b84b"), old_invite));
}

TEST(InviteRepetition, TheSameInviteRepeatsIt) { EXPECT_TRUE(repeats_text(invite_text, invite_text)); }

// Section 8.2.2.2: the same From tag, Call-ID and CSeq over another branch
// is a merged request, not a retransmission.
TEST(InviteRepetition, AnotherBranchOrSentByIsAnotherInvite)
{
    EXPECT_FALSE(repeats_text(test::replaced(invite_text, "z9hG4bKnashds8", "z9hG4bKforked2"), invite_text));
    EXPECT_FALSE(
        repeats_text(test::replaced(invite_text, "pc33.example.com:5060", "pc34.example.com:5060"), invite_text));
    EXPECT_FALSE(repeats_text(test::replaced(invite_text, "CSeq: 314159", "CSeq: 314160"), invite_text));
}

TEST(InviteRepetition, ACancelIsNoRepetitionAndAnInviteCancelsNothing)
{
    EXPECT_FALSE(repeats_text(cancel_of(invite_text), invite_text));
    EXPECT_FALSE(cancels_text(invite_text, invite_text));
}

TEST(InviteRepetition, WithoutTheMagicCookieTheWholeRequestMustMatch)
{
    const std::string old_invite = test::replaced(invite_text, "z9hG4bKnashds8", "1");
    EXPECT_TRUE(repeats_text(old_invite, old_invite));
    EXPECT_FALSE(repeats_text(test::replaced(old_invite, "tag=1928301774", "tag=other"), old_invite));
}

} // namespace
} // namespace cordon::sip
