// The composer's tool row and its popups: attach files (picked files show as removable chips until
// the next send), response templates (filterable; also opened by typing "/" into an empty composer)
// and emoji. Draws from UiState; asks the App for files and templates through the Outbox.
#pragma once
#include "app.hpp"

namespace parley::web {

// The height draw_composer_tools takes for this chat at this width (the row wraps its chips).
float composer_tools_height(const Chat& chat, const UiState& ui, float width);
// `enabled`: the user may write into this chat.
void draw_composer_tools(const ViewContext& view, const Chat& chat, bool enabled, UiState& ui, Outbox& out);

}  // namespace parley::web
