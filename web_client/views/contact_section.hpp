// The customer panel's records (SPEC §12): the customer's contact (link to one found by search, or
// create one), the session's cases and leads with forms to add them, the customer's earlier sessions,
// and the contact drawer (the contact's cases, leads and sessions) drawn in the panel's place.
#pragma once
#include "app.hpp"

namespace parley::web {

// Asks for the record of `chat` when it is not the one held, or a change made it stale.
void ask_customer_record(const Chat& chat, UiState& ui, Outbox& out);
// Below the session facts; asks for the record when the open session changed or a change was made.
void draw_contact_section(const ViewContext& view, const Chat& chat, UiState& ui, Outbox& out);
// True while the drawer is open: it is drawn instead of the panel.
bool contact_drawer_open(const UiState& ui);
void draw_contact_drawer(const ViewContext& view, UiState& ui, Outbox& out);

}  // namespace parley::web
