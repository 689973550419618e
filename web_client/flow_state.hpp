// What the workspace's flow keeps between frames (a member of UiState): the toasts, the command
// palette and the shortcut help, the demo reset's confirmation, requests a shortcut or the palette
// hands to the views drawn next frame, and the landing that waits for the desk to catch up.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "flow.hpp"
#include "toasts.hpp"

namespace parley::web {

struct FlowState {
  Toasts toasts;
  // the command palette
  bool palette_open = false;
  std::string palette_query;
  int palette_selected = 0;
  // the help overlay listing the shortcuts, and the demo reset's confirmation
  bool help_open = false;
  bool confirm_reset = false;
  // asked of the views drawn in the next frame, then dropped
  bool open_transfer = false;
  // After Accept: the composer of `focus_chat` takes the keyboard once the agent may write there
  // (the assignment may reach the replica after the command's answer), until `focus_until`.
  std::string focus_chat;
  Timestamp focus_until = 0;
  bool reveal_current = false;  // the list scrolls the open session into view once it holds it
  // server mode: what follows each command sent, by request, once it succeeds
  std::map<std::uint64_t, AfterCommand> awaiting;
  // A transfer of `chat` was sent and has not been answered: the session leaving is no news.
  bool leaving(const std::string& chat) const {
    for (const auto& [request, after] : awaiting)
      if (after.landing == Landing::leave_session && after.chat == chat) return true;
    return false;
  }
};

}  // namespace parley::web
