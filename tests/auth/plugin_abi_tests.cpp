// The plugins' answer() called directly through their static libraries, where
// the host cannot look: what lies in the answer buffer after a refusal or a
// too-small buffer.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "auth-basic/plugin_descriptor.h"
#include "auth-digest/plugin_descriptor.h"
#include "cordon/auth.h"

namespace cordon {
namespace {

constexpr char canary = '#';
constexpr std::string_view basic_challenge = "Basic realm=\"WallyWorld\"";
constexpr std::string_view digest_challenge = "Digest realm=\"example.com\", nonce=\"abc\", qop=\"auth\"";

const cordon_auth_interface &interface_of(const cordon_plugin_descriptor *descriptor)
{
    return *static_cast<const cordon_auth_interface *>(descriptor->get_interface(CORDON_AUTH_INTERFACE_ID));
}

struct Call {
    const cordon_auth_interface &auth;
    cordon_auth_session *session = nullptr;
    std::array<char, CORDON_AUTH_MAX_ANSWER_BYTES> buffer{};
    size_t length = 99;
    cordon_auth_outcome outcome{};

    explicit Call(const cordon_auth_interface &interface) : auth(interface)
    {
        const cordon_auth_config config{sizeof(cordon_auth_config), nullptr, 0};
        char error[CORDON_AUTH_TEXT_BYTES] = {};
        EXPECT_EQ(auth.create(&config, &session, error, sizeof error), CORDON_STATUS_OK) << error;
        buffer.fill(canary);
        outcome.struct_size = sizeof outcome;
    }
    ~Call() { auth.destroy(session); }
    Call(const Call &) = delete;
    Call &operator=(const Call &) = delete;

    cordon_status answer(std::string_view challenge, bool secure, size_t capacity)
    {
        const cordon_auth_request request{sizeof(cordon_auth_request),
                                          "REGISTER",
                                          "sip:example.com",
                                          nullptr,
                                          0,
                                          secure ? 1u : 0u,
                                          0u,
                                          "Aladdin",
                                          "open sesame"};
        const cordon_auth_challenge raw{challenge.data(), challenge.size()};
        return auth.answer(session, &request, &raw, 1, buffer.data(), capacity, &length, &outcome);
    }

    bool untouched() const
    {
        return std::all_of(buffer.begin(), buffer.end(), [](char c) { return c == canary; });
    }
};

TEST(AuthPluginAbi, BasicWithoutTlsWritesNothing)
{
    Call call(interface_of(auth_basic_descriptor()));
    EXPECT_EQ(call.answer(basic_challenge, false, call.buffer.size()), CORDON_STATUS_UNSUPPORTED);
    EXPECT_EQ(call.length, 0u);
    EXPECT_TRUE(call.untouched());
    EXPECT_STREQ(call.outcome.refusal, "Basic credentials are sent only to a verified TLS next hop");
}

TEST(AuthPluginAbi, BasicOverTlsWritesExactlyTheAnswer)
{
    Call call(interface_of(auth_basic_descriptor()));
    ASSERT_EQ(call.answer(basic_challenge, true, call.buffer.size()), CORDON_STATUS_OK);
    // RFC 7617 section 2's example credentials.
    const std::string_view expected = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    ASSERT_EQ(call.length, expected.size());
    EXPECT_EQ(std::string_view(call.buffer.data(), call.length), expected);
    EXPECT_EQ(call.buffer[call.length], canary); // no NUL, nothing past the value
    EXPECT_STREQ(call.outcome.realm, "WallyWorld");
}

// A partial answer may hold credentials: after BUFFER_TOO_SMALL, nothing of it
// is left in the buffer.
TEST(AuthPluginAbi, TooSmallABufferIsLeftWithoutAPartialAnswer)
{
    for (const auto &[descriptor, challenge] :
         {std::pair{auth_basic_descriptor(), basic_challenge}, std::pair{auth_digest_descriptor(), digest_challenge}}) {
        Call call(interface_of(descriptor));
        constexpr size_t small = 20;
        EXPECT_EQ(call.answer(challenge, true, small), CORDON_STATUS_BUFFER_TOO_SMALL);
        EXPECT_EQ(call.length, 0u);
        EXPECT_TRUE(std::all_of(call.buffer.begin(), call.buffer.begin() + small, [](char c) {
            return c == '\0' || c == canary;
        })) << std::string(call.buffer.data(), small);
        EXPECT_TRUE(std::all_of(call.buffer.begin() + small, call.buffer.end(), [](char c) { return c == canary; }));
    }
}

TEST(AuthPluginAbi, DigestRefusesUnknownAndDuplicateParameters)
{
    const cordon_auth_interface &auth = interface_of(auth_digest_descriptor());
    const cordon_auth_param unknown[] = {{"refuse_sha", "true"}};
    const cordon_auth_param twice[] = {{"refuse_md5", "true"}, {"refuse_md5", "false"}};
    const cordon_auth_param bad_value[] = {{"refuse_md5", "yes"}};
    for (const auto &[params, count, fragment] :
         {std::tuple{unknown, 1u, "unknown parameter \"refuse_sha\""}, std::tuple{twice, 2u, "given twice"},
          std::tuple{bad_value, 1u, "must be \"true\" or \"false\""}}) {
        const cordon_auth_config config{sizeof(cordon_auth_config), params, count};
        cordon_auth_session *session = nullptr;
        char error[CORDON_AUTH_TEXT_BYTES] = {};
        EXPECT_EQ(auth.create(&config, &session, error, sizeof error), CORDON_STATUS_INVALID_ARGUMENT);
        EXPECT_EQ(session, nullptr);
        EXPECT_NE(std::string(error).find(fragment), std::string::npos) << error;
    }
}

} // namespace
} // namespace cordon
