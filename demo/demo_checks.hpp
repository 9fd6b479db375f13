// What makes the demo's call a pass: the promises of the README, checked on
// the figures the call left. Each failure is one line a person can act on.
#pragma once

#include <string>
#include <vector>

namespace cordon::demo {

struct DemoReport;

// At most this share of a stream's packets may be lost (RFC 3550 count).
// Loopback loses none; this leaves room for a busy machine, no more.
inline constexpr double max_loss_share = 0.02;
// The receiver must have taken at least this share of what the sender sent:
// the rest may still be in flight, or sent before the answer reached the caller.
inline constexpr double min_delivered_share = 0.9;

// The digest algorithm the demo's Kamailio challenges with.
inline constexpr const char *expected_digest_algorithm = "SHA-256";

// Appends to report.failures every promise the call did not keep: TLS
// signalling on both agents, SHA-256 digest answered (and nothing else), SRTP
// and Opus in the sandbox on both sides, packets both ways with little loss
// and no SRTP failures, a sandbox without faults or restarts, and both
// directions' speech above the quality floors (call_quality.hpp).
void append_failures(DemoReport &report);

} // namespace cordon::demo
