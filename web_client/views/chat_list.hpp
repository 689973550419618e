// The session lists (My sessions, Queue, Active for supervisors, Closed) via parley::session_list,
// with markers (new unopened, paused, current, unread) and the counters of parley::counters.
#pragma once
#include "app.hpp"

namespace parley::web {

void draw_chat_list(const ViewContext& view, UiState& ui, Outbox& out);

}  // namespace parley::web
