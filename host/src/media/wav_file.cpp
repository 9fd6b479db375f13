#include "media/wav_file.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include "media/sndfile_support.hpp"

namespace cordon::media {
namespace {

// Frames read per libsndfile call: memory grows with what the file really
// holds, never with what its header claims.
constexpr sf_count_t read_chunk_frames = 4096;

uint64_t max_frames_at(uint32_t sample_rate) { return uint64_t{max_audio_file_seconds} * sample_rate; }

} // namespace

Result<Pcm> read_wav(const std::filesystem::path &path)
{
    std::error_code status_error;
    if (std::filesystem::is_directory(path, status_error)) {
        return Error{ErrorCode::io, "cannot read audio file " + quoted(path) + ": it is a directory"};
    }
    SF_INFO info{};
    SndfileHandle file{sf_open(path.c_str(), SFM_READ, &info)};
    if (!file) {
        return open_failure(path, FileAccess::read);
    }
    if (info.channels <= 0) {
        return Error{ErrorCode::malformed_input, "audio file " + quoted(path) + " has no channels"};
    }
    if (static_cast<uint32_t>(info.channels) > max_audio_file_channels) {
        return Error{ErrorCode::unsupported, "audio file " + quoted(path) + " has " + std::to_string(info.channels) +
                                                 " channels; only mono or stereo files are read (max " +
                                                 std::to_string(max_audio_file_channels) + ")"};
    }
    if (info.samplerate <= 0 || static_cast<uint32_t>(info.samplerate) > max_audio_file_sample_rate) {
        return Error{ErrorCode::unsupported, "audio file " + quoted(path) + " has sample rate " +
                                                 std::to_string(info.samplerate) + " Hz; accepted: 1.." +
                                                 std::to_string(max_audio_file_sample_rate) + " Hz"};
    }
    Pcm pcm;
    pcm.sample_rate = static_cast<uint32_t>(info.samplerate);
    pcm.channels = static_cast<uint32_t>(info.channels);
    const uint64_t max_frames = max_frames_at(pcm.sample_rate);
    const auto too_long = [&] {
        return Error{ErrorCode::unsupported, "audio file " + quoted(path) + " is longer than " +
                                                 std::to_string(max_audio_file_seconds) + " seconds; refused"};
    };
    // Refuse early when the header already says too long; the read loop below
    // enforces the same cap when the header understates.
    if (info.frames > 0 && info.frames != SF_COUNT_MAX && static_cast<uint64_t>(info.frames) > max_frames) {
        return too_long();
    }
    // Read as normalised float and convert here: libsndfile's own float-to-short
    // path does not scale float files, and this way every format is treated alike.
    std::vector<float> chunk(static_cast<size_t>(read_chunk_frames) * pcm.channels);
    uint64_t frames_read = 0;
    for (;;) {
        const sf_count_t got =
            std::clamp<sf_count_t>(sf_readf_float(file.get(), chunk.data(), read_chunk_frames), 0, read_chunk_frames);
        frames_read += static_cast<uint64_t>(got);
        if (frames_read > max_frames) {
            return too_long();
        }
        const auto values = static_cast<size_t>(got) * pcm.channels;
        std::transform(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(values),
                       std::back_inserter(pcm.samples), to_16_bit);
        if (got < read_chunk_frames) {
            break;
        }
    }
    if (const int reason = sf_error(file.get()); reason != SF_ERR_NO_ERROR) {
        return Error{ErrorCode::malformed_input,
                     "cannot read audio file " + quoted(path) + ": " + sf_strerror(file.get())};
    }
    return pcm;
}

Result<void> write_wav(const std::filesystem::path &path, const Pcm &pcm)
{
    if (!pcm.is_well_formed()) {
        return Error{ErrorCode::invalid_argument,
                     "cannot write " + quoted(path) + ": audio has " + std::to_string(pcm.channels) +
                         " channels, rate " + std::to_string(pcm.sample_rate) + " Hz and " +
                         std::to_string(pcm.samples.size()) + " samples, which is not a whole number of frames"};
    }
    if (pcm.channels > max_audio_file_channels || pcm.sample_rate > max_audio_file_sample_rate ||
        pcm.frames() > max_frames_at(pcm.sample_rate)) {
        return Error{ErrorCode::invalid_argument, "cannot write " + quoted(path) +
                                                      ": audio beyond the file limits (max " +
                                                      std::to_string(max_audio_file_channels) + " channels, " +
                                                      std::to_string(max_audio_file_sample_rate) + " Hz, " +
                                                      std::to_string(max_audio_file_seconds) + " seconds)"};
    }
    SF_INFO info{};
    info.samplerate = static_cast<int>(pcm.sample_rate);
    info.channels = static_cast<int>(pcm.channels);
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SndfileHandle file{sf_open(path.c_str(), SFM_WRITE, &info)};
    if (!file) {
        return open_failure(path, FileAccess::write);
    }
    const auto frames = static_cast<sf_count_t>(pcm.frames());
    const sf_count_t written = sf_writef_short(file.get(), pcm.samples.data(), frames);
    const std::string write_reason = written == frames ? "" : sf_strerror(file.get());
    // sf_close flushes the header; its failure (e.g. a full disk) is a failure too.
    const int close_status = sf_close(file.release());
    if (written != frames || close_status != 0) {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        const std::string reason = !write_reason.empty() ? write_reason : sf_error_number(close_status);
        return Error{ErrorCode::io, "cannot write audio file " + quoted(path) + ": " + reason};
    }
    return {};
}

} // namespace cordon::media
