// The light and dark palettes and ImGui's style from them (see theme.hpp).
#include "theme.hpp"

#include <imgui_internal.h>

#include <cctype>
#include <cmath>
#include <utility>

namespace parley::web {

namespace {

constexpr ImU32 rgb(unsigned hex) { return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, 0xFF); }

constexpr Theme kLight{
    "light", false,
    rgb(0xF4F5F7), rgb(0xFFFFFF), rgb(0xECEFF3), rgb(0xD0D6DE),
    rgb(0x1C2127), rgb(0x566170),
    rgb(0x1459C7), rgb(0xFFFFFF),
    rgb(0xE3E7EC), rgb(0xD5DBE3), rgb(0xC8D0DA),
    rgb(0xE9EDF2), rgb(0xDCE6F5),
    rgb(0xFFFFFF), rgb(0x1459C7), rgb(0xEEE7FA),
    rgb(0xDCE7FA),
    rgb(0xFFFFFF),
    rgb(0x1459C7), rgb(0x8A5300), rgb(0xB42318), rgb(0x176B2F),
    rgb(0xC92A2A), rgb(0xFFFFFF),
    rgb(0x2DA44E), rgb(0xD4A72C), rgb(0x8C959F)};

constexpr Theme kDark{
    "dark", true,
    rgb(0x15171C), rgb(0x1C1F26), rgb(0x121418), rgb(0x353B46),
    rgb(0xE7E9EE), rgb(0xA4ADBA),
    rgb(0x2F6AD0), rgb(0xFFFFFF),
    rgb(0x2A2F3A), rgb(0x353B48), rgb(0x414857),
    rgb(0x262A33), rgb(0x283A58),
    rgb(0x262A33), rgb(0x23497E), rgb(0x352C4A),
    rgb(0xC9D8EE),
    rgb(0x22262E),
    rgb(0x7EB0FF), rgb(0xF0B45A), rgb(0xFF8A80), rgb(0x5CCB7B),
    rgb(0xC23030), rgb(0xFFFFFF),
    rgb(0x3FB950), rgb(0xD29922), rgb(0x8B949E)};

const Theme* current = &kLight;

ImVec4 f4(ImU32 c, float alpha = 1.0f) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  v.w = alpha;
  return v;
}

double channel(unsigned value) {
  const double c = value / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(ImU32 c) {
  return 0.2126 * channel((c >> IM_COL32_R_SHIFT) & 0xFF) + 0.7152 * channel((c >> IM_COL32_G_SHIFT) & 0xFF) +
         0.0722 * channel((c >> IM_COL32_B_SHIFT) & 0xFF);
}

}  // namespace

const Theme& light_theme() { return kLight; }
const Theme& dark_theme() { return kDark; }
const Theme& theme() { return *current; }

void use_theme(bool dark) {
  current = dark ? &kDark : &kLight;
  if (ImGui::GetCurrentContext()) apply_theme(*current, ImGui::GetStyle());
}

void apply_theme(const Theme& t, ImGuiStyle& s) {
  s.WindowRounding = 0;
  s.ChildRounding = 6;
  s.FrameRounding = 6;
  s.PopupRounding = 8;
  s.TabRounding = 6;
  s.GrabRounding = 6;
  s.ScrollbarRounding = 6;
  s.WindowBorderSize = 0;
  s.PopupBorderSize = 1;
  s.FrameBorderSize = 1;
  s.ItemSpacing = ImVec2(8, 6);
  s.FramePadding = ImVec2(10, 5);
  s.WindowPadding = ImVec2(12, 10);
  s.ScrollbarSize = 12;
  ImVec4* c = s.Colors;
  c[ImGuiCol_Text] = f4(t.text);
  c[ImGuiCol_TextDisabled] = f4(t.text_secondary);
  c[ImGuiCol_WindowBg] = f4(t.window);
  c[ImGuiCol_ChildBg] = f4(t.surface);
  c[ImGuiCol_PopupBg] = f4(t.popup);
  c[ImGuiCol_Border] = f4(t.border);
  c[ImGuiCol_BorderShadow] = f4(t.border, 0.0f);
  c[ImGuiCol_FrameBg] = f4(t.sunken);
  c[ImGuiCol_FrameBgHovered] = f4(t.row_hovered);
  c[ImGuiCol_FrameBgActive] = f4(t.row_selected);
  c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgActive] = c[ImGuiCol_TitleBgCollapsed] = f4(t.surface);
  c[ImGuiCol_MenuBarBg] = f4(t.surface);
  c[ImGuiCol_ScrollbarBg] = f4(t.window, 0.0f);
  c[ImGuiCol_ScrollbarGrab] = f4(t.border);
  c[ImGuiCol_ScrollbarGrabHovered] = f4(t.button_active);
  c[ImGuiCol_ScrollbarGrabActive] = f4(t.text_secondary);
  c[ImGuiCol_CheckMark] = f4(t.accent);
  c[ImGuiCol_SliderGrab] = f4(t.accent);
  c[ImGuiCol_SliderGrabActive] = f4(t.accent);
  c[ImGuiCol_Button] = f4(t.button);
  c[ImGuiCol_ButtonHovered] = f4(t.button_hovered);
  c[ImGuiCol_ButtonActive] = f4(t.button_active);
  c[ImGuiCol_Header] = f4(t.row_selected);
  c[ImGuiCol_HeaderHovered] = f4(t.row_hovered);
  c[ImGuiCol_HeaderActive] = f4(t.row_selected);
  c[ImGuiCol_Separator] = c[ImGuiCol_SeparatorHovered] = c[ImGuiCol_SeparatorActive] = f4(t.border);
  c[ImGuiCol_ResizeGrip] = c[ImGuiCol_ResizeGripHovered] = c[ImGuiCol_ResizeGripActive] = f4(t.border, 0.0f);
  c[ImGuiCol_Tab] = f4(t.button);
  c[ImGuiCol_TabHovered] = f4(t.button_hovered);
  c[ImGuiCol_TabActive] = f4(t.row_selected);
  c[ImGuiCol_TabUnfocused] = f4(t.button);
  c[ImGuiCol_TabUnfocusedActive] = f4(t.row_selected);
  c[ImGuiCol_PlotLines] = c[ImGuiCol_PlotLinesHovered] = f4(t.accent);
  c[ImGuiCol_PlotHistogram] = c[ImGuiCol_PlotHistogramHovered] = f4(t.accent);
  c[ImGuiCol_TableHeaderBg] = f4(t.sunken);
  c[ImGuiCol_TableBorderStrong] = c[ImGuiCol_TableBorderLight] = f4(t.border);
  c[ImGuiCol_TableRowBg] = f4(t.surface, 0.0f);
  c[ImGuiCol_TableRowBgAlt] = f4(t.sunken, 0.5f);
  c[ImGuiCol_TextSelectedBg] = f4(t.accent, 0.30f);
  c[ImGuiCol_DragDropTarget] = f4(t.accent);
  c[ImGuiCol_NavHighlight] = f4(t.accent);
  c[ImGuiCol_NavWindowingHighlight] = f4(t.accent);
  c[ImGuiCol_NavWindowingDimBg] = f4(t.text, 0.2f);
  c[ImGuiCol_ModalWindowDimBg] = f4(t.text, 0.35f);
}

