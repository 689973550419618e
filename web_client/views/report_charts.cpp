// The Reports screen's charts (see report_charts.hpp): plain shapes and text on the window's draw list.
#include "views/report_charts.hpp"

#include <algorithm>

#include "report_table.hpp"
#include "theme.hpp"
#include "views/ui_kit.hpp"

namespace parley::web {

namespace {

void explain(const std::string& text) {
  if (!ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// The title line, explained on hover.
void title_line(const ChartTitle& title, Widgets& widgets) {
  glyph_cache().want(Face::bold, title.title);
  ImGui::PushFont(workspace_font(Face::bold));
  ImGui::TextUnformatted(title.title.c_str());
  ImGui::PopFont();
  widgets.record_last_item(title.widget + ".title");
  explain(title.tip);
}

// A legend line: a swatch and a label per entry, wrapping inside `width`.
void legend(const std::vector<std::pair<std::string, ImU32>>& entries, float width) {
  const Theme& t = theme();
  const float line = ImGui::GetTextLineHeight();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  float x = start.x, y = start.y;
  for (const auto& [label, color] : entries) {
    const float w = line * 0.8f + 6 + ImGui::CalcTextSize(label.c_str()).x;
    if (x > start.x && x + w > start.x + width) {
      x = start.x;
      y += line + 2;
    }
    draw->AddRectFilled(ImVec2(x, y + line * 0.15f), ImVec2(x + line * 0.7f, y + line * 0.85f), color, 2.0f);
    draw_text(draw, Face::regular, ImVec2(x + line * 0.8f + 4, y), t.text_secondary, label);
    x += w + 14;
  }
  ImGui::Dummy(ImVec2(width, y - start.y + line));
}

// A round upper bound for an axis: 1, 2 or 5 times a power of ten.
std::int64_t nice_ceiling(std::int64_t value) {
  std::int64_t step = 1;
  while (true) {
    for (std::int64_t m : {1, 2, 5})
      if (value <= m * step) return m * step;
    step *= 10;
  }
}

float name_column(const std::vector<std::string>& names, float width) {
  float widest = 0;
  for (const std::string& name : names) widest = std::max(widest, ImGui::CalcTextSize(name.c_str()).x);
  return std::min(widest + 10, width * 0.3f);
}

// The name at the left of a bar row, cut with an ellipsis when it is longer than the column.
void row_name(ImDrawList* draw, ImVec2 at, float column, const std::string& name, float line_y) {
  const Theme& t = theme();
  std::string shown = name;
  while (shown.size() > 1 && ImGui::CalcTextSize(shown.c_str()).x > column - 8) {
    shown.pop_back();
    while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();
    if (ImGui::CalcTextSize((shown + "…").c_str()).x <= column - 8) {
      shown += "…";
      break;
    }
  }
  draw_text(draw, Face::regular, ImVec2(at.x, line_y), t.text, shown);
}

}  // namespace

void chart_by_hour(const ChartTitle& title, const std::array<std::int64_t, 24>& counts, float width, Widgets& widgets) {
  const Theme& t = theme();
  title_line(title, widgets);
  const float line = ImGui::GetTextLineHeight();
  const std::int64_t top = nice_ceiling(std::max<std::int64_t>(1, *std::max_element(counts.begin(), counts.end())));
  const float axis = ImGui::CalcTextSize(std::to_string(top).c_str()).x + 8;
  const float height = 150;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(title.widget.c_str(), ImVec2(width, height));
  widgets.record_last_item(title.widget);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float left = at.x + axis, right = at.x + width - 4, bottom = at.y + height - line - 4, upper = at.y + line * 0.5f;
  for (int g = 0; g <= 2; ++g) {
    const float y = bottom - (bottom - upper) * static_cast<float>(g) / 2.0f;
    draw->AddLine(ImVec2(left, y), ImVec2(right, y), t.border);
    const std::string label = std::to_string(top * g / 2);
    draw_text(draw, Face::regular, ImVec2(left - 6 - ImGui::CalcTextSize(label.c_str()).x, y - line * 0.5f),
              t.text_secondary, label);
  }
  const float slot = (right - left) / 24.0f;
  int hovered = -1;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  for (int h = 0; h < 24; ++h) {
    const float x = left + slot * static_cast<float>(h);
    const float bar = (bottom - upper) * static_cast<float>(counts[h]) / static_cast<float>(top);
    if (counts[h] > 0)
      draw->AddRectFilled(ImVec2(x + slot * 0.15f, bottom - bar), ImVec2(x + slot * 0.85f, bottom), t.link, 2.0f);
    if (h % (slot >= 26 ? 3 : 6) == 0) {
      char label[8];
      std::snprintf(label, sizeof label, "%02d", h);
      draw_text(draw, Face::regular, ImVec2(x + slot * 0.5f - ImGui::CalcTextSize(label).x * 0.5f, bottom + 4),
                t.text_secondary, label);
    }
    if (ImGui::IsItemHovered() && mouse.x >= x && mouse.x < x + slot) hovered = h;
  }
  if (hovered >= 0) {
    ImGui::SetTooltip("%02d:00–%02d:00 UTC: %lld sessions started", hovered, (hovered + 1) % 24,
                      static_cast<long long>(counts[hovered]));
  } else {
    explain(title.tip);
  }
}

void chart_duration_bars(const ChartTitle& title, const std::vector<BarSeries>& series, const std::vector<BarRow>& rows,
                         float width, Widgets& widgets) {
  const Theme& t = theme();
  title_line(title, widgets);
  std::vector<std::pair<std::string, ImU32>> keys;
  for (const BarSeries& s : series) keys.emplace_back(s.label, s.color);
  keys.emplace_back("Tick: 90th percentile", t.text);
  legend(keys, width);
  const float line = ImGui::GetTextLineHeight();
  const float bar = 9, gap = 3;
  const float row_h = std::max(line + 4, static_cast<float>(series.size()) * (bar + gap) + 6);
  const float height = std::max(line + 8, row_h * static_cast<float>(rows.size()));
  std::vector<std::string> names;
  Duration top = 1;
  for (const BarRow& row : rows) {
    names.push_back(row.name);
    for (const BarValue& v : row.values) top = std::max({top, v.avg.value_or(0), v.p90.value_or(0)});
  }
  const float column = name_column(names, width);
  const float value_w = ImGui::CalcTextSize("00m 00s").x + 10;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(title.widget.c_str(), ImVec2(width, height));
  widgets.record_last_item(title.widget);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (rows.empty()) {
    draw_text(draw, Face::regular, ImVec2(at.x, at.y + 4), t.text_secondary, "No rows in the range.");
    explain(title.tip);
    return;
  }
  const float left = at.x + column, span = std::max(20.0f, width - column - value_w);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hovered = -1;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const float y = at.y + row_h * static_cast<float>(r);
    row_name(draw, at, column, rows[r].name, y + (row_h - line) * 0.5f);
    float by = y + (row_h - static_cast<float>(series.size()) * (bar + gap) + gap) * 0.5f;
    for (std::size_t s = 0; s < series.size() && s < rows[r].values.size(); ++s, by += bar + gap) {
      const BarValue& v = rows[r].values[s];
      if (!v.avg) {
        draw_text(draw, Face::regular, ImVec2(left + 2, by + bar * 0.5f - line * 0.5f), t.text_secondary, "—");
        continue;
      }
      const float end = left + span * static_cast<float>(*v.avg) / static_cast<float>(top);
      draw->AddRectFilled(ImVec2(left, by), ImVec2(std::max(left + 2, end), by + bar), series[s].color, 2.0f);
      if (v.p90) {
        const float tick = left + span * static_cast<float>(*v.p90) / static_cast<float>(top);
        draw->AddLine(ImVec2(tick, by - 2), ImVec2(tick, by + bar + 2), t.text, 2.0f);
      }
      if (s + 1 == series.size() || series.size() == 1) {
        const float text_x = left + span + 6;
        draw_text(draw, Face::regular, ImVec2(text_x, y + (row_h - line) * 0.5f), t.text_secondary, format_span(*v.avg));
      }
    }
    if (ImGui::IsItemHovered() && mouse.y >= y && mouse.y < y + row_h) hovered = static_cast<int>(r);
  }
  if (hovered >= 0) {
    std::string text = rows[static_cast<std::size_t>(hovered)].name;
    for (std::size_t s = 0; s < series.size(); ++s) {
      const BarValue& v = rows[static_cast<std::size_t>(hovered)].values[s];
      text += "\n" + series[s].label + ": " +
              (v.avg ? "average " + format_span(*v.avg) + ", 90th percentile " + format_span(v.p90.value_or(0))
                     : std::string("no samples"));
    }
    ImGui::SetTooltip("%s", text.c_str());
  } else {
    explain(title.tip);
  }
}

void chart_status_time(const ChartTitle& title, const std::vector<StatusRow>& rows, float width, Widgets& widgets) {
  const Theme& t = theme();
  title_line(title, widgets);
  const ImU32 colors[3] = {t.success, t.warning, t.text_secondary};
  legend({{"Online", colors[0]}, {"Do not disturb", colors[1]}, {"Offline", colors[2]}}, width);
  const float line = ImGui::GetTextLineHeight();
  const float row_h = line + 8;
  const float height = std::max(line + 8, row_h * static_cast<float>(rows.size()));
  std::vector<std::string> names;
  Duration top = 1;
  for (const StatusRow& row : rows) {
    names.push_back(row.name);
    top = std::max(top, row.online + row.dnd + row.offline);
  }
  const float column = name_column(names, width);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(title.widget.c_str(), ImVec2(width, height));
  widgets.record_last_item(title.widget);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (rows.empty()) {
    draw_text(draw, Face::regular, ImVec2(at.x, at.y + 4), t.text_secondary, "No rows in the range.");
    explain(title.tip);
    return;
  }
  const float left = at.x + column, span = std::max(20.0f, width - column - 4);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hovered = -1;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const float y = at.y + row_h * static_cast<float>(r);
    row_name(draw, at, column, rows[r].name, y + 4);
    const Duration parts[3] = {rows[r].online, rows[r].dnd, rows[r].offline};
    float x = left;
    for (int p = 0; p < 3; ++p) {
      const float w = span * static_cast<float>(parts[p]) / static_cast<float>(top);
      if (w > 0) draw->AddRectFilled(ImVec2(x, y + 5), ImVec2(x + w, y + row_h - 5), colors[p]);
      x += w;
    }
    if (ImGui::IsItemHovered() && mouse.y >= y && mouse.y < y + row_h) hovered = static_cast<int>(r);
  }
  if (hovered >= 0) {
    const StatusRow& row = rows[static_cast<std::size_t>(hovered)];
    ImGui::SetTooltip("%s\nOnline %s\nDo not disturb %s\nOffline %s", row.name.c_str(), format_span(row.online).c_str(),
                      format_span(row.dnd).c_str(), format_span(row.offline).c_str());
  } else {
    explain(title.tip);
  }
}

}  // namespace parley::web
