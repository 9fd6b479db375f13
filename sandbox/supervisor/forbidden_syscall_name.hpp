// The syscall a sandbox child's SIGSYS handler named in its last line
// (lockdown/forbidden_syscall_report.hpp), as a name the reader knows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cordon::sandbox {

// "forbidden system call 41" (the child's line without its "cordon-sandbox: "
// prefix) → "socket (41)"; a number this architecture has no name for stays
// a number. nullopt when the line is not that report: the line is the
// child's, so it is read like any other tainted text.
std::optional<std::string> forbidden_syscall_named_in(std::string_view child_line);

} // namespace cordon::sandbox
