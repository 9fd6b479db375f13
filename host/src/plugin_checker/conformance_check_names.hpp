// The names of the raw conformance checks, in the order cordon-plugin-probe
// runs them. The checker knows them without linking the checks, so it can
// tell a result it expects from one a plugin made up, and name what was not
// run.
#pragma once

#include <array>
#include <string_view>

namespace cordon::plugin_check {

namespace check_name {
inline constexpr std::string_view configurations = "conformance.configurations";
inline constexpr std::string_view foreign_configurations = "conformance.foreign-configurations";
inline constexpr std::string_view capacities = "conformance.capacities";
inline constexpr std::string_view small_buffers = "conformance.small-buffers";
inline constexpr std::string_view arguments = "conformance.arguments";
inline constexpr std::string_view reset = "conformance.reset";
inline constexpr std::string_view concealment = "conformance.concealment";
inline constexpr std::string_view malformed_packets = "conformance.malformed-packets";

} // namespace check_name

inline constexpr std::array raw_conformance_check_names = {
    check_name::configurations, check_name::foreign_configurations,
    check_name::capacities,     check_name::small_buffers,
    check_name::arguments,      check_name::reset,
    check_name::concealment,    check_name::malformed_packets};

} // namespace cordon::plugin_check
