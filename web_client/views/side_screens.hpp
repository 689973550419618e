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

// The screen's title, and "Back to sessions" at the right edge (its id `close_id`, widget
// `close_widget`); true when that was clicked.
bool side_screen_title(UiState& ui, const char* title, const char* close_id, const char* close_widget);

}  // namespace parley::web
