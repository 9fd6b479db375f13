#include "plugin_loading/trusted_plugin_file.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <system_error>
#include <utility>

#include "plugin_loading/strict_modes.hpp"

namespace cordon {

namespace fs = std::filesystem;

namespace {

// One descriptor of the walk, closed on every way out of it.
class WalkDescriptor {
public:
    explicit WalkDescriptor(int descriptor) : descriptor_(descriptor) {}
    WalkDescriptor(const WalkDescriptor &) = delete;
    WalkDescriptor &operator=(const WalkDescriptor &) = delete;
    ~WalkDescriptor() { reset(-1); }

    int get() const { return descriptor_; }
    bool valid() const { return descriptor_ >= 0; }
    void reset(int descriptor)
    {
        if (descriptor_ >= 0) {
            ::close(descriptor_);
        }
        descriptor_ = descriptor;
    }
    int release() { return std::exchange(descriptor_, -1); }

private:
    int descriptor_;
};

Error untrusted(std::string reason) { return {ErrorCode::unsupported, std::move(reason)}; }

Error os_failure(const std::string &action, const fs::path &path, int error_number)
{
    return {ErrorCode::io,
            "cannot " + action + " " + path.string() + ": " + std::generic_category().message(error_number)};
}

// The owner and modes of what descriptor refers to, as fstat tells them.
std::optional<Error> check_owner_and_modes(int descriptor, const fs::path &path, uid_t running_user)
{
    struct stat status {};
    if (fstat(descriptor, &status) != 0) {
        return os_failure("read the status of", path, errno);
    }
    if (auto violation = strict_modes_violation(path, status, running_user)) {
        return untrusted(std::move(*violation));
    }
    return std::nullopt;
}

} // namespace

Result<TrustedPluginFile> TrustedPluginFile::open(const fs::path &located_file)
{
    const uid_t running_user = geteuid();
    fs::path walked = located_file.root_path();
    WalkDescriptor directory(::open(walked.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!directory.valid()) {
        return os_failure("open", walked, errno);
    }
    if (auto failure = check_owner_and_modes(directory.get(), walked, running_user)) {
        return *failure;
    }
    // Each directory is opened below the one just checked and never through a
    // link: one replaced by a link after plugin_location resolved the path
    // stops the walk instead of leading it elsewhere.
    for (const fs::path &component : located_file.parent_path().relative_path()) {
        walked /= component;
        const int next = openat(directory.get(), component.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0 && (errno == ENOTDIR || errno == ELOOP)) {
            return untrusted(walked.string() + " is no longer a directory (replaced, by a link or a file, after "
                                               "its path was resolved)");
        }
        if (next < 0) {
            return os_failure("open the directory", walked, errno);
        }
        directory.reset(next);
        if (auto failure = check_owner_and_modes(directory.get(), walked, running_user)) {
            return *failure;
        }
    }
    // O_NONBLOCK so that a FIFO named like a plugin cannot hold the host up
    // here; it is refused below as not a regular file.
    WalkDescriptor file(openat(directory.get(), located_file.filename().c_str(),
                               O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY));
    if (!file.valid() && errno == ELOOP) {
        return untrusted(located_file.string() +
                         " is a symbolic link: trust goes to a file, never to a link that can be re-pointed; "
                         "name the file it links to instead");
    }
    if (!file.valid()) {
        return os_failure("open", located_file, errno);
    }
    struct stat status {};
    if (fstat(file.get(), &status) != 0) {
        return os_failure("read the status of", located_file, errno);
    }
    if (!S_ISREG(status.st_mode)) {
        return untrusted(located_file.string() + " is not a regular file");
    }
    if (auto violation = strict_modes_violation(located_file, status, running_user)) {
        return untrusted(std::move(*violation));
    }
    return TrustedPluginFile(located_file, file.release());
}

TrustedPluginFile::TrustedPluginFile(fs::path path, int descriptor) : path_(std::move(path)), descriptor_(descriptor) {}

TrustedPluginFile::TrustedPluginFile(TrustedPluginFile &&other) noexcept
    : path_(std::move(other.path_)), descriptor_(std::exchange(other.descriptor_, -1))
{
}

TrustedPluginFile::~TrustedPluginFile()
{
    if (descriptor_ >= 0) {
        ::close(descriptor_);
    }
}

fs::path TrustedPluginFile::loader_path() const { return "/proc/self/fd/" + std::to_string(descriptor_); }

void TrustedPluginFile::keep_open_if_still_loaded()
{
    if (descriptor_ < 0) {
        return;
    }
    if (void *still_loaded = dlopen(loader_path().c_str(), RTLD_NOLOAD | RTLD_LAZY); still_loaded != nullptr) {
        dlclose(still_loaded);
        descriptor_ = -1; // left open on purpose, see the header
    }
}

} // namespace cordon
