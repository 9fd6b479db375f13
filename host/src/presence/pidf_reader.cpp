// read_pidf: caps and markup first (the parser never sees a DOCTYPE or more
// than max_pidf_bytes), then pugixml, then the tree's shape and namespaces
// (xml_tree.hpp), then the PIDF elements, recognised by namespace and local
// name. Elements of other namespaces are extensions: read past, not kept.
#include <algorithm>
#include <set>

#include <pugixml.hpp>

#include "core/utf8_check.hpp"
#include "presence/pidf_document.hpp"
#include "presence/pidf_fields.hpp"
#include "presence/pidf_limits.hpp"
#include "presence/xml_markup_check.hpp"
#include "presence/xml_tree.hpp"
#include "sip/wire_text.hpp"

namespace cordon::presence {
namespace {

Error pidf_error(const std::string &what) { return Error{ErrorCode::malformed_input, "PIDF body: " + what}; }

bool is_pidf(pugi::xml_node element, std::string_view local_name)
{
    const ExpandedName name = expanded_name(element);
    return name.namespace_uri == pidf_namespace && name.local_name == local_name;
}

// The text of an element that holds text only (<basic>, <contact>, <note>, <timestamp>).
Result<std::string> element_text(pugi::xml_node element, std::string_view field)
{
    std::string text;
    for (const pugi::xml_node child : element.children()) {
        if (child.type() == pugi::node_element) {
            return pidf_error("<" + std::string(field) + "> holds an element; it may hold text only");
        }
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            text += child.value();
        }
        if (text.size() > max_pidf_text_bytes * 2) {
            break; // checked_text refuses it; no need to copy more
        }
    }
    return checked_text(text, "<" + std::string(field) + ">");
}

// The PIDF child named local_name of element that may appear at most once.
Result<pugi::xml_node> single_child(pugi::xml_node element, std::string_view local_name, std::string_view where)
{
    pugi::xml_node found;
    for (const pugi::xml_node child : element.children()) {
        if (child.type() == pugi::node_element && is_pidf(child, local_name)) {
            if (found) {
                return pidf_error(std::string(where) + " has more than one <" + std::string(local_name) + ">");
            }
            found = child;
        }
    }
    return found;
}

Result<Basic> read_status(pugi::xml_node status, const std::string &where)
{
    auto basic = single_child(status, "basic", where + " <status>");
    if (!basic) {
        return basic.error();
    }
    if (!*basic) {
        return Basic::unknown;
    }
    auto text = element_text(*basic, "basic");
    if (!text) {
        return text.error();
    }
    if (*text == "open") {
        return Basic::open;
    }
    if (*text == "closed") {
        return Basic::closed;
    }
    return pidf_error(where + " <basic> is '" + sip::printable(*text) + "', not open or closed");
}

Result<void> read_contact(pugi::xml_node contact, PresenceTuple &tuple, const std::string &where)
{
    auto text = element_text(contact, "contact");
    if (!text) {
        return text.error();
    }
    if (auto valid = check_uri(*text, where + " <contact>"); !valid) {
        return valid;
    }
    tuple.contact = std::move(*text);
    if (const auto priority = unprefixed_attribute(contact, "priority")) {
        auto trimmed = checked_text(*priority, "contact priority");
        if (!trimmed) {
            return trimmed.error();
        }
        auto value = read_qvalue(*trimmed);
        if (!value) {
            return value.error();
        }
        tuple.contact_priority = *value;
    }
    return {};
}

// The first <note> of element (the rest, in other languages, are counted
// and dropped), or all of them for <presence>.
Result<std::vector<std::string>> read_notes(pugi::xml_node element, bool first_only, const std::string &where)
{
    std::vector<std::string> notes;
    std::size_t count = 0;
    for (const pugi::xml_node child : element.children()) {
        if (child.type() != pugi::node_element || !is_pidf(child, "note")) {
            continue;
        }
        if (++count > max_pidf_notes) {
            return pidf_error(where + " has more than " + std::to_string(max_pidf_notes) + " <note> elements");
        }
        auto text = element_text(child, "note");
        if (!text) {
            return text.error();
        }
        if (!first_only || notes.empty()) {
            notes.push_back(std::move(*text));
        }
    }
    return notes;
}

Result<PresenceTuple> read_tuple(pugi::xml_node element)
{
    PresenceTuple tuple;
    const auto id = unprefixed_attribute(element, "id");
    auto id_text = checked_text(id.value_or(""), "tuple id");
    if (!id_text) {
        return id_text.error();
    }
    if (id_text->empty()) {
        return pidf_error("a <tuple> without an id");
    }
    tuple.id = std::move(*id_text);
    const std::string where = "tuple '" + sip::printable(tuple.id) + "'";

    auto status = single_child(element, "status", where);
    if (!status) {
        return status.error();
    }
    if (!*status) {
        return pidf_error(where + " has no <status>");
    }
    auto basic = read_status(*status, where);
    if (!basic) {
        return basic.error();
    }
    tuple.basic = *basic;

    auto contact = single_child(element, "contact", where);
    if (!contact) {
        return contact.error();
    }
    if (*contact) {
        if (auto read = read_contact(*contact, tuple, where); !read) {
            return read.error();
        }
    }
    auto notes = read_notes(element, true, where);
    if (!notes) {
        return notes.error();
    }
    if (!notes->empty()) {
        tuple.note = std::move(notes->front());
    }
    auto timestamp = single_child(element, "timestamp", where);
    if (!timestamp) {
        return timestamp.error();
    }
    if (*timestamp) {
        auto text = element_text(*timestamp, "timestamp");
        if (!text) {
            return text.error();
        }
        tuple.timestamp = std::move(*text);
    }
    return tuple;
}

// An XML declaration, when there is one, must not claim another encoding:
// the bytes were checked as UTF-8 and are read as UTF-8, so a document that
// says otherwise would be read as something its sender did not write.
Result<void> check_declared_encoding(const pugi::xml_document &document)
{
    const pugi::xml_node declaration = document.first_child();
    if (declaration.type() != pugi::node_declaration) {
        return {};
    }
    const std::string_view encoding = declaration.attribute("encoding").value();
    if (!encoding.empty() && encoding != "UTF-8" && encoding != "utf-8") {
        return pidf_error("declares encoding '" + sip::printable(encoding) + "'; presence documents are UTF-8");
    }
    return {};
}

Result<PidfDocument> read_presence(pugi::xml_node root)
{
    if (!is_pidf(root, "presence")) {
        const ExpandedName name = expanded_name(root);
        return pidf_error("the root is <" + sip::printable(name.local_name) + "> in namespace '" +
                          sip::printable(name.namespace_uri) + "', not <presence> in " + std::string(pidf_namespace));
    }
    PidfDocument document;
    const auto entity = unprefixed_attribute(root, "entity");
    if (!entity) {
        return pidf_error("<presence> has no entity");
    }
    auto entity_text = checked_text(*entity, "entity");
    if (!entity_text) {
        return entity_text.error();
    }
    if (auto valid = check_presentity_uri(*entity_text); !valid) {
        return valid.error();
    }
    document.entity = std::move(*entity_text);

    std::set<std::string> ids;
    for (const pugi::xml_node child : root.children()) {
        if (child.type() != pugi::node_element || !is_pidf(child, "tuple")) {
            continue;
        }
        if (document.tuples.size() == max_pidf_tuples) {
            return pidf_error("more than " + std::to_string(max_pidf_tuples) + " tuples");
        }
        auto tuple = read_tuple(child);
        if (!tuple) {
            return tuple.error();
        }
        if (!ids.insert(tuple->id).second) {
            return pidf_error("two tuples have the id '" + sip::printable(tuple->id) + "'");
        }
        document.tuples.push_back(std::move(*tuple));
    }
    auto notes = read_notes(root, false, "<presence>");
    if (!notes) {
        return notes.error();
    }
    document.notes = std::move(*notes);
    return document;
}

} // namespace

