#include "tests/encryption/encryption_test_support.hpp"

#include <gtest/gtest.h>

namespace cordon::test {

namespace {

constexpr uint8_t rtp_version_byte = 0x80;
constexpr uint8_t rtcp_receiver_report = 201;
constexpr size_t rtp_header_size = 12;
constexpr size_t rtcp_report_size = 32; // header, sender SSRC, one report block
constexpr uint8_t ssrc[] = {0x11, 0x22, 0x33, 0x44};

} // namespace

std::unique_ptr<SrtpPlugin> load_srtp_plugin()
{
    auto loaded = std::make_unique<SrtpPlugin>();
    loaded->registry =
        PluginRegistry::load({{CORDON_BUILTIN_PLUGIN_DIR}, {CORDON_BUILTIN_PLUGIN_DIR}, {}, {}}, loaded->logger);
    loaded->plugin = loaded->registry->find_media_encryption(srtp_plugin_id);
    EXPECT_NE(loaded->plugin, nullptr);
    return loaded;
}

NegotiatedCall negotiate(const MediaEncryptionPlugin &plugin, const std::string &suite)
{
    NegotiatedCall call;
    auto offerer = plugin.start(SignallingSecurity::tls);
    auto answerer = plugin.start(SignallingSecurity::tls);
    EXPECT_TRUE(offerer.ok() && answerer.ok());
    if (!offerer.ok() || !answerer.ok()) {
        return call;
    }
    call.offerer = std::move(offerer.value());
    call.answerer = std::move(answerer.value());
    auto offer = call.offerer->offer();
    EXPECT_TRUE(offer.ok()) << offer.error().message;
    if (!offer.ok()) {
        return call;
    }
    for (const std::string &value : *offer) {
        if (suite.empty() || value.find(" " + suite + " ") != std::string::npos) {
            call.offer.push_back(value);
        }
    }
    auto answer = call.answerer->answer(call.offer);
    EXPECT_TRUE(answer.ok()) << answer.error().message;
    if (!answer.ok()) {
        return call;
    }
    call.answer = answer->attributes;
    call.answerer_protection = answer->protection;
    auto accepted = call.offerer->accept_answer(call.answer);
    EXPECT_TRUE(accepted.ok()) << accepted.error().message;
    if (accepted.ok()) {
        call.offerer_protection = *accepted;
    }
    return call;
}

Packet rtp_packet(uint16_t sequence, size_t payload_bytes)
{
    Packet packet;
    packet.length = rtp_header_size + payload_bytes;
    packet.buffer.assign(packet.length + test_room, 0);
    packet.buffer[0] = rtp_version_byte;
    packet.buffer[2] = static_cast<uint8_t>(sequence >> 8);
    packet.buffer[3] = static_cast<uint8_t>(sequence);
    packet.buffer[7] = 160; // timestamp
    std::copy(std::begin(ssrc), std::end(ssrc), packet.buffer.begin() + 8);
    for (size_t i = 0; i < payload_bytes; ++i) {
        packet.buffer[rtp_header_size + i] = static_cast<uint8_t>(i * 7 + 3);
    }
    return packet;
}

Packet rtcp_packet()
{
    Packet packet;
    packet.length = rtcp_report_size;
    packet.buffer.assign(packet.length + test_room, 0);
    packet.buffer[0] = rtp_version_byte | 1u; // one report block
    packet.buffer[1] = rtcp_receiver_report;
    packet.buffer[3] = rtcp_report_size / 4 - 1; // length in words minus one
    std::copy(std::begin(ssrc), std::end(ssrc), packet.buffer.begin() + 4);
    for (size_t i = 8; i < rtcp_report_size; ++i) {
        packet.buffer[i] = static_cast<uint8_t>(i);
    }
    return packet;
}

} // namespace cordon::test
