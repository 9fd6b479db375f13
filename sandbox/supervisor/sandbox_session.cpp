#include "sandbox/supervisor/sandbox_session.hpp"

#include <csignal>

#include "sandbox/protocol/create_payload.hpp"
#include "sandbox/protocol/exit_status.hpp"
#include "sandbox/supervisor/forbidden_call.hpp"

namespace cordon::sandbox {
namespace {

// A child that dies having used this much of its memory limit is taken to
// have run out of memory, whatever killed it in the end.
constexpr uint64_t exhausted_memory_percent = 80;
// A sanitizer build's child runs without RLIMIT_AS (sandbox/lockdown), and
// its shadow memory and quarantine swell its peak: there a crash near the
// limit is a crash, not exhaustion.
#if defined(CORDON_SANDBOX_SANITIZER_RUNTIME)
constexpr bool memory_limit_enforced = false;
#else
constexpr bool memory_limit_enforced = true;
#endif
constexpr uint64_t bytes_per_kibibyte = 1024;
constexpr uint64_t bytes_per_mebibyte = uint64_t{1} << 20;

// What a start-up exit status means when the sandbox's own code exits with
// it (child/exit_status.hpp). After the plugin's code has run the plugin may
// exit with any status, so the host says only "the sandbox uses it for".
const char *start_failure_meaning(int status)
{
    switch (status) {
    case exit_usage:
        return "refusing its arguments";
    case exit_region_refused:
        return "refusing the shared region";
    case exit_lockdown_failed:
        return "failing to lock itself down";
    case exit_plugin_not_loaded:
        return "failing to load the plugin";
    case exit_descriptor_refused:
        return "refusing the plugin's descriptor";
    case exit_plugin_init_failed:
        return "a failed init of the plugin";
    case exit_no_codec_interface:
        return "a plugin without a valid codec interface";
    default:
        return nullptr;
    }
}

std::string milliseconds_text(std::chrono::nanoseconds duration)
{
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(duration).count()) + " ms";
}

// "encode", or "a batch of 16 calls" for the messages.
std::string describe_requests(std::span<const SlotRequest> requests)
{
    if (requests.size() == 1) {
        return to_string(requests.front().operation);
    }
    return "a batch of " + std::to_string(requests.size()) + " calls";
}

} // namespace

SandboxSession::~SandboxSession()
{
    if (process_) {
        process_->kill_and_reap([this](std::string_view bytes) { log_.feed(bytes); });
        log_.finish();
    }
}

std::string SessionLockdown::describe() const
{
    std::string namespaces;
    for (const std::string &name : reported.unavailable_namespaces) {
        namespaces += (namespaces.empty() ? "" : ", ") + name;
    }
    return verified.describe() + "; reported by the child before any plugin code ran: Landlock " +
           (reported.landlock_abi > 0 ? "ABI " + std::to_string(reported.landlock_abi) : std::string("not applied")) +
           (namespaces.empty() ? ", every namespace" : ", namespaces unavailable: " + namespaces) +
           (reported.address_space_limited ? ", address space limited" : ", address space unlimited (sanitizer build)");
}

std::unique_ptr<SandboxSession> SandboxSession::start(const SessionLaunch &launch, PluginLog &log)
{
    const auto started = std::chrono::steady_clock::now();
    std::unique_ptr<SandboxSession> session(new SandboxSession(launch, log));
    auto region = SharedRegion::create(RegionLayout::for_slots(launch.limits.slot_count));
    if (!region) {
        session->fail(SandboxFault::start_failure, region.error().message);
        return session;
    }
    session->region_.emplace(std::move(region.value()));
    session->writer_.emplace(session->region_->view());
    ProcessLaunch process_launch{launch.executable, launch.plugin, launch.limits.memory_limit_bytes};
    auto process = SandboxProcess::spawn(process_launch, *session->region_);
    if (!process) {
        session->fail(SandboxFault::start_failure, process.error().message);
        return session;
    }
    session->process_ = std::move(process.value());

    // Before any plugin code: the child's own report and its listener.
    const auto sink = [&log](std::string_view bytes) { log.feed(bytes); };
    const WaitOutcome handed =
        session->process_->await_lockdown(started + launch.limits.startup_deadline, sink, session->lockdown_.reported);
    if (handed != WaitOutcome::replied) {
        session->classify_wait(handed, launch.limits.startup_deadline, "its lockdown");
        return session;
    }

    SlotRequest describe;
    describe.operation = Operation::describe;
    auto replies = session->exchange(std::span(&describe, 1), launch.limits.startup_deadline);
    if (session->failed()) {
        return session;
    }
    if (!replies) {
        session->fail_and_kill(SandboxFault::start_failure, replies.error().message);
        return session;
    }
    const VerifiedReply &reply = replies->front();
    if (!reply.ok() || !reply.plugin()) {
        session->fail_and_kill(SandboxFault::start_failure, reply.failure("describe").message);
        return session;
    }
    // Loading is over: what it alone needed is refused from here on, and the
    // lockdown must be provable from outside or the child is not used.
    auto verified = session->process_->end_loading();
    if (!verified) {
        session->fail_and_kill(SandboxFault::start_failure, verified.error().message);
        return session;
    }
    session->lockdown_.verified = *verified;
    session->description_ = *reply.plugin();
    session->start_duration_ = std::chrono::steady_clock::now() - started;
    return session;
}

