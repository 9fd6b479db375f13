// cordon-bench-sip-parse: what Cordon's parsing and validation of a received
// SIP message costs next to libosip2's parser alone, on the same bytes.
//
// validate_received_message is what every received datagram or framed stream
// message goes through (SignallingFlow): Cordon's own reading of the start
// line, header fields, limits and Content-Length, then libosip2 on the header
// fields, then checks of what libosip2 made of them. parse_osip_message is the
// raw libosip2 parse (osip_message_init + osip_message_parse) that a client
// trusting libosip2 would do instead.
//
// The messages are what a Cordon agent receives or sends in a call set-up
// through Kamailio (the integration fixture's server): a REGISTER with its
// digest answer, an INVITE with an SDP offer as the callee receives it (two
// Vias, Record-Route), the 200 OK to it as the caller receives it, and a
// registrar's 401 challenge. Each is checked once before timing: both parsers
// must accept it, or the benchmark fails.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <benchmark/benchmark.h>

#include "bench/baseline_ratio_reporter.hpp"
#include "sip/osip_handles.hpp"
#include "sip/session_description.hpp"
#include "sip/validated_message.hpp"

namespace {

constexpr const char *baseline_name = "BM_Baseline_OsipParse_Invite";

// CRLF line ends throughout, as on the wire.
constexpr std::string_view register_text =
    "REGISTER sip:cordon.test SIP/2.0\r\n"
    "Via: SIP/2.0/TLS 127.0.0.1:45678;branch=z9hG4bK-c0rd0n-5f3a1c9e7b2d4a60;rport;alias\r\n"
    "Max-Forwards: 70\r\n"
    "From: \"Alice\" <sip:alice@cordon.test>;tag=8d2f6a1b93c04e57\r\n"
    "To: \"Alice\" <sip:alice@cordon.test>\r\n"
    "Call-ID: 3c9e1f0a2b7d4e8f91a6c5d2e0b47f13\r\n"
    "CSeq: 2 REGISTER\r\n"
    "Contact: "
    "<sip:alice@127.0.0.1:45678;transport=tls>;+sip.instance=\"<urn:uuid:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b>\""
    ";reg-id=1;expires=600\r\n"
    "Authorization: Digest username=\"alice\", realm=\"cordon.test\", "
    "nonce=\"ZxK9rWcB2hYAAAAA3xV7mPq1sT0uLd8eN4aFw6Cj\", uri=\"sip:cordon.test\", "
    "response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5, cnonce=\"0a4f113b9c2d7e6f\", qop=auth, "
    "nc=00000001\r\n"
    "Supported: path, outbound\r\n"
    "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE\r\n"
    "User-Agent: Cordon/0.1.0\r\n"
    "Expires: 600\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

constexpr std::string_view invite_sdp = "v=0\r\n"
                                        "o=alice 3962861247 3962861247 IN IP4 127.0.0.1\r\n"
                                        "s=Cordon\r\n"
                                        "c=IN IP4 127.0.0.1\r\n"
                                        "t=0 0\r\n"
                                        "m=audio 40000 RTP/AVP 96 97 98 0 8 101\r\n"
                                        "a=rtpmap:96 opus/48000/2\r\n"
                                        "a=fmtp:96 useinbandfec=1;stereo=0;sprop-stereo=0\r\n"
                                        "a=rtpmap:97 speex/16000\r\n"
                                        "a=rtpmap:98 speex/8000\r\n"
                                        "a=rtpmap:0 PCMU/8000\r\n"
                                        "a=rtpmap:8 PCMA/8000\r\n"
                                        "a=rtpmap:101 telephone-event/8000\r\n"
                                        "a=fmtp:101 0-15\r\n"
                                        "a=ptime:20\r\n"
                                        "a=sendrecv\r\n";

// The INVITE as bob receives it from Kamailio: its Via and Record-Route on
// top of alice's, and the Contact alias Kamailio adds.
const std::string invite_text =
    std::string("INVITE sip:bob@127.0.0.1:51234;transport=tls SIP/2.0\r\n"
                "Record-Route: <sip:127.0.0.1:5061;transport=tls;r2=on;lr>\r\n"
                "Record-Route: <sip:127.0.0.1:5061;transport=tls;r2=on;lr>\r\n"
                "Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKcydzigwkX.1;i=1\r\n"
                "Via: SIP/2.0/TLS 127.0.0.1:45678;received=127.0.0.1;rport=45678;"
                "branch=z9hG4bK-c0rd0n-2b7d4e8f91a6c5d2;alias\r\n"
                "Max-Forwards: 69\r\n"
                "From: \"Alice\" <sip:alice@cordon.test>;tag=4e57a9d18c3b2f06\r\n"
                "To: <sip:bob@cordon.test>\r\n"
                "Call-ID: 91a6c5d2e0b47f133c9e1f0a2b7d4e8f\r\n"
                "CSeq: 1 INVITE\r\n"
                "Contact: <sip:alice@127.0.0.1:45678;transport=tls;alias=127.0.0.1~45678~3>\r\n"
                "Proxy-Authorization: Digest username=\"alice\", realm=\"cordon.test\", "
                "nonce=\"ZxK9sGcB2jYAAAAA9pQ2nRr3tU1vMe0fO5bGx7Dk\", uri=\"sip:bob@cordon.test\", "
                "response=\"e1b5a4f3c2d1908a7b6c5d4e3f2a1b0c\", algorithm=MD5, "
                "cnonce=\"7e6f0a4f113b9c2d\", qop=auth, nc=00000001\r\n"
                "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE\r\n"
                "Supported: outbound\r\n"
                "User-Agent: Cordon/0.1.0\r\n"
                "Content-Type: application/sdp\r\n"
                "Content-Length: ") +
    std::to_string(invite_sdp.size()) + "\r\n\r\n" + std::string(invite_sdp);

constexpr std::string_view answer_sdp = "v=0\r\n"
                                        "o=bob 1187301862 1187301862 IN IP4 127.0.0.1\r\n"
                                        "s=Cordon\r\n"
                                        "c=IN IP4 127.0.0.1\r\n"
                                        "t=0 0\r\n"
                                        "m=audio 41000 RTP/AVP 96 101\r\n"
                                        "a=rtpmap:96 opus/48000/2\r\n"
                                        "a=fmtp:96 useinbandfec=1\r\n"
                                        "a=rtpmap:101 telephone-event/8000\r\n"
                                        "a=fmtp:101 0-15\r\n"
                                        "a=ptime:20\r\n"
                                        "a=sendrecv\r\n";

// The 200 OK as alice receives it: Record-Route, bob's Contact (aliased).
const std::string ok_text = std::string("SIP/2.0 200 OK\r\n"
                                        "Via: SIP/2.0/TLS 127.0.0.1:45678;received=127.0.0.1;rport=45678;"
                                        "branch=z9hG4bK-c0rd0n-2b7d4e8f91a6c5d2;alias\r\n"
                                        "Record-Route: <sip:127.0.0.1:5061;transport=tls;r2=on;lr>\r\n"
                                        "Record-Route: <sip:127.0.0.1:5061;transport=tls;r2=on;lr>\r\n"
                                        "From: \"Alice\" <sip:alice@cordon.test>;tag=4e57a9d18c3b2f06\r\n"
                                        "To: <sip:bob@cordon.test>;tag=b0b7c1d2e3f40516\r\n"
                                        "Call-ID: 91a6c5d2e0b47f133c9e1f0a2b7d4e8f\r\n"
                                        "CSeq: 2 INVITE\r\n"
                                        "Contact: <sip:bob@127.0.0.1:51234;transport=tls;alias=127.0.0.1~51234~3>\r\n"
                                        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE\r\n"
                                        "Supported: outbound\r\n"
                                        "User-Agent: Cordon/0.1.0\r\n"
                                        "Content-Type: application/sdp\r\n"
                                        "Content-Length: ") +
                            std::to_string(answer_sdp.size()) + "\r\n\r\n" + std::string(answer_sdp);

// Kamailio's challenge to a REGISTER (auth module, qop=auth).
constexpr std::string_view unauthorized_text =
    "SIP/2.0 401 Unauthorized\r\n"
    "Via: SIP/2.0/TLS 127.0.0.1:45678;received=127.0.0.1;rport=45678;branch=z9hG4bK-c0rd0n-5f3a1c9e7b2d4a5f;"
    "alias\r\n"
    "From: \"Alice\" <sip:alice@cordon.test>;tag=8d2f6a1b93c04e57\r\n"
    "To: \"Alice\" <sip:alice@cordon.test>;tag=5b4c1e0e8d2e4a1f9c6d7a3b2e1f0a9c-7d3e\r\n"
    "Call-ID: 3c9e1f0a2b7d4e8f91a6c5d2e0b47f13\r\n"
    "CSeq: 1 REGISTER\r\n"
    "WWW-Authenticate: Digest realm=\"cordon.test\", nonce=\"ZxK9rWcB2hYAAAAA3xV7mPq1sT0uLd8eN4aFw6Cj\", "
    "qop=\"auth\", algorithm=MD5\r\n"
    "Server: kamailio (5.6.3 (x86_64/linux))\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

struct NamedMessage {
    const char *name;
    std::string_view bytes;
};

// Both parsers must take the message; otherwise the comparison means nothing.
bool refuse_unless_both_accept(benchmark::State &state, std::string_view bytes)
{
    if (!cordon::sip::parse_osip_message(bytes)) {
        state.SkipWithError("libosip2 refuses the message");
        return true;
    }
    const auto outcome = cordon::sip::validate_received_message(bytes);
    if (!outcome.message) {
        state.SkipWithError(("Cordon refuses the message: " + outcome.message.error().message).c_str());
        return true;
    }
    return false;
}

void BM_Baseline_OsipParse_Invite(benchmark::State &state)
{
    state.SetLabel("baseline: libosip2 parse of the INVITE with SDP");
    if (refuse_unless_both_accept(state, invite_text)) {
        return;
    }
    for (auto _ : state) {
        auto message = cordon::sip::parse_osip_message(invite_text);
        benchmark::DoNotOptimize(message.get());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(invite_text.size()));
}

void BM_OsipParse(benchmark::State &state, NamedMessage message)
{
    state.SetLabel(std::string("libosip2 parse: ") + message.name);
    if (refuse_unless_both_accept(state, message.bytes)) {
        return;
    }
    for (auto _ : state) {
        auto parsed = cordon::sip::parse_osip_message(message.bytes);
        benchmark::DoNotOptimize(parsed.get());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(message.bytes.size()));
}

// Cordon's validation, timed with a steady clock, alternating with a libosip2
// parse of the same bytes timed the same way: the counter x_osip (Cordon's
// time over libosip2's, both summed over the same loop) compares the two
// within the same seconds, whatever the machine does meanwhile. The clock
// reads (two per call, some tens of nanoseconds) are in both sides.
void BM_Validate(benchmark::State &state, NamedMessage message)
{
    using Clock = std::chrono::steady_clock;
    state.SetLabel(std::string("Cordon validate: ") + message.name);
    if (refuse_unless_both_accept(state, message.bytes)) {
        return;
    }
    double validate_seconds = 0;
    double osip_seconds = 0;
    for (auto _ : state) {
        // Each side frees what it made within its timed part, as the
        // plain loops do at the end of an iteration.
        const auto osip_start = Clock::now();
        {
            auto parsed = cordon::sip::parse_osip_message(message.bytes);
            benchmark::DoNotOptimize(parsed.get());
        }
        const auto osip_end = Clock::now();
        const auto validate_start = Clock::now();
        {
            auto validated = cordon::sip::validate_received_message(message.bytes);
            benchmark::DoNotOptimize(validated.message);
        }
        const auto validate_end = Clock::now();
        const double seconds = std::chrono::duration<double>(validate_end - validate_start).count();
        state.SetIterationTime(seconds);
        validate_seconds += seconds;
        osip_seconds += std::chrono::duration<double>(osip_end - osip_start).count();
    }
    if (state.iterations() == 0 || validate_seconds <= 0 || osip_seconds <= 0) {
        return;
    }
    const auto iterations = static_cast<double>(state.iterations());
    state.counters["osip_ns"] = osip_seconds / iterations * 1e9;
    state.counters["x_osip"] = validate_seconds / osip_seconds;
    // Not SetBytesProcessed: the library divides that by CPU time, which here
    // includes the libosip2 half of the loop.
    state.counters["MB_per_s"] = iterations * static_cast<double>(message.bytes.size()) / validate_seconds / 1e6;
    state.counters["bytes"] = static_cast<double>(message.bytes.size());
}

void BM_ReadSdp_Offer(benchmark::State &state)
{
    state.SetLabel("read_sdp of a 6-codec audio offer");
    if (auto read = cordon::sip::read_sdp(invite_sdp); !read) {
        state.SkipWithError(("read_sdp refuses the offer: " + read.error().message).c_str());
        return;
    }
    for (auto _ : state) {
        auto read = cordon::sip::read_sdp(invite_sdp);
        benchmark::DoNotOptimize(read);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(invite_sdp.size()));
}

} // namespace

int main(int argc, char **argv)
{
    const NamedMessage messages[] = {
        {"register", register_text},
        {"invite", invite_text},
        {"ok", ok_text},
        {"unauthorized", unauthorized_text},
    };
    // The baseline runs first and again last, so that the ratio table can
    // show how far the machine drifted during the run.
    benchmark::RegisterBenchmark(baseline_name, BM_Baseline_OsipParse_Invite)->Unit(benchmark::kMicrosecond);
    for (const NamedMessage &message : messages) {
        benchmark::RegisterBenchmark((std::string("BM_OsipParse/") + message.name).c_str(), BM_OsipParse, message)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark((std::string("BM_Validate/") + message.name).c_str(), BM_Validate, message)
            ->UseManualTime()
            ->Unit(benchmark::kMicrosecond);
    }
    benchmark::RegisterBenchmark("BM_ReadSdp/offer", BM_ReadSdp_Offer)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(baseline_name, BM_Baseline_OsipParse_Invite)->Unit(benchmark::kMicrosecond);
    return cordon::bench::run_benchmarks_with_baseline(argc, argv, baseline_name);
}
