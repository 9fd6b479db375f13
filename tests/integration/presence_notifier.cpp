#include "tests/integration/presence_notifier.hpp"

#include <map>

namespace cordon::test {

namespace {

constexpr std::chrono::seconds wait_for_agent{10};
constexpr std::chrono::milliseconds drain_wait{1};

struct NotifierDialog {
    std::string contact; // the presentity (Request-URI of the SUBSCRIBE)
    std::string call_id;
    std::string watcher_from;   // the SUBSCRIBE's From, tag included: To of our NOTIFYs
    std::string watcher_target; // its Contact URI: Request-URI of our NOTIFYs
    std::string tag;            // ours
    unsigned cseq = 0;
};

std::string first_line(const std::string &message) { return message.substr(0, message.find("\r\n")); }

std::string header(const std::string &message, std::string_view name)
{
    const auto values = header_values(message, name);
    return values.empty() ? std::string() : values.front();
}

std::string angle_uri(const std::string &value)
{
    const auto open = value.find('<');
    const auto close = value.find('>', open);
    return open == std::string::npos || close == std::string::npos ? value : value.substr(open + 1, close - open - 1);
}

std::string response_to(const std::string &request, int code, const std::string &to_tag,
                        const std::vector<std::string> &extra = {})
{
    std::string text = "SIP/2.0 " + std::to_string(code) + (code == 200 ? " OK" : " Error") + "\r\n";
    for (const auto &via : header_values(request, "Via")) {
        text += "Via: " + via + "\r\n";
    }
    text += "From: " + header(request, "From") + "\r\n";
    text += "To: " + header(request, "To") + ";tag=" + to_tag + "\r\n";
    text += "Call-ID: " + header(request, "Call-ID") + "\r\n";
    text += "CSeq: " + header(request, "CSeq") + "\r\n";
    for (const auto &line : extra) {
        text += line + "\r\n";
    }
    return text + "Content-Length: 0\r\n\r\n";
}

std::string pidf(const std::string &entity, const std::string &note)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"" +
           entity +
           "\">\n"
           "  <tuple id=\"t1\"><status><basic>open</basic></status><note>" +
           note + "</note></tuple>\n</presence>\n";
}

std::string notify(NotifierDialog &dialog, std::uint16_t port, const std::string &note, std::size_t serial)
{
    const std::string body = pidf(dialog.contact, note);
    std::string text = "NOTIFY " + dialog.watcher_target + " SIP/2.0\r\n";
    text +=
        "Via: SIP/2.0/TCP 127.0.0.1:" + std::to_string(port) + ";branch=z9hG4bKflood" + std::to_string(serial) + "\r\n";
    text += "Max-Forwards: 70\r\n";
    text += "From: <" + dialog.contact + ">;tag=" + dialog.tag + "\r\n";
    text += "To: " + dialog.watcher_from + "\r\n";
    text += "Call-ID: " + dialog.call_id + "\r\n";
    text += "CSeq: " + std::to_string(++dialog.cseq) + " NOTIFY\r\n";
    text += "Contact: <sip:notifier@127.0.0.1:" + std::to_string(port) + ";transport=tcp>\r\n";
    text += "Event: presence\r\nSubscription-State: active;expires=600\r\n";
    text += "Content-Type: application/pidf+xml\r\n";
    return text + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

} // namespace

std::string flood_note(std::size_t index, unsigned round)
{
    return "contact " + std::to_string(index) + " round " + std::to_string(round);
}

std::string flood_contact(std::size_t index) { return "sip:contact-" + std::to_string(index) + "@cordon.test"; }

Result<std::unique_ptr<PresenceNotifier>> PresenceNotifier::start(FloodPlan plan)
{
    auto listener = TcpSipListener::open();
    if (!listener) {
        return listener.error();
    }
    std::unique_ptr<PresenceNotifier> notifier(new PresenceNotifier(std::move(listener.value()), plan));
    notifier->thread_ = std::thread([raw = notifier.get()] { raw->run(); });
    return notifier;
}

PresenceNotifier::PresenceNotifier(TcpSipListener listener, FloodPlan plan)
    : listener_(std::move(listener)), plan_(plan)
{
}

PresenceNotifier::~PresenceNotifier()
{
    if (thread_.joinable()) {
        thread_.join();
    }
}

FloodResult PresenceNotifier::finish()
{
    if (thread_.joinable()) {
        thread_.join();
    }
    return result_;
}

void PresenceNotifier::run()
{
    auto connection = listener_.accept(wait_for_agent);
    if (!connection) {
        result_.error = "the agent never connected";
        return;
    }
    std::vector<NotifierDialog> dialogs;
    std::map<std::string, std::size_t> by_contact;
    std::size_t serial = 0;
    std::optional<std::chrono::steady_clock::time_point> options_sent;
    const std::string options_call_id = "options-during-flood";

    // Reads one message and does what it asks; false when none came in time.
    const auto handle_next = [&](std::chrono::milliseconds wait) {
        auto message = connection->receive(wait);
        if (!message) {
            return false;
        }
        const std::string line = first_line(*message);
        if (line.starts_with("SUBSCRIBE ")) {
            NotifierDialog dialog;
            dialog.contact = line.substr(10, line.find(' ', 10) - 10);
            dialog.call_id = header(*message, "Call-ID");
            dialog.watcher_from = header(*message, "From");
            dialog.watcher_target = angle_uri(header(*message, "Contact"));
            dialog.tag = "n" + std::to_string(dialogs.size());
            (void)connection->send(response_to(
                *message, 200, dialog.tag,
                {"Expires: 600", "Contact: <sip:notifier@127.0.0.1:" + std::to_string(port()) + ";transport=tcp>"}));
            ++result_.subscribes;
            const auto known = by_contact.find(dialog.contact);
            if (known == by_contact.end()) {
                by_contact[dialog.contact] = dialogs.size();
                dialogs.push_back(dialog);
                const std::size_t index = std::stoul(dialog.contact.substr(dialog.contact.find('-') + 1));
                (void)connection->send(notify(dialogs.back(), port(), flood_note(index, 0), ++serial));
                ++result_.notifies_sent;
            }
        } else if (line.starts_with("SIP/2.0 ")) {
            const bool ok = status_code(*message) == 200;
            if (header(*message, "Call-ID") == options_call_id && options_sent) {
                result_.options_answered_in = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - *options_sent);
            } else if (header(*message, "CSeq").ends_with("NOTIFY")) {
                ++(ok ? result_.notifies_answered_200 : result_.notifies_answered_other);
                if (!ok && result_.first_refusal.empty()) {
                    result_.first_refusal = *message;
                }
            }
        }
        return true;
    };

