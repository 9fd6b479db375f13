#include "forbidden_syscall_name.hpp"

#include <seccomp.h>

#include <charconv>
#include <cstdlib>
#include <memory>

#include "lockdown/forbidden_syscall_report.hpp"

namespace cordon::sandbox {
namespace {

// Syscall numbers are small; more digits than this is not a report.
constexpr size_t kMaxSyscallDigits = 5;

std::string_view line_prefix()
{
    constexpr std::string_view whole(kForbiddenSyscallLine);
    constexpr std::string_view child_prefix = "cordon-sandbox: ";
    return whole.substr(child_prefix.size());
}

} // namespace

std::optional<std::string> forbidden_syscall_named_in(std::string_view child_line)
{
    if (!child_line.starts_with(line_prefix())) {
        return std::nullopt;
    }
    const std::string_view digits = child_line.substr(line_prefix().size());
    if (digits.empty() || digits.size() > kMaxSyscallDigits) {
        return std::nullopt;
    }
    unsigned int number = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (error != std::errc() || end != digits.data() + digits.size()) {
        return std::nullopt;
    }
    const std::unique_ptr<char, decltype(&std::free)> name(
        seccomp_syscall_resolve_num_arch(seccomp_arch_native(), static_cast<int>(number)), &std::free);
    const std::string number_text(digits);
    return name ? std::string(name.get()) + " (" + number_text + ")" : "number " + number_text;
}

} // namespace cordon::sandbox
