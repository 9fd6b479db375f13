// One call (RFC 3261 sections 13-15 with RFC 3264 offer/answer): the INVITE
// client or server side, its dialog, hold and resume by re-INVITE, and its
// end by CANCEL, BYE or refusal. The user agent routes to it what belongs to
// it; everything runs on the agent's loop. One class, its parts in files of
// their own: call_outgoing.cpp (the INVITE sent), call_incoming.cpp (the
// INVITE received), call_reinvite.cpp (hold and resume), call.cpp (what
// either side does: media, BYE, timers, the end).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "call_media/audio_stream.hpp"
#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "core/alive_count.hpp"
#include "sip/authenticated_request.hpp"
#include "sip/dialog.hpp"
#include "sip/session_description.hpp"
#include "ua/answer_retransmission.hpp"
#include "ua/deadline.hpp"
#include "ua/media_security.hpp"

namespace cordon::ua {

// How long a call waits for what may never come (UserAgentOptions).
struct CallTimeouts {
    std::chrono::milliseconds ring{std::chrono::minutes(3)};
    std::chrono::milliseconds media_inactivity{std::chrono::seconds(60)}; // 0: never
    std::chrono::milliseconds timer_64_t1{std::chrono::seconds(32)};
};

// What a call needs from its user agent.
struct CallContext {
    sip::SignallingContext &signalling;
    sip::ChallengeAnswerer &answerer;
    sip::TransactionLayer &transactions;
    const std::vector<sip::MediaCodec> &codecs; // what this agent supports, in preference order
    const PluginRegistry &plugins;
    const MediaEncryptionPlugin *encryption; // nullptr: none loaded
    MediaEncryption media_encryption;
    std::string local_address; // where media sockets are bound
    Logger &logger;
    std::string local_identity; // name-addr of this agent's address of record
    std::function<void(const std::string &call_id)> on_ended;
    AliveCount call_objects;  // counts every CallImpl of the agent while it exists
    AliveCount media_streams; // and every audio stream
    CallTimeouts timeouts;
};

class CallImpl final : public Call, public std::enable_shared_from_this<CallImpl> {
public:
    // An outgoing call: sends the INVITE.
    static Result<std::shared_ptr<CallImpl>> dial(CallContext context, const std::string &target,
                                                  const CallAudio &audio);
    // An incoming call for the INVITE of server transaction id: answers 180
    // (or refuses the INVITE itself, 488 for an offer media.encryption
    // refuses, and returns the reason).
    static Result<std::shared_ptr<CallImpl>> receive(CallContext context, sip::TransactionId id,
                                                     const osip_message_t &invite);

    ~CallImpl() override;

    const std::string &id() const override { return call_id_; }
    const std::string &peer() const override { return peer_; }
    bool incoming() const override { return incoming_; }
    CallState state() const override { return state_; }
    std::optional<CallMedia> media() const override { return media_; }
    std::optional<MediaStats> media_stats() const override;
    void on_event(EventHandler handler) override { handler_ = std::move(handler); }
    Result<void> answer(const CallAudio &audio) override;
    Result<void> decline(int status_code) override;
    Result<void> hold() override { return reinvite(sip::MediaDirection::sendonly); }
    Result<void> resume() override { return reinvite(sip::MediaDirection::sendrecv); }
    void hang_up() override;

    // Routed here by the user agent.
    bool belongs(const osip_message_t &request) const;
    bool has_dialog() const { return dialog_.has_value(); }
    void on_in_dialog_request(sip::TransactionId id, const osip_message_t &request);
    void on_cancel(sip::TransactionId id, const osip_message_t &cancel);
    void on_ack(const osip_message_t &ack);
    // An INVITE outside any dialog with this call's Call-ID is this call's
    // own INVITE again (its transaction by section 17.2.3: sent again
    // before our 2xx reached the caller, and no longer absorbed by a
    // transaction, as libosip2 ends it at the 2xx) or someone else's (a
    // merged request: another branch).
    bool is_own_invite_again(const osip_message_t &invite) const;
    // Answers the INVITE again with the call's 2xx, on its new transaction.
    void answer_invite_again(sip::TransactionId id, const osip_message_t &invite);
    // A 2xx to our INVITE that no transaction took: ours again (ACKed
    // again), or another fork's (ACKed, and its dialog ended with a BYE).
    void on_retransmitted_2xx(const osip_message_t &response);

private:
    static constexpr std::string_view log_source = "sip";
    static constexpr const char *sdp_type = "application/sdp";

    CallImpl(CallContext context, bool incoming);

