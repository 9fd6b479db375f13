// What the test suite and sandbox_lockdown_probe agree on.
//   sandbox_lockdown_probe <loading|serving> <operation> [argument]
// The probe locks down (serving: loading, load the Opus plugin, serving),
// writes its lockdown report to report_fd, tries the operation and exits.
#pragma once

namespace cordon::sandbox::probe {

inline constexpr int report_fd = 3;     // a pipe: the probe's findings, one line each
inline constexpr int ipc_fd_number = 4; // an eventfd or file the test shares, kept open

inline constexpr int exit_succeeded = 0;       // the operation worked
inline constexpr int exit_usage = 2;           // unknown phase or operation
inline constexpr int exit_refused = 3;         // the operation failed with an error
inline constexpr int exit_lockdown_failed = 4; // a lockdown phase returned an error

// The address-space limit the probe asks for, and what it then tries to get.
inline constexpr unsigned long long probe_address_space_bytes = 256ULL << 20;
inline constexpr unsigned long long beyond_address_space_bytes = 512ULL << 20;

} // namespace cordon::sandbox::probe
