#include "ua/request_gate.hpp"

namespace cordon::ua {

void RequestGate::enter(std::function<void()> go)
{
    if (out_ < limit_) {
        ++out_;
        go();
        return;
    }
    waiting_.push_back(std::move(go));
}

void RequestGate::close()
{
    waiting_.clear();
    limit_ = 0;
}

void RequestGate::leave()
{
    if (out_ > 0) {
        --out_;
    }
    while (out_ < limit_ && !waiting_.empty()) {
        auto next = std::move(waiting_.front());
        waiting_.pop_front();
        ++out_;
        next();
    }
}

} // namespace cordon::ua
