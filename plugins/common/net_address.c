/*
 * Numeric addresses (see net_address.h).
 */
#include "common/net_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <string.h>

/* Longer text cannot be a numeric address; inet_pton is not asked. */
#define NUMERIC_ADDRESS_MAX_BYTES INET6_ADDRSTRLEN

bool net_address_parse(const char *text, uint16_t port, net_address *out)
{
    memset(out, 0, sizeof *out);
    if (text == NULL || strnlen(text, NUMERIC_ADDRESS_MAX_BYTES) == NUMERIC_ADDRESS_MAX_BYTES)
        return false;
    struct sockaddr_in *v4 = (struct sockaddr_in *)&out->storage;
    if (inet_pton(AF_INET, text, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        out->length = sizeof *v4;
        return true;
    }
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&out->storage;
    if (inet_pton(AF_INET6, text, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        out->length = sizeof *v6;
        return true;
    }
    return false;
}

bool net_address_is_wildcard(const net_address *address)
{
    if (address->storage.ss_family == AF_INET) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)&address->storage;
        return v4->sin_addr.s_addr == htonl(INADDR_ANY);
    }
    const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)&address->storage;
    return memcmp(&v6->sin6_addr, &in6addr_any, sizeof v6->sin6_addr) == 0;
}

void net_address_format(const struct sockaddr_storage *address, char text[CORDON_TRANSPORT_ADDRESS_BYTES],
                        uint16_t *port)
{
    text[0] = '\0';
    *port = 0;
    if (address->ss_family == AF_INET) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)address;
        (void)inet_ntop(AF_INET, &v4->sin_addr, text, CORDON_TRANSPORT_ADDRESS_BYTES);
        *port = ntohs(v4->sin_port);
    } else if (address->ss_family == AF_INET6) {
        const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)address;
        (void)inet_ntop(AF_INET6, &v6->sin6_addr, text, CORDON_TRANSPORT_ADDRESS_BYTES);
        *port = ntohs(v6->sin6_port);
    }
}

cordon_status net_flow_info_begin(cordon_flow_info *info, const char local[CORDON_TRANSPORT_ADDRESS_BYTES],
                                  uint16_t local_port, const char remote[CORDON_TRANSPORT_ADDRESS_BYTES],
                                  uint16_t remote_port)
{
    /* An ABI 1.0 host's struct ends before peer_authenticated. */
    if (info == NULL || info->struct_size < offsetof(cordon_flow_info, peer_authenticated))
        return CORDON_STATUS_INVALID_ARGUMENT;
    const uint32_t struct_size = info->struct_size;
    memset(info, 0, struct_size < sizeof *info ? struct_size : sizeof *info);
    info->struct_size = struct_size;
    memcpy(info->local_address, local, sizeof info->local_address);
    info->local_port = local_port;
    memcpy(info->remote_address, remote, sizeof info->remote_address);
    info->remote_port = remote_port;
    return CORDON_STATUS_OK;
}

void net_flow_info_set_peer_authenticated(cordon_flow_info *info, int authenticated)
{
    if (info->struct_size >= offsetof(cordon_flow_info, peer_authenticated) + sizeof info->peer_authenticated)
        info->peer_authenticated = authenticated ? 1u : 0u;
}
