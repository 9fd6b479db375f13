#include "media/wav_file_source.hpp"

#include <algorithm>
#include <string>
#include <system_error>
#include <utility>

#include "media/sndfile_support.hpp"
#include "media/wav_file.hpp"

namespace cordon::media {
namespace {

// Frames read from the file per refill: a bounded amount of memory whatever
// the file's length.
constexpr sf_count_t chunk_frames = 1024;

} // namespace

Result<std::unique_ptr<WavFileSource>> WavFileSource::open(const std::filesystem::path &path, uint32_t sample_rate,
                                                           uint32_t channels, AtEnd at_end)
{
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) {
        return Error{ErrorCode::io, "cannot read audio file " + quoted(path) + ": it is a directory"};
    }
    if (channels == 0 || channels > max_audio_file_channels) {
        return Error{ErrorCode::invalid_argument, "cannot play " + quoted(path) + " as " + std::to_string(channels) +
                                                      " channels: 1.." + std::to_string(max_audio_file_channels)};
    }
    SF_INFO info{};
    SndfileHandle file{sf_open(path.c_str(), SFM_READ, &info)};
    if (!file) {
        return open_failure(path, FileAccess::read);
    }
    if (info.channels <= 0 || static_cast<uint32_t>(info.channels) > max_audio_file_channels) {
        return Error{ErrorCode::unsupported, "audio file " + quoted(path) + " has " + std::to_string(info.channels) +
                                                 " channels; only mono or stereo files are read"};
    }
    if (info.samplerate <= 0 || static_cast<uint32_t>(info.samplerate) > max_audio_file_sample_rate) {
        return Error{ErrorCode::unsupported, "audio file " + quoted(path) + " has sample rate " +
                                                 std::to_string(info.samplerate) + " Hz; accepted: 1.." +
                                                 std::to_string(max_audio_file_sample_rate) + " Hz"};
    }
    const auto file_rate = static_cast<uint32_t>(info.samplerate);
    std::optional<Resampler> resampler;
    if (file_rate != sample_rate) {
        auto created = Resampler::create(channels, file_rate, sample_rate);
        if (!created) {
            return Error{created.error().code, "cannot play " + quoted(path) + ": " + created.error().message};
        }
        resampler = std::move(created).value();
    }
    return std::unique_ptr<WavFileSource>(new WavFileSource(path, std::move(file), file_rate,
                                                            static_cast<uint32_t>(info.channels), channels,
                                                            std::move(resampler), at_end));
}

WavFileSource::WavFileSource(std::filesystem::path path, SndfileHandle file, uint32_t file_rate, uint32_t file_channels,
                             uint32_t channels, std::optional<Resampler> resampler, AtEnd at_end)
    : path_(std::move(path)), file_(std::move(file)), file_rate_(file_rate), file_channels_(file_channels),
      channels_(channels), resampler_(std::move(resampler)), at_end_(at_end),
      chunk_(static_cast<size_t>(chunk_frames) * file_channels)
{
}

Result<void> WavFileSource::refill()
{
    const sf_count_t got =
        std::clamp<sf_count_t>(sf_readf_float(file_.get(), chunk_.data(), chunk_frames), 0, chunk_frames);
    if (const int reason = sf_error(file_.get()); reason != SF_ERR_NO_ERROR) {
        file_done_ = true;
        return Error{ErrorCode::io, "cannot read audio file " + quoted(path_) + ": " + sf_strerror(file_.get())};
    }
    if (got > 0) {
        read_since_start_ = true;
        Pcm converted{file_rate_, file_channels_, {}};
        converted.samples.resize(static_cast<size_t>(got) * file_channels_);
        std::transform(chunk_.begin(), chunk_.begin() + static_cast<std::ptrdiff_t>(converted.samples.size()),
                       converted.samples.begin(), to_16_bit);
        const Pcm mixed = to_channels(converted, channels_);
        if (!resampler_) {
            pending_.insert(pending_.end(), mixed.samples.begin(), mixed.samples.end());
            return {};
        }
        return resampler_->process(mixed.samples, pending_);
    }
    if (at_end_ == AtEnd::loop && read_since_start_ && sf_seek(file_.get(), 0, SEEK_SET) == 0) {
        // The resampler runs on across the seam, so a loop has no click of its own.
        read_since_start_ = false;
        return {};
    }
    file_done_ = true;
    return resampler_ ? resampler_->finish(pending_) : Result<void>{};
}

Result<void> WavFileSource::read(std::span<int16_t> frame)
{
    if (frame.size() % channels_ != 0) {
        return Error{ErrorCode::invalid_argument, "cannot read " + std::to_string(frame.size()) + " samples of " +
                                                      quoted(path_) + " as whole " + std::to_string(channels_) +
                                                      "-channel frames"};
    }
    while (pending_.size() < frame.size() && !file_done_) {
        if (auto status = refill(); !status) {
            return status;
        }
    }
    const size_t available = std::min(frame.size(), pending_.size());
    std::fill(std::copy_n(pending_.begin(), available, frame.begin()), frame.end(), int16_t{0});
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(available));
    return {};
}

} // namespace cordon::media
