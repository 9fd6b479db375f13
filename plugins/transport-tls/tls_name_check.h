/*
 * Whether a server's certificate proves the name Cordon asked for, as RFC
 * 5922 section 7 says for SIP: a subjectAltName URI "sip:<domain>" or a DNS
 * name equal to the domain (letter case aside), never a wildcard (7.2); the
 * subject's common name only when the certificate has no such names. An IP
 * literal must be one of the certificate's IP addresses.
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
