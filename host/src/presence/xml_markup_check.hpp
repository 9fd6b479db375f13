// What the XML parser is never asked to handle: a received body is scanned
// once, linearly, before pugixml sees it. A DOCTYPE (and with it any entity
// declaration, the root of "billion laughs" and external entity attacks) is
// refused outright, as is a reference to an entity XML does not predefine,
// which pugixml would otherwise keep as literal text: a repaired document.
#pragma once

#include <string_view>

#include "cordon/host/result.hpp"

namespace cordon::presence {

// Comments and CDATA sections are skipped; everything else is markup.
Result<void> check_xml_markup(std::string_view xml);

} // namespace cordon::presence
