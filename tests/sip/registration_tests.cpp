// Registration's policy, with a scripted registrar and a scripted auth
// plugin: answer a challenge once, never storm on refused credentials,
// answer a stale nonce once more, refresh before expiry, un-register.
#include <deque>
#include <string>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <osipparser2/osip_parser.h>

#include "sip/registration.hpp"
#include "sip/response_builder.hpp"

namespace cordon::sip {
namespace {

class NullLogger final : public Logger {
public:
    void write(LogLevel, std::string_view, std::string_view message) override { lines.emplace_back(message); }
    std::vector<std::string> lines;
};

// Answers every Digest challenge; reports stale when the challenge says so.
class ScriptedAuthSession final : public AuthSession {
public:
    explicit ScriptedAuthSession(int &answers) : answers_(answers) {}
    Result<AuthAnswer> answer(const AuthRequest &request, const std::vector<std::string> &challenges) override
    {
        ++answers_;
        AuthAnswer answer;
        answer.header_value = "Digest username=\"" + request.username + "\", response=\"x\"";
        answer.stale = challenges.front().find("stale=true") != std::string::npos;
        answer.realm = "cordon.test";
        return answer;
    }

private:
    int &answers_;
};

class ScriptedAuthPlugin final : public AuthPlugin {
public:
    const std::string &id() const override { return id_; }
    const std::string &scheme() const override { return scheme_; }
    uint32_t preference() const override { return 100; }
    Result<std::unique_ptr<AuthSession>> create(const AuthParams &) const override
    {
        return std::unique_ptr<AuthSession>(new ScriptedAuthSession(answers));
    }
    mutable int answers = 0;

private:
    std::string id_ = "org.cordon.test.auth";
    std::string scheme_ = "Digest";
};

class ScriptedContext final : public SignallingContext {
public:
    boost::asio::io_context loop_;
    std::deque<std::pair<OsipMessage, TransactionLayer::ResponseHandler>> sent;

    boost::asio::io_context &loop() override { return loop_; }
    Result<void> ensure_flow() override { return {}; }
    std::string via_transport() const override { return "TLS"; }
    std::string sent_by() const override { return "127.0.0.1:40000"; }
    std::string contact_uri() const override { return "<sip:alice@127.0.0.1:40000;transport=tls>"; }
    NextHopSecurity next_hop_security() const override { return {true, "tls"}; }
    Result<void> send_outside_transaction(const osip_message_t &) override { return {}; }
    Result<TransactionId> send_request(OsipMessage request, TransactionLayer::ResponseHandler on_event) override
    {
        sent.emplace_back(std::move(request), std::move(on_event));
        return static_cast<TransactionId>(sent.size());
    }

