// Writes the seed corpora of the codec fuzz targets from the real encoders:
// each seed is a ConfigChoice for one configuration (rates, channels, frame
// durations, bitrates, complexity, fmtp modes) followed by what the target
// reads: packets the plugin encoded from the speech-like test signal
// (decode, conceal), or that signal's PCM (encode).
//
// Run once after a change to a codec plugin or to the input layouts in
// fuzz/codec_*_fuzzer.cpp, and commit the result:
//   cmake --build --preset dev --target make_codec_seeds
//   build/dev/bin/make_codec_seeds [PLUGIN_DIR [CORPUS_DIR]]
// The defaults are the dev build's plugin directory and the source corpus/.
#include <dlfcn.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz/codec_instance.hpp"
#include "fuzz/guarded_buffer.hpp"
#include "media/speech_signal.hpp"

namespace {

using namespace cordon::fuzz;
namespace fs = std::filesystem;

constexpr double signal_seconds = 1.0;
constexpr double first_frame_seconds = 0.3; // past the signal's opening pause
constexpr uint32_t signal_seed = 4;
constexpr size_t packets_per_seed = 4;
constexpr size_t frames_per_encode_seed = 2;
// Record flags (see the fuzzers): a conceal record that arrived, and one
// lost with no next packet.
constexpr uint8_t arrived = 1u << 0;
constexpr uint8_t lost_without_next = 1u << 1;

struct Seed {
    const char *name;
    ConfigChoice choice;
};

uint16_t bitrate(uint32_t bps) { return static_cast<uint16_t>(bps / bitrate_unit_bps); }

// Indexes are into each plugin's own lists (see plugins/codec-*/README.md).
std::vector<Seed> g711_seeds()
{
    return {
        {"pcmu_mono_20ms", {.format = 0, .frame_duration = 1}},
        {"pcma_stereo_10ms", {.format = 1, .channels = 1, .frame_duration = 0}},
        {"pcmu_stereo_60ms", {.format = 0, .channels = 1, .frame_duration = 4}},
        {"pcma_mono_30ms_complexity_5", {.format = 1, .frame_duration = 2, .complexity = 6}},
    };
}

// Opus rates 8, 12, 16, 24, 48 kHz; durations 2.5, 5, 10, 20, 40, 60 ms;
// fmtp useinbandfec, usedtx, cbr, maxaveragebitrate, stereo, sprop-stereo,
// maxplaybackrate, sprop-maxcapturerate.
std::vector<Seed> opus_seeds()
{
    return {
        {"48k_stereo_20ms_64k",
         {.sample_rate = 4, .channels = 1, .frame_duration = 3, .bitrate_units = bitrate(64000)}},
        {"16k_mono_20ms_16k_fec_loss20",
         {.sample_rate = 2,
          .frame_duration = 3,
          .bitrate_units = bitrate(16000),
          .loss_percent = 20,
          .params = {{0, "1"}}}},
        {"8k_mono_60ms_6k_cbr",
         {.sample_rate = 0, .frame_duration = 5, .bitrate_units = bitrate(6000), .params = {{2, "1"}}}},
        {"24k_mono_10ms_24k_dtx",
         {.sample_rate = 3, .frame_duration = 2, .bitrate_units = bitrate(24000), .params = {{1, "1"}}}},
        {"48k_mono_2500us_128k_complexity_0",
         {.sample_rate = 4, .frame_duration = 0, .bitrate_units = bitrate(128000), .complexity = 1}},
        {"12k_stereo_40ms_32k_mono_pref_playback_16k",
         {.sample_rate = 1,
          .channels = 1,
          .frame_duration = 4,
          .bitrate_units = bitrate(32000),
          .params = {{4, "0"}, {6, "16000"}}}},
        {"48k_stereo_5ms_510k_maxavg_96k",
         {.sample_rate = 4,
          .channels = 1,
          .frame_duration = 1,
          .bitrate_units = bitrate(510000),
          .params = {{3, "96000"}}}},
    };
}

// Speex formats narrowband, wideband, ultra-wideband; fmtp vbr, cng, mode.
std::vector<Seed> speex_seeds()
{
    return {
        {"nb_default", {.format = 0}},
        {"nb_mode_3", {.format = 0, .params = {{2, "3"}}}},
        {"nb_vbr_15k", {.format = 0, .bitrate_units = bitrate(15000), .params = {{0, "on"}}}},
        {"wb_mode_8_complexity_10", {.format = 1, .complexity = 11, .params = {{2, "8"}}}},
        {"wb_vad_cng", {.format = 1, .params = {{0, "vad"}, {1, "on"}}}},
        {"uwb_default", {.format = 2}},
        {"uwb_mode_6_any_loss_10", {.format = 2, .loss_percent = 10, .params = {{2, "\"6,any\""}}}},
    };
}

std::vector<int16_t> speech_frames(const cordon_codec_config &config, size_t frame_samples, size_t frames)
{
    const cordon::media::Pcm signal =
        cordon::media::generate_speech_like(config.sample_rate, config.channels, signal_seconds, signal_seed);
    const auto first = static_cast<size_t>(first_frame_seconds * config.sample_rate) * config.channels;
    if (signal.samples.size() < first + frame_samples * frames) {
        contract_broken("speech signal shorter than the seed needs");
    }
    const auto begin = signal.samples.begin() + static_cast<std::ptrdiff_t>(first);
    return {begin, begin + static_cast<std::ptrdiff_t>(frame_samples * frames)};
}

std::vector<std::vector<uint8_t>> encode_packets(const cordon_codec_interface &codec, const CodecInstance &instance,
                                                 const std::vector<int16_t> &pcm)
{
    std::vector<std::vector<uint8_t>> packets;
    const size_t frame = instance.frame_samples();
    for (size_t offset = 0; offset + frame <= pcm.size(); offset += frame) {
        GuardedBuffer<uint8_t> packet(instance.info().max_packet_bytes);
        size_t written = 0;
        const cordon_status status =
            codec.encode(instance.get(), pcm.data() + offset, frame, packet.data(), packet.capacity(), &written);
        check_output(status, written, packet);
        require(status == CORDON_STATUS_OK, "the seed generator's encode failed");
        packets.emplace_back(packet.data(), packet.data() + written);
    }
    return packets;
}

void put_record(std::vector<uint8_t> &out, uint8_t flags, const std::vector<uint8_t> &bytes)
{
    out.push_back(flags);
    put_u16(out, static_cast<uint16_t>(bytes.size()));
    out.insert(out.end(), bytes.begin(), bytes.end());
}

void write_file(const fs::path &path, const std::vector<uint8_t> &bytes)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

void write_seeds(const cordon_codec_interface &codec, const std::string &plugin, const std::vector<Seed> &seeds,
                 const fs::path &corpus)
{
    for (const Seed &seed : seeds) {
        const ResolvedConfig config(seed.choice, codec);
        const CodecInstance instance(codec, config.get());
        require(instance.created(), "the plugin refused a seed configuration");
        std::vector<uint8_t> header;
        seed.choice.write(header);

        const auto pcm = speech_frames(config.get(), instance.frame_samples(), packets_per_seed);
        const auto packets = encode_packets(codec, instance, pcm);

        std::vector<uint8_t> decode = header;
        for (const auto &packet : packets) {
            put_record(decode, 0, packet);
        }
        write_file(corpus / ("codec_decode_" + plugin) / seed.name, decode);

        std::vector<uint8_t> encode = header;
        for (size_t frame = 0; frame < frames_per_encode_seed; ++frame) {
            encode.push_back(0);
            for (size_t i = 0; i < instance.frame_samples(); ++i) {
                put_u16(encode, static_cast<uint16_t>(pcm[frame * instance.frame_samples() + i]));
            }
        }
        write_file(corpus / ("codec_encode_" + plugin) / seed.name, encode);

        if (codec.conceal != nullptr) {
            // Packet 1 is lost and concealed with packet 2 as the next one
            // (FEC where the codec has it); packet 3 is lost with none.
            std::vector<uint8_t> conceal = header;
            put_record(conceal, arrived, packets[0]);
            put_record(conceal, 0, packets[2]);
            put_record(conceal, arrived, packets[2]);
            put_record(conceal, lost_without_next, {});
            write_file(corpus / ("codec_conceal_" + plugin) / seed.name, conceal);
        }
    }
}

const cordon_codec_interface &open_plugin_file(const fs::path &file)
{
    // The handle stays open until the process ends: the interface lives in it.
    void *library = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    void *entry = library == nullptr ? nullptr : dlsym(library, CORDON_PLUGIN_ENTRY_SYMBOL);
    if (entry == nullptr) {
        std::fprintf(stderr, "make_codec_seeds: cannot load %s: %s\n", file.c_str(), dlerror());
        std::exit(1);
    }
    return open_codec_plugin(reinterpret_cast<cordon_plugin_entry_fn>(entry));
}

} // namespace

int main(int argc, char **argv)
{
    const fs::path plugins = argc > 1 ? argv[1] : CORDON_BUILD_PLUGIN_DIR;
    const fs::path corpus = argc > 2 ? argv[2] : CORDON_CORPUS_DIR;
    write_seeds(open_plugin_file(plugins / "cordon-codec-g711.so"), "g711", g711_seeds(), corpus);
    write_seeds(open_plugin_file(plugins / "cordon-codec-opus.so"), "opus", opus_seeds(), corpus);
    write_seeds(open_plugin_file(plugins / "cordon-codec-speex.so"), "speex", speex_seeds(), corpus);
    std::printf("make_codec_seeds: wrote the codec seeds under %s\n", corpus.c_str());
    return 0;
}
