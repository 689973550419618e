// Toasts and landings after commands, the acts table with their keys, and the palette's entries.
#include "flow.hpp"

#include <algorithm>
#include <variant>

#include "views.hpp"
#include "wire.hpp"

namespace parley::web {

namespace {

std::string session_name(const State& state, const std::string& id) {
  const Chat* chat = state.find_chat(id);
  if (!chat) return "the session";
  return "#" + std::to_string(chat->number) + " " + (chat->client.empty() ? std::string("Client") : chat->client);
}

std::string agent_name(const State& state, const std::string& id) {
  const Agent* agent = state.find_agent(id);
  return agent ? agent->name : id;
}

std::string group_name(const State& state, const std::string& id) {
  const Group* group = state.find_group(id);
  return group ? group->name : id;
}

const std::vector<ActInfo> kActs = {
    {Act::next_session, "Next session", "Alt+Down  or  J"},
    {Act::previous_session, "Previous session", "Alt+Up  or  K"},
    {Act::accept, "Accept", "Alt+A"},
    {Act::pause, "Pause", "Alt+P"},
    {Act::resume, "Resume", "Alt+P"},
    {Act::transfer, "Transfer…", "Alt+T"},
    {Act::close, "Close", "Alt+C"},
    {Act::reopen, "Reopen", "Alt+O"},
    {Act::search, "Search", "Alt+S  or  /"},
    {Act::templates, "Response templates", "Alt+R"},
    {Act::palette, "Command palette", "Ctrl+K"},
    {Act::help, "Keyboard shortcuts", "Ctrl+/  or  ?"},
};

// Every blank-separated word of the query is in the text.
bool matches_words(std::string_view text, std::string_view query) {
  std::size_t at = 0;
  while (at < query.size()) {
    const std::size_t end = std::min(query.find(' ', at), query.size());
    if (end > at && !contains_ignoring_case(text, query.substr(at, end - at))) return false;
    at = end + 1;
  }
  return true;
}

}  // namespace

AfterCommand after_command(const State& state, const Command& command) {
  return std::visit(
      [&](const auto& c) -> AfterCommand {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, AcceptChat>) {
          return {"Accepted " + session_name(state, c.chat), Landing::open_in_mine, c.chat};
        } else if constexpr (std::is_same_v<C, TransferChat>) {
          std::string target = !c.to_agent.empty() ? agent_name(state, c.to_agent) : group_name(state, c.to_group);
          if (!c.to_agent.empty() && !c.to_group.empty()) target += " in " + group_name(state, c.to_group);
          return {"Transferred to " + target + " · " + session_name(state, c.chat), Landing::leave_session, c.chat};
        } else if constexpr (std::is_same_v<C, AssignChat>) {
          return {"Assigned to " + agent_name(state, c.agent) + " · " + session_name(state, c.chat), Landing::stay, c.chat};
        } else if constexpr (std::is_same_v<C, PauseChat>) {
          return {"Paused " + session_name(state, c.chat), Landing::stay, c.chat};
        } else if constexpr (std::is_same_v<C, ResumeChat>) {
          return {"Resumed " + session_name(state, c.chat), Landing::stay, c.chat};
        } else if constexpr (std::is_same_v<C, CloseChat>) {
          return {};  // its toast came when it was held back for Undo (closing_text)
        } else if constexpr (std::is_same_v<C, ReopenChat>) {
          return {"Reopened " + session_name(state, c.chat), Landing::stay, c.chat};
        } else if constexpr (std::is_same_v<C, MarkSpam>) {
          return {"Marked spam · " + session_name(state, c.chat), Landing::stay, c.chat};
        } else if constexpr (std::is_same_v<C, UnmarkSpam>) {
          return {"Not spam any more · " + session_name(state, c.chat), Landing::stay, c.chat};
        } else {
          return {};
        }
      },
      command);
}

std::string closing_text(const State& state, const std::string& chat) { return "Closed " + session_name(state, chat); }

const std::vector<ActInfo>& acts() { return kActs; }

const ActInfo& act_info(Act act) {
  for (const ActInfo& info : kActs)
    if (info.act == act) return info;
  return kActs.back();
}

ActContext act_context(const State& state, AgentIx agent, ChatIx open, Timestamp now, bool list_has_rows) {
  ActContext context;
  context.open = open;
  context.has_sessions = list_has_rows;
  if (agent == kNoIndex) return context;
  if (open != kNoIndex) context.actions = allowed_actions(state, agent, open, now);
  if (allows(context.actions, kActionAccept)) {
    context.accept = open;
  } else if (open == kNoIndex || state.chats[open].state != ChatState::queued) {
    // Page through the queue: this runs every frame, and the queue may hold 100 000 sessions.
    constexpr std::size_t kPage = 32;
    for (std::size_t first = 0; context.accept == kNoIndex; first += kPage) {
      const auto page = session_list_rows(state, agent, ListView::queue, first, kPage);
      if (!page.ok() || page.value().empty()) break;
      for (ChatIx waiting : page.value())
        if (allows(allowed_actions(state, agent, waiting, now), kActionAccept)) {
          context.accept = waiting;
          break;
        }
    }
  }
  return context;
}

bool act_available(const ActContext& c, Act act) {
  switch (act) {
    case Act::next_session:
    case Act::previous_session: return c.has_sessions;
    case Act::accept: return c.accept != kNoIndex;
    case Act::pause: return allows(c.actions, kActionPause);
    case Act::resume: return allows(c.actions, kActionResume);
    case Act::transfer: return allows(c.actions, kActionTransfer);
    case Act::close: return allows(c.actions, kActionClose);
    case Act::reopen: return allows(c.actions, kActionReopen);
    case Act::templates: return allows(c.actions, kActionMessage);
    case Act::search:
    case Act::palette:
    case Act::help: return true;
  }
  return false;
}

std::vector<PaletteEntry> palette_entries(const State& state, AgentIx agent, const ActContext& context,
                                          std::string_view query, std::size_t max_sessions) {
  std::vector<PaletteEntry> out;
  for (const ActInfo& info : kActs) {
    if (info.act == Act::palette || !act_available(context, info.act)) continue;
    std::string label = info.label;
    if (info.act == Act::accept && context.accept != kNoIndex) {
      const Chat& chat = state.chats[context.accept];
      label += " #" + std::to_string(chat.number) + " " + (chat.client.empty() ? std::string("Client") : chat.client);
    }
    if (matches_words(label, query)) out.push_back(PaletteEntry{false, info.act, kNoIndex, std::move(label), info.keys});
  }
  if (query.empty() || agent == kNoIndex) return out;
  std::size_t sessions = 0;
  for (ChatIx c : search_sessions(state, agent, query)) {
    if (sessions++ == max_sessions) break;
    const Chat& chat = state.chats[c];
    std::string detail = std::string(chat_state_name(chat.state)) + " · " + state.groups[chat.group].name;
    if (chat.assignee != kNoIndex) detail += " · " + state.agents[chat.assignee].name;
    out.push_back(PaletteEntry{true, Act::help, c,
                               "#" + std::to_string(chat.number) + " " + (chat.client.empty() ? "Client" : chat.client),
                               std::move(detail)});
  }
  return out;
}

}  // namespace parley::web
