#include "sandbox/child/request_handler.hpp"

#include <algorithm>
#include <cstring>

#include "plugin_abi/codec_contract.hpp"
#include "plugin_abi/codec_interface_validation.hpp"
#include "sandbox/protocol/create_payload.hpp"
#include "sandbox/protocol/description_payload.hpp"

namespace cordon::sandbox {

namespace {

constexpr size_t pcm_sample_bytes = sizeof(int16_t);

void refuse(ReplyHeader &reply, cordon_status status, ReplyDetail detail)
{
    reply.status = status;
    reply.detail = static_cast<uint32_t>(detail);
    reply.payload_bytes = 0;
}

// What the reply may carry: the host's capacity, never past the payload area.
size_t reply_capacity(const RequestHeader &request)
{
    return std::min<size_t>(request.reply_capacity_bytes, payload_capacity_bytes);
}

// Bytes after the capacity the plugin is given, set before each call and
// compared after it: a plugin that writes a little past its buffer is caught
// here, where it would otherwise only spoil the rest of its own payload area.
constexpr size_t canary_bytes = 64;
constexpr uint8_t canary_value = 0xa5;

// The canary zone after capacity_bytes, as much of it as the payload area holds.
std::span<uint8_t> canary_after(std::span<std::byte> payload, size_t capacity_bytes)
{
    const size_t room = payload.size() - std::min(payload.size(), capacity_bytes);
    return {reinterpret_cast<uint8_t *>(payload.data()) + capacity_bytes, std::min(room, canary_bytes)};
}

void arm(std::span<uint8_t> canary) { std::memset(canary.data(), canary_value, canary.size()); }

bool intact(std::span<const uint8_t> canary)
{
    return std::all_of(canary.begin(), canary.end(), [](uint8_t byte) { return byte == canary_value; });
}

// Turns what the plugin returned into the reply: an unknown status, a length
// past the capacity it was given or a write past it is reported, never
// passed on.
void finish(ReplyHeader &reply, int status, size_t produced_units, size_t capacity_units, size_t unit_bytes,
            bool canary_intact = true)
{
    if (!canary_intact) {
        refuse(reply, CORDON_STATUS_INTERNAL_ERROR, ReplyDetail::plugin_wrote_past_capacity);
        return;
    }
    if (status < CORDON_STATUS_OK || status > CORDON_STATUS_INTERNAL_ERROR) {
        refuse(reply, CORDON_STATUS_INTERNAL_ERROR, ReplyDetail::plugin_unknown_status);
        return;
    }
    if (status != CORDON_STATUS_OK) {
        refuse(reply, static_cast<cordon_status>(status), ReplyDetail::none);
        return;
    }
    if (produced_units > capacity_units) {
        refuse(reply, CORDON_STATUS_INTERNAL_ERROR, ReplyDetail::plugin_length_past_capacity);
        return;
    }
    reply.status = CORDON_STATUS_OK;
    reply.payload_bytes = static_cast<uint32_t>(produced_units * unit_bytes);
}

} // namespace

RequestHandler::RequestHandler(const DescriptorFields &descriptor, const cordon_codec_interface *codec,
                               RegionView region)
    : descriptor_(descriptor), codec_(codec), codec_valid_(false), region_(region)
{
    auto formats = validate_codec_interface(codec);
    if (formats) {
        codec_valid_ = true;
        formats_ = std::move(formats.value());
    }
}

RequestHandler::~RequestHandler()
{
    instances_.for_each_live([this](cordon_codec_instance *instance) { codec_->destroy(instance); });
}

Result<uint32_t> RequestHandler::serve_batch()
{
    const auto batch = region_.load<BatchHeader>(RegionLayout::batch_header_offset());
    if (batch.slot_count == 0 || batch.slot_count > region_.layout().slot_count()) {
        return Error{ErrorCode::malformed_input, "sandbox batch of " + std::to_string(batch.slot_count) +
                                                     " slots, the region has " +
                                                     std::to_string(region_.layout().slot_count())};
    }
    for (uint32_t slot = 0; slot < batch.slot_count; ++slot) {
        const auto request = region_.load<RequestHeader>(RegionLayout::request_header_offset(slot));
        ReplyHeader reply{};
        reply.sequence = request.sequence;
        reply.operation = request.operation;
        reply.instance_id = request.instance_id;
        serve(slot, request, reply);
        region_.store(RegionLayout::reply_header_offset(slot), reply);
    }
    return batch.slot_count;
}

void RequestHandler::serve(uint32_t slot, const RequestHeader &request, ReplyHeader &reply)
{
    const bool in_order = request.sequence > last_sequence_;
    if (!in_order || !is_known_operation(request.operation) || request.payload_bytes > payload_capacity_bytes) {
        refuse(reply, CORDON_STATUS_INVALID_ARGUMENT, ReplyDetail::malformed_request);
        return;
    }
    last_sequence_ = request.sequence;
    if (!codec_valid_) {
        refuse(reply, CORDON_STATUS_UNSUPPORTED, ReplyDetail::plugin_refused);
        return;
    }
    const auto operation = static_cast<Operation>(request.operation);
    if (operation == Operation::describe || operation == Operation::create) {
        if (request.instance_id != no_instance_id) {
            refuse(reply, CORDON_STATUS_INVALID_ARGUMENT, ReplyDetail::malformed_request);
        } else if (operation == Operation::describe) {
            describe(slot, request, reply);
        } else {
            create(slot, request, reply);
        }
        return;
    }
    const InstanceTable::Entry *entry = instances_.find(request.instance_id);
    if (entry == nullptr) {
        refuse(reply, CORDON_STATUS_INVALID_ARGUMENT, ReplyDetail::unknown_instance);
        return;
    }
    switch (operation) {
    case Operation::encode:
        encode(slot, request, *entry, reply);
        return;
    case Operation::decode:
        decode(slot, request, *entry, reply);
        return;
    case Operation::conceal:
        conceal(slot, request, *entry, reply);
        return;
    case Operation::reset:
        finish(reply, static_cast<int>(codec_->reset(entry->instance)), 0, 0, 1);
        return;
    case Operation::destroy:
        codec_->destroy(instances_.remove(request.instance_id));
        finish(reply, CORDON_STATUS_OK, 0, 0, 1);
        return;
    case Operation::describe:
    case Operation::create:
        return; // served above
    }
}

void RequestHandler::describe(uint32_t slot, const RequestHeader &request, ReplyHeader &reply)
{
    PluginDescription description;
    description.abi_major = descriptor_.abi_major.value_or(0);
    description.abi_minor = descriptor_.abi_minor.value_or(0);
    description.kind = descriptor_.kind ? static_cast<uint32_t>(*descriptor_.kind) : 0;
    description.id = descriptor_.id;
    description.name = descriptor_.name;
    description.vendor = descriptor_.vendor;
    description.version = descriptor_.version;
    description.has_conceal = codec_->conceal != nullptr;
    description.formats = formats_;
    write_serialised(slot, request, serialise_description(description), reply);
}

void RequestHandler::create(uint32_t slot, const RequestHeader &request, ReplyHeader &reply)
{
    const auto payload = region_.request_payload(slot).first(request.payload_bytes);
    // Copied before parsing, so the parser reads memory nobody else writes.
    std::vector<uint8_t> bytes(payload.size());
    copy_bytes(bytes.data(), payload.data(), payload.size());
    auto config = parse_config(bytes);
    if (!config) {
        refuse(reply, CORDON_STATUS_INVALID_ARGUMENT, ReplyDetail::malformed_request);
        return;
    }
    std::vector<cordon_codec_param> params;
    const cordon_codec_config abi_config = to_abi_config(*config, params);
    cordon_codec_instance *instance = nullptr;
    cordon_codec_instance_info info{};
    info.struct_size = sizeof(info);
    const int status = static_cast<int>(codec_->create(&abi_config, &instance, &info));
    finish(reply, status, 0, 0, 1);
    if (reply.status != CORDON_STATUS_OK || instance == nullptr) {
        if (instance != nullptr) {
            codec_->destroy(instance);
        }
        if (reply.status == CORDON_STATUS_OK) {
            refuse(reply, CORDON_STATUS_INTERNAL_ERROR, ReplyDetail::plugin_refused);
        }
        return;
    }
    const uint32_t id = instances_.add(instance, info);
    if (id == no_instance_id) {
        codec_->destroy(instance);
        refuse(reply, CORDON_STATUS_OUT_OF_MEMORY, ReplyDetail::instance_table_full);
        return;
    }
    reply.instance_id = id;
    write_serialised(slot, request, serialise_instance_info(info), reply);
    if (reply.status != CORDON_STATUS_OK) {
        codec_->destroy(instances_.remove(id));
        reply.instance_id = no_instance_id;
    }
}

void RequestHandler::encode(uint32_t slot, const RequestHeader &request, const InstanceTable::Entry &entry,
                            ReplyHeader &reply)
{
    if (request.payload_bytes % pcm_sample_bytes != 0) {
        refuse(reply, CORDON_STATUS_INVALID_ARGUMENT, ReplyDetail::malformed_request);
        return;
    }
    // Payload areas are aligned to region_alignment_bytes, so int16_t access is aligned.
    const auto *pcm = reinterpret_cast<const int16_t *>(region_.request_payload(slot).data());
    auto *packet = reinterpret_cast<uint8_t *>(region_.reply_payload(slot).data());
    const size_t capacity = reply_capacity(request);
    const auto canary = canary_after(region_.reply_payload(slot), capacity);
    arm(canary);
    size_t written = 0;
    const int status = static_cast<int>(
        codec_->encode(entry.instance, pcm, request.payload_bytes / pcm_sample_bytes, packet, capacity, &written));
    finish(reply, status, written, capacity, 1, intact(canary));
}

void RequestHandler::decode(uint32_t slot, const RequestHeader &request, const InstanceTable::Entry &entry,
                            ReplyHeader &reply)
{
    const auto *packet = reinterpret_cast<const uint8_t *>(region_.request_payload(slot).data());
    auto *pcm = reinterpret_cast<int16_t *>(region_.reply_payload(slot).data());
    const size_t capacity = reply_capacity(request) / pcm_sample_bytes;
    const auto canary = canary_after(region_.reply_payload(slot), capacity * pcm_sample_bytes);
    arm(canary);
    size_t samples = 0;
    const int status =
        static_cast<int>(codec_->decode(entry.instance, packet, request.payload_bytes, pcm, capacity, &samples));
    finish(reply, status, samples, capacity, pcm_sample_bytes, intact(canary));
}

void RequestHandler::conceal(uint32_t slot, const RequestHeader &request, const InstanceTable::Entry &entry,
                             ReplyHeader &reply)
{
    if (codec_->conceal == nullptr) {
        refuse(reply, CORDON_STATUS_UNSUPPORTED, ReplyDetail::no_concealment);
        return;
    }
    // No payload means the next packet has not arrived.
    const auto *next =
        request.payload_bytes == 0 ? nullptr : reinterpret_cast<const uint8_t *>(region_.request_payload(slot).data());
    auto *pcm = reinterpret_cast<int16_t *>(region_.reply_payload(slot).data());
    const size_t capacity = reply_capacity(request) / pcm_sample_bytes;
    const auto canary = canary_after(region_.reply_payload(slot), capacity * pcm_sample_bytes);
    arm(canary);
    size_t samples = 0;
    const int status =
        static_cast<int>(codec_->conceal(entry.instance, next, request.payload_bytes, pcm, capacity, &samples));
    finish(reply, status, samples, capacity, pcm_sample_bytes, intact(canary));
}

void RequestHandler::write_serialised(uint32_t slot, const RequestHeader &request, std::span<const uint8_t> bytes,
                                      ReplyHeader &reply)
{
    if (bytes.size() > reply_capacity(request)) {
        refuse(reply, CORDON_STATUS_INTERNAL_ERROR, ReplyDetail::reply_too_large);
        return;
    }
    copy_bytes(region_.reply_payload(slot).data(), bytes.data(), bytes.size());
    reply.status = CORDON_STATUS_OK;
    reply.detail = static_cast<uint32_t>(ReplyDetail::none);
    reply.payload_bytes = static_cast<uint32_t>(bytes.size());
}

} // namespace cordon::sandbox
