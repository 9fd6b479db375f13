// XML namespaces (Namespaces in XML 1.0) over a pugixml tree, which keeps
// prefixes as part of names and knows nothing of them. A PIDF element is
// recognised by its namespace URI and local name, never by its prefix:
// <presence xmlns="urn:ietf:params:xml:ns:pidf"> and
// <p:presence xmlns:p="urn:ietf:params:xml:ns:pidf"> are the same element,
// and a pidf: prefix bound to another URI names something else.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include <pugixml.hpp>

#include "cordon/host/result.hpp"

namespace cordon::presence {

struct XmlTreeLimits {
    std::size_t max_depth;      // element nesting, the root at depth 1
    std::size_t max_attributes; // on any one element
};

// One pass over the whole tree, without recursion: exactly one root element
// (an XML declaration may precede it), no DOCTYPE node, nesting and
// attribute counts within the limits, no attribute twice on an element, and
// every prefix of an element or attribute name declared in scope.
Result<void> check_xml_tree(const pugi::xml_document &document, const XmlTreeLimits &limits);

struct ExpandedName {
    std::string_view namespace_uri; // empty: no namespace
    std::string_view local_name;
};

// The element's namespace and local name. Requires a tree check_xml_tree accepted.
ExpandedName expanded_name(pugi::xml_node element);

// An attribute without prefix (so in no namespace), such as <tuple id="...">.
std::optional<std::string_view> unprefixed_attribute(pugi::xml_node element, std::string_view name);

} // namespace cordon::presence
