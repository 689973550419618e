// Where the agent lands after an action and what the keyboard and the command palette offer: the
// toast and landing that follow each command the workspace sends, the workspace's actions ("acts")
// with their keys, and the palette's entries for a query. Pure functions of State; the session acts
// offered are exactly those core/actions.hpp says decide() accepts now.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "actions.hpp"
#include "commands.hpp"
#include "model.hpp"

namespace parley::web {

// What the workspace does once a command of its own succeeded.
enum class Landing {
  stay,
  open_in_mine,   // Accept: My sessions, the session selected and the composer given the keyboard
  leave_session,  // a transfer: the session leaves the screen
};
struct AfterCommand {
  std::string toast;  // a confirmation ("Transferred to Support · #5"), or nothing
  Landing landing = Landing::stay;
  std::string chat;
};
// Computed from State before the command is sent (the names as they were).
AfterCommand after_command(const State& state, const Command& command);
// The undoable toast of a close held back: "Closed #5 Bob".
std::string closing_text(const State& state, const std::string& chat);

enum class Act {
  next_session,
  previous_session,
  accept,
  pause,
  resume,
  transfer,
  close,
  reopen,
  search,
  templates,
  palette,
  help,
};
struct ActInfo {
  Act act;
  const char* label;  // as the palette and the help list it
  const char* keys;   // as the help shows them
};
// Every act in the help's order.
const std::vector<ActInfo>& acts();
const ActInfo& act_info(Act act);

// What an act needs to know about the moment: the open session's allowed actions (core) and whether
// some session waits that the agent may accept.
struct ActContext {
  ChatIx open = kNoIndex;
  ChatActions actions = 0;     // allowed_actions for `open`
  ChatIx accept = kNoIndex;    // what Accept takes: the open session, else the oldest acceptable waiting one
  bool has_sessions = false;   // the current list is not empty
};
ActContext act_context(const State& state, AgentIx agent, ChatIx open, Timestamp now, bool list_has_rows);
bool act_available(const ActContext& context, Act act);

struct PaletteEntry {
  bool is_session = false;
  Act act = Act::help;
  ChatIx chat = kNoIndex;
  std::string label, detail;  // detail: the keys of an act, a session's state and group
};
// The acts available now whose label holds every word of `query` (case and accents folded), then
// the sessions whose customer's name matches it (every session the agent may read, newest first,
// at most `max_sessions`; none for an empty query).
std::vector<PaletteEntry> palette_entries(const State& state, AgentIx agent, const ActContext& context,
                                          std::string_view query, std::size_t max_sessions = 8);

}  // namespace parley::web
