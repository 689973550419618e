// The session lists (My sessions, Queue, Active for supervisors, Closed) via parley::session_list_rows,
// with markers (new unopened, paused, current, unread), the counters of parley::counters and Up/Down.
#pragma once
#include "app.hpp"

namespace parley::web {

void draw_chat_list(const ViewContext& view, UiState& ui, Outbox& out);
// Makes `id` the session shown beside the lists.
void open_chat(UiState& ui, const std::string& id);

}  // namespace parley::web