Result<PidfDocument> read_pidf(std::string_view xml)
{
    if (xml.size() > max_pidf_bytes) {
        return pidf_error(std::to_string(xml.size()) + " bytes, more than the limit of " +
                          std::to_string(max_pidf_bytes));
    }
    if (const auto bad = first_invalid_utf8(xml)) {
        return pidf_error("not UTF-8 at byte " + std::to_string(*bad));
    }
    if (auto markup = check_xml_markup(xml); !markup) {
        return markup.error();
    }
    pugi::xml_document document;
    // No pugi::parse_doctype: check_xml_markup already refused any DOCTYPE.
    // parse_fragment keeps text outside the root as nodes (pugixml would
    // drop it otherwise), so that check_xml_tree refuses it.
    const unsigned options = pugi::parse_default | pugi::parse_declaration | pugi::parse_fragment;
    const pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size(), options, pugi::encoding_utf8);
    if (!parsed) {
        return pidf_error(std::string("not well-formed XML (") + parsed.description() + " at byte " +
                          std::to_string(parsed.offset) + ")");
    }
    if (auto tree = check_xml_tree(document, XmlTreeLimits{max_pidf_depth, max_pidf_attributes}); !tree) {
        return tree.error();
    }
    if (auto encoding = check_declared_encoding(document); !encoding) {
        return encoding.error();
    }
    return read_presence(document.document_element());
}

} // namespace cordon::presence
