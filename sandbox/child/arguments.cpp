#include "sandbox/child/arguments.hpp"

#include <unistd.h>

#include <charconv>
#include <limits>
#include <map>
#include <string_view>

#include "sandbox/protocol/region_layout.hpp"

namespace cordon::sandbox {
namespace {

constexpr std::string_view plugin_option = "--plugin";
constexpr std::string_view region_fd_option = "--region-fd";
constexpr std::string_view slots_option = "--slots";
constexpr std::string_view request_fd_option = "--request-fd";
constexpr std::string_view reply_fd_option = "--reply-fd";
constexpr std::string_view memory_limit_option = "--memory-limit-mb";
constexpr std::string_view handover_fd_option = "--handover-fd";
constexpr std::string_view known_options[] = {plugin_option,     region_fd_option, slots_option,
                                              request_fd_option, reply_fd_option,  memory_limit_option,
                                              handover_fd_option};

Error refuse(const std::string &reason) { return Error{ErrorCode::invalid_argument, reason}; }

// Decimal digits only: no sign, no spaces, no trailing text, no overflow.
Result<uint32_t> parse_number(std::string_view option, std::string_view text, uint32_t minimum, uint32_t maximum)
{
    uint32_t value = 0;
    const char *end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    const bool digits_only = !text.empty() && text.front() != '+' && text.front() != '-';
    if (!digits_only || error != std::errc{} || stop != end || value < minimum || value > maximum) {
        return refuse(std::string(option) + " wants a whole number from " + std::to_string(minimum) + " to " +
                      std::to_string(maximum) + ", not '" + std::string(text) + "'");
    }
    return value;
}

// stdin, stdout and stderr have other jobs; fds stay within int.
Result<int> parse_descriptor(std::string_view option, std::string_view text)
{
    auto number = parse_number(option, text, STDERR_FILENO + 1, std::numeric_limits<int>::max());
    if (!number) {
        return number.error();
    }
    return static_cast<int>(*number);
}

} // namespace

Result<SandboxArguments> parse_arguments(std::span<const char *const> arguments)
{
    std::map<std::string_view, std::string_view> values;
    for (size_t index = 0; index < arguments.size(); index += 2) {
        const std::string_view option = arguments[index] != nullptr ? arguments[index] : "";
        bool known = false;
        for (std::string_view candidate : known_options) {
            known = known || option == candidate;
        }
        if (!known) {
            return refuse("unknown argument '" + std::string(option) + "'");
        }
        if (index + 1 >= arguments.size() || arguments[index + 1] == nullptr) {
            return refuse(std::string(option) + " needs a value");
        }
        if (!values.emplace(option, arguments[index + 1]).second) {
            return refuse(std::string(option) + " given more than once");
        }
    }
    for (std::string_view option : known_options) {
        if (!values.contains(option)) {
            return refuse("missing " + std::string(option));
        }
    }

    SandboxArguments parsed;
    parsed.plugin_path = std::string(values[plugin_option]);
    // The host resolves the path; the child has no business with its own
    // working directory (and a relative dlopen meets the loading filter).
    if (parsed.plugin_path.empty() || parsed.plugin_path.front() != '/') {
        return refuse("--plugin wants an absolute path, not '" + parsed.plugin_path + "'");
    }
    auto slots = parse_number(slots_option, values[slots_option], 1, max_slot_count);
    auto region_fd = parse_descriptor(region_fd_option, values[region_fd_option]);
    auto request_fd = parse_descriptor(request_fd_option, values[request_fd_option]);
    auto reply_fd = parse_descriptor(reply_fd_option, values[reply_fd_option]);
    auto handover_fd = parse_descriptor(handover_fd_option, values[handover_fd_option]);
    auto memory_limit =
        parse_number(memory_limit_option, values[memory_limit_option], min_memory_limit_mb, max_memory_limit_mb);
    for (const Error *error :
         {slots ? nullptr : &slots.error(), region_fd ? nullptr : &region_fd.error(),
          request_fd ? nullptr : &request_fd.error(), reply_fd ? nullptr : &reply_fd.error(),
          handover_fd ? nullptr : &handover_fd.error(), memory_limit ? nullptr : &memory_limit.error()}) {
        if (error != nullptr) {
            return *error;
        }
    }
    parsed.slot_count = *slots;
    parsed.region_fd = *region_fd;
    parsed.request_fd = *request_fd;
    parsed.reply_fd = *reply_fd;
    parsed.memory_limit_mb = *memory_limit;
    parsed.handover_fd = *handover_fd;
    const int fds[] = {parsed.region_fd, parsed.request_fd, parsed.reply_fd, parsed.handover_fd};
    for (size_t first = 0; first < std::size(fds); ++first) {
        for (size_t second = first + 1; second < std::size(fds); ++second) {
            if (fds[first] == fds[second]) {
                return refuse("--region-fd, --request-fd, --reply-fd and --handover-fd must be four different "
                              "descriptors");
            }
        }
    }
    return parsed;
}

} // namespace cordon::sandbox
