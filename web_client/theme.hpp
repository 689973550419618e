// The workspace's two colour themes (light, dark) and its type and shape scale: one palette each,
// applied to ImGui's style and read by the views for what ImGui does not draw (bubbles, avatars,
// badges). Every text colour meets WCAG AA (4.5:1) on every background it is drawn on: text_pairs()
// lists those pairs and a test checks them.
#pragma once
#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"

namespace parley::web {

struct Theme {
  const char* name;
  bool dark;
  ImU32 window, surface, sunken, border;                // backgrounds and lines
  ImU32 text, text_secondary;                           // primary and secondary text
  ImU32 accent, on_accent;                              // primary buttons, agent's own bubbles
  ImU32 button, button_hovered, button_active;          // neutral buttons and fields
  ImU32 row_hovered, row_selected;                      // list rows
  ImU32 bubble_customer, bubble_agent, bubble_colleague;  // message bubbles
  ImU32 bubble_agent_secondary;                         // time and status on the agent's bubbles
  ImU32 popup;                                          // popups and menus (opaque)
  ImU32 link, warning, danger, success;                 // coloured text
  ImU32 badge, on_badge;                                // unread counts
  ImU32 status_online, status_dnd, status_offline;      // status dots
};

const Theme& light_theme();
const Theme& dark_theme();

// The theme in use (light until set) and switching it: ImGui's style colours follow.
const Theme& theme();
// The colour a session's priority mark is drawn in: danger for urgent, warning for high, secondary otherwise.
ImU32 priority_color(const Theme& theme, Priority priority);
void use_theme(bool dark);

// Sets ImGui's colours and shapes from a theme.
void apply_theme(const Theme& theme, ImGuiStyle& style);

// Avatar backgrounds; initials are drawn on them in white.
const std::vector<ImU32>& avatar_colors();
ImU32 avatar_color(std::string_view name);
// One or two capital initials of a display name ("Ann Smith" → "AS", "bo" → "B", "" → "?").
std::string initials(std::string_view name);

// WCAG 2 contrast ratio of two opaque colours (1 to 21).
double contrast_ratio(ImU32 a, ImU32 b);

struct ColorPair {
  std::string what;
  ImU32 text, background;
};
// Every text colour of the theme with every background it is drawn on.
std::vector<ColorPair> text_pairs(const Theme& theme);

}  // namespace parley::web
