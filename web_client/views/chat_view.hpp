// The session view: header and chat actions (accept, pause/resume, transfer, close, reopen), the
// timeline of parley::timeline (separator texts, delivery statuses, resend on error) drawn with a
// height cache so only visible rows are laid out, and the composer (Enter sends).
#pragma once
#include "app.hpp"

namespace parley::web {

void draw_chat_view(const ViewContext& view, UiState& ui, Outbox& out);
// Lines the composer shows (1–6) for `text` in a field `width` wide (the current ImGui font).
int composer_lines(const std::string& text, float width);

}  // namespace parley::web
