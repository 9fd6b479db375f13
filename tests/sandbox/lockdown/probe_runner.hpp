// Spawns sandbox_lockdown_probe (posix_spawn: a real process) and collects how
// it ended, what it reported on its report fd, and what it logged on stderr.
#pragma once

#include <string>
#include <vector>

namespace cordon::sandbox::probe {

struct ProbeRun {
    bool exited = false; // exited normally (else killed by a signal)
    int exit_code = -1;
    int signal = 0;               // the signal that ended it, when !exited
    std::string report;           // lines from the report fd
    std::string log;              // its stderr
    std::string describe() const; // for assertion messages
};

struct ProbeFds {
    int ipc_fd = -1;            // shared as fd 4; -1: a fresh eventfd
    std::vector<int> extra_fds; // inherited as they are (not kept by lockdown)
};

ProbeRun run_probe(const std::string &phase, const std::string &operation, const std::string &argument = "",
                   const ProbeFds &fds = {});

// The value after "key=" on its own report line, or "<missing>".
std::string report_value(const ProbeRun &run, const std::string &key);

// A path in a fresh directory under /tmp that the test removes.
std::string fresh_temporary_path(const std::string &name);

} // namespace cordon::sandbox::probe
