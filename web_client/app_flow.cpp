// The App's side of the flow: closes held back for their Undo window, the toast and landing that
// follow each command once it succeeded (at once in the demo, at the server's answer otherwise), and
// the composer focus an Accept asks for once the desk lets the agent write there.
#include <variant>

#include "actions.hpp"
#include "app.hpp"
#include "views/chat_list.hpp"

namespace parley::web {

namespace {
constexpr Duration kLandingWait = 5 * kSecond;  // how long a landing waits for the desk's events
}  // namespace

void App::send_or_hold(Command command) {
  if (const auto* close = std::get_if<CloseChat>(&command)) {
    const std::string chat = close->chat;
    if (ui_.flow.toasts.holds(chat)) return;  // already closing
    ui_.flow.toasts.hold(closing_text(state_, chat), std::move(command), host_.wall_ms(), chat);
    if (ui_.current_chat == chat) {
      ui_.current_chat.clear();
      ui_.reader_open = false;
    }
    return;
  }
  submit(command);
}

void App::after_success(const AfterCommand& after) {
  const Timestamp wall = host_.wall_ms();
  if (!after.toast.empty()) ui_.flow.toasts.show(after.toast, wall, after.chat);
  switch (after.landing) {
    case Landing::stay: break;
    case Landing::open_in_mine:
      ui_.tab = ListView::mine;
      ui_.tab_chosen = true;
      open_chat(ui_, after.chat);
      ui_.flow.focus_chat = after.chat;
      ui_.flow.focus_until = wall + kLandingWait;
      ui_.flow.reveal_current = true;
      break;
    case Landing::leave_session:
      if (ui_.current_chat == after.chat) {
        ui_.current_chat.clear();
        ui_.reader_open = false;
      }
      break;
  }
}

void App::send_held() {
  for (const Command& command : ui_.flow.toasts.take_all()) submit(command);
}

void App::flow_frame() {
  const Timestamp wall = host_.wall_ms();
  for (const Command& command : ui_.flow.toasts.take_due(wall)) submit(command);
  FlowState& f = ui_.flow;
  if (f.focus_chat.empty()) return;
  if (wall > f.focus_until || f.focus_chat != ui_.current_chat) {
    f.focus_chat.clear();
    f.reveal_current = false;
    return;
  }
  const ChatIx chat = state_.chat_ix(f.focus_chat);
  const AgentIx agent = state_.agent_ix(agent_id_);
  if (chat != kNoIndex && agent != kNoIndex && allows(allowed_actions(state_, agent, chat, now()), kActionMessage)) {
    ui_.tools.focus = 3;  // the composer takes the keyboard a frame or two late
    f.focus_chat.clear();
  }
}

}  // namespace parley::web
