// The attention views: the alert settings popup, the Missed counter's list of sessions with what
// took them, and the offline demo's first-run hint. Drawn inside the workspace window each frame.
#pragma once
#include "app.hpp"

namespace parley::web {

void draw_attention_popups(const ViewContext& view, UiState& ui, Outbox& out);
// The demo's hint (drawn above the lists while it has not been read).
void draw_demo_hint(const ViewContext& view, UiState& ui, Outbox& out);

}  // namespace parley::web
