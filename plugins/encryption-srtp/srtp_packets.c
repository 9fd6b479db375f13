/*
 * The four packet calls: checks on the host's buffer and the packet's
 * header, then libsrtp2 in place, its statuses mapped to the ABI's.
 */
#include <limits.h>
#include <string.h>

#include "encryption-srtp/srtp_session.h"

#define RTP_VERSION 2u
#define RTP_FIXED_HEADER_BYTES 12u
#define RTP_CSRC_BYTES 4u
#define RTP_EXTENSION_HEADER_BYTES 4u
#define RTCP_FIXED_HEADER_BYTES 8u

/* The bytes of an RTP header (fixed part, CSRCs, extension) as the packet
 * states them, or 0 when the packet is not RTP version 2 or too short for
 * its own header. libsrtp2 reads up to there; the check keeps it inside. */
static size_t rtp_header_bytes(const uint8_t *packet, size_t length)
{
    if (length < RTP_FIXED_HEADER_BYTES || (packet[0] >> 6) != RTP_VERSION)
        return 0;
    size_t header = RTP_FIXED_HEADER_BYTES + RTP_CSRC_BYTES * (packet[0] & 0x0Fu);
    const bool extension = (packet[0] & 0x10u) != 0;
    if (extension) {
        if (length < header + RTP_EXTENSION_HEADER_BYTES)
            return 0;
        const size_t words = ((size_t)packet[header + 2] << 8) | packet[header + 3];
        header += RTP_EXTENSION_HEADER_BYTES + 4u * words;
    }
    return header <= length ? header : 0;
}

static bool is_rtcp_header(const uint8_t *packet, size_t length)
{
    return length >= RTCP_FIXED_HEADER_BYTES && (packet[0] >> 6) == RTP_VERSION;
}

static cordon_media_status check_call(const cordon_media_session *session, const uint8_t *packet, size_t length,
                                      size_t capacity, size_t *out_length)
{
    if (out_length != NULL)
        *out_length = 0;
    if (session == NULL || packet == NULL || out_length == NULL || length == 0 ||
        length > CORDON_MEDIA_MAX_PACKET_BYTES || length > capacity || session->send_suite < 0)
        return CORDON_MEDIA_STATUS_INVALID_ARGUMENT;
    return CORDON_MEDIA_STATUS_OK;
}

static cordon_media_status from_libsrtp(srtp_err_status_t status)
{
    switch (status) {
    case srtp_err_status_ok:
        return CORDON_MEDIA_STATUS_OK;
    case srtp_err_status_auth_fail:
    /* SRTCP whose E bit says "not encrypted" under a suite that encrypts:
     * libsrtp2 will not check it, so it is not authenticated (baresip sends
     * some RTCP in clear). */
    case srtp_err_status_cant_check:
        return CORDON_MEDIA_STATUS_AUTHENTICATION_FAILED;
    case srtp_err_status_replay_fail:
    case srtp_err_status_replay_old:
        return CORDON_MEDIA_STATUS_REPLAYED;
    case srtp_err_status_bad_param:
    case srtp_err_status_parse_err:
        return CORDON_MEDIA_STATUS_MALFORMED_INPUT;
    default:
        return CORDON_MEDIA_STATUS_INTERNAL_ERROR;
    }
}

typedef srtp_err_status_t (*srtp_call)(srtp_t context, void *packet, int *length);

/* Runs call in place and reports the new length; the capacity for protect
 * has been checked by the caller. */
static cordon_media_status run(srtp_call call, srtp_t context, uint8_t *packet, size_t length, size_t *out_length)
{
    int new_length = (int)length; /* length <= CORDON_MEDIA_MAX_PACKET_BYTES */
    const cordon_media_status status = from_libsrtp(call(context, packet, &new_length));
    if (status != CORDON_MEDIA_STATUS_OK)
        return status;
    if (new_length < 0)
        return CORDON_MEDIA_STATUS_INTERNAL_ERROR;
    *out_length = (size_t)new_length;
    return CORDON_MEDIA_STATUS_OK;
}

static cordon_media_status protect(cordon_media_session *session, srtp_call call, uint8_t *packet, size_t length,
                                   size_t capacity, size_t *out_length, bool rtp)
{
    const cordon_media_status checked = check_call(session, packet, length, capacity, out_length);
    if (checked != CORDON_MEDIA_STATUS_OK)
        return checked;
    if (rtp ? rtp_header_bytes(packet, length) == 0 : !is_rtcp_header(packet, length))
        return CORDON_MEDIA_STATUS_MALFORMED_INPUT;
    /* libsrtp2 writes the tag (and for RTCP the index) after the packet
     * without being told the capacity. */
    if (capacity - length < srtp_suite_overhead(&srtp_suites[session->send_suite]))
        return CORDON_MEDIA_STATUS_BUFFER_TOO_SMALL;
    return run(call, session->send[session->send_suite], packet, length, out_length);
}

static cordon_media_status unprotect(cordon_media_session *session, srtp_call call, uint8_t *packet, size_t length,
                                     size_t capacity, size_t *out_length, bool rtp)
{
    const cordon_media_status checked = check_call(session, packet, length, capacity, out_length);
    if (checked != CORDON_MEDIA_STATUS_OK)
        return checked;
    if (session->receive == NULL)
        return CORDON_MEDIA_STATUS_INVALID_ARGUMENT;
    const srtp_suite *suite = &srtp_suites[session->receive_suite];
    /* The header must fit in what is left once the tag is taken away. */
    const size_t trailer = rtp ? suite->tag_bytes : suite->tag_bytes + SRTCP_TRAILER_BYTES;
    if (length <= trailer)
        return CORDON_MEDIA_STATUS_MALFORMED_INPUT;
    if (rtp ? rtp_header_bytes(packet, length - trailer) == 0 : !is_rtcp_header(packet, length - trailer))
        return CORDON_MEDIA_STATUS_MALFORMED_INPUT;
    return run(call, session->receive, packet, length, out_length);
}

cordon_media_status srtp_session_protect_rtp(cordon_media_session *session, uint8_t *packet, size_t length,
                                             size_t capacity, size_t *out_length)
{
    return protect(session, srtp_protect, packet, length, capacity, out_length, true);
}

cordon_media_status srtp_session_unprotect_rtp(cordon_media_session *session, uint8_t *packet, size_t length,
                                               size_t capacity, size_t *out_length)
{
    return unprotect(session, srtp_unprotect, packet, length, capacity, out_length, true);
}

cordon_media_status srtp_session_protect_rtcp(cordon_media_session *session, uint8_t *packet, size_t length,
                                              size_t capacity, size_t *out_length)
{
    return protect(session, srtp_protect_rtcp, packet, length, capacity, out_length, false);
}

cordon_media_status srtp_session_unprotect_rtcp(cordon_media_session *session, uint8_t *packet, size_t length,
                                                size_t capacity, size_t *out_length)
{
    return unprotect(session, srtp_unprotect_rtcp, packet, length, capacity, out_length, false);
}