std::optional<std::chrono::nanoseconds> SandboxSession::run_queue_wait()
{
    return process_ && !failed() ? process_->run_queue_wait() : std::nullopt;
}

void SandboxSession::fail_and_kill(SandboxFault kind, const std::string &reason)
{
    if (process_) {
        process_->kill_and_reap([this](std::string_view bytes) { log_.feed(bytes); });
    }
    fail(kind, reason);
}

Result<std::vector<VerifiedReply>> SandboxSession::exchange(std::span<const SlotRequest> requests,
                                                            std::chrono::nanoseconds deadline)
{
    if (failed() || !process_) {
        return Error{ErrorCode::unsupported, "sandbox: the child is not running"};
    }
    if (requests.empty() || requests.size() > region_->layout().slot_count()) {
        return Error{ErrorCode::invalid_argument, "sandbox: a round trip carries 1 to " +
                                                      std::to_string(region_->layout().slot_count()) + " requests"};
    }
    std::vector<PendingRequest> pending;
    for (uint32_t slot = 0; slot < requests.size(); ++slot) {
        const SlotRequest &request = requests[slot];
        // A frame's reply goes to the caller's buffer, whatever its size (an
        // empty one too: the plugin then says its buffer is too small); the
        // others to host memory, up to the payload area.
        const bool to_caller = request.operation == Operation::encode || request.operation == Operation::decode ||
                               request.operation == Operation::conceal;
        const size_t capacity = to_caller ? request.reply_out.size() : payload_capacity_bytes;
        auto written = writer_->write(slot, request.operation, request.instance_id, request.payload,
                                      static_cast<uint32_t>(std::min(capacity, payload_capacity_bytes)));
        if (!written) {
            return written.error();
        }
        pending.push_back(*written);
    }
    if (auto published = writer_->publish_batch(static_cast<uint32_t>(requests.size())); !published) {
        return published.error();
    }

    const auto sink = [this](std::string_view bytes) { log_.feed(bytes); };
    // Made only when something failed: this runs for every frame.
    const auto doing = [requests] { return describe_requests(requests); };
    if (!process_->wake()) {
        classify_end(process_->kill_and_reap(sink), doing());
        return Error{ErrorCode::io, fault_->reason};
    }
    if (const WaitOutcome outcome = process_->await_reply(deadline, sink); outcome != WaitOutcome::replied) {
        classify_wait(outcome, deadline, doing());
        return Error{ErrorCode::plugin_failure, fault_->reason};
    }

    std::vector<VerifiedReply> replies;
    for (uint32_t slot = 0; slot < requests.size(); ++slot) {
        const SlotRequest &request = requests[slot];
        auto tainted = TaintedReply::capture(region_->view(), slot);
        if (!tainted) {
            return tainted.error();
        }
        const ReplyExpectation expected{pending[slot], request.instance, request.config, &ids_in_use_};
        auto verified = validate_reply(*tainted, expected, request.reply_out);
        ReplyDetail detail = verified ? verified->detail() : ReplyDetail::none;
        if (!verified || detail == ReplyDetail::malformed_request || detail == ReplyDetail::unknown_instance) {
            const std::string reason = verified ? std::string("the child answered ") + to_string(request.operation) +
                                                      " with " + to_string(detail)
                                                : verified.error().message;
            process_->kill_and_reap(sink);
            fail(SandboxFault::protocol_violation, reason + "; killed");
            return Error{ErrorCode::contract_violation, fault_->reason};
        }
        if (detail == ReplyDetail::plugin_length_past_capacity || detail == ReplyDetail::plugin_wrote_past_capacity ||
            detail == ReplyDetail::plugin_unknown_status) {
            process_->kill_and_reap(sink);
            fail(SandboxFault::contract_violation, std::string("the plugin broke the codec contract in ") +
                                                       to_string(request.operation) + ": " + to_string(detail) +
                                                       "; killed");
            return Error{ErrorCode::contract_violation, fault_->reason};
        }
        if (request.operation == Operation::create && verified->ok()) {
            ids_in_use_.set(verified->instance_id());
        }
        if (request.operation == Operation::destroy) {
            ids_in_use_.reset(request.instance_id);
        }
        replies.push_back(std::move(verified.value()));
    }
    return replies;
}

