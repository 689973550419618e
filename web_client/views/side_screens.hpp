// The screens that take the session view's place (Reports, Sessions, Audit, Admin): their tab buttons after
// the list's tabs, their title row with the way back, and the rule that one is open at a time.
#pragma once
#include "app.hpp"

namespace parley::web {

// Closes every side screen; the one being opened then sets itself open.
void close_side_screens(UiState& ui);

// A tab button after the list's own tabs, on the same line while it fits; true when clicked.
// `label` carries its ImGui id ("Reports###tab.reports"); `widget` names it for the test hook.
bool side_screen_tab(UiState& ui, const char* label, const char* widget);

// A side screen's tab when `allowed`: a click opens `screen` over the current session and asks for its
// data (`screen` has `open`, `opened_over` and `want`, as ReportsUi and the others do).
template <class Screen>
void side_screen_tab(UiState& ui, Screen& screen, bool allowed, const char* label, const char* widget) {
  if (!allowed || !side_screen_tab(ui, label, widget)) return;
  screen.open = true;
  screen.opened_over = ui.current_chat;
  screen.want = true;
}

// Whether `screen` shows; it closes once another session is opened or its viewer may no longer see it.
template <class Screen>
bool side_screen_showing(const UiState& ui, Screen& screen, bool allowed) {
  if (screen.open && (ui.current_chat != screen.opened_over || !allowed)) screen.open = false;
  return screen.open;
}

// The screen's title, and "Back to sessions" at the right edge (its id `close_id`, widget
// `close_widget`); true when that was clicked.
bool side_screen_title(UiState& ui, const char* title, const char* close_id, const char* close_widget);

}  // namespace parley::web
