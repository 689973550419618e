// The start forms (see start_session.hpp). The group list is the core's start_groups; the channel
// list is the desk's channels that deliver (GET /api/v1/channels/startable).
#include "views/start_session.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "actions.hpp"
#include "glyph_cache.hpp"

namespace parley::web {

namespace {

bool may_start_in(const ViewContext& view, GroupIx group) {
  const std::vector<GroupIx> groups = start_groups(view.state, view.agent, view.now);
  return std::find(groups.begin(), groups.end(), group) != groups.end();
}

void field(const char* label, const char* hint, std::string& value, const char* widget, UiState& ui) {
  ImGui::TextDisabled("%s", label);
  ImGui::SetNextItemWidth(-FLT_MIN);
  glyph_cache().want(Face::regular, value);
  ImGui::InputTextWithHint((std::string("##") + widget).c_str(), hint, &value);
  ui.widgets.record_last_item(widget);
}

void channel_and_group(const ViewContext& view, UiState& ui) {
  StartUi& s = ui.start;
  s.channel = std::clamp(s.channel, 0, static_cast<int>(s.channels.size()) - 1);
  ImGui::TextDisabled("Channel");
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::BeginCombo("##start.channel", s.channels[s.channel].name.c_str())) {
    for (int i = 0; i < static_cast<int>(s.channels.size()); ++i) {
      if (ImGui::Selectable((s.channels[i].name + "###" + s.channels[i].id).c_str(), i == s.channel)) {
        s.channel = i;
        s.group.clear();
      }
      ui.widgets.record_last_item("start.channel." + s.channels[i].id);
    }
    ImGui::EndCombo();
  }
  ui.widgets.record_last_item("start.channel");
  const std::vector<GroupIx> groups = start_groups(view.state, view.agent, view.now);
  const bool known = std::any_of(groups.begin(), groups.end(), [&](GroupIx g) { return view.state.groups[g].id == s.group; });
  if (!known) {
    s.group = view.state.groups[groups.front()].id;
    for (GroupIx g : groups)
      if (view.state.groups[g].id == s.channels[s.channel].group) s.group = s.channels[s.channel].group;
  }
  ImGui::TextDisabled("Group");
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::BeginCombo("##start.group", view.state.groups[view.state.group_ix(s.group)].name.c_str())) {
    for (GroupIx g : groups) {
      const Group& group = view.state.groups[g];
      if (ImGui::Selectable((group.name + "###" + group.id).c_str(), group.id == s.group)) s.group = group.id;
      ui.widgets.record_last_item("start.group." + group.id);
    }
    ImGui::EndCombo();
  }
  ui.widgets.record_last_item("start.group");
}

}  // namespace

void draw_new_session_button(const ViewContext& view, UiState& ui, Outbox& out, bool same_line) {
  if (start_groups(view.state, view.agent, view.now).empty()) return;
  if (ui.start.load == StartLoad::none) out.ask(LoadStartChannels{});
  if (ui.start.channels.empty()) return;
  if (same_line) ImGui::SameLine(0, 12);
  if (ImGui::SmallButton("+ New session")) {
    ui.start.open_new = true;
    ui.start.continued.clear();
    ui.start.error.clear();
  }
  ui.widgets.record_last_item("chat.new");
}

void draw_continue_button(const ViewContext& view, const Chat& chat, UiState& ui, Outbox& out) {
  if (chat.state != ChatState::closed || chat.content_erased || chat.customer.empty()) return;
  if (ui.start.load == StartLoad::none) out.ask(LoadStartChannels{});
  if (!reaches_channel(ui.start.channels, chat.channel) || !may_start_in(view, chat.group)) return;
  ImGui::SameLine();
  if (ImGui::Button("Continue chat")) {
    ui.start.open_continue = true;
    ui.start.continued = chat.id;
    ui.start.error.clear();
  }
  ui.widgets.record_last_item("chat.continue");
}

void draw_start_popup(const ViewContext& view, UiState& ui, Outbox& out) {
  StartUi& s = ui.start;
  if (std::exchange(s.open_new, false) || std::exchange(s.open_continue, false)) ImGui::OpenPopup("##start");
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 22, 0));
  if (!ImGui::BeginPopup("##start")) return;
  const Chat* continued = s.continued.empty() ? nullptr : view.state.find_chat(s.continued);
  const bool may = !start_groups(view.state, view.agent, view.now).empty() && !s.channels.empty();
  if (!may || (!s.continued.empty() && !continued) || std::exchange(s.started, false) ||
      ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  if (continued) {
    const std::string title = "Continue #" + std::to_string(continued->number) + " with " + continued->client;
    glyph_cache().want(Face::regular, title);
    ImGui::TextUnformatted(title.c_str());
    ImGui::TextDisabled("A new session on %s; the message goes out there.", continued->channel.c_str());
  } else {
    ImGui::TextUnformatted("New session");
    channel_and_group(view, ui);
    field("Customer's id on the channel", "e.g. the messenger user id", s.user, "start.user", ui);
    field("Name", "optional: how the desk shows them", s.name, "start.name", ui);
  }
  field("First message", "what the customer receives", s.text, "start.text", ui);
  if (!s.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.25f, 0.2f, 1.0f));
    ImGui::TextWrapped("%s", s.error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::BeginDisabled(s.request != 0);
  if (ImGui::Button(s.request != 0 ? "Starting…" : "Start")) {
    if (s.text.empty()) s.error = "Write the first message.";
    else if (!continued && s.user.empty()) s.error = "Say who the customer is on the channel.";
    else out.ask(StartSession{});
  }
  ui.widgets.record_last_item("start.submit");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ui.widgets.record_last_item("start.cancel");
  ImGui::EndPopup();
}

}  // namespace parley::web
