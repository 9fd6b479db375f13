#include "fuzz/srtp_session.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/ascii_chars.h"
#include "encryption-srtp/plugin_descriptor.h"

namespace cordon::fuzz {

namespace {

// Base64 of 30 and 28 fixed bytes: the key and salt of each suite.
constexpr const char *fixed_keys[] = {"WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz",
                                      "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVuQA=="};
constexpr const char *suite_names[] = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"};

void drop_log(const cordon_host_services * /*host*/, cordon_log_level /*level*/, const char * /*message*/) {}
uint64_t no_clock(const cordon_host_services * /*host*/) { return 0; }
const void *no_service(const cordon_host_services * /*host*/, const char * /*service_id*/) { return nullptr; }

const cordon_host_services host_services = {
    sizeof(cordon_host_services), CORDON_ABI_MAJOR, CORDON_ABI_MINOR, nullptr, drop_log, no_clock, no_service,
};

const cordon_media_encryption_interface &open_plugin()
{
    const cordon_plugin_descriptor *descriptor = encryption_srtp_descriptor();
    srtp_require(descriptor->kind == CORDON_PLUGIN_KIND_ENCRYPTION, "not an encryption plugin");
    srtp_require(descriptor->init(&host_services) == CORDON_STATUS_OK, "init refused");
    const auto *encryption = static_cast<const cordon_media_encryption_interface *>(
        descriptor->get_interface(CORDON_MEDIA_ENCRYPTION_INTERFACE_ID));
    srtp_require(encryption != nullptr, "no media encryption interface");
    return *encryption;
}

bool terminated(const char *field, size_t size) { return std::memchr(field, '\0', size) != nullptr; }

bool printable(const char *text) { return std::all_of(text, text + std::strlen(text), ascii_is_printable); }

cordon_media_negotiation empty_negotiation()
{
    cordon_media_negotiation negotiation{};
    negotiation.struct_size = sizeof negotiation;
    return negotiation;
}

} // namespace

void srtp_contract_broken(const char *rule)
{
    std::fprintf(stderr, "encryption-srtp broke the ABI contract: %s\n", rule);
    std::abort();
}

const cordon_media_encryption_interface &srtp_interface()
{
    static const cordon_media_encryption_interface &encryption = open_plugin();
    return encryption;
}

cordon_media_session *new_srtp_session()
{
    const cordon_media_session_config config{sizeof(cordon_media_session_config), 1};
    cordon_media_session *session = nullptr;
    char error[CORDON_MEDIA_TEXT_BYTES];
    srtp_require(srtp_interface().create(&config, &session, error, sizeof error) == CORDON_MEDIA_STATUS_OK &&
                     session != nullptr,
                 "create refused");
    return session;
}

std::string fixed_offer(int suite)
{
    return std::to_string(suite + 1) + " " + suite_names[suite] + " inline:" + fixed_keys[suite];
}

cordon_media_session *answered_with_fixed_key(int suite)
{
    cordon_media_session *session = new_srtp_session();
    const std::string offer = fixed_offer(suite);
    const cordon_media_attribute value{offer.data(), offer.size()};
    auto negotiation = empty_negotiation();
    const auto status = srtp_interface().answer(session, &value, 1, &negotiation);
    check_negotiation(status, negotiation);
    srtp_require(status == CORDON_MEDIA_STATUS_OK, "a fixed offer was not answered");
    return session;
}

SrtpPair negotiated_pair(int suite)
{
    const auto &encryption = srtp_interface();
    SrtpPair pair{new_srtp_session(), new_srtp_session(), 0};
    auto offer = empty_negotiation();
    srtp_require(encryption.offer(pair.a, &offer) == CORDON_MEDIA_STATUS_OK, "offer refused");
    srtp_require(offer.attribute_count > static_cast<uint32_t>(suite), "suite not offered");
    const cordon_media_attribute offered{offer.attributes[suite], std::strlen(offer.attributes[suite])};
    auto answer = empty_negotiation();
    srtp_require(encryption.answer(pair.b, &offered, 1, &answer) == CORDON_MEDIA_STATUS_OK, "answer refused");
    const cordon_media_attribute answered{answer.attributes[0], std::strlen(answer.attributes[0])};
    auto accepted = empty_negotiation();
    srtp_require(encryption.accept_answer(pair.a, &answered, 1, &accepted) == CORDON_MEDIA_STATUS_OK,
                 "answer not accepted");
    pair.overhead = accepted.overhead;
    return pair;
}

void check_negotiation(cordon_media_status status, const cordon_media_negotiation &reply)
{
    srtp_require(status >= CORDON_MEDIA_STATUS_OK && status <= CORDON_MEDIA_STATUS_REPLAYED, "unknown status");
    srtp_require(terminated(reply.refusal, sizeof reply.refusal) && printable(reply.refusal),
                 "refusal not terminated or not printable");
    srtp_require(terminated(reply.suite, sizeof reply.suite) && printable(reply.suite), "suite not terminated");
    if (status != CORDON_MEDIA_STATUS_OK) {
        srtp_require(reply.attribute_count == 0, "attributes reported on failure");
        return;
    }
    srtp_require(reply.attribute_count <= CORDON_MEDIA_MAX_ATTRIBUTES, "too many attributes");
    for (uint32_t i = 0; i < reply.attribute_count; ++i) {
        srtp_require(terminated(reply.attributes[i], sizeof reply.attributes[i]) && printable(reply.attributes[i]),
                     "attribute not terminated or not printable (line injection)");
    }
    srtp_require(reply.overhead <= srtp_interface().max_overhead, "overhead above max_overhead");
}

} // namespace cordon::fuzz
