// The composer's Actions popup (see actions_popup.hpp).
#include "views/actions_popup.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "glyph_cache.hpp"

namespace parley::web {

namespace {

const ImVec4 kProblemColor(0.78f, 0.16f, 0.16f, 1.0f);

void draw_list(ActionsState& a, UiState& ui) {
  for (const ActionDefinition& d : a.actions) {
    glyph_cache().want(Face::regular, d.form.name);
    if (ImGui::Selectable(d.form.name.c_str(), false, ImGuiSelectableFlags_DontClosePopups)) pick_action(a, d.id);
    ui.widgets.record_last_item("actions.item." + d.id);
  }
  if (!a.actions.empty()) return;
  if (a.load != ActionsLoad::loaded) ImGui::TextDisabled("Loading the actions…");
  else ImGui::TextDisabled("No actions yet: an admin defines them.");
}

void draw_field(const ActionField& f, ActionsState& a, UiState& ui) {
  ImGui::PushID(f.name.c_str());
  const std::string label = f.label + (f.required ? " *" : "");
  glyph_cache().want(Face::regular, label);
  ImGui::TextUnformatted(label.c_str());
  std::string& value = a.values[f.name];
  ImGui::SetNextItemWidth(-1);
  if (f.type == ActionFieldType::choice) {
    if (ImGui::BeginCombo("##value", value.empty() ? "—" : value.c_str())) {
      if (!f.required && ImGui::Selectable("—", value.empty())) value.clear();
      for (const std::string& option : f.options) {
        if (ImGui::Selectable(option.c_str(), value == option)) value = option;
        ui.widgets.record_last_item("actions.option." + f.name + "." + option);
      }
      ImGui::EndCombo();
    }
  } else {
    const std::string hint = f.pattern.empty() ? std::string(action_field_type_name(f.type)) : f.pattern;
    ImGui::InputTextWithHint("##value", hint.c_str(), &value);
  }
  ui.widgets.record_last_item("actions.field." + f.name);
  if (a.problem && a.problem->field == f.name) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kProblemColor, "%s", a.problem->message.c_str());
    ImGui::PopTextWrapPos();
    ui.widgets.record_last_item("actions.problem." + f.name);
  }
  ImGui::PopID();
}

void draw_form(const ActionDefinition& d, const Chat& chat, ActionsState& a, UiState& ui, Outbox& out) {
  glyph_cache().want(Face::regular, d.form.name);
  ImGui::TextUnformatted(d.form.name.c_str());
  ImGui::Separator();
  for (const ActionField& f : d.form.fields) draw_field(f, a, ui);
  if (a.problem && a.problem->field.empty()) ImGui::TextColored(kProblemColor, "%s", a.problem->message.c_str());
  if (!a.error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kProblemColor, "%s", a.error.c_str());
    ImGui::PopTextWrapPos();
    ui.widgets.record_last_item("actions.error");
  }
  ImGui::BeginDisabled(a.running != 0);
  if (ImGui::Button(a.running != 0 ? "Running…" : "Run")) out.ask(RunPickedAction{chat.id});
  ui.widgets.record_last_item("actions.run");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Back")) pick_action(a, "");
  ui.widgets.record_last_item("actions.back");
  ImGui::TextDisabled("The answer shows in the session for staff only.");
}

}  // namespace

void draw_actions_popup(const Chat& chat, UiState& ui, Outbox& out) {
  const float room = ImGui::GetContentRegionAvail().x;  // the session pane's width: the popup stays inside it
  ImGui::SetNextWindowSizeConstraints(ImVec2(std::min(360.0f, room), 0), ImVec2(std::max(std::min(480.0f, room), 200.0f), 460));
  if (!ImGui::BeginPopup("##actions")) return;
  ActionsState& a = ui.actions;
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false) || a.done) {
    a.done = false;
    pick_action(a, "");
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  if (const ActionDefinition* d = picked_action(a)) draw_form(*d, chat, a, ui, out);
  else draw_list(a, ui);
  ImGui::EndPopup();
}

}  // namespace parley::web
