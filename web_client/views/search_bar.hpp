// The search bar (SPEC §7): with no session open it finds sessions by name (parley::search_sessions),
// with one open that session's name and messages (parley::search_messages). Ctrl+K focuses it.
#pragma once
#include "app.hpp"

namespace parley::web {

void draw_search_bar(const ViewContext& view, UiState& ui, Outbox& out);

}  // namespace parley::web
