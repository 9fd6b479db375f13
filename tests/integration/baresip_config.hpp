// The files one baresip run needs, under one fresh directory: its config
// (from tests/integration/baresip/config), an empty accounts file (the
// account is added over ctrl_tcp, so that its registration is seen), and
// where recordings and the log go.
#pragma once

#include "tests/integration/baresip_options.hpp"

#include <cordon/host/result.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

namespace cordon::test {

struct BaresipLayout {
    explicit BaresipLayout(const std::filesystem::path &root);

    std::filesystem::path root; // baresip -f ROOT: config, accounts, contacts
    std::filesystem::path config;
    std::filesystem::path accounts;
    std::filesystem::path recordings; // snd_path: sndfile's dump-*.wav of the call in progress
    std::filesystem::path calls;      // recordings of finished calls, moved here by name
    std::filesystem::path log;        // baresip's stdout and stderr
};

// The source WAV's format, which aufile insists on matching exactly.
struct SourceFormat {
    std::uint32_t sample_rate = 0;
    std::uint32_t channels = 0;
};

// The account line for `uanew`: identity, password, Kamailio over TLS as
// outbound proxy, media encryption and the one codec offered.
Result<std::string> baresip_account_line(const BaresipOptions &options);

// Creates the directories of `layout`, writes the config and an empty accounts file.
Result<void> write_baresip_files(const BaresipLayout &layout, const BaresipOptions &options, const BaresipPorts &ports,
                                 const SourceFormat &source);

} // namespace cordon::test
