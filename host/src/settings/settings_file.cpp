// Reading the settings file itself: the OS's reason when it cannot be read,
// and the size limit enforced while reading, so a huge or endless file (a
// FIFO, /dev/zero) never gets into memory.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "settings/setting_spec.hpp"

namespace cordon {
namespace {

constexpr std::size_t read_chunk_bytes = 64 * 1024;

std::string os_reason(int error_number) { return std::generic_category().message(error_number); }

Error read_failure(const std::filesystem::path &file, int error_number)
{
    const ErrorCode code = error_number == ENOENT ? ErrorCode::not_found : ErrorCode::io;
    return Error{code, file.string() + ": cannot read settings file: " + os_reason(error_number)};
}

Error too_large(const std::filesystem::path &file)
{
    return Error{ErrorCode::config, file.string() + ": settings file is larger than the limit of " +
                                        std::to_string(max_settings_file_bytes) + " bytes"};
}

// Closes the descriptor on every path out of read_settings_file.
class FileDescriptor {
public:
    explicit FileDescriptor(int descriptor) : descriptor_(descriptor) {}
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;
    ~FileDescriptor()
    {
        if (descriptor_ >= 0)
            ::close(descriptor_);
    }
    int get() const { return descriptor_; }

private:
    int descriptor_;
};

Result<std::string> read_settings_file(const std::filesystem::path &file)
{
    const FileDescriptor descriptor(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (descriptor.get() < 0)
        return read_failure(file, errno);

    struct stat status {};
    if (::fstat(descriptor.get(), &status) != 0)
        return read_failure(file, errno);
    if (S_ISDIR(status.st_mode))
        return read_failure(file, EISDIR);
    if (S_ISREG(status.st_mode) && static_cast<std::uintmax_t>(status.st_size) > max_settings_file_bytes)
        return too_large(file);

    // One byte past the limit is enough to know the file is too large.
    std::string text;
    while (text.size() <= max_settings_file_bytes) {
        const std::size_t old_size = text.size();
        text.resize(old_size + read_chunk_bytes);
        const ssize_t got = ::read(descriptor.get(), text.data() + old_size, read_chunk_bytes);
        if (got < 0 && errno == EINTR) {
            text.resize(old_size);
            continue;
        }
        if (got < 0)
            return read_failure(file, errno);
        text.resize(old_size + static_cast<std::size_t>(got));
        if (got == 0)
            return text;
    }
    return too_large(file);
}

} // namespace

Result<Settings> load_settings(const std::filesystem::path &file)
{
    try {
        Result<std::string> text = read_settings_file(file);
        if (!text)
            return text.error();
        return parse_settings(*text, file);
    } catch (const std::bad_alloc &) {
        return Error{ErrorCode::out_of_memory, file.string() + ": out of memory while reading settings"};
    }
}

} // namespace cordon
