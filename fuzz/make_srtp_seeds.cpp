// Writes the seeds of corpus/srtp_unprotect: RTP and RTCP packets protected
// with raw libsrtp2 under the fixed keys of srtp_session.cpp (so that they
// pass authentication in the target and reach the decryption), plain packets
// for the round-trip modes, and a few hostile headers.
//   make_srtp_seeds  (writes into CORDON_CORPUS_DIR/srtp_unprotect)
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <srtp2/srtp.h>

namespace {

// The bytes whose base64 is in srtp_session.cpp's fixed offers (AES-CM's
// 30, GCM's 28).
const std::string fixed_keys[] = {"YS___semctl () {\t220;}\n}\nunles", "YS___semctl () {\t220;}\n}\nun@"};

using Bytes = std::vector<uint8_t>;

Bytes rtp(uint16_t sequence, size_t payload, uint8_t first_byte = 0x80)
{
    Bytes packet(12 + payload, 0x5C);
    packet[0] = first_byte;
    packet[1] = 0;
    packet[2] = static_cast<uint8_t>(sequence >> 8);
    packet[3] = static_cast<uint8_t>(sequence);
    for (size_t i = 4; i < 12; ++i) {
        packet[i] = static_cast<uint8_t>(i);
    }
    return packet;
}

Bytes rtcp_receiver_report()
{
    Bytes packet(32, 0x11);
    packet[0] = 0x81;
    packet[1] = 201;
    packet[2] = 0;
    packet[3] = 7;
    return packet;
}

Bytes protect(int suite, Bytes packet, bool is_rtp)
{
    srtp_policy_t policy{};
    if (suite == 0) {
        srtp_crypto_policy_set_rtp_default(&policy.rtp);
        srtp_crypto_policy_set_rtp_default(&policy.rtcp);
    } else {
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
    }
    std::vector<unsigned char> key(fixed_keys[suite].begin(), fixed_keys[suite].end());
    policy.key = key.data();
    policy.ssrc.type = ssrc_any_outbound;
    srtp_t context = nullptr;
    if (srtp_create(&context, &policy) != srtp_err_status_ok) {
        std::fprintf(stderr, "srtp_create failed\n");
        std::exit(1);
    }
    int length = static_cast<int>(packet.size());
    packet.resize(packet.size() + SRTP_MAX_TRAILER_LEN);
    const auto status =
        is_rtp ? srtp_protect(context, packet.data(), &length) : srtp_protect_rtcp(context, packet.data(), &length);
    srtp_dealloc(context);
    if (status != srtp_err_status_ok) {
        std::fprintf(stderr, "protect failed\n");
        std::exit(1);
    }
    packet.resize(static_cast<size_t>(length));
    return packet;
}

void write_seed(const std::filesystem::path &directory, const std::string &name, uint8_t mode, const Bytes &packet)
{
    std::ofstream out(directory / name, std::ios::binary);
    out.put(static_cast<char>(mode));
    out.write(reinterpret_cast<const char *>(packet.data()), static_cast<std::streamsize>(packet.size()));
}

} // namespace

int main()
{
    if (srtp_init() != srtp_err_status_ok) {
        return 1;
    }
    const std::filesystem::path directory = std::filesystem::path(CORDON_CORPUS_DIR) / "srtp_unprotect";
    std::filesystem::create_directories(directory);
    const char *suite_names[] = {"aes_cm", "gcm"};
    for (uint8_t suite = 0; suite < 2; ++suite) {
        const std::string name = suite_names[suite];
        // Mode bits 1-2: 0 unprotect_rtp, 1 unprotect_rtcp, 2/3 round trips.
        write_seed(directory, name + "_rtp_160", suite, protect(suite, rtp(1, 160), true));
        write_seed(directory, name + "_rtp_csrc_extension", suite,
                   protect(
                       suite,
                       [] {
                           Bytes packet = rtp(2, 40, 0x92); // two CSRCs and an extension
                           packet.insert(packet.begin() + 20, {0xBE, 0xDE, 0x00, 0x01, 0x10, 0xAA, 0x00, 0x00});
                           return packet;
                       }(),
                       true));
        write_seed(directory, name + "_rtcp_rr", static_cast<uint8_t>(suite | 2u),
                   protect(suite, rtcp_receiver_report(), false));
        write_seed(directory, name + "_round_trip_rtp", static_cast<uint8_t>(suite | 4u), rtp(3, 160));
        write_seed(directory, name + "_round_trip_rtcp", static_cast<uint8_t>(suite | 6u), rtcp_receiver_report());
    }
    write_seed(directory, "hostile_csrc_count", 0, rtp(4, 4, 0x8F));
    write_seed(directory, "hostile_extension_length", 0, [] {
        Bytes packet = rtp(5, 16, 0x90);
        packet[14] = 0xFF;
        packet[15] = 0xFF;
        return packet;
    }());
    write_seed(directory, "hostile_short_rtcp", 2, Bytes{0x80, 0xC8, 0x00});
    srtp_shutdown();
    return 0;
}
