// What a caller asks of the Kamailio it runs (see kamailio_server.hpp).
#pragma once

#include "demo/server_certificates.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace cordon::demo {

enum class DigestAlgorithm { md5, sha256 }; // Kamailio 5.6's auth module offers these two

// A subscriber of cordon.test. Names are letters, digits, '.', '_' and '-'
// (they are written into the config); passwords are any text without a newline.
struct SipUser {
    std::string name;
    std::string password;
};

struct KamailioOptions {
    // Digest challenges (WWW-Authenticate on REGISTER, Proxy-Authenticate on
    // requests from local users) name this algorithm.
    DigestAlgorithm digest_algorithm = DigestAlgorithm::md5;
    bool digest_qop = true; // qop="auth" in challenges; false: RFC 2069 style, no qop

    // Challenge with Basic instead of Digest: REGISTER gets 401 with
    // `WWW-Authenticate: Basic realm="cordon.test"`, other requests from local
    // users 407 with Proxy-Authenticate; accepted when the (Proxy-)Authorization
    // header is exactly "Basic " + base64(user ":" password). On every transport:
    // refusing Basic without TLS is the client's job.
    bool basic_auth = false;

    ServerCertificate certificate = ServerCertificate::good;

    std::vector<SipUser> users = {{"alice", "alice-password"}, {"bob", "bob-password"}};

    // Kamailio's default lifetime of a nonce is 300 s; tests of expiry set a few seconds.
    std::chrono::seconds nonce_expire{300};
    // Kamailio's default answers an expired nonce with a fresh challenge but
    // without stale=true; this adds stale=true to that challenge.
    bool stale_on_expired_nonce = false;

    // Kamailio is the presence server of cordon.test (modules presence and
    // presence_xml, all state in memory): PUBLISH and SUBSCRIBE from users of
    // the domain to users of the domain are authenticated like INVITE, then
    // answered by it; a user publishes only their own presence. Every
    // subscription is active at once (no XCAP rules: force_active), and its
    // NOTIFYs take the connection the SUBSCRIBE came on; Kamailio then opens
    // no TCP or TLS connection at all (tcp_no_connect). Off: SUBSCRIBE,
    // NOTIFY and PUBLISH are relayed to the registered user like MESSAGE, so
    // two agents authorise their watchers end to end.
    bool presence = false;

    // Every MESSAGE relayed is logged with its body on one line,
    // "cordon-message-body: CALL-ID [BODY]" with CR and LF written as \r and
    // \n, so a test can check what crossed the proxy (log_text()).
    bool log_message_bodies = false;

    std::chrono::milliseconds ready_deadline{20000};

    // Kamailio's shared memory, in MB: far below its default, plenty for a
    // test, and parallel test processes each run one. Hundreds of calls a
    // second (cordon-bench-call-setup) need more: finished transactions keep
    // theirs for seconds, and its TLS refuses handshakes below 5 MB free.
    unsigned shared_memory_mb = 32;

    // Empty: $CORDON_KAMAILIO, else kamailio in $PATH, /usr/sbin, /usr/local/sbin.
    std::string executable;
};

struct KamailioPorts {
    std::uint16_t udp = 0;
    std::uint16_t tcp = 0;
    std::uint16_t tls = 0;
};

} // namespace cordon::demo
