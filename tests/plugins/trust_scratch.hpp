// A directory tree of its own for one trust test, under the build tree
// (not /tmp, whose sticky, world-writable mode would already withdraw
// trust), every directory and file created with the modes a safe install has.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace cordon::test {

class TrustScratch {
public:
    explicit TrustScratch(const std::string &name)
        : root_(std::filesystem::path(CORDON_TEST_SCRATCH_DIR) / (name + "-" + std::to_string(getpid())))
    {
        std::filesystem::remove_all(root_);
        directory("");
    }
    ~TrustScratch()
    {
        std::error_code ignored;
        std::filesystem::remove_all(root_, ignored);
    }
    TrustScratch(const TrustScratch &) = delete;
    TrustScratch &operator=(const TrustScratch &) = delete;

    const std::filesystem::path &root() const { return root_; }

    // root/relative and every directory on the way, each mode 755.
    std::filesystem::path directory(const std::filesystem::path &relative) const
    {
        std::filesystem::path path = root_;
        std::filesystem::create_directories(root_ / relative);
        for (const auto &component : relative) {
            path /= component;
            std::filesystem::permissions(path, std::filesystem::perms(0755));
        }
        std::filesystem::permissions(root_, std::filesystem::perms(0755));
        return root_ / relative;
    }

    // A copy of a fixture plugin at root/relative, mode 755.
    std::filesystem::path plugin(const std::string &fixture, const std::filesystem::path &relative) const
    {
        const std::filesystem::path source =
            std::filesystem::path(CORDON_TEST_FIXTURE_DIR) / fixture / (fixture + ".so");
        const std::filesystem::path target = directory(relative.parent_path()) / relative.filename();
        std::filesystem::copy_file(source, target, std::filesystem::copy_options::overwrite_existing);
        std::filesystem::permissions(target, std::filesystem::perms(0755));
        return target;
    }

private:
    std::filesystem::path root_;
};

} // namespace cordon::test
