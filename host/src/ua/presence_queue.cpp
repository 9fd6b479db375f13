#include "ua/presence_queue.hpp"

#include <algorithm>

namespace cordon::ua {

PresenceQueue::Outcome PresenceQueue::put(PresenceUpdate update)
{
    if (const auto found = waiting_.find(update.contact); found != waiting_.end()) {
        *found->second = std::move(update);
        ++coalesced_;
        return Outcome::coalesced;
    }
    if (order_.size() >= capacity_) {
        ++dropped_;
        return Outcome::dropped;
    }
    const std::string contact = update.contact;
    order_.push_back(std::move(update));
    waiting_.emplace(contact, std::prev(order_.end()));
    peak_ = std::max(peak_, order_.size());
    return Outcome::queued;
}

std::vector<PresenceUpdate> PresenceQueue::take(std::size_t max)
{
    std::vector<PresenceUpdate> taken;
    taken.reserve(std::min(max, order_.size()));
    while (taken.size() < max && !order_.empty()) {
        waiting_.erase(order_.front().contact);
        taken.push_back(std::move(order_.front()));
        order_.pop_front();
    }
    delivered_ += taken.size();
    return taken;
}

} // namespace cordon::ua
