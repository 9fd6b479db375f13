#pragma once

#include <string>

namespace cordon::sandbox::probe {

// Writes one line to the report fd.
void report(const std::string &line);

// Tries one named operation (see probe_operations.cpp); returns an exit code.
int run_operation(const std::string &operation, const std::string &argument);

} // namespace cordon::sandbox::probe
