// What the host checks before it adopts a transport plugin's interface, and
// the numeric-address rules it applies to requests.
#include <gtest/gtest.h>

#include "transport/numeric_address.hpp"
#include "transport/transport_interface_validation.hpp"

namespace cordon {
namespace {

cordon_status create_stub(const cordon_transport_config *, const cordon_transport_host *, cordon_transport **, char *,
                          size_t)
{
    return CORDON_STATUS_UNSUPPORTED;
}
void destroy_stub(cordon_transport *) {}
cordon_status open_stub(cordon_transport *, const cordon_flow_request *, cordon_flow_id *, uint32_t *, char *, size_t)
{
    return CORDON_STATUS_UNSUPPORTED;
}
cordon_status listen_stub(cordon_transport *, const cordon_listen_request *, cordon_flow_id *, char *, size_t)
{
    return CORDON_STATUS_UNSUPPORTED;
}
cordon_status send_stub(cordon_transport *, cordon_flow_id, const uint8_t *, size_t, const char *, uint16_t)
{
    return CORDON_STATUS_UNSUPPORTED;
}
void close_stub(cordon_transport *, cordon_flow_id) {}
cordon_status info_stub(cordon_transport *, cordon_flow_id, cordon_flow_info *) { return CORDON_STATUS_UNSUPPORTED; }
void on_fd_stub(cordon_transport *, int, uint32_t) {}

cordon_transport_interface valid_interface()
{
    return {sizeof(cordon_transport_interface),
            "TLS",
            CORDON_TRANSPORT_STREAM | CORDON_TRANSPORT_SECURE,
            create_stub,
            destroy_stub,
            open_stub,
            listen_stub,
            send_stub,
            close_stub,
            info_stub,
            on_fd_stub};
}

std::string refusal(const cordon_transport_interface &table)
{
    auto traits = validate_transport_interface(&table);
    EXPECT_FALSE(traits.ok());
    return traits.ok() ? "" : traits.error().message;
}

TEST(TransportInterface, AcceptsAWellFormedTableAndCopiesItsTraits)
{
    const cordon_transport_interface table = valid_interface();
    auto traits = validate_transport_interface(&table);
    ASSERT_TRUE(traits.ok()) << traits.error().message;
    EXPECT_EQ(traits->protocol, "TLS");
    EXPECT_TRUE(traits->stream);
    EXPECT_TRUE(traits->secure);
}

TEST(TransportInterface, RefusesEachBreachWithItsReason)
{
    auto table = valid_interface();
    table.struct_size = 8;
    EXPECT_NE(refusal(table).find("struct_size is 8 bytes"), std::string::npos);

    for (const char *protocol : {"tls", "", "SIXTEENLETTERSXX", "T-LS"}) {
        table = valid_interface();
        table.protocol = protocol;
        EXPECT_NE(refusal(table).find("upper-case letters"), std::string::npos) << protocol;
    }
    table = valid_interface();
    table.protocol = nullptr;
    EXPECT_NE(refusal(table).find("protocol is missing"), std::string::npos);

    table = valid_interface();
    table.flags = 8;
    EXPECT_NE(refusal(table).find("flags 8"), std::string::npos);

    table = valid_interface();
    table.on_fd = nullptr;
    EXPECT_NE(refusal(table).find("required transport function on_fd is missing"), std::string::npos);
    table = valid_interface();
    table.flow_info = nullptr;
    EXPECT_NE(refusal(table).find("flow_info is missing"), std::string::npos);

    EXPECT_NE(validate_transport_interface(nullptr).error().message.find("missing (NULL)"), std::string::npos);
}

TEST(NumericAddress, TellsNumbersFromNamesAndWildcards)
{
    for (const char *numeric : {"127.0.0.1", "192.0.2.1", "::1", "2001:db8::1", "::ffff:192.0.2.1"}) {
        EXPECT_TRUE(is_numeric_address(numeric)) << numeric;
        EXPECT_FALSE(refuse_local_address(numeric).has_value()) << numeric;
    }
    for (const char *name : {"localhost", "example.test", "1.2.3", "", "127.0.0.1 "}) {
        EXPECT_FALSE(is_numeric_address(name)) << name;
    }
    EXPECT_FALSE(is_numeric_address(std::string("127.0.0.1\0evil", 14)));
    for (const char *wildcard : {"0.0.0.0", "::", "0:0:0:0:0:0:0:0"}) {
        EXPECT_TRUE(is_wildcard_address(wildcard)) << wildcard;
        const auto refused = refuse_local_address(wildcard);
        ASSERT_TRUE(refused.has_value());
        EXPECT_NE(refused->find("wildcard"), std::string::npos) << *refused;
    }
}

} // namespace
} // namespace cordon
