/*
 * errno as a flow error, reasons into bounded buffers (see net_error.h).
 */
#include "common/net_error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

cordon_flow_error net_flow_error(int error_number)
{
    switch (error_number) {
    case ECONNREFUSED:
        return CORDON_FLOW_ERROR_REFUSED;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case ENETDOWN:
    case EHOSTDOWN:
    case ETIMEDOUT:
        return CORDON_FLOW_ERROR_UNREACHABLE;
    case ECONNRESET:
    case ECONNABORTED:
    case EPIPE:
        return CORDON_FLOW_ERROR_RESET;
    default:
        return CORDON_FLOW_ERROR_OTHER;
    }
}

void net_write_reason(char *reason, size_t capacity, const char *format, ...)
{
    if (reason == NULL || capacity == 0u)
        return;
    va_list args;
    va_start(args, format);
    (void)vsnprintf(reason, capacity, format, args);
    va_end(args);
}
