// The search bar (SPEC §7) with its scope, chosen beside it: all sessions by name
// (parley::search_sessions, also while a session is open) or this session's name and messages
// (parley::search_messages). Alt+S or / focuses it; Escape clears it and gives the reply the keyboard.
#pragma once
#include "app.hpp"

namespace parley::web {

void draw_search_bar(const ViewContext& view, UiState& ui, Outbox& out);

}  // namespace parley::web
