#include "demo/digest_watch.hpp"

namespace cordon::demo {

namespace {

// What plugins/auth-digest logs (at debug level) for each answer it writes.
constexpr std::string_view answered_prefix = "digest: answered realm ";
constexpr std::string_view algorithm_marker = "\" with ";
// Longer than any algorithm name ("SHA-512-256-sess"); a longer token is not one.
constexpr std::size_t max_algorithm_length = 32;

} // namespace

std::string answered_digest_algorithm(std::string_view message)
{
    if (message.substr(0, answered_prefix.size()) != answered_prefix) {
        return {};
    }
    const std::size_t marker = message.rfind(algorithm_marker);
    if (marker == std::string_view::npos) {
        return {};
    }
    const std::string_view rest = message.substr(marker + algorithm_marker.size());
    const std::string_view name = rest.substr(0, rest.find(','));
    if (name.empty() || name.size() > max_algorithm_length || name.size() == rest.size()) {
        return {};
    }
    return std::string(name);
}

void DigestWatch::write(LogLevel level, std::string_view source, std::string_view message)
{
    if (std::string algorithm = answered_digest_algorithm(message); !algorithm.empty()) {
        const std::lock_guard lock(mutex_);
        algorithms_.insert(std::move(algorithm));
    }
    next_.write(level, source, message);
}

std::set<std::string> DigestWatch::algorithms_answered() const
{
    const std::lock_guard lock(mutex_);
    return algorithms_;
}

} // namespace cordon::demo
