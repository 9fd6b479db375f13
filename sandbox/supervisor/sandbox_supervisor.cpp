#include "sandbox/supervisor/sandbox_supervisor.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "plugin_abi/codec_contract.hpp"
#include "sandbox/protocol/create_payload.hpp"

namespace cordon::sandbox {
namespace {

using Clock = std::chrono::steady_clock;

// Restarts after the first fault in the window are immediate; each further
// one waits twice as long as the one before, from this up to the maximum.
constexpr std::chrono::milliseconds first_backoff{10};
constexpr std::chrono::milliseconds maximum_backoff{1000};
// How long a child may take to exit when asked.
constexpr std::chrono::milliseconds shutdown_grace{200};
constexpr size_t pcm_sample_bytes = sizeof(int16_t);

bool same_formats(const std::vector<CodecFormat> &a, const std::vector<CodecFormat> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const CodecFormat &x, const CodecFormat &y) {
        return x.encoding_name == y.encoding_name && x.clock_rate == y.clock_rate && x.rtp_channels == y.rtp_channels &&
               x.static_payload_type == y.static_payload_type && x.sample_rates == y.sample_rates &&
               x.max_channels == y.max_channels && x.frame_durations_us == y.frame_durations_us &&
               x.fmtp_parameters == y.fmtp_parameters && x.has_inband_fec == y.has_inband_fec;
    });
}

bool same_info(const CodecInstanceInfo &a, const CodecInstanceInfo &b)
{
    return a.sample_rate == b.sample_rate && a.channels == b.channels &&
           a.frame_samples_per_channel == b.frame_samples_per_channel && a.max_packet_bytes == b.max_packet_bytes &&
           a.max_decoded_samples == b.max_decoded_samples && a.delay_samples_per_channel == b.delay_samples_per_channel;
}

const char *call_name(CodecCall::Kind kind)
{
    switch (kind) {
    case CodecCall::Kind::encode:
        return "encode";
    case CodecCall::Kind::decode:
        return "decode";
    case CodecCall::Kind::conceal:
        return "conceal";
    }
    return "call";
}

std::chrono::nanoseconds frame_duration_of(const CodecInstanceInfo &info)
{
    return std::chrono::nanoseconds(std::chrono::seconds(info.frame_samples_per_channel)) /
           std::max<uint32_t>(info.sample_rate, 1);
}

std::span<std::byte> clipped(std::span<std::byte> bytes)
{
    return bytes.first(std::min(bytes.size(), payload_capacity_bytes));
}

} // namespace

SandboxSupervisor::SandboxSupervisor(SessionLaunch launch, Logger &logger)
    : launch_(std::move(launch)), logger_(logger), source_("sandbox " + launch_.plugin.filename().string()),
      log_(logger, source_), real_time_(launch_.limits.real_time_limit_percent, launch_.limits.real_time_window)
{
}

Result<std::shared_ptr<SandboxSupervisor>> SandboxSupervisor::start(const std::filesystem::path &plugin,
                                                                    const SandboxLimits &limits, Logger &logger)
{
    SessionLaunch launch{limits.executable, plugin, limits};
    // The slot count the region really has (an out-of-range one gets the
    // default), which also bounds every batch.
    launch.limits.slot_count = RegionLayout::for_slots(limits.slot_count).slot_count();
    std::shared_ptr<SandboxSupervisor> supervisor(new SandboxSupervisor(std::move(launch), logger));
    supervisor->session_ = SandboxSession::start(supervisor->launch_, supervisor->log_);
    if (supervisor->session_->failed()) {
        const SessionFault &fault = *supervisor->session_->fault();
        return Error{ErrorCode::plugin_failure, std::string("sandbox ") + to_string(fault.kind) + ": " + fault.reason};
    }
    supervisor->description_ = supervisor->session_->description();
    supervisor->stats_.last_start_duration = supervisor->session_->start_duration();
    supervisor->real_time_.restart({supervisor->session_->run_queue_wait(), calling_thread_run_queue_wait()});
    return supervisor;
}

SandboxSupervisor::~SandboxSupervisor()
{
    const std::lock_guard lock(mutex_);
    if (session_) {
        session_->shut_down(shutdown_grace);
    }
}

std::chrono::nanoseconds SandboxSupervisor::frame_deadline(const CodecInstanceInfo &info) const
{
    return call_deadline_for(launch_.limits, frame_duration_of(info));
}

