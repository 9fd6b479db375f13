// What the test suite and sandbox_lockdown_probe agree on.
//   sandbox_lockdown_probe <loading|serving> <operation> [argument]
// The probe locks down (serving: loading, load the Opus plugin, serving),
// writes its lockdown report to kReportFd, tries the operation and exits.
#pragma once

namespace cordon::sandbox::probe {

inline constexpr int kReportFd = 3; // a pipe: the probe's findings, one line each
inline constexpr int kIpcFd = 4;    // an eventfd or file the test shares, kept open

inline constexpr int kExitSucceeded = 0;      // the operation worked
inline constexpr int kExitUsage = 2;          // unknown phase or operation
inline constexpr int kExitRefused = 3;        // the operation failed with an error
inline constexpr int kExitLockdownFailed = 4; // a lockdown phase returned an error

// The address-space limit the probe asks for, and what it then tries to get.
inline constexpr unsigned long long kProbeAddressSpaceBytes = 256ULL << 20;
inline constexpr unsigned long long kBeyondAddressSpaceBytes = 512ULL << 20;

} // namespace cordon::sandbox::probe
