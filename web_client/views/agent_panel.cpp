// Agent panel: two rows always shown (statistics, then status buttons and the mode controls) and,
// when expanded, the pie chart of the shift drawn with ImGui's draw list.
#include "views/agent_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "format.hpp"
#include "percentages.hpp"
#include "stats.hpp"
#include "theme.hpp"
#include "views/ui_kit.hpp"

namespace parley::web {

namespace {

ImU32 status_color(AgentStatus status) {
  switch (status) {
    case AgentStatus::online: return theme().status_online;
    case AgentStatus::dnd: return theme().status_dnd;
    case AgentStatus::offline: return theme().status_offline;
  }
  return theme().status_offline;
}

// A status dot, vertically centred on a line of framed widgets or of text.
enum class Line { framed, text };
void dot(ImU32 color, Line line = Line::framed) {
  const float size = ImGui::GetTextLineHeight();
  const float height = line == Line::framed ? ImGui::GetFrameHeight() : size;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + size * 0.5f, p.y + height * 0.5f), size * 0.3f, color);
  ImGui::Dummy(ImVec2(size, height));
  ImGui::SameLine(0, 2);
}

void stat(const char* label, const std::string& value) {
  ImGui::SameLine(0, 18);
  ImGui::BeginGroup();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine(0, 6);
  ImGui::TextUnformatted(value.c_str());
  ImGui::EndGroup();
}

// Filled pie slices; each split in ≤ 90° pieces so every fan is convex.
void pie(ImDrawList* draw, ImVec2 center, float radius, const Duration (&parts)[3], const ImU32 (&colors)[3]) {
  Duration total = 0;
  for (Duration p : parts) total += std::max<Duration>(p, 0);
  if (total <= 0) {
    draw->AddCircle(center, radius, theme().status_offline, 48, 2.0f);
    return;
  }
  const float tau = 6.2831853f;
  float angle = -tau / 4;
  for (int i = 0; i < 3; ++i) {
    if (parts[i] <= 0) continue;
    const float sweep = tau * static_cast<float>(static_cast<double>(parts[i]) / static_cast<double>(total));
    for (float done = 0; done < sweep - 1e-4f;) {
      const float step = std::min(sweep - done, tau / 4);
      draw->PathLineTo(center);
      draw->PathArcTo(center, radius, angle + done, angle + done + step, std::max(4, static_cast<int>(step * 16)));
      draw->PathFillConvex(colors[i]);
      done += step;
    }
    angle += sweep;
  }
  draw->AddCircle(center, radius, theme().surface, 48, 1.5f);
}

void status_button(const char* label, const char* widget, AgentStatus status, AgentStatus current,
                   const ViewContext& view, UiState& ui, Outbox& out) {
  const bool active = status == current;
  if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(theme().row_selected));
  if (ImGui::Button(label) && !active) out.send(SetAgentStatus{view.agent_id, status});
  if (active) {
    ImGui::PopStyleColor();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x + 6, b.y - 3), ImVec2(b.x - 6, b.y), status_color(status), 1.5f);
  }
  ui.widgets.record_last_item(widget);
}

void mode_controls(const ViewContext& view, UiState& ui, Outbox& out) {
  if (view.mode == Mode::demo) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Demo clock");
    ImGui::SameLine();
    ImGui::TextUnformatted(format_display_time(view.now).c_str());
    ImGui::SameLine(0, 12);
    int speed = view.demo_speed;
    ImGui::SetNextItemWidth(130);
    if (ImGui::SliderInt("##speed", &speed, Demo::kMinSpeed, Demo::kMaxSpeed, "speed %d×"))
      out.ask(SetDemoSpeed{speed});
    ui.widgets.record_last_item("demo.speed");
    same_line_if_fits("Reset");
    if (ImGui::SmallButton("Reset")) ui.flow.confirm_reset = true;  // confirmed in a modal (views/flow_view)
    ui.widgets.record_last_item("demo.reset");
    same_line_if_fits("Leave demo");
    if (ImGui::SmallButton("Leave demo")) out.ask(LeaveWorkspace{});
    ui.widgets.record_last_item("demo.leave");
    return;
  }
  switch (view.link) {
    case Link::live: dot(theme().status_online); ImGui::TextUnformatted("Live"); break;
    case Link::connecting: dot(theme().status_dnd); ImGui::TextUnformatted("Connecting…"); break;
    case Link::retrying:
    case Link::idle: dot(theme().danger); ImGui::TextUnformatted("Offline — reconnecting…"); break;
  }
  ui.widgets.record_last_item("link");
  ImGui::SameLine(0, 12);
  if (ImGui::SmallButton("Sign out")) out.ask(LeaveWorkspace{});
  ui.widgets.record_last_item("session.signout");
}

}  // namespace

