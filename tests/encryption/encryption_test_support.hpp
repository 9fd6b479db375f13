// The built-in encryption-srtp plugin loaded as the host loads it, two ends
// of one call negotiated through it, and RTP/RTCP packets to protect.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cordon/host/media_encryption.hpp"
#include "cordon/host/plugins.hpp"
#include "tests/plugins/capturing_logger.hpp"

namespace cordon::test {

inline constexpr char srtp_plugin_id[] = "org.cordon.encryption.srtp";
inline constexpr char aes_cm_suite[] = "AES_CM_128_HMAC_SHA1_80";
inline constexpr char gcm_suite[] = "AEAD_AES_128_GCM";
// Room a test buffer leaves after a packet: more than any suite adds.
inline constexpr size_t test_room = 64;

struct SrtpPlugin {
    CapturingLogger logger;
    std::unique_ptr<PluginRegistry> registry;
    const MediaEncryptionPlugin *plugin = nullptr;
};

// The built-in plugins, with encryption-srtp found (the test fails otherwise).
std::unique_ptr<SrtpPlugin> load_srtp_plugin();

// Both ends of a call after one offer/answer over TLS.
struct NegotiatedCall {
    std::unique_ptr<MediaKeyExchange> offerer;
    std::unique_ptr<MediaKeyExchange> answerer;
    std::vector<std::string> offer;
    std::vector<std::string> answer;
    std::shared_ptr<MediaProtection> offerer_protection;
    std::shared_ptr<MediaProtection> answerer_protection;
};

// Offers, keeps only the offered values naming suite (all when empty),
// answers and accepts. Fails the test on any error.
NegotiatedCall negotiate(const MediaEncryptionPlugin &plugin, const std::string &suite = "");

// A packet of the given size in a buffer with test_room bytes after it.
struct Packet {
    std::vector<uint8_t> buffer;
    size_t length = 0;
};

// RTP version 2, payload type 0, this sequence number, SSRC 0x11223344, and
// payload_bytes of a pattern.
Packet rtp_packet(uint16_t sequence, size_t payload_bytes);
// An RTCP receiver report (PT 201) from SSRC 0x11223344 with one report block.
Packet rtcp_packet();

} // namespace cordon::test
