// The fixture as the presence server of cordon.test (KamailioOptions::presence),
// proved with hand-written SIP: alice PUBLISHes, bob SUBSCRIBEs and gets his
// NOTIFYs over the socket his SUBSCRIBE came on, on every transport.
// Label: integration.
#include "tests/integration/sip_dialog_support.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <functional>
#include <thread>

namespace cordon::test {
namespace {

constexpr std::string_view pidf_type = "application/pidf+xml";
// How long a test waits for a connection that must not come.
constexpr std::chrono::milliseconds connection_grace{1500};

std::string pidf(std::string_view basic, std::string_view note)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
           "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:alice@cordon.test\">"
           "<tuple id=\"cordon-test\"><status><basic>" +
           std::string(basic) + "</basic></status><note>" + std::string(note) + "</note></tuple></presence>\r\n";
}

// A TCP listener on 127.0.0.1:port, or -1. SO_REUSEADDR: the watcher's
// closed connection may still hold the port in TIME_WAIT.
int listen_on(std::uint16_t port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int yes = 1;
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes) != 0 ||
        bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0 || listen(fd, 1) != 0) {
        if (fd >= 0) {
            close(fd);
        }
        return -1;
    }
    return fd;
}

std::string lower_case(std::string text)
{
    for (char &c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

SipRequest publish_request(const std::string &body)
{
    SipRequest request;
    request.method = "PUBLISH";
    request.request_uri = "sip:alice@cordon.test";
    request.from_user = "alice";
    request.to_user = "alice";
    request.extra_headers = {"Event: presence", "Expires: 600", "Content-Type: " + std::string(pidf_type)};
    request.body = body;
    return request;
}

// bob's side of one subscription to alice: his socket, what it received,
// and the dialog the server's 200 made.
struct Watcher {
    std::optional<Peer> peer;
    std::optional<Inbox> inbox;
    SipRequest subscribe;
    std::string server_contact; // the Request-URI of in-dialog requests
    std::string server_tag;
};

class KamailioPresenceTest : public KamailioFixtureTest, public ::testing::WithParamInterface<const char *> {
protected:
    void SetUp() override
    {
        KamailioOptions options;
        options.presence = true;
        const auto began = std::chrono::steady_clock::now();
        ASSERT_NO_FATAL_FAILURE(start(options));
        const auto ready = std::chrono::steady_clock::now() - began;
        RecordProperty("kamailio_ready_ms",
                       static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(ready).count()));
    }

    // PUBLISH as alice over its own socket; the 2xx's SIP-ETag.
    void publish(Peer &peer, SipRequest request, std::string &etag)
    {
        Inbox inbox(peer);
        const auto response = send_authenticated(peer, inbox, request, alice);
        ASSERT_TRUE(response) << "no answer to PUBLISH";
        ASSERT_EQ(status_code(*response), 200) << *response;
        etag = only_header(*response, "SIP-ETag");
        ASSERT_FALSE(etag.empty()) << *response;
    }

    void subscribe(Watcher &watcher, const std::string &transport)
    {
        ASSERT_NO_FATAL_FAILURE(open_peer(transport, watcher.peer));
        watcher.inbox.emplace(*watcher.peer);
        SipRequest &request = watcher.subscribe;
        request.method = "SUBSCRIBE";
        request.request_uri = "sip:alice@cordon.test";
        request.from_user = "bob";
        request.to_user = "alice";
        request.call_id = "presence-" + std::to_string(getpid()) + "-" + transport + "@cordon.test";
        request.from_tag = "bob-watches";
        request.extra_headers = {"Event: presence", "Accept: " + std::string(pidf_type), "Expires: 600"};
        const auto response = send_authenticated(*watcher.peer, *watcher.inbox, request, bob);
        ASSERT_TRUE(response) << "no answer to SUBSCRIBE";
        ASSERT_EQ(status_code(*response), 200) << *response;
        watcher.server_contact = uri_of(only_header(*response, "Contact"));
        watcher.server_tag = tag_of(only_header(*response, "To"));
        ASSERT_FALSE(watcher.server_contact.empty()) << *response;
        ASSERT_FALSE(watcher.server_tag.empty()) << *response;
    }

    // The next NOTIFY on the watcher's socket, answered 200.
    std::optional<std::string> next_notify(Watcher &watcher)
    {
        auto notify = watcher.inbox->request("NOTIFY");
        if (notify) {
            EXPECT_TRUE(watcher.peer->send(response_to(*notify, "200 OK")));
        }
        return notify;
    }

    // The first NOTIFY that `wanted` accepts; those before it are answered
    // and passed over. Kamailio may send one more NOTIFY of a state already
    // notified: a PUBLISH notifies its watchers after its 200, so a
    // subscription made in between hears that state twice.
    std::optional<std::string> notify_where(Watcher &watcher, const std::function<bool(const std::string &)> &wanted)
    {
        while (auto notify = next_notify(watcher)) {
            if (wanted(*notify)) {
                return notify;
            }
        }
        return std::nullopt;
    }
};

TEST_P(KamailioPresenceTest, PublishedStateReachesTheWatcherOverItsOwnSocketUntilItUnsubscribes)
{
    const std::string transport = GetParam();
    std::optional<Peer> alice_peer;
    ASSERT_NO_FATAL_FAILURE(open_peer(transport, alice_peer));
    std::string etag;
    ASSERT_NO_FATAL_FAILURE(publish(*alice_peer, publish_request(pidf("open", "at her desk")), etag));

    Watcher watcher;
    ASSERT_NO_FATAL_FAILURE(subscribe(watcher, transport));
    const auto first = next_notify(watcher);
    ASSERT_TRUE(first) << "bob's " << transport << " socket got no NOTIFY";
    // bob's Contact names a host that does not exist: only his socket reaches him.
    EXPECT_TRUE(request_uri_of(*first).starts_with("sip:bob@")) << *first;
    EXPECT_NE(request_uri_of(*first).find(".invalid;transport=" + lower_case(transport)), std::string::npos)
        << "the Request-URI is not bob's Contact: " << *first;
    EXPECT_EQ(only_header(*first, "Event"), "presence") << *first;
    EXPECT_TRUE(only_header(*first, "Subscription-State").starts_with("active")) << *first;
    EXPECT_EQ(only_header(*first, "Content-Type"), pidf_type) << *first;
    EXPECT_EQ(only_header(*first, "Call-ID"), watcher.subscribe.call_id) << *first;
    EXPECT_NE(body_of(*first).find("at her desk"), std::string::npos) << *first;
    EXPECT_NE(body_of(*first).find("<basic>open</basic>"), std::string::npos) << *first;

    SipRequest modify = publish_request(pidf("closed", "gone home"));
    modify.extra_headers.push_back("SIP-If-Match: " + etag);
    std::string new_etag;
    ASSERT_NO_FATAL_FAILURE(publish(*alice_peer, modify, new_etag));
    const auto second = notify_where(
        watcher, [](const std::string &notify) { return body_of(notify).find("gone home") != std::string::npos; });
    ASSERT_TRUE(second) << "no NOTIFY with alice's second state";
    EXPECT_TRUE(only_header(*second, "Subscription-State").starts_with("active")) << *second;
    EXPECT_NE(body_of(*second).find("<basic>closed</basic>"), std::string::npos) << *second;
    EXPECT_EQ(body_of(*second).find("at her desk"), std::string::npos) << "the old state is still there: " << *second;

    SipRequest unsubscribe = watcher.subscribe;
    unsubscribe.request_uri = watcher.server_contact;
    unsubscribe.to_tag = watcher.server_tag;
    unsubscribe.cseq = watcher.subscribe.cseq + 1;
    unsubscribe.extra_headers = {"Event: presence", "Expires: 0"};
    ASSERT_TRUE(watcher.peer->send(unsubscribe));
    const auto ended = watcher.inbox->final_response();
    ASSERT_TRUE(ended) << "no answer to the SUBSCRIBE with Expires: 0";
    EXPECT_EQ(status_code(*ended), 200) << *ended;
    const auto last = notify_where(watcher, [](const std::string &notify) {
        return !only_header(notify, "Subscription-State").starts_with("active");
    });
    ASSERT_TRUE(last) << "no NOTIFY that ends the subscription";
    EXPECT_TRUE(only_header(*last, "Subscription-State").starts_with("terminated")) << *last;
}

// What the setting "no listening port" relies on: once the watcher's
// connection is gone, the server does not open one towards its old port.
class KamailioPresenceStreamTest : public KamailioPresenceTest {};

TEST_P(KamailioPresenceStreamTest, NotifyNeverOpensANewConnectionTowardsTheWatcher)
{
    const std::string transport = GetParam();
    std::optional<Peer> alice_peer;
    ASSERT_NO_FATAL_FAILURE(open_peer(transport, alice_peer));
    std::string etag;
    ASSERT_NO_FATAL_FAILURE(publish(*alice_peer, publish_request(pidf("open", "at her desk")), etag));
    Watcher watcher;
    ASSERT_NO_FATAL_FAILURE(subscribe(watcher, transport));
    ASSERT_TRUE(next_notify(watcher)) << "no first NOTIFY";
    const std::uint16_t watcher_port = watcher.peer->local_port();
    watcher.inbox.reset();
    watcher.peer.reset();
    // The port is free once Kamailio has closed its end too.
    int listener = -1;
    const auto deadline = std::chrono::steady_clock::now() + connection_grace;
    while ((listener = listen_on(watcher_port)) < 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_GE(listener, 0) << "cannot listen on the watcher's old port " << watcher_port;

    SipRequest modify = publish_request(pidf("closed", "gone home"));
    modify.extra_headers.push_back("SIP-If-Match: " + etag);
    std::string new_etag;
    ASSERT_NO_FATAL_FAILURE(publish(*alice_peer, modify, new_etag));

    pollfd incoming{listener, POLLIN, 0};
    const int ready = poll(&incoming, 1, static_cast<int>(connection_grace.count()));
    close(listener);
    EXPECT_EQ(ready, 0) << "Kamailio connected to the watcher's port to deliver a NOTIFY";
}

INSTANTIATE_TEST_SUITE_P(Transports, KamailioPresenceTest, ::testing::Values("UDP", "TCP", "TLS"));
INSTANTIATE_TEST_SUITE_P(StreamTransports, KamailioPresenceStreamTest, ::testing::Values("TCP", "TLS"));

TEST_F(KamailioFixtureTest, PresenceServerChallengesPublishAndRefusesAnotherUsersPresentity)
{
    KamailioOptions options;
    options.presence = true;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("TLS", peer));
    Inbox inbox(*peer);

    SipRequest request = publish_request(pidf("open", "pretending to be bob"));
    request.request_uri = "sip:bob@cordon.test";
    request.to_user = "bob";
    ASSERT_TRUE(peer->send(request));
    const auto challenged = inbox.final_response();
    ASSERT_TRUE(challenged);
    EXPECT_EQ(status_code(*challenged), 407) << *challenged;

    const auto refused = send_authenticated(*peer, inbox, request, alice);
    ASSERT_TRUE(refused);
    EXPECT_EQ(status_code(*refused), 403) << *refused;
}

} // namespace
} // namespace cordon::test
