#include "plugin_checker/conformance/raw_checks.hpp"

#include "plugin_checker/conformance_check_names.hpp"

namespace cordon::plugin_check {

const std::vector<RawCheck> &raw_conformance_checks()
{
    static const std::vector<RawCheck> checks = {
        {check_name::configurations, "every advertised configuration created, described within limits and destroyed",
         check_configuration_lifecycle, true},
        {check_name::foreign_configurations,
         "unknown parameters, rates, channel counts, frame durations and encodings refused",
         check_refuses_foreign_configurations},
        {check_name::capacities, "25 frames encoded and decoded with nothing written past the stated maximums",
         check_capacities},
        {check_name::small_buffers, "too small output buffers refused with BUFFER_TOO_SMALL, nothing written",
         check_small_buffers_refused},
        {check_name::arguments, "wrong frame sizes and null pointers refused with INVALID_ARGUMENT",
         check_argument_refusals},
        {check_name::reset, "encoder and decoder back to their state after create", check_reset},
        {check_name::concealment, "a lost frame concealed within the buffer, with and without the next packet",
         check_concealment},
        {check_name::malformed_packets,
         "truncated, bit-flipped and random packets decoded or refused, within the buffer", check_malformed_packets},
    };
    return checks;
}

} // namespace cordon::plugin_check
