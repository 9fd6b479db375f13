// Errors as values: every fallible call in the host's C++ API returns a
// Result. Exceptions never leave the host library.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace cordon {

enum class ErrorCode {
    invalid_argument, // the caller asked for something malformed
    buffer_too_small, // an output span cannot hold the result
    unsupported,      // valid, but the plugin or host does not do it
    malformed_input,  // bytes from the network, a file or a plugin are malformed
    out_of_memory,
    plugin_failure,     // a plugin reported an internal error
    contract_violation, // a plugin broke the ABI contract (e.g. wrote a length past capacity)
    not_found,          // no such plugin, file or format
    io,                 // the operating system refused a file operation
    config,             // the settings file is wrong
    sandbox_fault,      // a sandboxed plugin's process failed during the call: the frame is lost
    unavailable,        // a sandboxed plugin is restarting after a fault, or quarantined
    // Media encryption (media_encryption.hpp):
    signalling_not_secure, // keys refused because the signalling hop is not TLS
    no_acceptable_crypto,  // nothing offered or answered can be used: answer 488
    authentication_failed, // a protected packet's tag is wrong: drop it
    replayed,              // a protected packet was seen already or is too old: drop it
    // Body encryption (body_encryption.hpp); authentication_failed above also
    // means an encrypted body was altered or not made for this key:
    certificate_unusable,   // a certificate cannot be encrypted to (dates, key, key usage) or used to decrypt
    not_for_this_recipient, // an encrypted body names no recipient that is this identity
    encryption_unavailable, // a body must be encrypted (or decrypted) and cannot be: no plugin, certificate or identity
};

const char *to_string(ErrorCode code);

struct Error {
    ErrorCode code;
    std::string message; // one line a person can act on
};

// value() and error() require ok() and !ok() respectively; asking for the
// wrong one is a programming error (checked by assert in debug builds).
template <class T> class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return *checked(std::get_if<0>(&state_)); }
    const T &value() const & { return *checked(std::get_if<0>(&state_)); }
    T &&value() && { return std::move(*checked(std::get_if<0>(&state_))); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return *checked(std::get_if<1>(&state_)); }

private:
    template <class P> static P *checked(P *pointer)
    {
        assert(pointer != nullptr);
        return pointer;
    }

    std::variant<T, Error> state_;
};

template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), failed_(true) {}

    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Error &error() const
    {
        assert(failed_);
        return error_;
    }

private:
    Error error_{ErrorCode::invalid_argument, {}};
    bool failed_ = false;
};

} // namespace cordon