    // The o= line's session id of a new offer or answer.
    static std::uint64_t new_session_id();

    Result<void> send_invite();
    void on_invite_event(const sip::ClientEvent &event);
    void on_invite_answered(const osip_message_t &response);
    void send_ack(std::uint32_t cseq);
    void send_ack_in(sip::Dialog &dialog, std::uint32_t cseq);
    // A 2xx to our INVITE from a fork other than the one the call kept.
    void end_other_fork(const osip_message_t &response, const std::string &tag, std::uint32_t cseq);
    void send_cancel();
    // The ring timeout: an incoming call is refused 480, an outgoing one cancelled.
    void on_ring_timeout();
    // 64*T1 after the CANCEL and still no final response to the INVITE.
    void on_cancel_unanswered();
    // Why the call is being cancelled, for the reason it ends with.
    std::string cancel_reason() const;
    // Judges the peer's media now and again until the call ends.
    void watch_media();
    void send_bye(const std::string &reason);
    Result<void> reinvite(sip::MediaDirection direction);
    void on_reinvite_event(const sip::ClientEvent &event, sip::SessionDescription offer);
    void answer_reinvite(sip::TransactionId id, const osip_message_t &request);
    void retry_reinvite_after_glare(sip::MediaDirection direction);
    Result<void> respond(sip::TransactionId id, const osip_message_t &request, int code,
                         const std::optional<sip::SessionDescription> &body = {});
    // Sends this 2xx to an INVITE again until its ACK, or ends the call.
    void retransmit_until_acknowledged(osip_message_t &response, const sip::FlowRoute &route);
    // Records what was negotiated and (re)starts the audio stream with it.
    Result<void> set_media(const sip::NegotiatedAudio &audio, std::shared_ptr<MediaProtection> protection);
    void emit(CallEvent::Kind kind, int status_code = 0, std::string reason = {});
    // Ends the call: releases what it owns, tells the application's handler
    // and then lets go of it, and has the agent forget the call.
    void end(int status_code, std::string reason);
    // Everything the call owns but its identity, figures and dialog: the
    // media (stop_media), timers and the INVITE kept for answering it.
    void release();
    // The stream (sockets, clock, jitter buffer, codec instance), SRTP and
    // the media watch, keeping the stream's final figures.
    void stop_media();

    CallContext context_;
    AliveCount::Token alive_;
    bool incoming_;
    CallState state_ = CallState::calling;
    std::string call_id_;
    std::string peer_;
    EventHandler handler_;
    std::optional<sip::Dialog> dialog_;
    sip::SessionDescription local_sdp_;
    std::optional<sip::SessionDescription> remote_offer_; // incoming: the INVITE's offer
    std::optional<CallMedia> media_;
    sip::MediaDirection media_direction_ = sip::MediaDirection::sendrecv; // as negotiated, seen from here
    std::optional<MediaSecurity> security_;
    std::unique_ptr<call_media::AudioStream> stream_;
    std::optional<MediaStats> final_stats_; // the stream's figures when it was released

    // Outgoing: the INVITE as last sent (its branch and CSeq name it for CANCEL).
    sip::RequestSpec invite_;
    sip::TransactionId invite_client_transaction_ = 0;
    bool provisional_seen_ = false;
    bool cancel_wanted_ = false;
    bool cancel_sent_ = false;
    bool ring_timed_out_ = false;
    bool reinvite_in_progress_ = false;
    // Our BYE is out: the call has no media and takes no new offer while
    // the BYE's transaction runs (up to 64*T1 when it goes unanswered).
    bool bye_sent_ = false;

    // Incoming: the INVITE's server transaction and a copy of it.
    sip::TransactionId invite_transaction_ = 0;
    // Incoming: the INVITE's Expires, when shorter than the ring timeout.
    std::optional<std::chrono::milliseconds> invite_expires_;
    sip::OsipMessage invite_request_;
    std::string local_tag_;
    // Outgoing: the dialogs of other forks that answered too, by their To
    // tag (each ended with a BYE), at most max_other_forks.
    static constexpr std::size_t max_other_forks = 8;
    std::map<std::string, sip::Dialog> other_forks_;
    // The last 2xx to an INVITE, until its ACK arrives.
    std::unique_ptr<AnswerRetransmission> unacknowledged_;

    Deadline ring_deadline_;
    Deadline cancel_deadline_;
    Deadline media_watch_;
    // Our re-INVITE met the peer's (491): it goes again after a random wait.
    Deadline reinvite_retry_;
};

} // namespace cordon::ua