void SandboxSession::shut_down(std::chrono::milliseconds grace)
{
    if (process_ && !failed()) {
        process_->shut_down(grace, [this](std::string_view bytes) { log_.feed(bytes); });
        log_.finish();
        process_.reset();
    }
}

void SandboxSession::fail(SandboxFault kind, const std::string &reason)
{
    if (!fault_) {
        fault_ = SessionFault{kind, reason};
    }
    log_.finish();
}

bool SandboxSession::at_memory_limit(const ProcessEnd &end) const
{
    const uint64_t limit = launch_.limits.memory_limit_bytes;
    const uint64_t peak = static_cast<uint64_t>(end.max_rss_kib) * bytes_per_kibibyte;
    return memory_limit_enforced && limit > 0 && peak * 100 >= limit * exhausted_memory_percent;
}

std::string SandboxSession::memory_peak_text(const ProcessEnd &end) const
{
    const uint64_t peak = static_cast<uint64_t>(end.max_rss_kib) * bytes_per_kibibyte;
    return "peak " + std::to_string(peak / bytes_per_mebibyte) + " MiB of " +
           std::to_string(launch_.limits.memory_limit_bytes / bytes_per_mebibyte) + " MiB";
}

void SandboxSession::classify_wait(WaitOutcome outcome, std::chrono::nanoseconds budget, const std::string &while_doing)
{
    const auto sink = [this](std::string_view bytes) { log_.feed(bytes); };
    switch (outcome) {
    case WaitOutcome::replied:
        return;
    case WaitOutcome::ended:
        classify_end(process_->kill_and_reap(sink), while_doing);
        return;
    case WaitOutcome::forbidden_call: {
        process_->kill_and_reap(sink);
        fail(SandboxFault::forbidden_syscall,
             describe_forbidden_call(process_->forbidden_call()) + " during " + while_doing + "; killed");
        return;
    }
    case WaitOutcome::refused:
        process_->kill_and_reap(sink);
        fail(SandboxFault::start_failure, process_->refusal() + "; killed");
        return;
    case WaitOutcome::timed_out: {
        const bool starved = process_->starved();
        const ProcessEnd end = process_->kill_and_reap(sink);
        if (!end.killed_by_host) {
            classify_end(end, while_doing);
        } else if (at_memory_limit(end)) {
            // Page faults near the limit make a child slow: it ran out of
            // memory, whatever the clock says.
            fail(SandboxFault::exhaustion, "ran out of memory during " + while_doing + " (" + memory_peak_text(end) +
                                               ") and missed its " + milliseconds_text(budget) + " deadline; killed");
        } else if (starved) {
            fail(SandboxFault::hang, "was given no CPU for " + milliseconds_text(budget + longest_wait_for_a_cpu) +
                                         " during " + while_doing + " (the machine is overloaded); killed");
        } else {
            fail(SandboxFault::hang, "did not answer " + while_doing + " within " + milliseconds_text(budget) +
                                         " of its own time (time spent waiting for a CPU not counted); killed");
        }
        return;
    }
    }
}

void SandboxSession::classify_end(const ProcessEnd &end, const std::string &while_doing)
{
    const std::string how = end.describe();
    if (!end.exited && end.signal == SIGSYS) {
        // The filter refuses every way for the child to send itself SIGSYS,
        // and the host decides every other refused call on the listener: a
        // death by SIGSYS is the kernel killing a call made through another
        // ABI (32-bit or x32), which no rule allows.
        fail(SandboxFault::forbidden_syscall,
             how + ": made a system call through another ABI (32-bit or x32) during " + while_doing);
    } else if (!end.exited && end.signal == SIGXCPU) {
        fail(SandboxFault::exhaustion, how + ": it used up its CPU time limit during " + while_doing);
    } else if (at_memory_limit(end)) {
        fail(SandboxFault::exhaustion,
             how + " during " + while_doing + " at its memory limit (" + memory_peak_text(end) + ")");
    } else if (end.exited && !description_) {
        // Text from the child is the plugin's as much as the sandbox's once
        // plugin code has run: quoted and attributed, never the verdict.
        const char *meaning = start_failure_meaning(end.exit_code);
        const std::string &said = log_.last_sandbox_line();
        fail(SandboxFault::start_failure,
             how + " before describing the plugin" +
                 (meaning != nullptr ? std::string(" (a status the sandbox uses for ") + meaning + ")" : "") +
                 (said.empty() ? "" : "; its last log line (unverified): \"" + said + "\""));
    } else {
        fail(SandboxFault::crash, how + " during " + while_doing);
    }
}

} // namespace cordon::sandbox
