#include "media/wav_file_sink.hpp"

#include <string>
#include <utility>

#include "media/sndfile_support.hpp"
#include "media/wav_file.hpp"

namespace cordon::media {

Result<std::unique_ptr<WavFileSink>> WavFileSink::create(const std::filesystem::path &path, uint32_t sample_rate,
                                                         uint32_t channels)
{
    if (channels == 0 || channels > max_audio_file_channels || sample_rate == 0 ||
        sample_rate > max_audio_file_sample_rate) {
        return Error{ErrorCode::invalid_argument, "cannot write " + quoted(path) + " with " + std::to_string(channels) +
                                                      " channels at " + std::to_string(sample_rate) + " Hz (max " +
                                                      std::to_string(max_audio_file_channels) + " channels, " +
                                                      std::to_string(max_audio_file_sample_rate) + " Hz)"};
    }
    SF_INFO info{};
    info.samplerate = static_cast<int>(sample_rate);
    info.channels = static_cast<int>(channels);
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SndfileHandle file{sf_open(path.c_str(), SFM_WRITE, &info)};
    if (!file) {
        return open_failure(path, FileAccess::write);
    }
    return std::unique_ptr<WavFileSink>(new WavFileSink(path, std::move(file), channels));
}

WavFileSink::WavFileSink(std::filesystem::path path, SndfileHandle file, uint32_t channels)
    : path_(std::move(path)), file_(std::move(file)), channels_(channels)
{
}

WavFileSink::~WavFileSink()
{
    // Nobody is left to hear about a failure here; close() is the way to know.
    (void)close();
}

Result<void> WavFileSink::write(std::span<const int16_t> frame)
{
    if (!file_) {
        return Error{ErrorCode::invalid_argument, "audio file " + quoted(path_) + " is already closed"};
    }
    if (frame.size() % channels_ != 0) {
        return Error{ErrorCode::invalid_argument, "cannot write " + std::to_string(frame.size()) + " samples to " +
                                                      quoted(path_) + ": not whole " + std::to_string(channels_) +
                                                      "-channel frames"};
    }
    if (frame.size_bytes() > max_wav_data_bytes - data_bytes_) {
        return Error{ErrorCode::io, "cannot write to audio file " + quoted(path_) + ": a WAV file holds at most " +
                                        std::to_string(max_wav_data_bytes) + " bytes of audio"};
    }
    const auto frames = static_cast<sf_count_t>(frame.size() / channels_);
    if (sf_writef_short(file_.get(), frame.data(), frames) != frames) {
        return Error{ErrorCode::io, "cannot write audio file " + quoted(path_) + ": " + sf_strerror(file_.get())};
    }
    data_bytes_ += frame.size_bytes();
    return {};
}

Result<void> WavFileSink::close()
{
    if (!file_) {
        return {};
    }
    // sf_close writes the final header; its failure (a full disk) is a failure too.
    const int status = sf_close(file_.release());
    if (status != 0) {
        return Error{ErrorCode::io, "cannot finish audio file " + quoted(path_) + ": " + sf_error_number(status)};
    }
    return {};
}

} // namespace cordon::media
