// The 400 a refused request gets: echoed fields, a To tag, and nothing at all
// when the fields to echo are missing or repeated.
#include <gtest/gtest.h>

#include "sip/rejection_response.hpp"
#include "sip/validated_message.hpp"

namespace cordon::sip {
namespace {

// CSeq names another method than the request line: refused (RFC 4475 mismatch01's fault).
const std::string mismatched = "OPTIONS sip:alice@127.0.0.1:5070 SIP/2.0\r\n"
                               "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKproxy\r\n"
                               "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKorigin;received=192.0.2.1\r\n"
                               "From: <sip:probe@cordon.test>;tag=f1\r\n"
                               "To: <sip:alice@cordon.test>\r\n"
                               "Call-ID: c1@192.0.2.1\r\n"
                               "CSeq: 7 INVITE\r\n"
                               "Max-Forwards: 70\r\n"
                               "Content-Length: 0\r\n\r\n";

RejectionReply reply_for(const std::string &request)
{
    const auto outcome = parse_received_message(request);
    EXPECT_FALSE(outcome.message.ok());
    EXPECT_TRUE(outcome.reply.has_value());
    return outcome.reply.value_or(RejectionReply{});
}

TEST(RejectionResponse, EchoesTheFieldsAndAddsAToTag)
{
    const auto reply = reply_for(mismatched);
    const auto response = rejection_response(mismatched, reply, "t1");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->rfind("SIP/2.0 400 Bad Request (", 0), 0u) << *response;
    EXPECT_NE(response->find("Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKproxy\r\n"
                             "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKorigin;received=192.0.2.1\r\n"),
              std::string::npos)
        << "every Via, in order";
    EXPECT_NE(response->find("To: <sip:alice@cordon.test>;tag=t1\r\n"), std::string::npos);
    EXPECT_NE(response->find("CSeq: 7 INVITE\r\n"), std::string::npos);
    const auto reread = validate_received_message(*response);
    ASSERT_TRUE(reread.message.ok()) << reread.message.error().message;
    EXPECT_EQ(reread.message->summary.status_code, 400);
    EXPECT_EQ(reread.message->summary.to_tag, "t1");
}

TEST(RejectionResponse, KeepsATagTheRequestAlreadyHad)
{
    std::string tagged = mismatched;
    tagged.replace(tagged.find("To: <sip:alice@cordon.test>"), 27, "To: <sip:alice@cordon.test>;tag=dialog");
    const auto response = rejection_response(tagged, reply_for(tagged), "t1");
    ASSERT_TRUE(response);
    EXPECT_NE(response->find("To: <sip:alice@cordon.test>;tag=dialog\r\n"), std::string::npos) << *response;
}

TEST(RejectionResponse, NothingWhenAFieldToEchoIsMissingOrRepeated)
{
    std::string no_call_id = mismatched;
    no_call_id.erase(no_call_id.find("Call-ID:"), std::string("Call-ID: c1@192.0.2.1\r\n").size());
    EXPECT_FALSE(rejection_response(no_call_id, RejectionReply{400, "Bad Request"}, "t"));

    std::string two_froms = mismatched;
    two_froms.insert(two_froms.find("To:"), "From: <sip:mallory@cordon.test>;tag=f2\r\n");
    EXPECT_FALSE(rejection_response(two_froms, RejectionReply{400, "Bad Request"}, "t"));

    EXPECT_FALSE(rejection_response("not SIP at all", RejectionReply{400, "Bad Request"}, "t"));
}

} // namespace
} // namespace cordon::sip
