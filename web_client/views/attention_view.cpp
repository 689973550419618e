// Alert settings (kept with the login through SaveSettings), the Missed counter's sessions (core
// agent statistics and the automatic-transfer separators, via missed_sessions), the demo's hint.
#include "views/attention_view.hpp"

#include <imgui.h>

#include "format.hpp"
#include "views/chat_list.hpp"

namespace parley::web {

namespace {

void draw_settings(const ViewContext& view, UiState& ui, Outbox& out) {
  if (ui.attention.open_settings) ImGui::OpenPopup("##alert_settings");
  ui.attention.open_settings = false;
  if (!ImGui::BeginPopup("##alert_settings")) return;
  AttentionSettings& s = ui.attention.settings;
  const AttentionSettings before = s;
  bool committed = false;
  ImGui::TextUnformatted("Alerts");
  ImGui::TextDisabled(view.mode == Mode::demo ? "Kept in this browser for the demo." : "Kept with your login.");
  ImGui::Separator();
  ImGui::TextDisabled("Alert me when");
  ImGui::Checkbox("a session waits in my groups", &s.on_waiting);
  ui.widgets.record_last_item("alerts.on_waiting");
  ImGui::Checkbox("a session is given to me", &s.on_assigned);
  ui.widgets.record_last_item("alerts.on_assigned");
  ImGui::Checkbox("a colleague mentions me in a note", &s.on_mention);
  ui.widgets.record_last_item("alerts.on_mention");
  ImGui::Checkbox("an SLA deadline passes in a group I supervise", &s.on_sla);
  ui.widgets.record_last_item("alerts.on_sla");
  ImGui::TextDisabled("How");
  ImGui::Checkbox("Sound", &s.sound);
  ui.widgets.record_last_item("alerts.sound");
  ImGui::SameLine(0, 16);
  ImGui::Checkbox("Browser notification", &s.notify);
  ui.widgets.record_last_item("alerts.notify");
  ImGui::SetNextItemWidth(220);
  ImGui::SliderInt("Volume", &s.volume, 0, 100, "%d%%");
  committed = ImGui::IsItemDeactivatedAfterEdit() || committed;
  ui.widgets.record_last_item("alerts.volume");
  ImGui::SetNextItemWidth(220);
  ImGui::SliderInt("Repeat", &s.repeat_seconds, 0, 300, s.repeat_seconds == 0 ? "never" : "every %d s");
  committed = ImGui::IsItemDeactivatedAfterEdit() || committed;
  ui.widgets.record_last_item("alerts.repeat");
  ImGui::TextDisabled("Repeats while a session given to you is unread.");
  const bool toggled = before.sound != s.sound || before.notify != s.notify || before.on_waiting != s.on_waiting ||
                       before.on_assigned != s.on_assigned || before.on_mention != s.on_mention || before.on_sla != s.on_sla;
  if (toggled || committed) out.ask(SaveSettings{});
  if (!ui.attention.settings_error.empty()) ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.45f, 1.0f), "%s",
                                                               ui.attention.settings_error.c_str());
  if (ImGui::Button("Try it")) ui.attention.alerts.push_back(Alert{AlertKind::reminder, "", "Parley alert", "This is how an alert sounds and looks."});
  ui.widgets.record_last_item("alerts.try");
  ImGui::SameLine();
  if (ImGui::Button("Close")) ImGui::CloseCurrentPopup();
  ui.widgets.record_last_item("alerts.close");
  ImGui::EndPopup();
}

void draw_missed(const ViewContext& view, UiState& ui) {
  if (ui.attention.open_missed) ImGui::OpenPopup("##missed");
  ui.attention.open_missed = false;
  ImGui::SetNextWindowSizeConstraints(ImVec2(360, 0), ImVec2(620, 420));
  if (!ImGui::BeginPopup("##missed")) return;
  const std::vector<MissedSession> missed = missed_sessions(view.state, view.agent, view.now);
  ImGui::TextUnformatted("Missed in this agent session");
  ImGui::TextDisabled("Sessions a group's unanswered timer moved away from you.");
  ImGui::Separator();
  if (missed.empty()) ImGui::TextDisabled("None so far.");
  for (std::size_t i = 0; i < missed.size(); ++i) {
    const Chat& chat = view.state.chats[missed[i].chat];
    ImGui::PushID(static_cast<int>(i));
    const std::string label = "#" + std::to_string(chat.number) + "  " + (chat.client.empty() ? "Client" : chat.client);
    if (ImGui::Selectable(label.c_str())) {
      open_chat(ui, chat.id);
      ImGui::CloseCurrentPopup();
    }
    ui.widgets.record_last_item("missed." + chat.id);
    if (i == 0) ui.widgets.record_last_item("missed.first");
    ImGui::Indent();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 520);
    ImGui::TextDisabled("%s", missed[i].reason.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Unindent();
    ImGui::PopID();
  }
  ImGui::EndPopup();
}

}  // namespace

void draw_attention_popups(const ViewContext& view, UiState& ui, Outbox& out) {
  if (view.agent == kNoIndex) return;
  draw_settings(view, ui, out);
  draw_missed(view, ui);
}

void draw_demo_hint(const ViewContext& view, UiState& ui, Outbox& out) {
  if (view.mode != Mode::demo || !ui.attention.hint) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.16f, 0.22f, 0.32f, 1.0f));
  const float wrap = ImGui::GetContentRegionAvail().x - 120;
  const char* text =
      "This is the offline demo: simulated customers write in and simulated colleagues work beside you, on a clock "
      "you can run up to 60× faster. Go Online to be given sessions; the Queue holds those still waiting. A session "
      "you leave unanswered too long is moved on by its group's unanswered timer and counts as Missed: click Missed "
      "to see which. Alerts… sets the sound and notifications.";
  const float height = ImGui::CalcTextSize(text, nullptr, false, wrap).y + ImGui::GetStyle().WindowPadding.y * 2;
  ImGui::BeginChild("##demo_hint", ImVec2(0, height), ImGuiChildFlags_AlwaysUseWindowPadding);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::SameLine();
  if (ImGui::Button("Got it")) out.ask(DismissHint{});
  ui.widgets.record_last_item("demo.hint.close");
  ImGui::EndChild();
  ui.widgets.record_last_item("demo.hint");
  ImGui::PopStyleColor();
}

}  // namespace parley::web
