// The updates waiting for the application, at most one per contact: a newer
// state for a contact already waiting replaces the older one in its place
// (so a contact that changes often cannot push the others back), and when
// the queue is full a new contact's update is dropped and counted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

#include "cordon/host/presence.hpp"

namespace cordon::ua {

class PresenceQueue {
public:
    enum class Outcome { queued, coalesced, dropped };

    explicit PresenceQueue(std::size_t capacity) : capacity_(capacity) {}

    Outcome put(PresenceUpdate update);
    // Up to max updates, oldest contact first.
    std::vector<PresenceUpdate> take(std::size_t max);

    std::size_t size() const { return order_.size(); }
    std::size_t peak() const { return peak_; }
    std::uint64_t delivered() const { return delivered_; }
    std::uint64_t coalesced() const { return coalesced_; }
    std::uint64_t dropped() const { return dropped_; }

private:
    std::size_t capacity_;
    std::list<PresenceUpdate> order_;
    std::unordered_map<std::string, std::list<PresenceUpdate>::iterator> waiting_;
    std::size_t peak_ = 0;
    std::uint64_t delivered_ = 0;
    std::uint64_t coalesced_ = 0;
    std::uint64_t dropped_ = 0;
};

} // namespace cordon::ua
