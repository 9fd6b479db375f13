// New namespaces for the child where the kernel allows them. Containers often
// refuse unshare; seccomp, rlimits and Landlock still apply then.
#pragma once

#include <string>
#include <vector>

namespace cordon::sandbox {

struct NamespaceOutcome {
    std::vector<std::string> unavailable;  // short names: "user", "net", ...
    std::string first_refusal;             // strerror of the first refused unshare
};

// Must run single-threaded (a new user namespace requires it). The process
// itself stays in its pid namespace; the new one would hold its children,
// and it may have none.
NamespaceOutcome enter_new_namespaces();

}  // namespace cordon::sandbox
