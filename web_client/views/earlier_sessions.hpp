// Above a session's timeline, a returning customer's earlier sessions (SPEC §12): one line saying how
// many, and once shown, each one with its timeline read on demand (the customer record's history).
#pragma once
#include "app.hpp"

namespace parley::web {

// Nothing when the customer has no earlier session (or the record is not read yet).
void draw_earlier_sessions(const ViewContext& view, const Chat& chat, UiState& ui, Outbox& out);

}  // namespace parley::web
