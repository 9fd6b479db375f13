// Challenge text from a hostile server through both auth plugins' answer(),
// as the host calls it. The first byte chooses the request (bit 0: TLS to the
// next hop, bit 1: refuse_md5, bit 2: a body, bit 3: a tiny answer buffer);
// the rest, split at each '\n', is up to CORDON_AUTH_MAX_CHALLENGES
// challenges, each in a heap block of exactly its size. Whatever they hold,
// each reply keeps the ABI contract: a known status, an answer within the
// capacity and free of control characters, a chosen index within the count,
// outcome strings terminated within their arrays, nothing written on failure.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "auth-basic/plugin_descriptor.h"
#include "auth-digest/plugin_descriptor.h"
#include "cordon/auth.h"
#include "core/ascii_chars.h"
#include "fuzz/guarded_buffer.hpp"

namespace {

constexpr char test_username[] = "alice";
constexpr char test_password[] = "fuzz-password";
constexpr size_t tiny_capacity = 40;

[[noreturn]] void broken(const char *rule)
{
    std::fprintf(stderr, "auth plugin broke the ABI contract: %s\n", rule);
    std::abort();
}

void require(bool holds, const char *rule)
{
    if (!holds) {
        broken(rule);
    }
}

void drop_log(const cordon_host_services * /*host*/, cordon_log_level /*level*/, const char * /*message*/) {}
uint64_t no_clock(const cordon_host_services * /*host*/) { return 0; }
const void *no_service(const cordon_host_services * /*host*/, const char * /*service_id*/) { return nullptr; }

const cordon_host_services host_services = {
    sizeof(cordon_host_services), CORDON_ABI_MAJOR, CORDON_ABI_MINOR, nullptr, drop_log, no_clock, no_service,
};

// Opens a plugin as the host does: descriptor, init, interface. Kept for the
// life of the process.
const cordon_auth_interface &open_auth(const cordon_plugin_descriptor *descriptor)
{
    require(descriptor != nullptr && descriptor->kind == CORDON_PLUGIN_KIND_AUTH, "not an auth plugin");
    require(descriptor->init == nullptr || descriptor->init(&host_services) == CORDON_STATUS_OK, "init refused");
    const auto *auth = static_cast<const cordon_auth_interface *>(descriptor->get_interface(CORDON_AUTH_INTERFACE_ID));
    require(auth != nullptr && auth->create != nullptr && auth->answer != nullptr && auth->destroy != nullptr,
            "incomplete auth interface");
    return *auth;
}

bool terminated(const char *field, size_t size) { return std::memchr(field, '\0', size) != nullptr; }

void check_reply(cordon_status status, cordon::fuzz::GuardedBuffer<char> &answer, size_t length,
                 const cordon_auth_outcome &outcome, uint32_t count)
{
    require(status >= CORDON_STATUS_OK && status <= CORDON_STATUS_INTERNAL_ERROR, "unknown status");
    require(answer.canaries_intact(), "wrote past the answer capacity");
    require(terminated(outcome.refusal, sizeof outcome.refusal), "refusal not terminated");
    if (status != CORDON_STATUS_OK) {
        require(length == 0, "answer length set on failure");
        return;
    }
    require(length > 0 && length <= answer.capacity(), "answer length outside the capacity");
    require(outcome.chosen < count, "chosen index outside the challenges");
    require(outcome.stale <= 1, "stale neither 0 nor 1");
    require(terminated(outcome.realm, sizeof outcome.realm), "realm not terminated");
    require(terminated(outcome.algorithm, sizeof outcome.algorithm), "algorithm not terminated");
    require(!ascii_has_control(answer.data(), length), "control character in the answer (header injection)");
}

void answer_with(const cordon_auth_interface &auth, const cordon_auth_config &config,
                 const cordon_auth_request &request, const std::vector<cordon_auth_challenge> &challenges,
                 size_t capacity, int rounds)
{
    cordon_auth_session *session = nullptr;
    char error[CORDON_AUTH_TEXT_BYTES];
    if (auth.create(&config, &session, error, sizeof error) != CORDON_STATUS_OK) {
        require(session == nullptr, "create failed but returned a session");
        return;
    }
    const auto count = static_cast<uint32_t>(challenges.size());
    for (int round = 0; round < rounds; ++round) {
        cordon::fuzz::GuardedBuffer<char> answer(capacity);
        cordon_auth_outcome outcome{};
        outcome.struct_size = sizeof outcome;
        size_t length = 0;
        const cordon_status status = auth.answer(session, &request, challenges.data(), count, answer.data(),
                                                 answer.capacity(), &length, &outcome);
        check_reply(status, answer, length, outcome, count);
    }
    auth.destroy(session);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const cordon_auth_interface &digest = open_auth(auth_digest_descriptor());
    static const cordon_auth_interface &basic = open_auth(auth_basic_descriptor());
    if (size == 0) {
        return 0;
    }
    const uint8_t flags = data[0];
    const std::string_view text(reinterpret_cast<const char *>(data) + 1, size - 1);
    std::vector<std::unique_ptr<char[]>> storage;
    std::vector<cordon_auth_challenge> challenges;
    for (size_t start = 0; start <= text.size() && challenges.size() < CORDON_AUTH_MAX_CHALLENGES;) {
        const size_t end = std::min(text.find('\n', start), text.size());
        const size_t length = end - start;
        storage.emplace_back(new char[length == 0 ? 1 : length]);
        std::memcpy(storage.back().get(), text.data() + start, length);
        challenges.push_back({storage.back().get(), length});
        start = end + 1;
    }
    static const uint8_t body[] = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n";
    const cordon_auth_request request{
        sizeof(cordon_auth_request),
        "REGISTER",
        "sip:example.com",
        (flags & 4u) != 0 ? body : nullptr,
        (flags & 4u) != 0 ? sizeof body - 1 : 0,
        (flags & 1u) != 0 ? 1u : 0u,
        0u,
        test_username,
        test_password,
    };
    const cordon_auth_param refuse_md5[] = {{"refuse_md5", (flags & 2u) != 0 ? "true" : "false"}};
    const cordon_auth_config digest_config{sizeof(cordon_auth_config), refuse_md5, 1};
    const cordon_auth_config basic_config{sizeof(cordon_auth_config), nullptr, 0};
    const size_t capacity = (flags & 8u) != 0 ? tiny_capacity : CORDON_AUTH_MAX_ANSWER_BYTES;
    // Twice on one session: the second answer counts the nonce on.
    answer_with(digest, digest_config, request, challenges, capacity, 2);
    answer_with(basic, basic_config, request, challenges, capacity, 1);
    return 0;
}
