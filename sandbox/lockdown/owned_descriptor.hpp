// One open descriptor, closed when its owner goes. Move-only.
#pragma once

#include <unistd.h>

#include <utility>

namespace cordon::sandbox {

class OwnedDescriptor {
public:
    OwnedDescriptor() = default;
    explicit OwnedDescriptor(int fd) : fd_(fd) {}
    OwnedDescriptor(OwnedDescriptor &&other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    OwnedDescriptor &operator=(OwnedDescriptor &&other) noexcept
    {
        if (this != &other) {
            close_if_open();
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    OwnedDescriptor(const OwnedDescriptor &) = delete;
    OwnedDescriptor &operator=(const OwnedDescriptor &) = delete;
    ~OwnedDescriptor() { close_if_open(); }

    int get() const { return fd_; } // -1 when none

private:
    void close_if_open()
    {
        if (fd_ >= 0) {
            close(fd_);
        }
    }

    int fd_ = -1;
};

} // namespace cordon::sandbox
