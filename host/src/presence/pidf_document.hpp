// A presence document (RFC 3863, PIDF) as Cordon uses it: the presentity,
// its tuples' basic status, contact, note and timestamp, and the document's
// notes. Extensions (RPID, data model, GEOPRIV) are read past, not kept.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/result.hpp"

namespace cordon::presence {

inline constexpr std::string_view pidf_namespace = "urn:ietf:params:xml:ns:pidf";

// <basic>: unknown when a tuple's <status> carries none (RFC 3863 makes it optional).
enum class Basic { open, closed, unknown };

struct PresenceTuple {
    std::string id;
    Basic basic = Basic::unknown;
    std::string contact;                    // empty: no <contact>
    std::optional<double> contact_priority; // 0..1, in thousandths (a qvalue)
    std::string note;                       // the first <note> of the tuple, empty if none
    std::string timestamp;                  // as written (xs:dateTime), empty if none

    bool operator==(const PresenceTuple &) const = default;
};

struct PidfDocument {
    std::string entity; // the presentity: a sip:, sips: or pres: URI
    std::vector<PresenceTuple> tuples;
    std::vector<std::string> notes; // <note> elements of <presence>, in order

    bool operator==(const PidfDocument &) const = default;
};

// Open if any tuple is open; closed if some tuple is closed and none open;
// unknown otherwise (no tuples, or none says).
Basic overall_basic(const PidfDocument &document);

const char *to_string(Basic basic);

// A received body: refused (malformed_input, with a message saying what)
// when over the caps of pidf_limits.hpp, when not UTF-8, when it declares a
// DOCTYPE or an entity, when its root is not <presence> in the PIDF
// namespace (prefixes resolved as XML namespaces define them), and when
// a mandatory part is missing or malformed. Text fields come back with
// surrounding XML whitespace removed. Never throws.
Result<PidfDocument> read_pidf(std::string_view xml);

// A complete document with its XML declaration, text escaped. Nothing is
// refused: the caller gives a presentity URI (sip:, sips: or pres:), tuple
// ids that are XML NCNames and unique, UTF-8 text without control
// characters other than tab and line feed, and priorities in 0..1 (written
// with three decimals). What read_pidf returned always writes back to a
// document read_pidf reads as equal.
std::string write_pidf(const PidfDocument &document);

} // namespace cordon::presence
