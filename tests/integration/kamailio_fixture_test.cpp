// Proves the Kamailio fixture with real sockets and hand-written SIP: what a
// Cordon client will meet (challenges, digest and Basic answers, routing over
// its own connection) is really there. Label: integration.
#include "tests/integration/sip_dialog_support.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace cordon::test {
namespace {

TEST_F(KamailioFixtureTest, OptionsToTheServerAreAnsweredOverUdp)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    const auto reply = peer->exchange(SipRequest{});

    ASSERT_TRUE(reply);
    EXPECT_EQ(status_code(*reply), 200) << *reply;
}

TEST_F(KamailioFixtureTest, RegisterOverUdpIsChallengedWithMd5DigestForCordonTest)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    const auto reply = peer->exchange(register_request(alice));

    ASSERT_TRUE(reply);
    ASSERT_EQ(status_code(*reply), 401) << *reply;
    const std::string challenge = only_header(*reply, "WWW-Authenticate");
    EXPECT_TRUE(challenge.starts_with("Digest ")) << challenge;
    EXPECT_EQ(auth_parameter(challenge, "realm"), "cordon.test") << challenge;
    EXPECT_EQ(auth_parameter(challenge, "algorithm"), "MD5") << challenge;
    EXPECT_EQ(auth_parameter(challenge, "qop"), "auth") << challenge;
    EXPECT_FALSE(auth_parameter(challenge, "nonce").value_or("").empty()) << challenge;
    EXPECT_FALSE(auth_parameter(challenge, "stale")) << challenge;
}

TEST_F(KamailioFixtureTest, RegisterIsChallengedWithSha256WhenAsked)
{
    KamailioOptions options;
    options.digest_algorithm = DigestAlgorithm::sha256;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    const auto reply = peer->exchange(register_request(alice));

    ASSERT_TRUE(reply);
    ASSERT_EQ(status_code(*reply), 401) << *reply;
    EXPECT_EQ(auth_parameter(only_header(*reply, "WWW-Authenticate"), "algorithm"), "SHA-256") << *reply;
}

TEST_F(KamailioFixtureTest, CorrectMd5AnswerRegistersWithTheSourceAddressRemembered)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    std::string challenge;
    std::string response;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*peer, alice, challenge, response));

    ASSERT_EQ(status_code(response), 200) << response;
    // fix_nated_register: the client's own address, not its Contact, is where requests for it go.
    EXPECT_NE(only_header(response, "Contact").find("received=\"sip:127.0.0.1:" + std::to_string(peer->local_port())),
              std::string::npos)
        << response;
}

TEST_F(KamailioFixtureTest, CorrectSha256AnswerRegisters)
{
    KamailioOptions options;
    options.digest_algorithm = DigestAlgorithm::sha256;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    std::string challenge;
    std::string response;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*peer, bob, challenge, response));

    EXPECT_EQ(auth_parameter(challenge, "algorithm"), "SHA-256");
    EXPECT_EQ(status_code(response), 200) << response;
}

TEST_F(KamailioFixtureTest, WrongPasswordIsChallengedAgain)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    std::string challenge;
    std::string response;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*peer, {"alice", "not-her-password"}, challenge, response));

    EXPECT_EQ(status_code(response), 401) << response;
}

TEST_F(KamailioFixtureTest, AnotherUsersCredentialsAreForbidden)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));
    SipRequest request = register_request(alice);
    const auto challenged = peer->exchange(request);
    ASSERT_TRUE(challenged);
    const auto answer = answer_digest(only_header(*challenged, "WWW-Authenticate"), bob, "REGISTER", registrar_uri);
    ASSERT_TRUE(answer);

    request.cseq = 2;
    request.extra_headers = {"Authorization: " + *answer};
    const auto reply = peer->exchange(request);

    ASSERT_TRUE(reply);
    EXPECT_EQ(status_code(*reply), 403) << *reply;
}

TEST_F(KamailioFixtureTest, PasswordsWithDbTextSeparatorsAreStoredAsGiven)
{
    const SipUser carol{"carol", R"(c:o\l:on)"};
    KamailioOptions options;
    options.users = {carol};
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    std::string challenge;
    std::string response;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*peer, carol, challenge, response));

    EXPECT_EQ(status_code(response), 200) << response;
}

