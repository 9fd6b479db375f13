#include "ua/presence_document.hpp"

namespace cordon::ua {

namespace {

PresenceBasic basic_of(presence::Basic basic)
{
    switch (basic) {
    case presence::Basic::open:
        return PresenceBasic::open;
    case presence::Basic::closed:
        return PresenceBasic::closed;
    case presence::Basic::unknown:
        return PresenceBasic::unknown;
    }
    return PresenceBasic::unknown;
}

presence::Basic pidf_basic(PresenceBasic basic)
{
    switch (basic) {
    case PresenceBasic::open:
        return presence::Basic::open;
    case PresenceBasic::closed:
        return presence::Basic::closed;
    case PresenceBasic::unknown:
        return presence::Basic::unknown;
    }
    return presence::Basic::unknown;
}

} // namespace

PresenceStatus status_of(const presence::PidfDocument &document)
{
    PresenceStatus status;
    status.basic = basic_of(presence::overall_basic(document));
    const presence::PresenceTuple *best_open = nullptr;
    for (const auto &tuple : document.tuples) {
        if (tuple.basic != presence::Basic::open) {
            continue;
        }
        if (best_open == nullptr || tuple.contact_priority.value_or(0) > best_open->contact_priority.value_or(0)) {
            best_open = &tuple;
        }
    }
    if (best_open != nullptr) {
        status.contact = best_open->contact;
        status.note = best_open->note;
    }
    if (status.note.empty() && !document.tuples.empty()) {
        status.note = document.tuples.front().note;
    }
    if (status.note.empty() && !document.notes.empty()) {
        status.note = document.notes.front();
    }
    return status;
}

presence::PidfDocument document_of(const PresenceStatus &status, const std::string &entity, const std::string &tuple_id)
{
    presence::PresenceTuple tuple;
    tuple.id = tuple_id;
    tuple.basic = pidf_basic(status.basic);
    tuple.contact = status.contact;
    tuple.note = status.note;
    return presence::PidfDocument{entity, {tuple}, {}};
}

} // namespace cordon::ua
