/*
 * RFC 5922 name checks (see tls_name_check.h). OpenSSL's own host check is
 * not used: it accepts wildcards, which RFC 5922 forbids for SIP.
 */
#include "transport-tls/tls_name_check.h"

#include <arpa/inet.h>
#include <openssl/x509v3.h>
#include <string.h>

#include "common/ascii_text.h"
#include "core/ascii_chars.h"

#define SIP_SCHEME "sip:"
#define SIP_SCHEME_BYTES 4u

/* Appends "label:text" to the list, cut at capacity, always terminated. */
static void list_name(char *names, size_t capacity, const char *label, const char *text, size_t length)
{
    size_t used = strnlen(names, capacity);
    const char *parts[] = {used > 0u ? ", " : "", label, ":"};
    for (size_t p = 0; p < sizeof parts / sizeof parts[0]; ++p) {
        for (const char *c = parts[p]; *c != '\0' && used + 1u < capacity; ++c)
            names[used++] = *c;
    }
    if (used < capacity)
        ascii_printable_copy_span(text, length, names + used, capacity - used);
}

/* text[0..length) equals name, ASCII letter case aside (never the locale's:
 * strncasecmp would fold other bytes in a Latin-1 locale). It holds no NUL
 * then, since name has none: a NUL inside a certificate's name is a known
 * trick to fool C string checks. */
static int equals_name(const char *text, size_t length, const char *name)
{
    return ascii_spans_equal_nocase(text, length, name, strlen(name));
}

/* The name's address bytes into address; their count (4 or 16), 0 when it is
 * not an IP literal. */
static size_t ip_literal(const char *name, unsigned char address[16])
{
    if (inet_pton(AF_INET, name, address) == 1)
        return 4u;
    if (inet_pton(AF_INET6, name, address) == 1)
        return 16u;
    return 0u;
}

int tls_name_is_ip(const char *name)
{
    unsigned char address[16];
    return ip_literal(name, address) != 0u;
}

static int common_name_proves(X509 *certificate, const char *name, char *names, size_t capacity)
{
    const X509_NAME *subject = X509_get_subject_name(certificate);
    int proven = 0;
    for (int index = -1; (index = X509_NAME_get_index_by_NID(subject, NID_commonName, index)) >= 0;) {
        unsigned char *text = NULL;
        const int length = ASN1_STRING_to_UTF8(&text, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index)));
        if (length < 0)
            continue;
        list_name(names, capacity, "CN", (const char *)text, (size_t)length);
        proven = proven || equals_name((const char *)text, (size_t)length, name);
        OPENSSL_free(text);
    }
    return proven;
}

int tls_certificate_proves(X509 *certificate, const char *name, char *names, size_t capacity)
{
    if (capacity > 0u)
        names[0] = '\0';
    unsigned char address[16];
    const size_t address_bytes = ip_literal(name, address);
    /* Present at all, even with names of other types or unreadable: then the
     * subject's CN is never read (RFC 6125 section 6.4.4; see the header). */
    const int has_alternative_names = X509_get_ext_by_NID(certificate, NID_subject_alt_name, -1) >= 0;
    GENERAL_NAMES *alternatives = X509_get_ext_d2i(certificate, NID_subject_alt_name, NULL, NULL);
    int proven = 0;
    for (int i = 0; i < sk_GENERAL_NAME_num(alternatives); ++i) {
        const GENERAL_NAME *entry = sk_GENERAL_NAME_value(alternatives, i);
        int type = 0;
        const ASN1_STRING *value = GENERAL_NAME_get0_value(entry, &type);
        const char *text = (const char *)ASN1_STRING_get0_data(value);
        const size_t length = (size_t)ASN1_STRING_length(value);
        if (type == GEN_DNS) {
            list_name(names, capacity, "DNS", text, length);
            proven = proven || (address_bytes == 0u && equals_name(text, length, name));
        } else if (type == GEN_URI) {
            list_name(names, capacity, "URI", text, length);
            proven = proven || (address_bytes == 0u && length > SIP_SCHEME_BYTES &&
                                ascii_spans_equal_nocase(text, SIP_SCHEME_BYTES, SIP_SCHEME, SIP_SCHEME_BYTES) &&
                                equals_name(text + SIP_SCHEME_BYTES, length - SIP_SCHEME_BYTES, name));
        } else if (type == GEN_IPADD) {
            char printed[INET6_ADDRSTRLEN] = "?";
            if (length == 4u || length == 16u)
                (void)inet_ntop(length == 4u ? AF_INET : AF_INET6, text, printed, sizeof printed);
            list_name(names, capacity, "IP", printed, strlen(printed));
            proven = proven || (address_bytes != 0u && length == address_bytes && memcmp(text, address, length) == 0);
        }
    }
    GENERAL_NAMES_free(alternatives);
    if (!has_alternative_names && address_bytes == 0u)
        proven = common_name_proves(certificate, name, names, capacity) || proven;
    return proven;
}