    // Answers the oldest request not answered yet.
    void answer(int status, std::vector<HeaderField> fields = {}, const std::string &expires = "")
    {
        ASSERT_FALSE(sent.empty());
        auto [request, handler] = std::move(sent.front());
        sent.pop_front();
        auto response = build_response(*request, status, "registrar-tag");
        ASSERT_TRUE(response.ok());
        if (!expires.empty()) {
            osip_message_set_header(response->get(), "Expires", expires.c_str());
        }
        ClientEvent event;
        event.response = response->get();
        event.fields = &fields;
        handler(event);
    }
};

std::string header(const osip_message_t &message, const char *name)
{
    osip_header_t *found = nullptr;
    if (osip_message_header_get_byname(&message, name, 0, &found) < 0 || found == nullptr) {
        return {};
    }
    return found->hvalue;
}

struct Fixture {
    ScriptedContext context;
    ScriptedAuthPlugin plugin;
    NullLogger logger;
    ChallengeAnswerer answerer{{&plugin}, Credentials{"alice", "s3cret-pw"}, nullptr, logger};
    std::vector<RegistrationStatus> changes;
    Registration registration{context, answerer,
                              RegistrationTarget{"sip:alice@cordon.test", "", "sip:cordon.test", 600}, logger,
                              [this](const RegistrationStatus &status) { changes.push_back(status); }};
};

const std::vector<HeaderField> digest_challenge = {
    {"WWW-Authenticate", "Digest realm=\"cordon.test\", nonce=\"n1\", algorithm=SHA-256, qop=\"auth\""}};

TEST(Registration, AnswersTheChallengeAndIsRegisteredForTheGrantedTime)
{
    Fixture f;
    f.registration.start();
    ASSERT_EQ(f.context.sent.size(), 1u);
    EXPECT_EQ(header(*f.context.sent.front().first, "authorization"), "");
    f.context.answer(401, digest_challenge);
    ASSERT_EQ(f.context.sent.size(), 1u);
    const osip_message_t &repeated = *f.context.sent.front().first;
    EXPECT_EQ(header(repeated, "authorization"), "Digest username=\"alice\", response=\"x\"")
        << "the repeated REGISTER carries the plugin's answer as it wrote it";
    EXPECT_EQ(std::string(repeated.cseq->number), "2");
    f.context.answer(200, {}, "300");
    EXPECT_EQ(f.registration.status().state, RegistrationState::registered);
    EXPECT_EQ(f.registration.status().expires_s, 300u);
    EXPECT_EQ(f.plugin.answers, 1);
}

TEST(Registration, RefusedCredentialsFailOnceWithoutRetrying)
{
    Fixture f;
    f.registration.start();
    f.context.answer(401, digest_challenge);
    f.context.answer(401, digest_challenge); // the registrar refused the answer
    EXPECT_TRUE(f.context.sent.empty()) << "no third REGISTER";
    ASSERT_EQ(f.registration.status().state, RegistrationState::failed);
    EXPECT_FALSE(f.registration.status().will_retry);
    EXPECT_NE(f.registration.status().reason.find("were refused"), std::string::npos) << f.registration.status().reason;
    f.context.loop_.run_for(std::chrono::milliseconds(1100));
    EXPECT_TRUE(f.context.sent.empty()) << "nothing retried later either";
}

TEST(Registration, StaleNonceIsAnsweredOnceMore)
{
    Fixture f;
    const std::vector<HeaderField> stale = {
        {"WWW-Authenticate", "Digest realm=\"cordon.test\", nonce=\"n2\", stale=true, qop=\"auth\""}};
    f.registration.start();
    f.context.answer(401, digest_challenge);
    f.context.answer(401, stale);
    ASSERT_EQ(f.context.sent.size(), 1u) << "stale=true earns one more answer";
    f.context.answer(401, stale);
    EXPECT_TRUE(f.context.sent.empty()) << "but only one";
    EXPECT_EQ(f.registration.status().state, RegistrationState::failed);
}

TEST(Registration, NetworkFailureIsRetriedWithBackoff)
{
    Fixture f;
    f.registration.start();
    auto [request, handler] = std::move(f.context.sent.front());
    f.context.sent.pop_front();
    ClientEvent timeout;
    timeout.kind = ClientEvent::Kind::timeout;
    handler(timeout);
    ASSERT_EQ(f.registration.status().state, RegistrationState::failed);
    EXPECT_TRUE(f.registration.status().will_retry);
    EXPECT_TRUE(f.context.sent.empty());
    f.context.loop_.run_for(std::chrono::milliseconds(1200));
    EXPECT_EQ(f.context.sent.size(), 1u) << "retried after the first backoff (1 s)";
}

TEST(Registration, RejectionOtherThanAChallengeIsFinal)
{
    Fixture f;
    f.registration.start();
    f.context.answer(403);
    EXPECT_EQ(f.registration.status().state, RegistrationState::failed);
    EXPECT_EQ(f.registration.status().status_code, 403);
    EXPECT_FALSE(f.registration.status().will_retry);
}

TEST(Registration, RefreshesBeforeTheGrantedTimeRunsOut)
{
    Fixture f;
    f.registration.start();
    f.context.answer(200, {}, "2"); // a registrar granting 2 s
    ASSERT_EQ(f.registration.status().state, RegistrationState::registered);
    ASSERT_TRUE(f.context.sent.empty());
    f.context.loop_.run_for(std::chrono::milliseconds(1300));
    ASSERT_EQ(f.context.sent.size(), 1u) << "refreshed at half the time when it is this short";
    EXPECT_EQ(header(*f.context.sent.front().first, "expires"), "600") << "asking again for the configured time";
    EXPECT_EQ(std::string(f.context.sent.front().first->cseq->number), "2");
    f.context.answer(200, {}, "600");
    EXPECT_EQ(f.registration.status().expires_s, 600u);
}

TEST(Registration, StopSendsExpiresZeroAndEndsUnregistered)
{
    Fixture f;
    f.registration.start();
    f.context.answer(200, {}, "600");
    ASSERT_EQ(f.registration.status().state, RegistrationState::registered);
    f.registration.stop();
    ASSERT_EQ(f.context.sent.size(), 1u);
    EXPECT_EQ(header(*f.context.sent.front().first, "expires"), "0");
    f.context.answer(200);
    EXPECT_EQ(f.registration.status().state, RegistrationState::unregistered);
}

TEST(Registration, TheLogNeverHoldsThePassword)
{
    Fixture f;
    f.registration.start();
    f.context.answer(401, digest_challenge);
    f.context.answer(401, digest_challenge);
    ASSERT_FALSE(f.logger.lines.empty());
    for (const std::string &line : f.logger.lines) {
        EXPECT_EQ(line.find("s3cret-pw"), std::string::npos) << line;
    }
}

} // namespace
} // namespace cordon::sip
