#include "sandbox/protocol/shared_region.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace cordon::sandbox {

namespace {

constexpr const char *memfd_name = "cordon-sandbox-slots";
// Neither side may change the size once the region is shared, and nobody may
// lift the seals afterwards.
constexpr int required_seals = F_SEAL_SHRINK | F_SEAL_GROW;
constexpr int applied_seals = required_seals | F_SEAL_SEAL;

Error os_error(const std::string &what)
{
    return {ErrorCode::io, "shared region: " + what + ": " + std::strerror(errno)};
}

Result<std::byte *> map(int fd, size_t bytes)
{
    void *base = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        return os_error("mmap of " + std::to_string(bytes) + " bytes");
    }
    return static_cast<std::byte *>(base);
}

} // namespace

Result<SharedRegion> SharedRegion::create(RegionLayout layout)
{
    const int fd = memfd_create(memfd_name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) {
        return os_error("memfd_create");
    }
    const auto fail = [fd](const std::string &what) {
        Error error = os_error(what);
        close(fd);
        return error;
    };
    if (ftruncate(fd, static_cast<off_t>(layout.region_bytes())) != 0) {
        return fail("ftruncate to " + std::to_string(layout.region_bytes()) + " bytes");
    }
    if (fcntl(fd, F_ADD_SEALS, applied_seals) != 0) {
        return fail("sealing");
    }
    auto base = map(fd, layout.region_bytes());
    if (!base) {
        close(fd);
        return base.error();
    }
    return SharedRegion(fd, *base, layout);
}

Result<SharedRegion> SharedRegion::map_inherited(int fd, RegionLayout layout)
{
    const auto refuse = [fd](Error error) {
        close(fd);
        return error;
    };
    struct stat status {};
    if (fstat(fd, &status) != 0) {
        return refuse(os_error("fstat of inherited descriptor " + std::to_string(fd)));
    }
    if (status.st_size < 0 || static_cast<size_t>(status.st_size) != layout.region_bytes()) {
        return refuse({ErrorCode::contract_violation, "shared region: inherited descriptor is " +
                                                          std::to_string(status.st_size) + " bytes, the layout needs " +
                                                          std::to_string(layout.region_bytes())});
    }
    const int seals = fcntl(fd, F_GET_SEALS);
    if (seals < 0 || (seals & required_seals) != required_seals) {
        return refuse({ErrorCode::contract_violation,
                       "shared region: inherited descriptor is not sealed against resizing (seals " +
                           std::to_string(seals) + ")"});
    }
    auto base = map(fd, layout.region_bytes());
    if (!base) {
        return refuse(base.error());
    }
    return SharedRegion(fd, *base, layout);
}

SharedRegion::SharedRegion(SharedRegion &&other) noexcept
    : fd_(std::exchange(other.fd_, -1)), base_(std::exchange(other.base_, nullptr)), layout_(other.layout_)
{
}

SharedRegion &SharedRegion::operator=(SharedRegion &&other) noexcept
{
    if (this != &other) {
        release();
        fd_ = std::exchange(other.fd_, -1);
        base_ = std::exchange(other.base_, nullptr);
        layout_ = other.layout_;
    }
    return *this;
}

SharedRegion::~SharedRegion() { release(); }

void SharedRegion::release()
{
    if (base_ != nullptr) {
        munmap(base_, layout_.region_bytes());
        base_ = nullptr;
    }
    if (fd_ >= 0) {
        close(fd_);
        fd_ = -1;
    }
}

} // namespace cordon::sandbox
