// Caps on a received PIDF body (RFC 3863), checked before and while it is
// read so that its cost stays linear in sizes Cordon chose. Real documents
// are far below each: Kamailio's aggregated NOTIFY bodies with RPID and
// data-model extensions stay under 4 KiB, with a handful of tuples.
#pragma once

#include <cstddef>

namespace cordon::presence {

// The whole body, refused before the XML parser sees a byte.
inline constexpr std::size_t max_pidf_bytes = 16 * 1024;
// Element nesting, extensions included: presence > tuple > status > basic is
// 4; GEOPRIV civic locations, the deepest common extension, reach about 8.
inline constexpr std::size_t max_pidf_depth = 24;
// Tuples in one document (one per device or service of the presentity).
inline constexpr std::size_t max_pidf_tuples = 64;
// Attributes on any one element (namespace declarations included); PIDF
// elements carry one or two, extensions a few more.
inline constexpr std::size_t max_pidf_attributes = 32;
// <note> elements directly under <presence>, and under any one <tuple>.
inline constexpr std::size_t max_pidf_notes = 16;
// Any one text field after XML decoding: entity, id, contact, note, timestamp.
inline constexpr std::size_t max_pidf_text_bytes = 1024;

} // namespace cordon::presence
