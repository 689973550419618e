// Note mode, @mention completion, and presence as the workspace hears and tells it.
#include "together.hpp"

#include <algorithm>

#include "ids.hpp"

namespace parley::web {

namespace {
bool id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '~' || c == '-';
}
}  // namespace

std::optional<MentionQuery> mention_query(std::string_view text, std::size_t caret) {
  if (caret > text.size()) return std::nullopt;
  std::size_t start = caret;
  while (start > 0 && id_char(text[start - 1])) --start;
  if (start == 0 || text[start - 1] != '@') return std::nullopt;
  const std::size_t at = start - 1;
  if (at > 0 && id_char(text[at - 1])) return std::nullopt;  // an e-mail address, not a mention
  if (caret - start > kMaxIdBytes) return std::nullopt;
  return MentionQuery{at, std::string(text.substr(start, caret - start))};
}

std::pair<std::string, std::size_t> complete_mention(std::string_view text, std::size_t caret, const MentionQuery& query,
                                                     std::string_view id) {
  std::size_t end = std::min(caret, text.size());
  while (end < text.size() && id_char(text[end])) ++end;  // the rest of a word the caret was inside
  std::string out(text.substr(0, query.at));
  out += "@";
  out += id;
  out += " ";
  const std::size_t after = out.size();
  std::string_view rest = text.substr(end);
  if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  out += rest;
  return {out, after};
}

Presence wanted_presence(const TogetherUi& t, bool chat_open, bool composer_blank, Timestamp wall) {
  if (!chat_open) return Presence::left;
  if (!composer_blank && t.typed_at != 0 && wall - t.typed_at < kTypingQuiet)
    return t.note_mode ? Presence::noting : Presence::typing;
  return Presence::viewing;
}

bool hear_presence(TogetherUi& t, const Json& item, const std::string& self, Timestamp wall) {
  if (!item.is_object()) return false;
  const auto text = [&](const char* key) -> std::optional<std::string> {
    const auto it = item.find(key);
    if (it == item.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  const auto chat = text("chat"), from = text("from"), state = text("state");
  const auto ttl = item.find("ttl_ms");
  if (!chat || !from || !state || ttl == item.end() || !ttl->is_number_integer()) return false;
  const auto presence = presence_from_name(*state);
  if (!presence) return false;
  std::string who;
  if (*from == "agent") {
    const auto agent = text("agent");
    if (!agent || agent->empty() || *agent == self) return false;
    who = *agent;
  } else if (*from != "customer") {
    return false;
  }
  const Duration lasts = std::clamp<Duration>(ttl->get<Duration>(), 0, kViewingTtl);
  note_presence(t.heard, *chat, who, *presence, lasts, wall);
  forget_expired(t.heard, wall);
  return true;
}

std::string presence_line(const TogetherUi& t, const State& state, const std::string& chat, Timestamp wall) {
  std::string out;
  for (const PresenceMark& mark : present_on(t.heard, chat, wall)) {
    std::string part;
    if (mark.who.empty()) {
      if (mark.state != Presence::typing) continue;
      part = "Customer is typing…";
    } else {
      const Agent* agent = state.find_agent(mark.who);
      const std::string name = agent ? (agent->nickname.empty() ? agent->name : agent->nickname) : mark.who;
      part = name + (mark.state == Presence::typing   ? " is typing a reply…"
                     : mark.state == Presence::noting ? " is writing a note…"
                                                      : " is viewing");
    }
    out += (out.empty() ? "" : " · ") + part;
  }
  return out;
}

}  // namespace parley::web