Result<void> SandboxSupervisor::ensure_serving()
{
    if (session_ && !session_->failed()) {
        return {};
    }
    if (stats_.quarantined) {
        return Error{ErrorCode::unavailable, description_.fields.id + " is quarantined after " +
                                                 std::to_string(launch_.limits.max_failures) +
                                                 " sandbox faults; the last: " + stats_.last_fault};
    }
    if (const auto now = Clock::now(); now < next_start_) {
        const auto wait = std::chrono::ceil<std::chrono::milliseconds>(next_start_ - now);
        return Error{ErrorCode::unavailable, description_.fields.id + "'s sandbox restarts in " +
                                                 std::to_string(wait.count()) + " ms after: " + stats_.last_fault};
    }
    restart();
    if (!session_ || session_->failed()) {
        return Error{ErrorCode::unavailable,
                     description_.fields.id + "'s sandbox could not be restarted: " + stats_.last_fault};
    }
    return {};
}

void SandboxSupervisor::restart()
{
    session_ = SandboxSession::start(launch_, log_);
    if (session_->failed()) {
        record_fault(*session_->fault(), 0);
        return;
    }
    const DescribedPlugin &described = session_->description();
    if (described.fields.id != description_.fields.id || !same_formats(described.formats, description_.formats) ||
        described.has_conceal != description_.has_conceal) {
        record_fault({SandboxFault::protocol_violation,
                      "the restarted plugin described itself differently from its first start"},
                     0);
        return;
    }
    ++stats_.restarts;
    stats_.last_start_duration = session_->start_duration();
    real_time_.restart({session_->run_queue_wait(), calling_thread_run_queue_wait()});
    recreate_instances();
}

// Every live instance again, with the configuration it was made with; one
// whose plugin now refuses it or reports different sizes is marked broken
// (its caller relies on the sizes it was given).
void SandboxSupervisor::recreate_instances()
{
    std::vector<uint32_t> handles;
    for (auto &[handle, record] : instances_) {
        if (record.broken.empty()) {
            handles.push_back(handle);
        }
    }
    std::vector<std::vector<uint8_t>> payloads;
    for (const uint32_t handle : handles) {
        payloads.push_back(serialise_config(instances_.at(handle).config));
    }
    const size_t slots = launch_.limits.slot_count;
    for (size_t first = 0; first < handles.size(); first += slots) {
        const size_t count = std::min(slots, handles.size() - first);
        std::vector<SlotRequest> requests;
        for (size_t index = first; index < first + count; ++index) {
            SlotRequest request;
            request.operation = Operation::create;
            request.payload = std::as_bytes(std::span(payloads[index]));
            request.config = &instances_.at(handles[index]).config;
            requests.push_back(request);
        }
        auto replies = session_->exchange(requests, launch_.limits.startup_deadline);
        if (!replies) {
            if (session_->failed()) {
                record_fault(*session_->fault(), 0);
            }
            return;
        }
        for (size_t index = 0; index < count; ++index) {
            InstanceRecord &record = instances_.at(handles[first + index]);
            const VerifiedReply &reply = (*replies)[index];
            if (!reply.ok()) {
                record.broken = reply.failure("create").message;
            } else if (!same_info(*reply.instance_info(), record.info)) {
                record.broken = "the restarted plugin reported different sizes for the same configuration";
            } else {
                record.child_id = reply.instance_id();
            }
        }
    }
}

void SandboxSupervisor::record_fault(SessionFault fault, size_t frames_lost)
{
    session_.reset(); // kills what is left of the child and reaps it
    for (auto &[handle, record] : instances_) {
        record.child_id = no_instance_id;
    }
    ++stats_.faults[static_cast<size_t>(fault.kind)];
    stats_.frames_lost += frames_lost;
    stats_.last_fault = std::string(to_string(fault.kind)) + ": " + fault.reason;

    const auto now = Clock::now();
    recent_failures_.push_back(now);
    while (!recent_failures_.empty() && now - recent_failures_.front() > launch_.limits.failure_window) {
        recent_failures_.pop_front();
    }
    if (recent_failures_.size() >= launch_.limits.max_failures) {
        stats_.quarantined = true;
        logger_.write(LogLevel::error, source_,
                      description_.fields.id + " quarantined after " + std::to_string(recent_failures_.size()) +
                          " faults within " + std::to_string(launch_.limits.failure_window.count()) +
                          " s; the last: " + stats_.last_fault);
        return;
    }
    std::chrono::milliseconds backoff{0};
    if (recent_failures_.size() > 1) {
        backoff = std::min(maximum_backoff, first_backoff * (1 << std::min<size_t>(recent_failures_.size() - 2, 16)));
    }
    next_start_ = now + backoff;
    logger_.write(LogLevel::warning, source_,
                  description_.fields.id + ": " + stats_.last_fault + "; " + std::to_string(frames_lost) +
                      " frames lost; restarting" +
                      (backoff.count() > 0 ? " in " + std::to_string(backoff.count()) + " ms" : ""));
}

