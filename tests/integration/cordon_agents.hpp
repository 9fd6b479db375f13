// What the integration tests that run Cordon's user agent share: the
// built-in plugins as the host loads them, and a logger that keeps every
// line (at debug level) so tests can search it.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cordon/host/log.hpp"
#include "cordon/host/plugins.hpp"

namespace cordon::test {

class CapturingLogger final : public Logger {
public:
    void write(LogLevel, std::string_view source, std::string_view message) override
    {
        const std::lock_guard lock(mutex_);
        lines_.push_back(std::string(source) + ": " + std::string(message));
    }
    std::vector<std::string> lines() const
    {
        const std::lock_guard lock(mutex_);
        return lines_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

inline std::unique_ptr<PluginRegistry> builtin_plugins(Logger &logger)
{
    PluginSearch search;
    search.directories = {builtin_plugin_directory()};
    search.trusted = {builtin_plugin_directory()};
    return PluginRegistry::load(search, logger);
}

} // namespace cordon::test
