// What a test asks of the baresip it runs (see baresip_fixture.hpp).
#pragma once

#include "tests/integration/kamailio_fixture.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace cordon::test {

// The account's audio_codecs value. baresip 1.0 matches the name and the
// rate: plain "opus" means opus/8000 and is refused, so the rate is given.
inline constexpr const char *baresip_opus = "opus/48000/1";
inline constexpr const char *baresip_pcmu = "PCMU";

struct BaresipOptions {
    // The account, registered at Kamailio's TLS port as <sip:NAME@cordon.test;transport=tls>.
    SipUser user = {"alice", "alice-password"};
    std::uint16_t kamailio_tls_port = 0;
    std::filesystem::path ca_file; // trusted for the TLS connection to Kamailio

    std::string audio_codec = baresip_opus;
    // baresip's mediaenc: srtp-mand offers RTP/SAVP with SDES keys and takes
    // nothing else; "" leaves media in clear.
    std::string media_encryption = "srtp-mand";

    // What the aufile module plays on every call: a 16-bit WAV. When it
    // ends, baresip hangs up (CALL_CLOSED with "end of file").
    std::filesystem::path source_wav;

    std::chrono::milliseconds ready_deadline{15000}; // started, controllable and registered

    // Empty: $CORDON_BARESIP, else baresip in $PATH, /usr/bin.
    std::string executable;
    std::filesystem::path module_path = "/usr/lib/baresip/modules"; // Debian's baresip-core
};

struct BaresipPorts {
    std::uint16_t sip = 0;     // UDP and TCP; TLS is sip + 1
    std::uint16_t control = 0; // ctrl_tcp
};

} // namespace cordon::test
