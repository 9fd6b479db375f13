// A logger in front of the application's that also notes which digest
// algorithm the auth plugin answered with ("digest: answered realm ... with
// SHA-256, ..."): the client's own word that the challenge it answered was
// the one the demo asked Kamailio to send. Every line is passed on.
#pragma once

#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include <cordon/host/log.hpp>

namespace cordon::demo {

class DigestWatch final : public Logger {
public:
    explicit DigestWatch(Logger &next) : next_(next) {}

    void write(LogLevel level, std::string_view source, std::string_view message) override;

    // Every algorithm answered so far, e.g. {"SHA-256"}.
    std::set<std::string> algorithms_answered() const;

private:
    Logger &next_;
    mutable std::mutex mutex_;
    std::set<std::string> algorithms_;
};

// The algorithm named by one of the digest plugin's "answered" lines, or empty.
std::string answered_digest_algorithm(std::string_view message);

} // namespace cordon::demo
