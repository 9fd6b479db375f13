// `cordon demo` without the printing: a complete secure call on this
// machine. A Kamailio on loopback (kamailio_server.hpp, SHA-256 digest, TLS
// with a CA made for the run); the built-in plugins with Opus sent to the
// codec sandbox; alice and bob as two user agents on one io_context, each
// registered over its own verified TLS connection; alice calls bob, bob
// answers, each plays its own speech-like WAV and records what it hears;
// alice hangs up after the speech; both directions are measured.
//
//   cordon::demo::DemoCallOptions options;
//   options.run_directory = "/tmp/demo";   // must exist
//   auto report = cordon::demo::run_demo_call(options, logger);
//   report->passed() ... report->failures ...
//
// SIGINT and SIGTERM end the run early (the call hung up, Kamailio stopped).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <cordon/host/call_audio.hpp>
#include <cordon/host/log.hpp>
#include <cordon/host/result.hpp>
#include <cordon/host/sandbox.hpp>
#include <cordon/host/transport.hpp>

#include "demo/call_quality.hpp"
#include "demo/process_memory.hpp"

namespace cordon::demo {

inline constexpr double default_speech_seconds = 6.0;
inline constexpr int max_speech_seconds = 60;
inline constexpr std::uint32_t speech_sample_rate = 48000; // Opus's own rate: no resampling on the way
inline constexpr std::string_view opus_plugin_id = "org.cordon.codec.opus";

struct DemoCallOptions {
    double speech_seconds = default_speech_seconds;
    std::filesystem::path run_directory; // the WAV files go here; must exist
    std::string kamailio;                // its executable; empty: as find_kamailio() looks
};

// One agent: what it played, what it recorded, and its side's media figures.
struct DemoParty {
    std::string user;                          // "alice", "bob"
    std::filesystem::path source;              // the WAV it played
    std::filesystem::path recording;           // what it heard
    std::chrono::microseconds registration{0}; // register_account() to registered
    std::optional<FlowInfo> signalling;        // its TLS connection to Kamailio
    std::optional<MediaStats> media;           // at the end of the call
};

// One direction of speech: `to` recorded what `from` played.
struct DemoDirection {
    std::string from;
    std::string to;
    std::optional<DirectionQuality> quality; // nothing when it could not be measured
    std::string quality_problem;             // why not, then
};

struct DemoReport {
    std::uint16_t kamailio_tls_port = 0;
    std::chrono::microseconds kamailio_start{0}; // started to answering on every port
    std::chrono::microseconds registration{0};   // both agents, at once
    std::chrono::microseconds call_setup{0};     // call() to answered, at alice
    std::chrono::microseconds call_duration{0};  // answered to hung up
    std::vector<std::string> digest_algorithms;  // answered by the agents (the auth plugin's log)
    DemoParty alice;
    DemoParty bob;
    std::optional<SandboxStats> sandbox;         // the Opus plugin's child, serving both agents
    std::optional<ProcessMemory> host_memory;    // this process, just before hanging up
    std::optional<ProcessMemory> sandbox_memory; // the child, just before hanging up
    DemoDirection alice_to_bob;
    DemoDirection bob_to_alice;
    // Why the call does not count as a secure call with speech both ways;
    // empty when it does (see the checks in demo_checks.hpp).
    std::vector<std::string> failures;

    bool passed() const { return failures.empty(); }
};

// Runs the whole demo. An error means no call could be tried (Kamailio
// missing or not starting, plugins missing, registration refused,
// interrupted); a call that was tried gives a report, passed or not.
Result<DemoReport> run_demo_call(const DemoCallOptions &options, Logger &logger);

} // namespace cordon::demo
