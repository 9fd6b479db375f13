// A presence notifier played by the test over one TCP connection that a
// Cordon agent opens to it as its outbound proxy: it accepts the agent's
// SUBSCRIBEs, sends each an initial NOTIFY, then floods NOTIFYs for every
// contact as fast as the connection takes them, reading the agent's answers
// as it goes. Hand-written SIP, so that the agent is tested against
// something that is not itself. Runs on its own thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/sip_test_client.hpp"

namespace cordon::test {

struct FloodPlan {
    std::size_t contacts = 0; // SUBSCRIBEs to wait for
    unsigned rounds = 0;      // NOTIFYs per contact after the initial one
    // After this many flood NOTIFYs, an OPTIONS to the agent (0: none).
    std::size_t options_after = 0;
};

struct FloodResult {
    std::string error; // empty when the script ran to the end
    std::size_t subscribes = 0;
    std::size_t notifies_sent = 0;
    std::size_t notifies_answered_200 = 0;
    std::size_t notifies_answered_other = 0;
    std::string first_refusal; // the first answer to a NOTIFY that was not 200, whole
    std::optional<std::chrono::microseconds> options_answered_in; // from sending it to its 200
    std::chrono::microseconds flood_duration{0};                  // first flood NOTIFY sent to last one answered
};

// The note of contact `index`'s PIDF in round `round` (0: the initial NOTIFY).
std::string flood_note(std::size_t index, unsigned round);
std::string flood_contact(std::size_t index); // "sip:contact-7@cordon.test"

class PresenceNotifier {
public:
    static Result<std::unique_ptr<PresenceNotifier>> start(FloodPlan plan);
    ~PresenceNotifier();

    std::uint16_t port() const { return listener_.port(); }
    // Waits for the script to end (or fail).
    FloodResult finish();

private:
    PresenceNotifier(TcpSipListener listener, FloodPlan plan);
    void run();

    TcpSipListener listener_;
    FloodPlan plan_;
    FloodResult result_;
    std::thread thread_;
};

} // namespace cordon::test
