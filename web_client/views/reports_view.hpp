// The Reports screen of supervisors and admins: a tab beside the session lists that opens, in place
// of the lists and the session, the range and group picker, both SPEC §9 reports as sortable tables
// with CSV downloads, and their charts. Draws only; the App gets the numbers (app_reports.cpp).
#pragma once
#include "app.hpp"

namespace parley::web {

// The "Reports" button in the lists' tab strip, for those who get the screen.
void draw_reports_tab(const ViewContext& view, UiState& ui);
// Whether the screen takes the workspace this frame.
bool reports_showing(const ViewContext& view, UiState& ui);
void draw_reports(const ViewContext& view, UiState& ui);

}  // namespace parley::web
