#include "ua/presence_context.hpp"

#include <algorithm>

#include <osipparser2/osip_parser.h>

#include "sip/request_builder.hpp"
#include "sip/response_builder.hpp"

namespace cordon::ua {

namespace {

constexpr std::chrono::seconds first_retry{2};
constexpr std::chrono::seconds longest_retry{300};
constexpr std::string_view presence_source = "presence";

} // namespace

std::chrono::seconds presence_backoff(unsigned attempts)
{
    const unsigned doublings = std::min(attempts, 8u);
    return std::min(longest_retry, first_retry * (1u << doublings));
}

void presence_respond(PresenceContext &context, sip::TransactionId id, const osip_message_t &request, int code,
                      const std::vector<std::pair<std::string, std::string>> &headers, const std::string &to_tag)
{
    auto response = sip::build_response(request, code, to_tag.empty() ? sip::random_token() : to_tag);
    if (!response) {
        context.logger.write(LogLevel::warning, presence_source,
                             "cannot answer a " + std::string(request.sip_method != nullptr ? request.sip_method : "") +
                                 ": " + response.error().message);
        return;
    }
    for (const auto &[name, value] : headers) {
        osip_message_set_header(response->get(), name.c_str(), value.c_str());
    }
    if (auto sent = context.transactions.respond(id, std::move(response.value())); !sent) {
        context.logger.write(LogLevel::warning, presence_source, "cannot answer a request: " + sent.error().message);
    }
}

} // namespace cordon::ua
