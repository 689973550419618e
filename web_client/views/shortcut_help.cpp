// The shortcut help as a modal popup: a two-column table, keys on the right.
#include "views/shortcut_help.hpp"

#include <imgui.h>

#include <algorithm>

#include "views/ui_kit.hpp"

namespace parley::web {

namespace {

constexpr const char* kPopup = "##shortcuts";

struct Row {
  const char* what;
  const char* keys;
};
constexpr Row kOtherKeys[] = {
    {"Previous / next session in the list", "Up / Down"},
    {"Send the reply", "Enter"},
    {"New line in the reply", "Shift+Enter"},
    {"Response templates from the reply", "/ at its start"},
    {"Undo the last close (while its toast shows)", "Alt+Z"},
    {"Clear the search, close a popup", "Escape"},
};

void row(const char* what, const char* keys) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(what);
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%s", keys);
}

}  // namespace

void draw_shortcut_help(UiState& ui) {
  FlowState& f = ui.flow;
  if (f.help_open && !ImGui::IsPopupOpen(kPopup)) ImGui::OpenPopup(kPopup);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                 viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(560.0f, viewport->WorkSize.x - 40), 0));
  if (!ImGui::BeginPopupModal(kPopup, nullptr,
                              ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                                  ImGuiWindowFlags_AlwaysAutoResize)) {
    f.help_open = false;
    return;
  }
  heading("Keyboard shortcuts");
  ui.widgets.record_last_item("shortcuts.title");
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Alt and Ctrl keys work while you type a reply; single keys when no field has the keyboard.");
  ImGui::PopStyleColor();
  ImGui::Spacing();
  if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn("keys", ImGuiTableColumnFlags_WidthStretch, 2);
    for (const ActInfo& act : acts())
      if (act.act != Act::resume) row(act.act == Act::pause ? "Pause / resume" : act.label, act.keys);
    for (const Row& r : kOtherKeys) row(r.what, r.keys);
    ImGui::EndTable();
  }
  ImGui::Spacing();
  const bool close = ImGui::Button("Close");
  ui.widgets.record_last_item("shortcuts.close");
  if (close || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
    f.help_open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace parley::web
