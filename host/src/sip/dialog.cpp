#include "sip/dialog.hpp"

#include <osipparser2/osip_parser.h>

namespace cordon::sip {

namespace {

struct OsipText {
    char *text = nullptr;
    ~OsipText() { osip_free(text); }
};

std::vector<std::string> record_routes(const osip_message_t &message)
{
    std::vector<std::string> routes;
    for (int i = 0; i < osip_list_size(&message.record_routes); ++i) {
        auto *route = static_cast<const osip_record_route_t *>(osip_list_get(&message.record_routes, i));
        OsipText text;
        if (route != nullptr && osip_record_route_to_str(route, &text.text) == OSIP_SUCCESS) {
            routes.emplace_back(text.text);
        }
    }
    return routes;
}

Result<std::string> contact_uri(const osip_message_t &message, const char *what)
{
    auto *contact = static_cast<const osip_contact_t *>(osip_list_get(&message.contacts, 0));
    if (contact == nullptr || contact->url == nullptr) {
        return Error{ErrorCode::malformed_input, std::string(what) + " has no Contact to send later requests to"};
    }
    return uri_text(*contact->url);
}

} // namespace

std::string uri_text(const osip_uri_t &uri)
{
    OsipText text;
    if (osip_uri_to_str(&uri, &text.text) != OSIP_SUCCESS || text.text == nullptr) {
        return {};
    }
    return text.text;
}

std::string name_addr_text(const osip_from_t &address)
{
    const std::string uri = address.url != nullptr ? uri_text(*address.url) : std::string();
    const std::string name = address.displayname != nullptr ? std::string(address.displayname) + " " : "";
    return name + "<" + uri + ">";
}

std::optional<std::string> tag_of(const osip_from_t &address)
{
    osip_generic_param_t *tag = nullptr;
    osip_generic_param_get_byname(const_cast<osip_list_t *>(&address.gen_params), const_cast<char *>("tag"), &tag);
    if (tag == nullptr || tag->gvalue == nullptr) {
        return std::nullopt;
    }
    return std::string(tag->gvalue);
}

std::string call_id_text(const osip_call_id_t &call_id)
{
    std::string id = call_id.number != nullptr ? call_id.number : "";
    if (call_id.host != nullptr) {
        id += std::string("@") + call_id.host;
    }
    return id;
}

bool Dialog::matches(const osip_message_t &request) const
{
    if (request.call_id == nullptr || request.from == nullptr || request.to == nullptr) {
        return false;
    }
    return call_id_text(*request.call_id) == call_id && tag_of(*request.from) == remote_tag &&
           tag_of(*request.to) == local_tag;
}

Result<Dialog> dialog_as_caller(const osip_message_t &invite, const osip_message_t &response)
{
    const auto remote_tag = tag_of(*response.to);
    const auto local_tag = tag_of(*invite.from);
    if (!remote_tag || !local_tag) {
        return Error{ErrorCode::malformed_input, "the 2xx to the INVITE has no To tag"};
    }
    auto target = contact_uri(response, "the 2xx to the INVITE");
    if (!target) {
        return target.error();
    }
    Dialog dialog;
    dialog.call_id = call_id_text(*invite.call_id);
    dialog.local_tag = *local_tag;
    dialog.remote_tag = *remote_tag;
    dialog.local_uri = name_addr_text(*invite.from);
    dialog.remote_uri = name_addr_text(*invite.to);
    dialog.remote_target = std::move(target.value());
    auto routes = record_routes(response);
    dialog.route_set.assign(routes.rbegin(), routes.rend());
    dialog.local_cseq = static_cast<std::uint32_t>(std::stoul(invite.cseq->number));
    return dialog;
}

Result<Dialog> dialog_as_callee(const osip_message_t &invite, const std::string &local_tag)
{
    const auto remote_tag = tag_of(*invite.from);
    if (!remote_tag) {
        return Error{ErrorCode::malformed_input, "the INVITE has no From tag"};
    }
    auto target = contact_uri(invite, "the INVITE");
    if (!target) {
        return target.error();
    }
    Dialog dialog;
    dialog.call_id = call_id_text(*invite.call_id);
    dialog.local_tag = local_tag;
    dialog.remote_tag = *remote_tag;
    dialog.local_uri = name_addr_text(*invite.to);
    dialog.remote_uri = name_addr_text(*invite.from);
    dialog.remote_target = std::move(target.value());
    dialog.route_set = record_routes(invite);
    dialog.remote_cseq = static_cast<std::uint32_t>(std::stoul(invite.cseq->number));
    return dialog;
}

RequestSpec in_dialog_request(Dialog &dialog, const std::string &method, const std::string &via_transport,
                              const std::string &sent_by, std::optional<std::uint32_t> cseq_override)
{
    RequestSpec spec;
    spec.method = method;
    spec.request_uri = dialog.remote_target;
    spec.from = dialog.local_uri;
    spec.from_tag = dialog.local_tag;
    spec.to = dialog.remote_uri;
    spec.to_tag = dialog.remote_tag;
    spec.call_id = dialog.call_id;
    spec.cseq = cseq_override ? *cseq_override : ++dialog.local_cseq;
    spec.via_transport = via_transport;
    spec.via_sent_by = sent_by;
    spec.via_branch = new_branch();
    spec.routes = dialog.route_set;
    return spec;
}

} // namespace cordon::sip
