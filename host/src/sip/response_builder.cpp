#include "sip/response_builder.hpp"

#include <osipparser2/osip_parser.h>

namespace cordon::sip {
namespace {

int clone_via(void *source, void **copy)
{
    return osip_via_clone(static_cast<const osip_via_t *>(source), reinterpret_cast<osip_via_t **>(copy));
}

bool has_tag(osip_to_t *to)
{
    osip_generic_param_t *tag = nullptr;
    osip_generic_param_get_byname(&to->gen_params, const_cast<char *>("tag"), &tag);
    return tag != nullptr;
}

} // namespace

Result<OsipMessage> build_response(const osip_message_t &request, int status_code, const std::string &to_tag,
                                   const std::string &reason)
{
    const Error out_of_memory{ErrorCode::out_of_memory, "cannot build a response"};
    if (request.from == nullptr || request.to == nullptr || request.call_id == nullptr || request.cseq == nullptr) {
        return Error{ErrorCode::invalid_argument, "the request lacks From, To, Call-ID or CSeq"};
    }
    osip_message_t *raw = nullptr;
    if (osip_message_init(&raw) != OSIP_SUCCESS) {
        return out_of_memory;
    }
    OsipMessage response(raw);
    osip_message_set_version(raw, osip_strdup("SIP/2.0"));
    osip_message_set_status_code(raw, status_code);
    const char *standard_reason = osip_message_get_reason(status_code);
    osip_message_set_reason_phrase(raw, osip_strdup(!reason.empty()              ? reason.c_str()
                                                    : standard_reason != nullptr ? standard_reason
                                                                                 : "Unknown"));
    if (osip_list_clone(&request.vias, &raw->vias, &clone_via) != OSIP_SUCCESS ||
        osip_from_clone(request.from, &raw->from) != OSIP_SUCCESS ||
        osip_to_clone(request.to, &raw->to) != OSIP_SUCCESS ||
        osip_call_id_clone(request.call_id, &raw->call_id) != OSIP_SUCCESS ||
        osip_cseq_clone(request.cseq, &raw->cseq) != OSIP_SUCCESS) {
        return out_of_memory;
    }
    if (status_code > 100 && !has_tag(raw->to) && !to_tag.empty()) {
        osip_generic_param_add(&raw->to->gen_params, osip_strdup("tag"), osip_strdup(to_tag.c_str()));
    }
    osip_message_set_content_length(raw, "0");
    return response;
}

void add_dialog_fields(osip_message_t &response, const osip_message_t &request, const std::string &contact_uri)
{
    osip_message_set_contact(&response, contact_uri.c_str());
    for (int i = 0; i < osip_list_size(&request.record_routes); ++i) {
        osip_record_route_t *copy = nullptr;
        auto *route = static_cast<osip_record_route_t *>(osip_list_get(&request.record_routes, i));
        if (osip_from_clone(route, &copy) == OSIP_SUCCESS) {
            osip_list_add(&response.record_routes, copy, -1);
        }
    }
}

} // namespace cordon::sip
