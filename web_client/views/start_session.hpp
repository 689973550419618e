// Starting sessions (SPEC §6 started_by_agent): "+ New session" above the lists and "Continue chat" on
// a closed session, each offered only when the core accepts a start by the agent (not while offline)
// and a channel reaches the customer; one form for both, drawn from the lists' window.
#pragma once
#include "app.hpp"

namespace parley::web {

// same_line: after the counters on their line.
void draw_new_session_button(const ViewContext& view, UiState& ui, Outbox& out, bool same_line);
void draw_continue_button(const ViewContext& view, const Chat& chat, UiState& ui, Outbox& out);
// The form; call once a frame from the same window as draw_new_session_button.
void draw_start_popup(const ViewContext& view, UiState& ui, Outbox& out);

}  // namespace parley::web
