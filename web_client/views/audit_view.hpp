// The Audit screen: a tab beside the session lists that opens, in place of the lists and the session,
// the filters (from, to, actor, session), a table of the audit rows and paging. Draws only; the App
// gets the rows (app_audit.cpp).
#pragma once
#include "app.hpp"

namespace parley::web {

// The "Audit" button in the lists' tab strip, for those who get the screen.
void draw_audit_tab(const ViewContext& view, UiState& ui);
// Whether the screen takes the workspace this frame.
bool audit_showing(const ViewContext& view, UiState& ui);
void draw_audit(const ViewContext& view, UiState& ui);

}  // namespace parley::web
