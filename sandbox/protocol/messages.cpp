#include "sandbox/protocol/messages.hpp"

namespace cordon::sandbox {

const char *to_string(Operation operation)
{
    switch (operation) {
    case Operation::describe:
        return "DESCRIBE";
    case Operation::create:
        return "CREATE";
    case Operation::encode:
        return "ENCODE";
    case Operation::decode:
        return "DECODE";
    case Operation::conceal:
        return "CONCEAL";
    case Operation::reset:
        return "RESET";
    case Operation::destroy:
        return "DESTROY";
    }
    return "unknown operation";
}

bool is_known_operation(uint32_t value) { return value >= first_operation && value <= last_operation; }

const char *to_string(ReplyDetail detail)
{
    switch (detail) {
    case ReplyDetail::none:
        return "none";
    case ReplyDetail::malformed_request:
        return "malformed request";
    case ReplyDetail::unknown_instance:
        return "unknown instance";
    case ReplyDetail::instance_table_full:
        return "instance table full";
    case ReplyDetail::plugin_length_past_capacity:
        return "plugin claimed a length past its capacity";
    case ReplyDetail::plugin_wrote_past_capacity:
        return "plugin wrote past the capacity it was given";
    case ReplyDetail::plugin_unknown_status:
        return "plugin returned an unknown status";
    case ReplyDetail::plugin_refused:
        return "plugin interface or descriptor refused";
    case ReplyDetail::reply_too_large:
        return "reply too large for the payload area";
    case ReplyDetail::no_concealment:
        return "plugin has no concealment";
    }
    return "unknown detail";
}

} // namespace cordon::sandbox