float draw_agent_panel(const ViewContext& view, UiState& ui, Outbox& out) {
  const float top = ImGui::GetCursorPosY();
  if (view.agent == kNoIndex) {
    ImGui::TextDisabled("Loading your workspace…");
    ImGui::SameLine(0, 24);
    mode_controls(view, ui, out);
    same_line_if_fits(kThemeToggleWidest, 12);
    theme_toggle(ui.widgets);
    ImGui::Separator();
    return ImGui::GetCursorPosY() - top;
  }
  const Agent& agent = view.state.agents[view.agent];
  const AgentStats s = agent_stats(view.state, view.agent, view.now);

  // Row 1: status dropdown with time in status, the counters, the name, the expand toggle.
  const std::string preview = status_label(s.status) + "  " + format_duration(view.now - s.status_since);
  dot(status_color(s.status));
  ImGui::SetNextItemWidth(210);
  if (ImGui::BeginCombo("##status", preview.c_str())) {
    for (AgentStatus option : {AgentStatus::online, AgentStatus::dnd, AgentStatus::offline}) {
      if (ImGui::Selectable(status_label(option).c_str(), option == s.status) && option != s.status)
        out.send(SetAgentStatus{view.agent_id, option});
    }
    ImGui::EndCombo();
  }
  ui.widgets.record_last_item("status.dropdown");
  stat("Total time", format_duration(s.total_ms));
  ui.widgets.record_last_item("stat.total");
  stat("Closed", std::to_string(s.closed));
  ui.widgets.record_last_item("stat.closed");
  stat("Missed", std::to_string(s.missed));
  if (ImGui::IsItemClicked()) ui.attention.open_missed = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Which sessions, and what took them");
  ui.widgets.record_last_item("stat.missed");
  stat("On hold", std::to_string(s.on_hold));
  ui.widgets.record_last_item("stat.on_hold");
  stat("Active", std::to_string(s.active));
  ui.widgets.record_last_item("stat.active");
  ImGui::SameLine(0, 24);
  const std::string name = agent_display_name(agent);
  {
    const float r = ImGui::GetFrameHeight() * 0.5f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    draw_avatar(ImVec2(p.x + r, p.y + r), r, name);
    ImGui::Dummy(ImVec2(r * 2, r * 2));
    ImGui::SameLine(0, 6);
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(name.c_str());
  if (!agent.nickname.empty() && agent.nickname != agent.name && !agent.name.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)", agent.name.c_str());
  }
  ImGui::SameLine(0, 12);
  if (ImGui::ArrowButton("##expand", ui.panel_expanded ? ImGuiDir_Up : ImGuiDir_Down))
    ui.panel_expanded = !ui.panel_expanded;
  ui.widgets.record_last_item("panel.expand");

  // Row 2: status buttons, then the connection or demo controls.
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Status");
  ImGui::SameLine();
  status_button("Online", "status.online", AgentStatus::online, s.status, view, ui, out);
  ImGui::SameLine();
  status_button("Do not disturb", "status.dnd", AgentStatus::dnd, s.status, view, ui, out);
  ImGui::SameLine();
  status_button("Offline", "status.offline", AgentStatus::offline, s.status, view, ui, out);
  ImGui::SameLine(0, 32);
  mode_controls(view, ui, out);
  same_line_if_fits("Alerts…");
  if (ImGui::SmallButton("Alerts…")) ui.attention.open_settings = true;
  ui.widgets.record_last_item("alerts.open");
  same_line_if_fits(kThemeToggleWidest);  // the second row (the first is full at 1024 px with a long name)
  theme_toggle(ui.widgets);

  if (ui.panel_expanded) {
    const float radius = 56.0f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(radius * 2 + 16, radius * 2 + 8));
    ui.widgets.record_last_item("panel.pie");
    const Duration parts[3] = {s.online_ms, s.dnd_ms, s.offline_ms};
    const ImU32 colors[3] = {theme().status_online, theme().status_dnd, theme().status_offline};
    pie(ImGui::GetWindowDrawList(), ImVec2(origin.x + radius + 8, origin.y + radius + 4), radius, parts, colors);
    ImGui::SameLine(0, 16);
    ImGui::BeginGroup();
    const char* names[3] = {"Online", "Do not disturb", "Offline"};
    const std::vector<int> shares = whole_percentages(parts);
    for (int i = 0; i < 3; ++i) {
      dot(colors[i], Line::text);
      ImGui::Text("%-15s %s  (%d%%)", names[i], format_duration(parts[i]).c_str(), shares[i]);
    }
    ImGui::EndGroup();
    ImGui::SameLine(0, 40);
    ImGui::BeginGroup();
    ImGui::TextDisabled("Total online");
    ImGui::TextUnformatted(format_duration(s.online_ms).c_str());
    ImGui::TextDisabled("Current status");
    ImGui::Text("%s for %s", status_label(s.status).c_str(), format_duration(view.now - s.status_since).c_str());
    ImGui::TextDisabled("First Online");
    ImGui::TextUnformatted(s.first_online ? format_display_time(*s.first_online).c_str() : "—");
    ImGui::EndGroup();
  }
  ImGui::Separator();
  return ImGui::GetCursorPosY() - top;
}

}  // namespace parley::web