TEST_F(KamailioFixtureTest, RegisterOverTcpIsChallengedAndAccepted)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("TCP", peer));

    std::string challenge;
    std::string response;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*peer, alice, challenge, response));

    EXPECT_EQ(auth_parameter(challenge, "realm"), "cordon.test");
    EXPECT_EQ(status_code(response), 200) << response;
}

TEST_F(KamailioFixtureTest, RegisterOverTlsWithTheCaAndNameVerified)
{
    KamailioOptions options;
    options.digest_algorithm = DigestAlgorithm::sha256;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("TLS", peer)); // verifies ca_file() and the name cordon.test

    std::string challenge;
    std::string response;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*peer, alice, challenge, response));

    EXPECT_EQ(auth_parameter(challenge, "algorithm"), "SHA-256");
    EXPECT_EQ(status_code(response), 200) << response;
}

TEST_F(KamailioFixtureTest, BasicOptionChallengesWithBasicAndAcceptsOnlyTheRightAnswer)
{
    KamailioOptions options;
    options.basic_auth = true;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("TLS", peer));
    SipRequest request = register_request(alice);

    const auto challenged = peer->exchange(request);
    ASSERT_TRUE(challenged);
    ASSERT_EQ(status_code(*challenged), 401) << *challenged;
    EXPECT_EQ(only_header(*challenged, "WWW-Authenticate"), "Basic realm=\"cordon.test\"") << *challenged;

    request.cseq = 2;
    request.extra_headers = {"Authorization: Basic YWxpY2U6bm90LWhlci1wYXNzd29yZA=="}; // alice:not-her-password
    const auto refused = peer->exchange(request);
    ASSERT_TRUE(refused);
    EXPECT_EQ(status_code(*refused), 401) << *refused;

    request.cseq = 3;
    request.extra_headers = {"Authorization: Basic YWxpY2U6YWxpY2UtcGFzc3dvcmQ="}; // alice:alice-password
    const auto accepted = peer->exchange(request);
    ASSERT_TRUE(accepted);
    EXPECT_EQ(status_code(*accepted), 200) << *accepted;
}

TEST_F(KamailioFixtureTest, BasicCredentialsOfAnotherUserDoNotRegisterThisOne)
{
    KamailioOptions options;
    options.basic_auth = true;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));
    SipRequest request = register_request(alice);
    request.extra_headers = {"Authorization: Basic Ym9iOmJvYi1wYXNzd29yZA=="}; // bob:bob-password

    const auto reply = peer->exchange(request);

    ASSERT_TRUE(reply);
    EXPECT_EQ(status_code(*reply), 401) << *reply;
}

TEST_F(KamailioFixtureTest, MessageIsProxyChallengedThenDeliveredOverTheCalleesOwnConnection)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> bob_peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("TLS", bob_peer));
    std::string challenge;
    std::string registered;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*bob_peer, bob, challenge, registered));
    ASSERT_EQ(status_code(registered), 200) << registered;
    std::optional<Peer> alice_peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", alice_peer));

    SipRequest message;
    message.method = "MESSAGE";
    message.request_uri = "sip:bob@cordon.test";
    message.from_user = "alice";
    message.to_user = "bob";
    message.extra_headers = {"Content-Type: text/plain"};
    message.body = "hello over your own connection";
    const auto challenged = alice_peer->exchange(message);
    ASSERT_TRUE(challenged);
    ASSERT_EQ(status_code(*challenged), 407) << *challenged;
    const auto answer =
        answer_digest(only_header(*challenged, "Proxy-Authenticate"), alice, "MESSAGE", message.request_uri);
    ASSERT_TRUE(answer) << *challenged;
    message.cseq = 2;
    message.extra_headers.push_back("Proxy-Authorization: " + *answer);
    ASSERT_TRUE(alice_peer->send(message));

    const auto delivered = bob_peer->receive();
    ASSERT_TRUE(delivered) << "bob's TLS connection got nothing";
    EXPECT_TRUE(delivered->starts_with("MESSAGE ")) << *delivered;
    EXPECT_TRUE(delivered->ends_with("\r\n\r\nhello over your own connection")) << *delivered;
    EXPECT_TRUE(header_values(*delivered, "Proxy-Authorization").empty()) << "credentials leaked to the callee";
}

