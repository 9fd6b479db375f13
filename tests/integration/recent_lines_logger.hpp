// A logger for soak tests: it keeps only the last lines, for a failure's
// report, so that what the test itself keeps does not grow with every cycle
// and pass for a leak of the code under test.
#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "cordon/host/log.hpp"

namespace cordon::test {

class RecentLinesLogger final : public Logger {
public:
    static constexpr std::size_t kept_lines = 64;

    void write(LogLevel, std::string_view source, std::string_view message) override
    {
        const std::lock_guard lock(mutex_);
        if (lines_.size() == kept_lines) {
            lines_.pop_front();
        }
        lines_.push_back(std::string(source) + ": " + std::string(message));
    }
    std::vector<std::string> lines() const
    {
        const std::lock_guard lock(mutex_);
        return {lines_.begin(), lines_.end()};
    }

private:
    mutable std::mutex mutex_;
    std::deque<std::string> lines_;
};

} // namespace cordon::test
