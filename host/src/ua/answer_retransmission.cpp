#include "ua/answer_retransmission.hpp"

#include <algorithm>

namespace cordon::ua {

AnswerRetransmission::AnswerRetransmission(boost::asio::io_context &loop, std::uint32_t cseq,
                                           std::chrono::milliseconds give_up_after, Send send, GiveUp give_up)
    : cseq_(cseq), send_(std::move(send)), give_up_(std::move(give_up)), next_(loop), give_up_at_(loop)
{
    schedule();
    give_up_at_.arm(give_up_after, [this] {
        next_.cancel();
        const GiveUp action = give_up_; // a copy: giving up may destroy this object
        action();
    });
}

bool AnswerRetransmission::acknowledge(std::uint32_t cseq)
{
    if (cseq != cseq_) {
        return false; // a late ACK of an earlier 2xx (a re-INVITE's predecessor)
    }
    next_.cancel();
    give_up_at_.cancel();
    return true;
}

void AnswerRetransmission::schedule()
{
    next_.arm(interval_, [this] {
        interval_ = std::min(interval_ * 2, std::chrono::milliseconds(timer_t2));
        schedule(); // before sending, and from a copy: a failed send may end the call and this object
        const Send action = send_;
        action();
    });
}

} // namespace cordon::ua