Result<VerifiedReply> SandboxSupervisor::control(Operation operation, uint32_t child_id,
                                                 std::span<const std::byte> payload, const CodecConfig *config)
{
    SlotRequest request;
    request.operation = operation;
    request.instance_id = child_id;
    request.payload = payload;
    request.config = config;
    auto replies = session_->exchange(std::span(&request, 1), launch_.limits.startup_deadline);
    ++stats_.round_trips;
    ++stats_.calls;
    if (!replies) {
        if (session_->failed()) {
            record_fault(*session_->fault(), 0);
            return Error{ErrorCode::sandbox_fault, description_.fields.id + " " + to_string(operation) +
                                                       ": the sandbox failed: " + stats_.last_fault};
        }
        return replies.error();
    }
    return std::move(replies->front());
}

Result<uint32_t> SandboxSupervisor::create_instance(const CodecConfig &config, CodecInstanceInfo &info)
{
    const std::lock_guard lock(mutex_);
    if (auto serving = ensure_serving(); !serving) {
        return serving.error();
    }
    const std::vector<uint8_t> payload = serialise_config(config);
    auto reply = control(Operation::create, no_instance_id, std::as_bytes(std::span(payload)), &config);
    if (!reply) {
        return reply.error();
    }
    if (!reply->ok()) {
        return reply->failure(description_.fields.id + " create " + config.encoding_name);
    }
    info = *reply->instance_info();
    const uint32_t handle = next_handle_++;
    InstanceRecord record;
    record.config = config;
    record.info = info;
    record.child_id = reply->instance_id();
    instances_.emplace(handle, std::move(record));
    return handle;
}

void SandboxSupervisor::destroy_instance(uint32_t handle)
{
    const std::lock_guard lock(mutex_);
    const auto found = instances_.find(handle);
    if (found == instances_.end()) {
        return;
    }
    const uint32_t child_id = found->second.child_id;
    instances_.erase(found);
    if (child_id != no_instance_id && session_ && !session_->failed()) {
        [[maybe_unused]] auto destroyed = control(Operation::destroy, child_id, {}, nullptr);
    }
}

Result<void> SandboxSupervisor::reset_instance(uint32_t handle)
{
    const std::lock_guard lock(mutex_);
    if (auto serving = ensure_serving(); !serving) {
        return serving.error();
    }
    const auto found = instances_.find(handle);
    if (found == instances_.end() || !found->second.broken.empty()) {
        return Error{ErrorCode::unavailable,
                     description_.fields.id + " instance is gone: " +
                         (found == instances_.end() ? std::string("unknown handle") : found->second.broken)};
    }
    auto reply = control(Operation::reset, found->second.child_id, {}, nullptr);
    if (!reply) {
        return reply.error();
    }
    if (!reply->ok()) {
        return reply->failure(description_.fields.id + " reset");
    }
    return {};
}

void SandboxSupervisor::run(std::span<const FrameWork> work)
{
    const std::lock_guard lock(mutex_);
    const size_t slots = launch_.limits.slot_count;
    for (size_t first = 0; first < work.size(); first += slots) {
        run_chunk(work.subspan(first, std::min(slots, work.size() - first)));
    }
}

