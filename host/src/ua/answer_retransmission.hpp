// A 2xx to an INVITE, sent again until its ACK arrives (RFC 3261 section
// 13.3.1.4): every T1, doubling up to T2, on every transport. The 2xx
// travels end to end, and a hop between here and the caller may be UDP even
// when ours is TLS, so no transaction resends it for us. Without an ACK by
// the give-up time the caller is taken to be gone.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "ua/deadline.hpp"

namespace cordon::ua {

// RFC 3261 section 17.1.1.1's defaults.
inline constexpr std::chrono::milliseconds timer_t1{500};
inline constexpr std::chrono::milliseconds timer_t2{4000};

class AnswerRetransmission {
public:
    using Send = std::function<void()>;
    using GiveUp = std::function<void()>;

    // The 2xx (of the INVITE numbered cseq) was just sent once; send sends it
    // again, give_up runs once when give_up_after passes with no ACK.
    AnswerRetransmission(boost::asio::io_context &loop, std::uint32_t cseq, std::chrono::milliseconds give_up_after,
                         Send send, GiveUp give_up);

    // An ACK arrived: true, and nothing more is sent, when it acknowledges this 2xx.
    bool acknowledge(std::uint32_t cseq);
    // The CSeq number of the INVITE whose 2xx this sends.
    std::uint32_t cseq() const { return cseq_; }

private:
    void schedule();

    std::uint32_t cseq_;
    Send send_;
    GiveUp give_up_;
    std::chrono::milliseconds interval_ = timer_t1;
    Deadline next_;
    Deadline give_up_at_;
};

} // namespace cordon::ua
