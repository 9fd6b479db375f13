// write_pidf through pugixml's writer, which escapes text and attribute
// values; elements in the order of RFC 3863's schema (tuple: status,
// contact, note, timestamp; presence: tuples, then notes).
#include <sstream>

#include <pugixml.hpp>

#include "presence/pidf_document.hpp"
#include "presence/pidf_fields.hpp"

namespace cordon::presence {
namespace {

void add_text_element(pugi::xml_node parent, const char *name, const std::string &text)
{
    parent.append_child(name).append_child(pugi::node_pcdata).set_value(text.c_str());
}

void add_tuple(pugi::xml_node presence, const PresenceTuple &tuple)
{
    pugi::xml_node element = presence.append_child("tuple");
    element.append_attribute("id").set_value(tuple.id.c_str());
    pugi::xml_node status = element.append_child("status");
    if (tuple.basic != Basic::unknown) {
        add_text_element(status, "basic", to_string(tuple.basic));
    }
    if (!tuple.contact.empty()) {
        pugi::xml_node contact = element.append_child("contact");
        if (tuple.contact_priority) {
            contact.append_attribute("priority").set_value(write_qvalue(*tuple.contact_priority).c_str());
        }
        contact.append_child(pugi::node_pcdata).set_value(tuple.contact.c_str());
    }
    if (!tuple.note.empty()) {
        add_text_element(element, "note", tuple.note);
    }
    if (!tuple.timestamp.empty()) {
        add_text_element(element, "timestamp", tuple.timestamp);
    }
}

} // namespace

const char *to_string(Basic basic)
{
    switch (basic) {
    case Basic::open:
        return "open";
    case Basic::closed:
        return "closed";
    case Basic::unknown:
        break;
    }
    return "unknown";
}

Basic overall_basic(const PidfDocument &document)
{
    Basic overall = Basic::unknown;
    for (const PresenceTuple &tuple : document.tuples) {
        if (tuple.basic == Basic::open) {
            return Basic::open;
        }
        if (tuple.basic == Basic::closed) {
            overall = Basic::closed;
        }
    }
    return overall;
}

std::string write_pidf(const PidfDocument &document)
{
    pugi::xml_document xml;
    pugi::xml_node declaration = xml.append_child(pugi::node_declaration);
    declaration.append_attribute("version").set_value("1.0");
    declaration.append_attribute("encoding").set_value("UTF-8");

    pugi::xml_node presence = xml.append_child("presence");
    presence.append_attribute("xmlns").set_value(std::string(pidf_namespace).c_str());
    presence.append_attribute("entity").set_value(document.entity.c_str());
    for (const PresenceTuple &tuple : document.tuples) {
        add_tuple(presence, tuple);
    }
    for (const std::string &note : document.notes) {
        add_text_element(presence, "note", note);
    }
    std::ostringstream text;
    xml.save(text, "  ", pugi::format_indent, pugi::encoding_utf8);
    return text.str();
}

} // namespace cordon::presence