const std::vector<ImU32>& avatar_colors() {
  static const std::vector<ImU32> colors{rgb(0xB4372F), rgb(0x9A4A00), rgb(0x2F6B2F), rgb(0x1D6A8A),
                                         rgb(0x5B45B0), rgb(0x9C2F7A), rgb(0x3D5A80), rgb(0x80561B)};
  return colors;
}

ImU32 avatar_color(std::string_view name) {
  unsigned hash = 2166136261u;
  for (char ch : name) hash = (hash ^ static_cast<unsigned char>(ch)) * 16777619u;
  const auto& colors = avatar_colors();
  return colors[hash % colors.size()];
}

std::string initials(std::string_view name) {
  std::vector<std::string> letters;  // the first character of each word
  bool word_start = true;
  const char* p = name.data();
  const char* end = p + name.size();
  while (p < end) {
    unsigned int c = 0;
    const char* at = p;
    const int n = ImTextCharFromUtf8(&c, p, end);
    p += n > 0 ? n : 1;
    const bool blank = c == ' ' || c == '\t' || c == '-' || c == '_' || c == '.' || c == '@' || c == '#';
    if (word_start && !blank)
      letters.push_back(c < 0x80 ? std::string(1, static_cast<char>(std::toupper(static_cast<int>(c)))) : std::string(at, p));
    word_start = blank;
  }
  if (letters.empty()) return "?";
  return letters.size() == 1 ? letters[0] : letters.front() + letters.back();
}

double contrast_ratio(ImU32 a, ImU32 b) {
  double la = luminance(a), lb = luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

std::vector<ColorPair> text_pairs(const Theme& t) {
  std::vector<ColorPair> pairs;
  const auto add = [&](const char* fg_name, ImU32 fg, std::initializer_list<std::pair<const char*, ImU32>> bgs) {
    for (const auto& [bg_name, bg] : bgs) pairs.push_back({std::string(fg_name) + " on " + bg_name, fg, bg});
  };
  const std::initializer_list<std::pair<const char*, ImU32>> rows{
      {"window", t.window}, {"surface", t.surface}, {"sunken", t.sunken}, {"hovered row", t.row_hovered},
      {"selected row", t.row_selected}, {"popup", t.popup}};
  add("text", t.text, rows);
  add("secondary text", t.text_secondary, rows);
  add("text", t.text, {{"button", t.button}, {"hovered button", t.button_hovered}, {"pressed button", t.button_active},
                       {"customer bubble", t.bubble_customer}, {"colleague bubble", t.bubble_colleague}});
  add("secondary text", t.text_secondary, {{"customer bubble", t.bubble_customer}, {"colleague bubble", t.bubble_colleague}});
  add("link", t.link, {{"surface", t.surface}, {"customer bubble", t.bubble_customer}, {"window", t.window}});
  add("warning", t.warning, rows);
  add("danger", t.danger, rows);
  add("success", t.success, {{"window", t.window}, {"surface", t.surface}, {"popup", t.popup}});
  add("text on accent", t.on_accent, {{"accent", t.accent}, {"agent bubble", t.bubble_agent}});
  add("agent bubble secondary", t.bubble_agent_secondary, {{"agent bubble", t.bubble_agent}});
  add("badge text", t.on_badge, {{"badge", t.badge}});
  for (ImU32 color : avatar_colors()) pairs.push_back({"initials on avatar", rgb(0xFFFFFF), color});
  return pairs;
}

ImU32 priority_color(const Theme& theme, Priority priority) {
  if (priority == Priority::urgent) return theme.danger;
  if (priority == Priority::high) return theme.warning;
  return theme.text_secondary;
}

}  // namespace parley::web
