// Audio files as `cordon codec roundtrip` reads them: any bytes, through
// read_wav and libsndfile, must give audio within the file limits or an error
// that says something, never a crash. The same bytes are then streamed as a
// call's source (WavFileSource, resampled to 8 kHz mono) for a bounded
// number of frames.
//
// Input: the whole file. read_wav takes a path, so the bytes go into a memfd
// opened by its /proc/self/fd path: no disk and no temporary file to clean up.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <vector>

#include "media/wav_file.hpp"
#include "media/wav_file_source.hpp"

namespace {

constexpr uint32_t source_rate = 8000;
constexpr size_t source_frame = 160;
constexpr size_t source_frames_read = 64;

int memory_file()
{
    static const int fd = memfd_create("fuzz.wav", MFD_CLOEXEC);
    if (fd < 0) {
        __builtin_trap();
    }
    return fd;
}

bool write_all(int fd, const uint8_t *data, size_t size)
{
    if (ftruncate(fd, 0) != 0) {
        return false;
    }
    size_t offset = 0;
    while (offset < size) {
        const ssize_t written = pwrite(fd, data + offset, size - offset, static_cast<off_t>(offset));
        if (written <= 0) {
            return false;
        }
        offset += static_cast<size_t>(written);
    }
    return true;
}

} // namespace

// Streamed: every read fills the frame or says why not.
void stream(const std::string &path)
{
    auto source = cordon::media::WavFileSource::open(path, source_rate, 1);
    if (!source) {
        if (source.error().message.empty()) {
            __builtin_trap();
        }
        return;
    }
    std::vector<int16_t> frame(source_frame);
    for (size_t i = 0; i < source_frames_read && !(*source)->finished(); ++i) {
        const auto status = (*source)->read(frame);
        if (!status) {
            if (status.error().message.empty()) {
                __builtin_trap();
            }
            return;
        }
    }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const int fd = memory_file();
    if (!write_all(fd, data, size)) {
        __builtin_trap();
    }
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    stream(path);
    const auto pcm = cordon::media::read_wav(path);
    if (!pcm) {
        if (pcm.error().message.empty()) {
            __builtin_trap();
        }
        return 0;
    }
    // What the reader promises: audio within the file limits, whole frames.
    const bool within = pcm->is_well_formed() && pcm->channels <= cordon::media::max_audio_file_channels &&
                        pcm->sample_rate <= cordon::media::max_audio_file_sample_rate &&
                        pcm->frames() <= uint64_t{cordon::media::max_audio_file_seconds} * pcm->sample_rate;
    if (!within) {
        __builtin_trap();
    }
    return 0;
}
