#include "host/cli/demo_summary.hpp"

#include <iomanip>
#include <sstream>

#include "demo/demo_checks.hpp"
#include "host/cli/call_audio_options.hpp"

namespace cordon::cli {

namespace {

using demo::DemoDirection;
using demo::DemoParty;
using demo::DemoReport;

double milliseconds(std::chrono::microseconds duration) { return static_cast<double>(duration.count()) / 1000.0; }

double mebibytes(std::uint64_t kib) { return static_cast<double>(kib) / 1024.0; }

std::string fixed(double value, int places)
{
    std::ostringstream text;
    text << std::fixed << std::setprecision(places) << value;
    return text.str();
}

const DemoParty &party(const DemoReport &report, const std::string &user)
{
    return user == "alice" ? report.alice : report.bob;
}

std::string packets_line(const DemoReport &report, const DemoDirection &direction)
{
    const auto &sender = party(report, direction.from).media;
    const auto &receiver = party(report, direction.to).media;
    if (!sender || !receiver) {
        return "no media";
    }
    std::string line = std::to_string(sender->packets_sent) + " sent, " + std::to_string(receiver->packets_received) +
                       " received, " + std::to_string(receiver->packets_lost) + " lost, jitter " +
                       fixed(receiver->jitter_ms, 1) + " ms";
    if (sender->round_trip) {
        line += ", RTT " + fixed(milliseconds(*sender->round_trip), 2) + " ms";
    }
    return line;
}

std::string quality_line(const DemoDirection &direction)
{
    if (!direction.quality) {
        return "not measured: " + direction.quality_problem;
    }
    const auto &quality = *direction.quality;
    return fixed(100.0 * quality.windows.matched_share, 0) + " % of 100 ms windows matched (median correlation " +
           fixed(quality.windows.median_correlation, 2) + "); whole file: correlation " +
           fixed(quality.figures.correlation, 2) + ", segmental SNR " + fixed(quality.figures.segmental_snr_db, 1) +
           " dB, delay " + fixed(quality.delay_ms, 0) + " ms" + (quality.passed ? "" : "  << below the floor");
}

std::string memory_line(const DemoReport &report)
{
    const auto figure = [](const std::optional<demo::ProcessMemory> &memory) {
        return memory ? fixed(mebibytes(memory->peak_resident_kib), 1) + " MiB" : std::string("unknown");
    };
    std::string line = "peak resident: this process " + figure(report.host_memory) + " (both agents), sandbox child " +
                       figure(report.sandbox_memory);
    if (report.host_memory && report.sandbox_memory) {
        line += "; together " +
                fixed(mebibytes(report.host_memory->peak_resident_kib + report.sandbox_memory->peak_resident_kib), 1) +
                " MiB";
    }
    return line;
}

// What the processes themselves cost, beside the peak that counts every
// shared library page they touched.
std::string memory_share_line(const DemoReport &report)
{
    const auto pair = [&](auto field) {
        const auto figure = [&](const std::optional<demo::ProcessMemory> &memory) {
            const std::optional<std::uint64_t> kib = memory ? (*memory).*field : std::nullopt;
            return kib ? fixed(mebibytes(*kib), 1) : std::string("?");
        };
        return figure(report.host_memory) + " + " + figure(report.sandbox_memory) + " MiB";
    };
    return "during the call: anonymous " + pair(&demo::ProcessMemory::anonymous_kib) + ", proportional share (PSS) " +
           pair(&demo::ProcessMemory::proportional_kib);
}

std::string joined(const std::vector<std::string> &items)
{
    std::string text;
    for (const auto &item : items) {
        text += (text.empty() ? "" : ", ") + item;
    }
    return text;
}

nlohmann::json direction_json(const DemoReport &report, const DemoDirection &direction)
{
    const DemoParty &sender = party(report, direction.from);
    const DemoParty &receiver = party(report, direction.to);
    nlohmann::json json{{"from", direction.from},
                        {"to", direction.to},
                        {"source", sender.source.string()},
                        {"recording", receiver.recording.string()}};
    if (sender.media && receiver.media) {
        json["packets_sent"] = sender.media->packets_sent;
        json["packets_received"] = receiver.media->packets_received;
        json["packets_lost"] = receiver.media->packets_lost;
        json["jitter_ms"] = receiver.media->jitter_ms;
        if (sender.media->round_trip) {
            json["round_trip_ms"] = milliseconds(*sender.media->round_trip);
        }
    }
    if (direction.quality) {
        const auto &quality = *direction.quality;
        json["quality"] = {
            {"passed", quality.passed},
            {"delay_ms", quality.delay_ms},
            {"correlation", quality.figures.correlation},
            {"segmental_snr_db", quality.figures.segmental_snr_db},
            {"snr_db", quality.figures.snr_db},
            {"compared_seconds", static_cast<double>(quality.figures.compared_frames) / demo::speech_sample_rate},
            {"windows_compared", quality.windows.windows_compared},
            {"windows_matched", quality.windows.windows_matched},
            {"matched_share", quality.windows.matched_share},
            {"median_window_correlation", quality.windows.median_correlation}};
    } else {
        json["quality_problem"] = direction.quality_problem;
    }
    return json;
}

nlohmann::json memory_json(const std::optional<demo::ProcessMemory> &memory)
{
    if (!memory) {
        return nullptr;
    }
    nlohmann::json json = {{"peak_resident_kib", memory->peak_resident_kib}, {"resident_kib", memory->resident_kib}};
    json["proportional_kib"] = memory->proportional_kib ? nlohmann::json(*memory->proportional_kib) : nullptr;
    json["anonymous_kib"] = memory->anonymous_kib ? nlohmann::json(*memory->anonymous_kib) : nullptr;
    return json;
}

} // namespace

void print_demo_summary(std::ostream &out, const DemoReport &report, const std::filesystem::path &run_directory)
{
    const auto &flow = report.alice.signalling;
    const auto &media = report.alice.media;
    out << "Cordon demo: alice calls bob through Kamailio on 127.0.0.1:" << report.kamailio_tls_port
        << " (TLS), both on this machine\n";
    out << "  setup         registration " << fixed(milliseconds(report.registration), 0)
        << " ms (both agents, challenge answered), call " << fixed(milliseconds(report.call_setup), 0)
        << " ms (INVITE to answered); Kamailio started in " << fixed(milliseconds(report.kamailio_start), 0) << " ms\n";
    out << "  signalling    " << (flow ? flow->protocol_version + " " + flow->cipher : "unknown")
        << ", server certificate verified (demo CA, cordon.test); digest " << joined(report.digest_algorithms) << '\n';
    if (media) {
        out << "  media         " << media->codec << " " << media->sample_rate << " Hz, SRTP "
            << (media->encryption.empty() ? "none" : media->encryption) << ", codec " << media->codec_isolation << '\n';
    }
    if (report.sandbox) {
        const auto &sandbox = *report.sandbox;
        out << "  sandbox       pid " << sandbox.pid << ", " << sandbox.round_trips << " round trips (" << sandbox.calls
            << " codec calls, both agents), " << sandbox.restarts << " restarts, " << sandbox.total_faults()
            << " faults, started in " << fixed(static_cast<double>(sandbox.last_start_duration.count()) / 1e6, 1)
            << " ms\n";
    }
    out << "  alice -> bob  " << packets_line(report, report.alice_to_bob) << '\n';
    out << "  bob -> alice  " << packets_line(report, report.bob_to_alice) << '\n';
    out << "  quality       alice -> bob: " << quality_line(report.alice_to_bob) << '\n';
    out << "                bob -> alice: " << quality_line(report.bob_to_alice) << '\n';
    out << "  memory        " << memory_line(report) << '\n';
    out << "                " << memory_share_line(report) << '\n';
    out << "  files         " << run_directory.string() << "/: alice-says.wav -> bob-heard.wav, "
        << "bob-says.wav -> alice-heard.wav\n";
    if (report.passed()) {
        out << "  result        PASS (floors: " << fixed(100.0 * demo::min_matched_share, 0)
            << " % of windows matched, median correlation " << fixed(demo::min_median_correlation, 2)
            << ", loss <= " << fixed(100.0 * demo::max_loss_share, 0) << " %)\n";
        return;
    }
    out << "  result        FAIL\n";
    for (const auto &failure : report.failures) {
        out << "    - " << failure << '\n';
    }
}

nlohmann::json demo_json(const DemoReport &report, const std::filesystem::path &run_directory)
{
    nlohmann::json json{
        {"passed", report.passed()},
        {"failures", report.failures},
        {"run_directory", run_directory.string()},
        {"kamailio", {{"tls_port", report.kamailio_tls_port}, {"start_ms", milliseconds(report.kamailio_start)}}},
        {"setup",
         {{"registration_ms", milliseconds(report.registration)},
          {"call_setup_ms", milliseconds(report.call_setup)},
          {"call_duration_ms", milliseconds(report.call_duration)}}},
        {"digest_algorithms", report.digest_algorithms},
        {"floors",
         {{"median_window_correlation", demo::min_median_correlation},
          {"matched_share", demo::min_matched_share},
          {"loss_share", demo::max_loss_share},
          {"delivered_share", demo::min_delivered_share}}},
        {"directions", {direction_json(report, report.alice_to_bob), direction_json(report, report.bob_to_alice)}},
        {"memory", {{"host", memory_json(report.host_memory)}, {"sandbox", memory_json(report.sandbox_memory)}}},
    };
    if (const auto &media = report.alice.media) {
        json["media"] = {{"codec", media->codec},
                         {"sample_rate", media->sample_rate},
                         {"isolation", media->codec_isolation},
                         {"encryption", media->encryption}};
    }
    if (const auto &flow = report.alice.signalling) {
        json["signalling"] = {{"transport", "tls"}, {"tls_version", flow->protocol_version}, {"cipher", flow->cipher}};
    }
    for (const DemoParty *agent : {&report.alice, &report.bob}) {
        nlohmann::json &entry = json["agents"][agent->user];
        entry["registration_ms"] = milliseconds(agent->registration);
        if (agent->signalling) {
            entry["transport"] = "tls";
            entry["tls_version"] = agent->signalling->protocol_version;
            entry["cipher"] = agent->signalling->cipher;
            entry["local"] = agent->signalling->local.address + ":" + std::to_string(agent->signalling->local.port);
        }
        entry["media"] = agent->media ? media_details(*agent->media) : nlohmann::json(nullptr);
    }
    if (report.sandbox) {
        const auto &sandbox = *report.sandbox;
        json["sandbox"] = {{"plugin", std::string(demo::opus_plugin_id)},
                           {"pid", sandbox.pid},
                           {"round_trips", sandbox.round_trips},
                           {"calls", sandbox.calls},
                           {"restarts", sandbox.restarts},
                           {"faults", sandbox.total_faults()},
                           {"frames_lost", sandbox.frames_lost},
                           {"start_ms", static_cast<double>(sandbox.last_start_duration.count()) / 1e6}};
    }
    return json;
}

} // namespace cordon::cli
