#include "demo/demo_checks.hpp"

#include <iomanip>
#include <sstream>

#include "demo/demo_call.hpp"

namespace cordon::demo {

namespace {

std::string two_places(double value)
{
    std::ostringstream text;
    text << std::fixed << std::setprecision(2) << value;
    return text.str();
}

std::string percent(double share) { return std::to_string(static_cast<int>(share * 100.0 + 0.5)) + " %"; }

void check_party(const DemoParty &party, std::vector<std::string> &failures)
{
    if (!party.signalling || party.signalling->protocol_version.empty()) {
        failures.push_back(party.user + "'s signalling did not run over TLS");
    }
    if (!party.media) {
        failures.push_back(party.user + " has no media figures: the call never reached media");
        return;
    }
    const MediaStats &media = *party.media;
    if (media.encryption.empty()) {
        failures.push_back(party.user + "'s media was not encrypted");
    }
    if (media.codec != "opus") {
        failures.push_back(party.user + " used " + media.codec + ", not opus");
    }
    if (media.codec_isolation != to_string(Isolation::sandbox)) {
        failures.push_back(party.user + "'s codec ran " + media.codec_isolation + ", not in the sandbox");
    }
    if (media.packets_unprotect_failed > 0) {
        failures.push_back(party.user + " dropped " + std::to_string(media.packets_unprotect_failed) +
                           " packets that failed SRTP authentication");
    }
}

void check_stream(const DemoParty &from, const DemoParty &to, std::vector<std::string> &failures)
{
    if (!from.media || !to.media) {
        return; // check_party said so
    }
    const std::string name = from.user + " to " + to.user;
    const auto sent = from.media->packets_sent;
    const auto received = to.media->packets_received;
    if (sent == 0 || received == 0) {
        failures.push_back("no packets flowed from " + name);
        return;
    }
    const double delivered = static_cast<double>(received) / static_cast<double>(sent);
    if (delivered < min_delivered_share) {
        failures.push_back(name + ": " + std::to_string(received) + " of " + std::to_string(sent) +
                           " packets arrived, below " + percent(min_delivered_share));
    }
    const double lost = static_cast<double>(std::max<std::int64_t>(to.media->packets_lost, 0));
    if (lost / (lost + static_cast<double>(received)) > max_loss_share) {
        failures.push_back(name + ": " + std::to_string(to.media->packets_lost) + " packets lost, over " +
                           percent(max_loss_share));
    }
}

void check_direction(const DemoDirection &direction, std::vector<std::string> &failures)
{
    const std::string name = "what " + direction.to + " heard of " + direction.from;
    if (!direction.quality) {
        failures.push_back(name + " could not be measured: " + direction.quality_problem);
        return;
    }
    const DirectionQuality &quality = *direction.quality;
    if (quality.windows.median_correlation < min_median_correlation) {
        failures.push_back(name + ": median window correlation " + two_places(quality.windows.median_correlation) +
                           " below " + two_places(min_median_correlation));
    }
    if (quality.windows.matched_share < min_matched_share) {
        failures.push_back(name + ": " + percent(quality.windows.matched_share) + " of the speech matched, below " +
                           percent(min_matched_share));
    }
}

} // namespace

void append_failures(DemoReport &report)
{
    auto &failures = report.failures;
    if (report.digest_algorithms != std::vector<std::string>{expected_digest_algorithm}) {
        std::string answered;
        for (const auto &algorithm : report.digest_algorithms) {
            answered += (answered.empty() ? "" : ", ") + algorithm;
        }
        failures.push_back("the agents answered digest with [" + answered + "], not only " + expected_digest_algorithm);
    }
    check_party(report.alice, failures);
    check_party(report.bob, failures);
    check_stream(report.alice, report.bob, failures);
    check_stream(report.bob, report.alice, failures);
    if (!report.sandbox) {
        failures.push_back("the Opus plugin has no sandbox figures");
    } else if (report.sandbox->restarts > 0 || report.sandbox->total_faults() > 0) {
        failures.push_back("the sandbox failed during the call: " + std::to_string(report.sandbox->total_faults()) +
                           " faults, " + std::to_string(report.sandbox->restarts) + " restarts (" +
                           report.sandbox->last_fault + ")");
    }
    check_direction(report.alice_to_bob, failures);
    check_direction(report.bob_to_alice, failures);
}

} // namespace cordon::demo
