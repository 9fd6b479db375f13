/*
 * Whether a server's certificate proves the name Cordon asked for, as RFC
 * 5922 section 7 says for SIP: a subjectAltName URI "sip:<domain>" or a DNS
 * name equal to the domain (letter case aside), never a wildcard (7.2). An IP
 * literal must be one of the certificate's IP addresses.
 *
 * The subject's common name is read only when the certificate has no
 * subjectAltName extension at all. RFC 6125 section 6.4.4 forbids a CN match
 * once any identifier of a type the client supports is presented, and this
 * client supports DNS, URI and IP names; a SAN of any other type still marks
 * a certificate issued under the SAN rules, whose CN is not an identity
 * (RFC 5280 4.2.1.6). OpenSSL's X509_check_host falls back to the CN
 * whenever there is no DNS name, so a certificate with only an IP or URI
 * name and a matching CN would pass it: it is not used (it also accepts
 * wildcards). A CN-only certificate is still accepted, as RFC 6125 6.4.4 and
 * RFC 5922 7.1 allow for certificates without subjectAltName.
 */
#ifndef CORDON_TRANSPORT_TLS_NAME_CHECK_H
#define CORDON_TRANSPORT_TLS_NAME_CHECK_H

#include <stddef.h>

#include <openssl/x509.h>

/* 1 when certificate proves name. Either way writes the names it holds
 * ("DNS:a.example, URI:sip:b.example, IP:192.0.2.1") into names, cut to
 * capacity, for the message that says why not. */
int tls_certificate_proves(X509 *certificate, const char *name, char *names, size_t capacity);

/* 1 when name is an IPv4 or IPv6 literal. */
int tls_name_is_ip(const char *name);

#endif /* CORDON_TRANSPORT_TLS_NAME_CHECK_H */
