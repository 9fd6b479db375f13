#include "presence/xml_tree.hpp"

#include <string>
#include <vector>

#include "sip/wire_text.hpp"

namespace cordon::presence {
namespace {

// Bound by the XML specification itself; never declared in a document.
constexpr std::string_view xml_prefix_namespace = "http://www.w3.org/XML/1998/namespace";

struct QualifiedName {
    std::string_view prefix; // empty: none
    std::string_view local_name;
};

// A name with at most one colon, neither side empty when there is one.
std::optional<QualifiedName> split_name(std::string_view name)
{
    const std::size_t colon = name.find(':');
    if (colon == std::string_view::npos) {
        return name.empty() ? std::nullopt : std::optional<QualifiedName>(QualifiedName{{}, name});
    }
    const std::string_view prefix = name.substr(0, colon);
    const std::string_view local = name.substr(colon + 1);
    if (prefix.empty() || local.empty() || local.find(':') != std::string_view::npos) {
        return std::nullopt;
    }
    return QualifiedName{prefix, local};
}

// The URI bound to prefix (empty: the default namespace) at element, found in
// the element's own declarations first, then its ancestors'. nullopt: unbound.
std::optional<std::string_view> namespace_of(pugi::xml_node element, std::string_view prefix)
{
    if (prefix == "xml") {
        return xml_prefix_namespace;
    }
    const auto declares = [prefix](std::string_view name) {
        if (prefix.empty()) {
            return name == "xmlns";
        }
        return name.size() == 6 + prefix.size() && name.substr(0, 6) == "xmlns:" && name.substr(6) == prefix;
    };
    for (pugi::xml_node scope = element; scope.type() == pugi::node_element; scope = scope.parent()) {
        for (const pugi::xml_attribute attribute : scope.attributes()) {
            if (declares(attribute.name())) {
                return std::string_view(attribute.value());
            }
        }
    }
    if (prefix.empty()) {
        return std::string_view(); // no default namespace declared
    }
    return std::nullopt;
}

Error tree_error(pugi::xml_node node, const std::string &what)
{
    return Error{ErrorCode::malformed_input, "PIDF body, element <" + sip::printable(node.name()) + "> at byte " +
                                                 std::to_string(node.offset_debug()) + ": " + what};
}

Result<void> check_attributes(pugi::xml_node element, std::size_t max_attributes)
{
    // Each prefixed attribute's namespace and local name, resolved once.
    std::vector<ExpandedName> namespaced;
    std::vector<std::string_view> names;
    for (const pugi::xml_attribute attribute : element.attributes()) {
        if (names.size() == max_attributes) {
            return tree_error(element, "more than " + std::to_string(max_attributes) + " attributes");
        }
        const std::string_view name = attribute.name();
        for (const std::string_view seen : names) {
            if (seen == name) {
                return tree_error(element, "attribute '" + sip::printable(name) + "' appears twice");
            }
        }
        names.push_back(name);
        const auto qualified = split_name(name);
        if (!qualified) {
            return tree_error(element, "attribute name '" + sip::printable(name) + "' is not a qualified name");
        }
        if (qualified->prefix == "xmlns") {
            if (std::string_view(attribute.value()).empty()) {
                return tree_error(element, "prefix '" + sip::printable(qualified->local_name) +
                                               "' is bound to an empty namespace name");
            }
            if (qualified->local_name == "xmlns" || qualified->local_name == "xml") {
                return tree_error(element, "prefix '" + std::string(qualified->local_name) + "' cannot be declared");
            }
            continue;
        }
        if (qualified->prefix.empty()) {
            continue; // no namespace; the raw name is unique already
        }
        const auto uri = namespace_of(element, qualified->prefix);
        if (!uri) {
            return tree_error(element, "attribute prefix '" + sip::printable(qualified->prefix) + "' is not declared");
        }
        // Two prefixes bound to one URI must not give the same attribute twice.
        for (const ExpandedName &seen : namespaced) {
            if (seen.local_name == qualified->local_name && seen.namespace_uri == *uri) {
                return tree_error(element, "attribute '" + sip::printable(qualified->local_name) +
                                               "' appears twice in one namespace");
            }
        }
        namespaced.push_back(ExpandedName{*uri, qualified->local_name});
    }
    return {};
}

Result<void> check_element(pugi::xml_node element, std::size_t depth, const XmlTreeLimits &limits)
{
    if (depth > limits.max_depth) {
        return tree_error(element, "nested deeper than " + std::to_string(limits.max_depth) + " elements");
    }
    const auto qualified = split_name(element.name());
    if (!qualified) {
        return tree_error(element, "the name is not a qualified name");
    }
    if (qualified->prefix == "xmlns") {
        return tree_error(element, "the prefix xmlns is reserved for declarations");
    }
    if (!namespace_of(element, qualified->prefix)) {
        return tree_error(element, "prefix '" + sip::printable(qualified->prefix) + "' is not declared");
    }
    return check_attributes(element, limits.max_attributes);
}

Result<void> check_top_level(const pugi::xml_document &document)
{
    std::size_t elements = 0;
    for (const pugi::xml_node node : document.children()) {
        if (node.type() == pugi::node_element) {
            ++elements;
        } else if (node.type() != pugi::node_declaration || node != document.first_child()) {
            return Error{ErrorCode::malformed_input,
                         "PIDF body: only an XML declaration and one root element may stand at the top level"};
        }
    }
    if (elements != 1) {
        return Error{ErrorCode::malformed_input,
                     "PIDF body: " + std::to_string(elements) + " root elements, where XML allows exactly one"};
    }
    return {};
}

} // namespace

Result<void> check_xml_tree(const pugi::xml_document &document, const XmlTreeLimits &limits)
{
    if (auto top = check_top_level(document); !top) {
        return top;
    }
    // Depth-first, walking sibling and parent links instead of a call stack.
    pugi::xml_node node = document.document_element();
    std::size_t depth = 1;
    while (node) {
        if (node.type() == pugi::node_doctype) {
            return tree_error(node, "a DOCTYPE is not allowed");
        }
        if (node.type() == pugi::node_element) {
            if (auto checked = check_element(node, depth, limits); !checked) {
                return checked;
            }
            if (node.first_child()) {
                node = node.first_child();
                ++depth;
                continue;
            }
        }
        while (!node.next_sibling() && depth > 1) {
            node = node.parent();
            --depth;
        }
        node = depth > 1 ? node.next_sibling() : pugi::xml_node();
    }
    return {};
}

ExpandedName expanded_name(pugi::xml_node element)
{
    const auto qualified = split_name(element.name());
    if (!qualified) {
        return {};
    }
    return ExpandedName{namespace_of(element, qualified->prefix).value_or(std::string_view()), qualified->local_name};
}

std::optional<std::string_view> unprefixed_attribute(pugi::xml_node element, std::string_view name)
{
    for (const pugi::xml_attribute attribute : element.attributes()) {
        if (name == attribute.name()) {
            return std::string_view(attribute.value());
        }
    }
    return std::nullopt;
}

} // namespace cordon::presence
