// The checks on an auth plugin's interface table, one broken field at a time.
#include <gtest/gtest.h>

#include <string>

#include "plugin_abi/auth_interface_validation.hpp"

namespace cordon {
namespace {

cordon_status create_session(const cordon_auth_config *, cordon_auth_session **, char *, size_t)
{
    return CORDON_STATUS_UNSUPPORTED;
}
void destroy_session(cordon_auth_session *) {}
cordon_status answer_challenges(cordon_auth_session *, const cordon_auth_request *, const cordon_auth_challenge *,
                                uint32_t, char *, size_t, size_t *, cordon_auth_outcome *)
{
    return CORDON_STATUS_UNSUPPORTED;
}

cordon_auth_interface valid_interface()
{
    return {sizeof(cordon_auth_interface), "Digest", 100, create_session, destroy_session, answer_challenges};
}

void expect_refused(const cordon_auth_interface &auth, const std::string &fragment)
{
    auto result = validate_auth_interface(&auth);
    ASSERT_FALSE(result.ok()) << fragment;
    EXPECT_EQ(result.error().code, ErrorCode::contract_violation);
    EXPECT_NE(result.error().message.find(fragment), std::string::npos) << result.error().message;
}

TEST(AuthInterfaceValidation, AcceptsAValidTableAndCopiesItsFields)
{
    const auto auth = valid_interface();
    auto fields = validate_auth_interface(&auth);
    ASSERT_TRUE(fields.ok()) << fields.error().message;
    EXPECT_EQ(fields->scheme, "Digest");
    EXPECT_EQ(fields->preference, 100u);
}

TEST(AuthInterfaceValidation, RefusesEachBrokenField)
{
    EXPECT_FALSE(validate_auth_interface(nullptr).ok());
    auto auth = valid_interface();
    auth.struct_size = 8;
    expect_refused(auth, "struct_size is 8 bytes");
    auth = valid_interface();
    auth.create = nullptr;
    expect_refused(auth, "required auth function create is missing");
    auth = valid_interface();
    auth.destroy = nullptr;
    expect_refused(auth, "required auth function destroy is missing");
    auth = valid_interface();
    auth.scheme = nullptr;
    expect_refused(auth, "auth scheme is missing");
    for (const char *scheme : {"", "Di gest", "Digest\r\n", "Dig\"est", "D\xC3\xA9"}) {
        auth = valid_interface();
        auth.scheme = scheme;
        expect_refused(auth, "is not a token");
    }
    const std::string long_scheme(max_auth_scheme_bytes + 1, 'x');
    auth = valid_interface();
    auth.scheme = long_scheme.c_str();
    expect_refused(auth, "longer than 32 bytes");
    const std::string longest(max_auth_scheme_bytes, 'x');
    auth.scheme = longest.c_str();
    EXPECT_TRUE(validate_auth_interface(&auth).ok());
}

} // namespace
} // namespace cordon
