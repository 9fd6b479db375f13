// Keeps one untrusted codec plugin serving from a sandbox child for as long
// as the host wants it: starts the child, carries frames to it (batched up to
// the region's slot count), and when the child fails — crash, forbidden
// system call, hang, protocol or contract violation, exhaustion — reports the
// frames in flight lost, restarts it with backoff and recreates every
// instance; after max_failures within failure_window it quarantines the
// plugin, and every call gets a clear error from then on. Thread-safe: one
// mutex serialises the round trips of all the plugin's instances.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>

#include "cordon/host/codec.hpp"
#include "cordon/host/log.hpp"
#include "cordon/host/sandbox.hpp"
#include "sandbox/supervisor/plugin_log.hpp"
#include "sandbox/supervisor/real_time_meter.hpp"
#include "sandbox/supervisor/sandbox_session.hpp"

namespace cordon::sandbox {

// One frame of work for an instance of this supervisor's plugin.
struct FrameWork {
    uint32_t handle = 0;
    CodecCall *call = nullptr;
};

class SandboxSupervisor {
public:
    // Starts the first child; on failure, the reason, prefixed with the
    // fault's kind ("sandbox start failure: ...").
    static Result<std::shared_ptr<SandboxSupervisor>> start(const std::filesystem::path &plugin,
                                                            const SandboxLimits &limits, Logger &logger);
    // Asks the child to exit (it destroys its instances), kills it if it does not.
    ~SandboxSupervisor();
    SandboxSupervisor(const SandboxSupervisor &) = delete;
    SandboxSupervisor &operator=(const SandboxSupervisor &) = delete;

    // The plugin as its first child described it, validated; every later
    // child must describe it identically.
    const DescribedPlugin &description() const { return description_; }

    // A new instance for config (already matched to a format); its handle.
    Result<uint32_t> create_instance(const CodecConfig &config, CodecInstanceInfo &info);
    void destroy_instance(uint32_t handle);
    Result<void> reset_instance(uint32_t handle);
    // Runs every call, filling each call's result.
    void run(std::span<const FrameWork> work);

    SandboxStats stats() const;
    // The instances the host holds: created and not yet destroyed.
    size_t instances_alive() const;

private:
    struct InstanceRecord {
        CodecConfig config; // as resolved against the format
        CodecInstanceInfo info;
        uint32_t child_id = no_instance_id; // in the running child; none after a fault
        std::string broken;                 // why it could not be recreated
    };

    SandboxSupervisor(SessionLaunch launch, Logger &logger);
    Result<void> ensure_serving();
    void restart();
    void recreate_instances();
    // Counts the fault, forgets the dead child, and decides when (or whether) to restart.
    void record_fault(SessionFault fault, size_t frames_lost); // by value: it may be the session's own
    void run_chunk(std::span<const FrameWork> chunk);
    Result<VerifiedReply> control(Operation operation, uint32_t child_id, std::span<const std::byte> payload,
                                  const CodecConfig *config);
    std::chrono::nanoseconds frame_deadline(const CodecInstanceInfo &info) const;
    // After a round trip of frames that carried audio: a window complete,
    // the codec too slow over it, kills the child as too slow for real time.
    void measure_real_time(std::chrono::nanoseconds audio);

    mutable std::mutex mutex_;
    const SessionLaunch launch_;
    Logger &logger_;
    const std::string source_;
    PluginLog log_;
    std::unique_ptr<SandboxSession> session_;
    DescribedPlugin description_;
    std::map<uint32_t, InstanceRecord> instances_;
    uint32_t next_handle_ = 1;
    std::deque<std::chrono::steady_clock::time_point> recent_failures_;
    std::chrono::steady_clock::time_point next_start_{};
    SandboxStats stats_;
    RealTimeMeter real_time_;
};

} // namespace cordon::sandbox
