// The child's half of a round trip: reads each request of the batch the host
// published, calls the loaded plugin with pointers into the slot's payload
// areas and the right capacities, and writes the replies. The host is trusted,
// but every header is copied out and checked all the same: a bad request gets
// a reply saying so, never a call into the plugin with a wrong length.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "cordon/codec.h"
#include "cordon/host/result.hpp"
#include "plugin_abi/descriptor_validation.hpp"
#include "sandbox/child/instance_table.hpp"
#include "sandbox/protocol/messages.hpp"
#include "sandbox/protocol/shared_region.hpp"

namespace cordon::sandbox {

class RequestHandler {
public:
    // descriptor: the fields the loader validated; codec: the plugin's
    // interface (validated here before any of its functions is called). Both
    // outlive the handler.
    RequestHandler(const DescriptorFields &descriptor, const cordon_codec_interface *codec, RegionView region);
    // Destroys every instance still alive.
    ~RequestHandler();
    RequestHandler(const RequestHandler &) = delete;
    RequestHandler &operator=(const RequestHandler &) = delete;

    // Serves slots 0..n-1 of the published batch; returns n. A batch header
    // that names no slots or more than the region has is refused
    // (malformed_input) and no slot is touched.
    Result<uint32_t> serve_batch();

private:
    // Fills reply (status, detail, payload length); writes the payload.
    void serve(uint32_t slot, const RequestHeader &request, ReplyHeader &reply);
    void describe(uint32_t slot, const RequestHeader &request, ReplyHeader &reply);
    void create(uint32_t slot, const RequestHeader &request, ReplyHeader &reply);
    void encode(uint32_t slot, const RequestHeader &request, const InstanceTable::Entry &entry, ReplyHeader &reply);
    void decode(uint32_t slot, const RequestHeader &request, const InstanceTable::Entry &entry, ReplyHeader &reply);
    void conceal(uint32_t slot, const RequestHeader &request, const InstanceTable::Entry &entry, ReplyHeader &reply);
    // Copies a serialised reply into the slot, or reports it too large.
    void write_serialised(uint32_t slot, const RequestHeader &request, std::span<const uint8_t> bytes,
                          ReplyHeader &reply);

    const DescriptorFields &descriptor_;
    const cordon_codec_interface *codec_;
    bool codec_valid_;
    std::vector<CodecFormat> formats_; // the plugin's, as validated once
    RegionView region_;
    InstanceTable instances_;
    uint64_t last_sequence_ = 0;
};

} // namespace cordon::sandbox
