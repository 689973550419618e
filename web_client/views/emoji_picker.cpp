// The emoji picker (see emoji_picker.hpp). Only the grid's visible rows are drawn, so only their
// emoji are asked of the browser's rasterizer.
#include "views/emoji_picker.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "emoji_catalog.hpp"
#include "glyph_cache.hpp"

namespace parley::web {

namespace {

constexpr int kColumns = 9;

struct PickerState {
  std::string query;
  std::size_t group = 0;
};
PickerState picker;

}  // namespace

std::string draw_emoji_picker(Widgets& widgets) {
  const EmojiCatalog& catalog = emoji_catalog();
  std::string picked;
  if (catalog.all().empty()) {
    ImGui::TextDisabled("No emoji list.");
    return picked;
  }
  const float cell = ImGui::GetFrameHeight() + 8;
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(cell * kColumns + ImGui::GetStyle().ItemSpacing.x * (kColumns - 1));
  ImGui::InputTextWithHint("##emoji_search", "Search emoji", &picker.query);
  widgets.record_last_item("emoji.search");
  const bool searching = picker.query.find_first_not_of(' ') != std::string::npos;
  if (!searching) {
    for (std::size_t g = 0; g < catalog.groups().size(); ++g) {
      const std::vector<std::size_t> members = catalog.in_group(catalog.groups()[g]);
      if (members.empty()) continue;
      if (g > 0) ImGui::SameLine(0, 2);
      const std::string& face = catalog.all()[members.front()].glyph;
      glyph_cache().want(Face::regular, face);
      ImGui::PushID(static_cast<int>(g));
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(g == picker.group ? ImGuiCol_Header : ImGuiCol_Button));
      if (ImGui::Button(face.c_str(), ImVec2(cell * 0.9f, 0))) picker.group = g;
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", catalog.groups()[g].c_str());
      ImGui::PopID();
      widgets.record_last_item("emoji.group." + std::to_string(g));
    }
  }
  picker.group = std::min(picker.group, catalog.groups().size() - 1);
  const std::vector<std::size_t> shown =
      searching ? catalog.search(picker.query) : catalog.in_group(catalog.groups()[picker.group]);
  const float height = cell * 6 + ImGui::GetStyle().ItemSpacing.y * 6;
  ImGui::BeginChild("##emoji_grid", ImVec2(cell * kColumns + ImGui::GetStyle().ItemSpacing.x * kColumns + 14, height));
  if (shown.empty()) ImGui::TextDisabled("No emoji matches.");
  const int rows = static_cast<int>((shown.size() + kColumns - 1) / kColumns);
  ImGuiListClipper clipper;
  clipper.Begin(rows, cell + ImGui::GetStyle().ItemSpacing.y);
  while (clipper.Step())
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row)
      for (int col = 0; col < kColumns; ++col) {
        const std::size_t i = static_cast<std::size_t>(row) * kColumns + static_cast<std::size_t>(col);
        if (i >= shown.size()) break;
        const Emoji& e = catalog.all()[shown[i]];
        if (col > 0) ImGui::SameLine();
        glyph_cache().want(Face::regular, e.glyph);
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Button(e.glyph.c_str(), ImVec2(cell, cell))) picked = e.glyph;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", e.name.c_str());
        ImGui::PopID();
        widgets.record_last_item("emoji." + std::to_string(i));
      }
  ImGui::EndChild();
  return picked;
}

}  // namespace parley::web