TEST_F(KamailioFixtureTest, InviteIsRecordRoutedAndBothContactsNameTheirConnections)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> bob_peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("TCP", bob_peer));
    std::string challenge;
    std::string registered;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*bob_peer, bob, challenge, registered));
    ASSERT_EQ(status_code(registered), 200) << registered;
    std::optional<Peer> alice_peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", alice_peer));
    SipRequest invite;
    invite.method = "INVITE";
    invite.request_uri = "sip:bob@cordon.test";
    invite.from_user = "alice";
    invite.to_user = "bob";
    const auto challenged = alice_peer->exchange(invite);
    ASSERT_TRUE(challenged);
    ASSERT_EQ(status_code(*challenged), 407) << *challenged;
    const auto answer =
        answer_digest(only_header(*challenged, "Proxy-Authenticate"), alice, "INVITE", invite.request_uri);
    ASSERT_TRUE(answer);
    invite.cseq = 2;
    invite.extra_headers = {"Proxy-Authorization: " + *answer};
    ASSERT_TRUE(alice_peer->send(invite));

    const auto delivered = bob_peer->receive();
    ASSERT_TRUE(delivered) << "bob's TCP connection got no INVITE";
    ASSERT_TRUE(delivered->starts_with("INVITE ")) << *delivered;
    // Two Record-Routes: the INVITE changed transport (UDP in, TCP out).
    EXPECT_EQ(header_values(*delivered, "Record-Route").size(), 2U) << *delivered;
    const std::string alice_alias = "alias=127.0.0.1~" + std::to_string(alice_peer->local_port()) + "~1";
    EXPECT_NE(only_header(*delivered, "Contact").find(alice_alias), std::string::npos) << *delivered;

    // Early (180) and final (200) responses alike: in-dialog requests to bob must take his connection.
    const std::string bob_alias = "alias=127.0.0.1~" + std::to_string(bob_peer->local_port()) + "~2";
    for (const auto &[status, code] : {std::pair{"180 Ringing", 180}, std::pair{"200 OK", 200}}) {
        ASSERT_TRUE(bob_peer->send(response_to(*delivered, status, "callee", "<sip:bob@bob.invalid;transport=tcp>")));
        std::optional<std::string> answered;
        while ((answered = alice_peer->receive()) && status_code(*answered) == 100) {
        }
        ASSERT_TRUE(answered) << "alice got no " << status;
        EXPECT_EQ(status_code(*answered), code) << *answered;
        EXPECT_NE(only_header(*answered, "Contact").find(bob_alias), std::string::npos) << *answered;
    }
}

TEST_F(KamailioFixtureTest, ExpiredNonceIsChallengedAgainWithoutStaleByDefault)
{
    KamailioOptions options;
    options.nonce_expire = std::chrono::seconds(1);
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));
    SipRequest request = register_request(alice);
    const auto first = peer->exchange(request);
    ASSERT_TRUE(first);
    const auto answer = answer_digest(only_header(*first, "WWW-Authenticate"), alice, "REGISTER", registrar_uri);
    ASSERT_TRUE(answer);

    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    request.cseq = 2;
    request.extra_headers = {"Authorization: " + *answer};
    const auto reply = peer->exchange(request);

    ASSERT_TRUE(reply);
    ASSERT_EQ(status_code(*reply), 401) << *reply;
    EXPECT_FALSE(auth_parameter(only_header(*reply, "WWW-Authenticate"), "stale")) << *reply;
}

TEST_F(KamailioFixtureTest, ExpiredNonceIsMarkedStaleWhenAsked)
{
    KamailioOptions options;
    options.nonce_expire = std::chrono::seconds(1);
    options.stale_on_expired_nonce = true;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));
    SipRequest request = register_request(alice);
    const auto first = peer->exchange(request);
    ASSERT_TRUE(first);
    const auto answer = answer_digest(only_header(*first, "WWW-Authenticate"), alice, "REGISTER", registrar_uri);
    ASSERT_TRUE(answer);

    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    request.cseq = 2;
    request.extra_headers = {"Authorization: " + *answer};
    const auto reply = peer->exchange(request);

    ASSERT_TRUE(reply);
    ASSERT_EQ(status_code(*reply), 401) << *reply;
    EXPECT_EQ(auth_parameter(only_header(*reply, "WWW-Authenticate"), "stale"), "true") << *reply;
}

} // namespace
} // namespace cordon::test
