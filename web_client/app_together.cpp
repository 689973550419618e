// The App's side of working together: telling the server which session this tab has open and
// whether a reply or note is being typed there (throttled, repeated while it lasts), and the alert
// for a note that mentions the signed-in agent.
#include <algorithm>

#include "app.hpp"

namespace parley::web {

void App::composer_edited() {
  ui_.together.typed_at = host_.wall_ms();
  tell_presence();
}

void App::tell_presence() {
  TogetherUi& t = ui_.together;
  if (mode_ != Mode::server || screen_ != Screen::workspace || token_.empty()) return;
  const Timestamp wall = host_.wall_ms();
  const bool open = !ui_.current_chat.empty() && state_.chat_ix(ui_.current_chat) != kNoIndex;
  const std::string chat = open ? ui_.current_chat : std::string();
  const Presence want = wanted_presence(t, open, blank_text(ui_.composer), wall);
  if (chat != t.told_chat) {
    if (!t.told_chat.empty() && t.told != Presence::left)
      host_.post_presence(token_, t.told_chat, std::string(presence_name(Presence::left)));
    t.told_chat = chat;
    t.told = Presence::left;
    t.told_at = 0;
  }
  if (chat.empty()) return;
  const bool changed = want != t.told;
  const Duration repeat = want == Presence::viewing ? kPresenceRepeat : kTypingRepeat;
  if (wall - t.told_at < (changed ? kPresenceMinGap : repeat)) return;
  host_.post_presence(token_, chat, std::string(presence_name(want)));
  t.told = want;
  t.told_at = wall;
}

void App::alert_mention(const Event& event) {
  if (const auto* breach = std::get_if<SlaBreached>(&event.body); breach && screen_ == Screen::workspace) {
    if (auto alert = sla_alert(state_, state_.agent_ix(agent_id_), *breach, ui_.attention.settings))
      ui_.attention.alerts.push_back(std::move(*alert));
    return;
  }
  const auto* note = std::get_if<NoteAdded>(&event.body);
  if (!note || screen_ != Screen::workspace || agent_id_.empty() || note->by.id == agent_id_) return;
  if (std::find(note->mentions.begin(), note->mentions.end(), agent_id_) == note->mentions.end()) return;
  if (auto alert = mention_alert(state_, state_.agent_ix(agent_id_), *note, ui_.attention.settings))
    ui_.attention.alerts.push_back(std::move(*alert));
}

}  // namespace parley::web
