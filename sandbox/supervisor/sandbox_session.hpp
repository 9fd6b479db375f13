// One life of a sandbox child: its process, its shared region, the sequence
// numbers and the instance ids it has handed out. A session either serves
// round trips or has failed; once failed, the child is dead and reaped, the
// fault classified, and the session is thrown away (the supervisor starts a
// new one). Not thread-safe: the supervisor serialises every use.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cordon/host/codec.hpp"
#include "cordon/host/sandbox.hpp"
#include "sandbox/protocol/messages.hpp"
#include "sandbox/protocol/shared_region.hpp"
#include "sandbox/supervisor/description_validation.hpp"
#include "sandbox/supervisor/plugin_log.hpp"
#include "sandbox/supervisor/reply_validation.hpp"
#include "sandbox/supervisor/request_writer.hpp"
#include "sandbox/supervisor/sandbox_process.hpp"

namespace cordon::sandbox {

// One request of a round trip, all of it in host memory.
struct SlotRequest {
    Operation operation = Operation::describe;
    uint32_t instance_id = no_instance_id; // the child's id
    std::span<const std::byte> payload;
    // ENCODE, DECODE, CONCEAL: where the reply's payload is copied.
    std::span<std::byte> reply_out;
    // ENCODE, DECODE, CONCEAL: the instance, as validated at CREATE.
    const CodecInstanceInfo *instance = nullptr;
    // CREATE: the configuration sent.
    const CodecConfig *config = nullptr;
};

// The lockdown of a running child as the host knows it: what the child
// reported before any plugin code ran (over a channel it then closed), and
// what the host read from the kernel once the plugin had loaded.
struct SessionLockdown {
    LockdownReport reported;
    VerifiedLockdown verified;
    std::string describe() const;
};

struct SessionFault {
    SandboxFault kind = SandboxFault::crash;
    std::string reason; // one line
};

struct SessionLaunch {
    std::filesystem::path executable;
    std::filesystem::path plugin;
    SandboxLimits limits;
};

class SandboxSession {
public:
    // Spawns the child and asks it to DESCRIBE the plugin, within the
    // start-up deadline. Check failed() before anything else.
    static std::unique_ptr<SandboxSession> start(const SessionLaunch &launch, PluginLog &log);

    ~SandboxSession();
    SandboxSession(const SandboxSession &) = delete;
    SandboxSession &operator=(const SandboxSession &) = delete;

    const std::optional<SessionFault> &fault() const { return fault_; }
    bool failed() const { return fault_.has_value(); }
    pid_t pid() const { return process_ ? process_->pid() : -1; }
    // The plugin as it described itself, validated. Only when !failed().
    const DescribedPlugin &description() const { return *description_; }
    std::chrono::nanoseconds start_duration() const { return start_duration_; }
    // The child's lockdown, proved. Only when !failed().
    const SessionLockdown &lockdown() const { return lockdown_; }
    // The wall time of the last round trip, wake-up to reply.
    std::chrono::nanoseconds last_round_trip() const
    {
        return process_ ? process_->last_round_trip() : std::chrono::nanoseconds{0};
    }
    // The child's run-queue wait so far (RunQueueWait); nullopt when unknown.
    std::optional<std::chrono::nanoseconds> run_queue_wait();
    // Ends the child for a fault the host found outside a round trip (too
    // slow for real time): kills, reaps and records it.
    void fail_and_kill(SandboxFault kind, const std::string &reason);

    // One round trip carrying requests (at most the region's slot count),
    // within deadline. The replies, in order, each validated; a plugin's own
    // failure is a reply with !ok(). An error when the round trip failed:
    // then, if failed(), the child has been killed and fault() says why;
    // otherwise the host's requests were malformed and the child is fine.
    Result<std::vector<VerifiedReply>> exchange(std::span<const SlotRequest> requests,
                                                std::chrono::nanoseconds deadline);

    // Asks the child to exit, then kills it if it does not within grace.
    // The session serves nothing afterwards.
    void shut_down(std::chrono::milliseconds grace);

private:
    SandboxSession(const SessionLaunch &launch, PluginLog &log) : launch_(launch), log_(log) {}
    void fail(SandboxFault kind, const std::string &reason);
    // The child ended (or was killed) while doing what; classifies how.
    void classify_end(const ProcessEnd &end, const std::string &while_doing);
    // Turns a wait that did not end in a reply into the fault it is.
    void classify_wait(WaitOutcome outcome, std::chrono::nanoseconds budget, const std::string &while_doing);
    bool at_memory_limit(const ProcessEnd &end) const;
    std::string memory_peak_text(const ProcessEnd &end) const;

    SessionLaunch launch_;
    PluginLog &log_;
    std::optional<SharedRegion> region_;
    std::optional<RequestWriter> writer_;
    std::unique_ptr<SandboxProcess> process_;
    InstanceIdSet ids_in_use_;
    std::optional<DescribedPlugin> description_;
    std::optional<SessionFault> fault_;
    SessionLockdown lockdown_;
    std::chrono::nanoseconds start_duration_{0};
};

} // namespace cordon::sandbox