    while (dialogs.size() < plan_.contacts) {
        if (!handle_next(wait_for_agent)) {
            result_.error = "only " + std::to_string(dialogs.size()) + " of " + std::to_string(plan_.contacts) +
                            " SUBSCRIBEs arrived";
            return;
        }
    }
    const auto flood_start = std::chrono::steady_clock::now();
    std::size_t flood_sent = 0;
    for (unsigned round = 1; round <= plan_.rounds; ++round) {
        for (auto &dialog : dialogs) {
            const std::size_t index = std::stoul(dialog.contact.substr(dialog.contact.find('-') + 1));
            if (auto sent = connection->send(notify(dialog, port(), flood_note(index, round), ++serial)); !sent) {
                result_.error = "the connection refused a NOTIFY: " + sent.error().message;
                return;
            }
            ++result_.notifies_sent;
            if (++flood_sent == plan_.options_after) {
                SipRequest options;
                options.method = "OPTIONS";
                options.request_uri = dialog.watcher_target;
                options.transport = "TCP";
                options.local_port = port();
                options.call_id = options_call_id;
                options_sent = std::chrono::steady_clock::now();
                (void)connection->send(to_text(options));
            }
            while (handle_next(std::chrono::milliseconds(0))) {
            }
        }
    }
    // Every NOTIFY answered, and the OPTIONS too.
    const auto answered = [&] {
        return result_.notifies_answered_200 + result_.notifies_answered_other == result_.notifies_sent &&
               (plan_.options_after == 0 || result_.options_answered_in);
    };
    const auto deadline = std::chrono::steady_clock::now() + wait_for_agent;
    while (!answered() && std::chrono::steady_clock::now() < deadline) {
        handle_next(drain_wait * 100);
    }
    result_.flood_duration =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - flood_start);
    if (!answered()) {
        result_.error = std::to_string(result_.notifies_answered_200 + result_.notifies_answered_other) + " of " +
                        std::to_string(result_.notifies_sent) + " NOTIFYs answered";
    }
}

} // namespace cordon::test