void SandboxSupervisor::run_chunk(std::span<const FrameWork> chunk)
{
    if (auto serving = ensure_serving(); !serving) {
        for (const FrameWork &item : chunk) {
            item.call->result = serving.error();
        }
        return;
    }
    std::vector<SlotRequest> requests;
    std::vector<CodecCall *> sent;
    std::chrono::nanoseconds deadline{0};
    std::chrono::nanoseconds audio{0};
    for (const FrameWork &item : chunk) {
        CodecCall &call = *item.call;
        const auto found = instances_.find(item.handle);
        if (found == instances_.end() || !found->second.broken.empty() || found->second.child_id == no_instance_id) {
            call.result = Error{ErrorCode::unavailable, description_.fields.id + " instance is gone: " +
                                                            (found == instances_.end() || found->second.broken.empty()
                                                                 ? std::string("not recreated after a sandbox fault")
                                                                 : found->second.broken)};
            continue;
        }
        const InstanceRecord &record = found->second;
        if (call.kind == CodecCall::Kind::conceal && !description_.has_conceal) {
            call.result = conceal_with_silence(record.info, call.pcm_out);
            continue;
        }
        SlotRequest request;
        request.operation = Operation::encode;
        request.instance_id = record.child_id;
        request.instance = &record.info;
        switch (call.kind) {
        case CodecCall::Kind::encode:
            if (call.pcm_in.size() != record.info.frame_samples()) {
                call.result = Error{ErrorCode::invalid_argument,
                                    "encode needs exactly one frame of " + std::to_string(record.info.frame_samples()) +
                                        " samples, got " + std::to_string(call.pcm_in.size())};
                continue;
            }
            request.payload = std::as_bytes(call.pcm_in);
            request.reply_out = clipped(std::as_writable_bytes(call.packet_out));
            break;
        case CodecCall::Kind::decode:
        case CodecCall::Kind::conceal:
            if (call.packet_in.size() > max_packet_payload_bytes) {
                call.result =
                    Error{ErrorCode::invalid_argument,
                          std::string(call_name(call.kind)) + ": a packet of " + std::to_string(call.packet_in.size()) +
                              " bytes exceeds the ABI's " + std::to_string(max_packet_payload_bytes)};
                continue;
            }
            request.operation = call.kind == CodecCall::Kind::decode ? Operation::decode : Operation::conceal;
            request.payload = std::as_bytes(call.packet_in);
            request.reply_out = clipped(std::as_writable_bytes(call.pcm_out));
            break;
        }
        requests.push_back(request);
        sent.push_back(&call);
        deadline += frame_deadline(record.info);
        audio += frame_duration_of(record.info);
    }
    if (requests.empty()) {
        return;
    }
    auto replies = session_->exchange(requests, deadline);
    ++stats_.round_trips;
    stats_.calls += requests.size();
    if (!replies) {
        if (session_->failed()) {
            record_fault(*session_->fault(), sent.size());
            for (CodecCall *call : sent) {
                call->result = Error{ErrorCode::sandbox_fault, description_.fields.id + " " + call_name(call->kind) +
                                                                   ": frame lost: " + stats_.last_fault};
            }
        } else {
            for (CodecCall *call : sent) {
                call->result = replies.error();
            }
        }
        return;
    }
    for (size_t index = 0; index < sent.size(); ++index) {
        CodecCall &call = *sent[index];
        const VerifiedReply &reply = (*replies)[index];
        if (!reply.ok()) {
            call.result = reply.failure(description_.fields.id + " " + call_name(call.kind));
        } else if (call.kind == CodecCall::Kind::encode) {
            call.result = reply.payload_bytes();
        } else {
            call.result = reply.payload_bytes() / pcm_sample_bytes;
        }
    }
    measure_real_time(audio);
}

void SandboxSupervisor::measure_real_time(std::chrono::nanoseconds audio)
{
    if (!real_time_.add(audio, session_->last_round_trip())) {
        return;
    }
    const auto verdict = real_time_.close_slice({session_->run_queue_wait(), calling_thread_run_queue_wait()});
    if (!verdict) {
        return;
    }
    // This round trip's frames were delivered; the next call restarts the child.
    session_->fail_and_kill(SandboxFault::too_slow, verdict->describe() + " over the last window (limit " +
                                                        std::to_string(real_time_.limit_percent()) + " %); killed");
    record_fault(*session_->fault(), 0);
}

SandboxStats SandboxSupervisor::stats() const
{
    const std::lock_guard lock(mutex_);
    SandboxStats stats = stats_;
    stats.pid = session_ && !session_->failed() ? session_->pid() : -1;
    stats.lockdown = session_ && !session_->failed() ? session_->lockdown().describe() : std::string();
    stats.log_lines = log_.lines();
    stats.log_lines_dropped = log_.dropped();
    return stats;
}

size_t SandboxSupervisor::instances_alive() const
{
    const std::lock_guard lock(mutex_);
    return instances_.size();
}

} // namespace cordon::sandbox
