// The customer panel beside the open session (SPEC §7): customer name and channel, the session's
// number, group and state, assign/reassign to an agent of the group (supervisors and admins: chat.assign),
// and the customer's contact, cases, leads and earlier sessions, or the contact drawer in its place.
#pragma once
#include "app.hpp"

namespace parley::web {

// The width the panel takes beside the session view: 0 when no session is open.
float customer_panel_width(const ViewContext& view, const UiState& ui);
void draw_customer_panel(const ViewContext& view, UiState& ui, Outbox& out);

}  // namespace parley::web
