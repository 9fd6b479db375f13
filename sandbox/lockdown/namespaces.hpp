// New namespaces for the child where the kernel allows them. Containers often
// refuse unshare; seccomp, rlimits and Landlock still apply then.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace cordon::sandbox {

struct NamespaceOutcome {
    std::vector<std::string> unavailable; // short names: "user", "net", ...
    std::string first_refusal;            // strerror of the first refused unshare
};

// Must run single-threaded (a new user namespace requires it). The process
// itself stays in its pid namespace; the new one would hold its children,
// and it may have none.
NamespaceOutcome enter_new_namespaces();

// Namespace names as bits (bit i: the i-th namespace the sandbox enters), so
// the lockdown report fits a fixed-size message. Unknown names and bits are
// dropped.
uint32_t namespace_mask(std::span<const std::string> names);
std::vector<std::string> namespace_names_in(uint32_t mask);

} // namespace cordon::sandbox
