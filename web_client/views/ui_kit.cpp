// Avatars, faces and headings (see ui_kit.hpp).
#include "views/ui_kit.hpp"

#include <string>

#include "theme.hpp"

namespace parley::web {

void draw_avatar(ImVec2 center, float radius, std::string_view name) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddCircleFilled(center, radius, avatar_color(name), 32);
  const std::string letters = initials(name);
  const float w = text_width(Face::bold, letters);
  const ImFont* bold = workspace_font(Face::bold);
  draw_text(draw, Face::bold, ImVec2(center.x - w * 0.5f, center.y - bold->FontSize * 0.5f), IM_COL32_WHITE, letters);
}

float text_width(Face face, std::string_view text) {
  const ImFont* font = workspace_font(face);
  return font->CalcTextSizeA(font->FontSize, 1e9f, 0, text.data(), text.data() + text.size()).x;
}

float draw_text(ImDrawList* draw, Face face, ImVec2 at, ImU32 color, std::string_view text) {
  ImFont* font = workspace_font(face);
  glyph_cache().want(face, text);
  draw->AddText(font, font->FontSize, at, color, text.data(), text.data() + text.size());
  return text_width(face, text);
}

void heading(std::string_view text) {
  ImFont* font = workspace_font(Face::title);
  glyph_cache().want(Face::title, text);
  ImGui::PushFont(font);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopFont();
}

void same_line_if_fits(const char* label, float spacing) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2;
  const float gap = spacing < 0 ? style.ItemSpacing.x : spacing;
  if (ImGui::GetItemRectMax().x + gap + width <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
    ImGui::SameLine(0, spacing);
}

void theme_toggle(Widgets& widgets) {
  const bool dark = theme().dark;
  const std::string label = std::string(dark ? icon::kSun : icon::kMoon) + (dark ? " Light" : " Dark") + "###theme";
  if (ImGui::SmallButton(label.c_str())) use_theme(!dark);
  widgets.record_last_item("theme.toggle");
}

}  // namespace parley::web
