#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "cordon/host/log.hpp"

namespace cordon::test {

// Keeps every log line so tests can assert what a person would read.
class CapturingLogger final : public Logger {
public:
    struct Line {
        LogLevel level;
        std::string source;
        std::string message;
    };

    void write(LogLevel level, std::string_view source, std::string_view message) override
    {
        const std::scoped_lock lock(mutex_);
        lines_.push_back({level, std::string(source), std::string(message)});
    }

    std::vector<Line> lines() const
    {
        const std::scoped_lock lock(mutex_);
        return lines_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<Line> lines_;
};

} // namespace cordon::test
