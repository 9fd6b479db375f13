// The [encryption] rows of the settings table: how SIP message bodies are
// protected end to end (S/MIME through a body encryption plugin). Kept
// apart so that settings_table.cpp stays readable; it joins these rows to
// its own, and table_problem() checks them all. Included by that file only:
// the rows are in an unnamed namespace, as its own are, so that the
// addresses of their store functions are constants (an inline variable's
// lambdas have vague linkage, and gcc's sanitizer builds then cannot prove
// them non-null at compile time).
#pragma once

#include <array>

#include "settings/setting_spec.hpp"

namespace cordon::settings_detail {
namespace {

// Indexed by BodyMode.
constexpr std::array<std::string_view, 3> body_mode_names = {"off", "when-no-tls", "always"};
static_assert(static_cast<std::size_t>(BodyMode::off) == 0 && static_cast<std::size_t>(BodyMode::when_no_tls) == 1 &&
              static_cast<std::size_t>(BodyMode::always) == 2);

constexpr std::array<SettingSpec, 4> encryption_setting_rows = {{
    {
        .key = "encryption.body_mode",
        .kind = ChoiceSetting{.choices = body_mode_names,
                              .default_value = "when-no-tls",
                              .store =
                                  [](Settings &settings, std::size_t index) {
                                      settings.user_agent.body_encryption.mode = static_cast<BodyMode>(index);
                                  }},
        .description = "When message bodies (MESSAGE text) are encrypted end to end with S/MIME for their recipient: "
                       "\"off\" (never), \"when-no-tls\" (exactly when the next hop is not a verified TLS server: udp, "
                       "tcp, or tls with tls.verify = false) or \"always\". A body "
                       "that must be encrypted and cannot be (no certificate for the recipient in "
                       "encryption.peer_certificates) is not sent, and the application gets an error saying why. "
                       "Encrypted bodies that arrive are decrypted in every mode (with encryption.certificate_file); "
                       "one that does not decrypt is rejected, never shown.",
        .security_note = "Without TLS every proxy and anyone on the path reads and can change a message's text. The "
                         "default, \"when-no-tls\", keeps that from happening silently: over the default tls transport "
                         "nothing changes, over udp, tcp or unverified tls (tls.verify = false: encrypted, but to a "
                         "server nobody checked) a message goes out encrypted or not at all (the same choice "
                         "media.encryption's \"required\" makes for calls). \"off\" sends text in clear over plain "
                         "hops; \"always\" also hides it from the TLS proxies on the way, which otherwise read it. "
                         "S/MIME hides the body only: who writes to whom stays visible in the headers.",
    },
    {
        .key = "encryption.certificate_file",
        .kind = PathSetting{.default_value = "",
                            .store =
                                [](Settings &settings, std::filesystem::path value) {
                                    settings.user_agent.body_encryption.certificate_file = std::move(value);
                                }},
        .description = "This client's own PEM certificate (RSA of 2048 bits or more, or EC), the one peers encrypt "
                       "bodies to. Empty: encrypted bodies that arrive cannot be read and are rejected.",
        .security_note = "Peers trust this certificate because their operator configured it for you; give it to them "
                         "over a channel you trust, since a certificate swapped on the way lets its holder read what "
                         "they send you.",
    },
    {
        .key = "encryption.private_key_file",
        .kind = PathSetting{.default_value = "",
                            .store =
                                [](Settings &settings, std::filesystem::path value) {
                                    settings.user_agent.body_encryption.private_key_file = std::move(value);
                                }},
        .description = "The unencrypted PEM private key of encryption.certificate_file.",
        .security_note = "Whoever reads this file reads every message encrypted to you, past and future: keep it "
                         "readable only by its owner. It is read once at start and never logged.",
    },
    {
        .key = "encryption.peer_certificates",
        .kind = PathTableSetting{.store =
                                     [](Settings &settings, std::map<std::string, std::filesystem::path> certificates) {
                                         settings.user_agent.body_encryption.peer_certificates =
                                             std::move(certificates);
                                     }},
        .description = "The PEM certificate of each peer bodies are encrypted to, by SIP URI, e.g. "
                       "[encryption.peer_certificates] \"sip:bob@example.com\" = \"certs/bob.pem\". A recipient is "
                       "found by its address of record: sip and sips name the same peer, the host is compared "
                       "without case, the user part exactly, port and parameters are ignored.",
        .security_note = "Trust is this table, not a certificate authority: a certificate listed here is the one "
                         "whose holder can read what you send that peer, so take it from the peer over a channel you "
                         "trust. A certificate that is expired, not yet valid, too weak or without a key usage for "
                         "encryption refuses the settings at start.",
    },
}};

} // namespace
} // namespace cordon::settings_detail
