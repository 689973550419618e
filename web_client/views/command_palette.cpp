// The palette as a modal popup near the top of the workspace; its entries are flow.hpp's.
#include "views/command_palette.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "theme.hpp"

namespace parley::web {

namespace {

constexpr const char* kPopup = "##palette";

int history_callback(ImGuiInputTextCallbackData* data) {
  int* selected = static_cast<int*>(data->UserData);
  if (data->EventFlag == ImGuiInputTextFlags_CallbackHistory) {
    if (data->EventKey == ImGuiKey_UpArrow) --*selected;
    if (data->EventKey == ImGuiKey_DownArrow) ++*selected;
  }
  return 0;
}

std::size_t act_place(Act act) {
  const auto& all = acts();
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i].act == act) return i;
  return 0;
}

}  // namespace

std::optional<PaletteEntry> draw_command_palette(const ViewContext& view, UiState& ui, const ActContext& context) {
  FlowState& f = ui.flow;
  if (f.palette_open && !ImGui::IsPopupOpen(kPopup)) {
    f.palette_query.clear();
    f.palette_selected = 0;
    ImGui::OpenPopup(kPopup);
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float width = std::min(620.0f, viewport->WorkSize.x - 40);
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f, viewport->WorkPos.y + 72),
                          ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  if (!ImGui::BeginPopupModal(kPopup, nullptr,
                              ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                                  ImGuiWindowFlags_AlwaysAutoResize)) {
    f.palette_open = false;
    return std::nullopt;
  }
  // The field keeps the keyboard, but not from a click on an entry (its release would be lost).
  if (ImGui::IsWindowAppearing() || (!ImGui::IsAnyItemActive() && !ImGui::IsMouseDown(ImGuiMouseButton_Left)))
    ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  const bool entered = ImGui::InputTextWithHint("##palette_query", "Type an action, or a customer's name to find a session",
                                                &f.palette_query,
                                                ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory,
                                                history_callback, &f.palette_selected);
  ui.widgets.record_last_item("palette.input");
  if (ImGui::IsItemEdited()) f.palette_selected = 0;
  const std::vector<PaletteEntry> entries = palette_entries(view.state, view.agent, context, f.palette_query);
  const int count = static_cast<int>(entries.size());
  f.palette_selected = count == 0 ? 0 : (f.palette_selected % count + count) % count;
  std::optional<PaletteEntry> chosen;
  if (entered && count > 0) chosen = entries[static_cast<std::size_t>(f.palette_selected)];
  ImGui::Spacing();
  if (entries.empty()) ImGui::TextDisabled("Nothing matches.");
  bool sessions_heading = false;
  const float right = ImGui::GetContentRegionAvail().x;
  for (int i = 0; i < count; ++i) {
    const PaletteEntry& entry = entries[static_cast<std::size_t>(i)];
    if (entry.is_session && !sessions_heading) {
      sessions_heading = true;
      ImGui::Separator();
      ImGui::TextDisabled("Sessions");
    }
    ImGui::PushID(i);
    const bool selected = i == f.palette_selected;
    if (ImGui::Selectable("##entry", selected, 0, ImVec2(right, 0))) chosen = entry;
    if (selected) ImGui::SetScrollHereY(0.5f);
    ui.widgets.record_last_item("palette.entry." + std::to_string(i));
    if (entry.is_session) ui.widgets.record_last_item("palette.session." + view.state.chats[entry.chat].id);
    else ui.widgets.record_last_item("palette.act." + std::to_string(act_place(entry.act)));
    ImGui::SameLine(8);
    ImGui::TextUnformatted(entry.label.c_str());
    const float detail_w = ImGui::CalcTextSize(entry.detail.c_str()).x;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 16, right - detail_w));
    ImGui::TextDisabled("%s", entry.detail.c_str());
    ImGui::PopID();
  }
  ImGui::Spacing();
  ImGui::TextDisabled("↑↓ choose · Enter runs · Esc closes");
  if (chosen || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
    f.palette_open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return chosen;
}

}  // namespace parley::web
