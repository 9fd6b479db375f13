// run_codec_calls: groups the calls by batcher (one per sandbox child) so each
// group travels in as few round trips as the child's slots allow; calls on
// in-process instances run directly, one after another.
#include <map>
#include <vector>

#include "cordon/host/codec.hpp"

namespace cordon {
namespace {

Result<size_t> run_one(CodecCall &call)
{
    switch (call.kind) {
    case CodecCall::Kind::encode:
        return call.instance->encode(call.pcm_in, call.packet_out);
    case CodecCall::Kind::decode:
        return call.instance->decode(call.packet_in, call.pcm_out);
    case CodecCall::Kind::conceal:
        return call.instance->conceal(call.packet_in, call.pcm_out);
    }
    return Error{ErrorCode::invalid_argument, "unknown codec call kind"};
}

} // namespace

void run_codec_calls(std::span<CodecCall> calls)
{
    std::map<CodecCallBatcher *, std::vector<CodecCall *>> batches;
    for (CodecCall &call : calls) {
        if (call.instance == nullptr) {
            call.result = Error{ErrorCode::invalid_argument, "a codec call without an instance"};
        } else if (CodecCallBatcher *batcher = call.instance->batcher()) {
            batches[batcher].push_back(&call);
        } else {
            call.result = run_one(call);
        }
    }
    for (auto &[batcher, batch] : batches) {
        batcher->run(batch);
    }
}

} // namespace cordon
