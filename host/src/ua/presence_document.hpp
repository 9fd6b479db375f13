// Between the application's PresenceStatus and the PIDF documents on the
// wire: what a watched contact's document says, reduced to what an
// application shows, and the document this user publishes.
#pragma once

#include <string>

#include "cordon/host/presence.hpp"
#include "presence/pidf_document.hpp"

namespace cordon::ua {

// basic: open if any tuple is; note: the first open tuple's, else the first
// tuple's, else the document's; contact: the open tuple's with the highest
// priority (RFC 3863 section 4.1.5), else none.
PresenceStatus status_of(const presence::PidfDocument &document);

// One tuple (tuple_id) for this user agent, with entity the presentity
// (this user's address of record).
presence::PidfDocument document_of(const PresenceStatus &status, const std::string &entity,
                                   const std::string &tuple_id);

} // namespace cordon::ua
