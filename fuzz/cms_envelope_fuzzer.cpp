// Encrypted bodies a peer sends, through encryption-smime's decrypt() as the
// host calls it, with the fixed identities of cms_envelope_identity.hpp. The
// first byte chooses: bit 0 the EC identity (else RSA), bit 1 that the
// content type is read from the input up to its first '\n' (else it is
// S/MIME AuthEnvelopedData's); the rest is the body, in a heap block of
// exactly its size. Whatever it holds, the reply keeps the contract: a known
// status, lengths within the capacities given, on success a printable
// type/subtype and a body within CORDON_BODY_MAX_BYTES, on failure no
// lengths and a printable refusal ending within its array.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "cordon/body_encryption.h"
#include "core/ascii_chars.h"
#include "encryption-smime/plugin_descriptor.h"
#include "fuzz/cms_envelope_identity.hpp"

namespace {

constexpr char auth_enveloped_type[] = "application/pkcs7-mime; smime-type=authEnveloped-data; name=smime.p7m";
constexpr uint8_t use_ec_identity = 0x01;
constexpr uint8_t content_type_in_input = 0x02;

[[noreturn]] void contract_broken(const char *rule)
{
    std::fprintf(stderr, "cms_envelope: the reply broke the contract: %s\n", rule);
    std::abort();
}

void require(bool holds, const char *rule)
{
    if (!holds) {
        contract_broken(rule);
    }
}

const cordon_body_encryption_interface &smime_interface()
{
    static const auto *encryption = [] {
        const cordon_plugin_descriptor *descriptor = encryption_smime_descriptor();
        return static_cast<const cordon_body_encryption_interface *>(
            descriptor->get_interface(CORDON_BODY_ENCRYPTION_INTERFACE_ID));
    }();
    return *encryption;
}

cordon_body_identity *make_identity(const char *certificate, const char *key)
{
    cordon_body_identity *identity = nullptr;
    char refusal[CORDON_BODY_TEXT_BYTES] = {};
    const auto status = smime_interface().identity_create(
        reinterpret_cast<const uint8_t *>(certificate), std::strlen(certificate),
        reinterpret_cast<const uint8_t *>(key), std::strlen(key), &identity, refusal, sizeof refusal);
    require(status == CORDON_BODY_STATUS_OK && identity != nullptr, "the fixed identity was refused");
    return identity;
}

const cordon_body_identity *identity_for(bool ec)
{
    static cordon_body_identity *rsa = make_identity(cordon::fuzz::fuzz_rsa_certificate, cordon::fuzz::fuzz_rsa_key);
    static cordon_body_identity *elliptic = make_identity(cordon::fuzz::fuzz_ec_certificate, cordon::fuzz::fuzz_ec_key);
    return ec ? elliptic : rsa;
}

bool is_printable(const char *text, size_t length) { return std::all_of(text, text + length, ascii_is_printable); }

void check_reply(cordon_body_status status, const cordon_body_output &out)
{
    require(status >= CORDON_BODY_STATUS_OK && status <= CORDON_BODY_STATUS_AUTHENTICATION_FAILED, "unknown status");
    if (status == CORDON_BODY_STATUS_BUFFER_TOO_SMALL) {
        require(out.content_type_length <= CORDON_BODY_CONTENT_TYPE_BYTES && out.body_length <= CORDON_BODY_MAX_BYTES,
                "asked for more room than the limits");
        require(out.content_type_length > out.content_type_capacity || out.body_length > out.body_capacity,
                "asked for no more room than it had");
        return;
    }
    if (status == CORDON_BODY_STATUS_OK) {
        require(out.content_type_length >= 1 && out.content_type_length <= out.content_type_capacity,
                "content type length");
        require(out.body_length <= out.body_capacity && out.body_length <= CORDON_BODY_MAX_BYTES, "body length");
        require(is_printable(out.content_type, out.content_type_length) &&
                    std::memchr(out.content_type, '/', out.content_type_length) != nullptr,
                "content type not a printable type/subtype");
        return;
    }
    require(out.content_type_length == 0 && out.body_length == 0, "lengths reported on failure");
    const void *end = std::memchr(out.refusal, '\0', sizeof out.refusal);
    require(end != nullptr, "refusal not terminated");
    require(is_printable(out.refusal, static_cast<size_t>(static_cast<const char *>(end) - out.refusal)),
            "refusal not printable");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    const uint8_t flags = data[0];
    std::string_view rest(reinterpret_cast<const char *>(data + 1), size - 1);
    std::string_view content_type = auth_enveloped_type;
    if ((flags & content_type_in_input) != 0) {
        const size_t newline = rest.find('\n');
        if (newline == std::string_view::npos) {
            return 0;
        }
        content_type = rest.substr(0, newline);
        rest.remove_prefix(newline + 1);
    }
    // What the host lets through (in_process_body_encryption.cpp).
    if (content_type.empty() || content_type.size() > CORDON_BODY_CONTENT_TYPE_BYTES ||
        !is_printable(content_type.data(), content_type.size()) || rest.empty() ||
        rest.size() > CORDON_BODY_MAX_ENVELOPE_BYTES) {
        return 0;
    }
    auto type_copy = std::make_unique<char[]>(content_type.size());
    std::memcpy(type_copy.get(), content_type.data(), content_type.size());
    auto body_copy = std::make_unique<uint8_t[]>(rest.size());
    std::memcpy(body_copy.get(), rest.data(), rest.size());
    const cordon_body_entity outer{type_copy.get(), content_type.size(), body_copy.get(), rest.size()};

    std::vector<char> type_out(CORDON_BODY_CONTENT_TYPE_BYTES);
    std::vector<uint8_t> body_out(rest.size());
    cordon_body_output out{};
    out.struct_size = sizeof out;
    out.content_type = type_out.data();
    out.content_type_capacity = type_out.size();
    out.body = body_out.data();
    out.body_capacity = body_out.size();
    const auto status = smime_interface().decrypt(identity_for((flags & use_ec_identity) != 0), &outer, &out);
    check_reply(status, out);
    return 0;
}
