// What `cordon demo` prints: a short summary for people (about fifteen
// lines: setup, security, codec and sandbox, packets, quality, memory, files,
// verdict) or one JSON object with the same figures for machines.
#pragma once

#include <filesystem>
#include <ostream>

#include <nlohmann/json.hpp>

#include "demo/demo_call.hpp"

namespace cordon::cli {

void print_demo_summary(std::ostream &out, const demo::DemoReport &report, const std::filesystem::path &run_directory);

nlohmann::json demo_json(const demo::DemoReport &report, const std::filesystem::path &run_directory);

} // namespace cordon::cli
