// The session lists (My sessions, Queue, Active for supervisors, Closed) via parley::session_list_rows,
// with markers (new unopened, paused, current, unread), the counters of parley::counters and Up/Down.
#pragma once
#include "app.hpp"

namespace parley::web {

void draw_chat_list(const ViewContext& view, UiState& ui, Outbox& out);
// Makes `id` the session shown beside the lists.
void open_chat(UiState& ui, const std::string& id);
// Opens the next (step 1) or previous (-1) session of the current list, or its first one.
void step_session(const ViewContext& view, UiState& ui, int step);
// Opens a session found elsewhere (the palette): the first list the agent may open that holds it
// becomes the current one, scrolled to it.
void show_session(const ViewContext& view, UiState& ui, ChatIx chat);

}  // namespace parley::web
