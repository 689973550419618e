// The composer's Actions popup: the support agent actions the agent may run, then the picked one's
// form; Run is sent only when the core's check_action_form passes, its problem shown at the field.
#pragma once
#include "app.hpp"

namespace parley::web {

void draw_actions_popup(const Chat& chat, UiState& ui, Outbox& out);

}  // namespace parley::web
