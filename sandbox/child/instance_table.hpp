// The child's instances, by small integer id. The host only ever sees ids
// 1..max_instances, never the plugin's pointers, and a bounded table means a
// host bug or a flood of CREATEs cannot grow the child without limit.
#pragma once

#include <array>
#include <cstdint>

#include "cordon/codec.h"
#include "sandbox/protocol/region_layout.hpp"

namespace cordon::sandbox {

class InstanceTable {
public:
    struct Entry {
        cordon_codec_instance *instance = nullptr;
        cordon_codec_instance_info info{};
    };

    // The lowest free id, or no_instance_id when the table is full.
    uint32_t add(cordon_codec_instance *instance, const cordon_codec_instance_info &info)
    {
        for (uint32_t index = 0; index < max_instances; ++index) {
            if (entries_[index].instance == nullptr) {
                entries_[index] = {instance, info};
                return index + 1;
            }
        }
        return no_instance_id;
    }

    // The live entry with this id, or nullptr for any other value.
    const Entry *find(uint32_t id) const
    {
        if (id == no_instance_id || id > max_instances || entries_[id - 1].instance == nullptr) {
            return nullptr;
        }
        return &entries_[id - 1];
    }

    // Forgets the id and returns its instance (nullptr when it was not live).
    cordon_codec_instance *remove(uint32_t id)
    {
        if (find(id) == nullptr) {
            return nullptr;
        }
        cordon_codec_instance *instance = entries_[id - 1].instance;
        entries_[id - 1] = {};
        return instance;
    }

    template <class Function> void for_each_live(Function function) const
    {
        for (const Entry &entry : entries_) {
            if (entry.instance != nullptr) {
                function(entry.instance);
            }
        }
    }

private:
    std::array<Entry, max_instances> entries_{};
};

} // namespace cordon::sandbox
