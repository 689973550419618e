// The Reports screen: picker, tables (ImGui tables with sort specs, definitions on every header) and
// charts, over the rows ReportsUi keeps in the order shown.
#include "views/reports_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <map>

#include "format.hpp"
#include "theme.hpp"
#include "views/report_charts.hpp"
#include "views/side_screens.hpp"
#include "views/ui_kit.hpp"

namespace parley::web {

namespace {

void explain(const std::string& text) {
  if (text.empty() || !ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// A button that shows whether it is the one chosen (as the lists' tabs do); true when clicked.
bool choice(const std::string& label, bool chosen, const std::string& widget, Widgets& widgets, bool same_line) {
  const float width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
  if (same_line && ImGui::GetItemRectMax().x + 4 + width <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
    ImGui::SameLine(0, 4);
  const Theme& t = theme();
  ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(chosen ? t.row_selected : t.button));
  const bool clicked = ImGui::Button((label + "###" + widget).c_str());
  ImGui::PopStyleColor();
  if (chosen) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x + 6, b.y - 2), ImVec2(b.x - 6, b.y), t.accent, 1.0f);
  }
  widgets.record_last_item(widget);
  return clicked;
}

void draw_picker(const ViewContext& view, UiState& ui) {
  ReportsUi& r = ui.reports;
  static constexpr std::pair<RangeKind, const char*> kRanges[] = {{RangeKind::today, "Today"},
                                                                   {RangeKind::yesterday, "Yesterday"},
                                                                   {RangeKind::last_7_days, "Last 7 days"},
                                                                   {RangeKind::custom, "Custom"}};
  static constexpr const char* kRangeWidgets[] = {"reports.range.today", "reports.range.yesterday",
                                                  "reports.range.last_7_days", "reports.range.custom"};
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Range");
  for (std::size_t i = 0; i < 4; ++i) {
    if (!choice(kRanges[i].second, r.range == kRanges[i].first, kRangeWidgets[i], ui.widgets, true)) continue;
    r.range = kRanges[i].first;
    if (r.range == RangeKind::custom && r.first_day.empty()) {
      r.first_day = r.last_day = format_day_of(view.now);
    }
    r.want = true;
  }
  if (r.range == RangeKind::custom) {
    ImGui::SameLine(0, 12);
    ImGui::TextUnformatted("from");
    ImGui::SameLine();
    const float field = ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 2 + 4;
    ImGui::SetNextItemWidth(field);
    bool enter = ImGui::InputText("##first_day", &r.first_day, ImGuiInputTextFlags_EnterReturnsTrue);
    ui.widgets.record_last_item("reports.first_day");
    ImGui::SameLine();
    ImGui::TextUnformatted("to");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(field);
    enter = ImGui::InputText("##last_day", &r.last_day, ImGuiInputTextFlags_EnterReturnsTrue) || enter;
    ui.widgets.record_last_item("reports.last_day");
    ImGui::SameLine();
    if (ImGui::Button("Show###reports.apply") || enter) r.want = true;
    ui.widgets.record_last_item("reports.apply");
  }
  const std::vector<GroupIx> groups = report_groups(view.state, view.agent);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Group");
  if (choice("All groups", r.group.empty(), "reports.group.all", ui.widgets, true)) {
    r.group.clear();
    r.want = true;
  }
  for (GroupIx g : groups) {
    const Group& group = view.state.groups[g];
    glyph_cache().want(Face::regular, group.name);
    if (choice(group.name.empty() ? group.id : group.name, r.group == group.id, "reports.group." + group.id, ui.widgets,
               true)) {
      r.group = group.id;
      r.want = true;
    }
  }
}

void draw_status(const ViewContext& view, UiState& ui) {
  ReportsUi& r = ui.reports;
  if (ImGui::Button("Refresh###reports.refresh")) r.want = true;
  ui.widgets.record_last_item("reports.refresh");
  ImGui::SameLine(0, 12);
  const Theme& t = theme();
  const std::string range = r.query.to > r.query.from ? format_day_of(r.query.from) + " to " + format_day_of(r.query.to - 1)
                                                      : std::string();
  switch (r.status) {
    case ReportsStatus::none:
    case ReportsStatus::loading: ImGui::TextUnformatted("Loading the reports…"); break;
    case ReportsStatus::failed:
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(t.danger));
      ImGui::TextWrapped("%s", r.error.c_str());
      ImGui::PopStyleColor();
      break;
    case ReportsStatus::ready:
      ImGui::TextUnformatted((range + " (UTC) · as of " + format_clock_seconds(r.as_of) +
                              (view.mode == Mode::demo ? " · computed in this page" : " · from the server"))
                                 .c_str());
      break;
  }
  ui.widgets.record_last_item("reports.status");
}

void hours_cell(const Json& value, const std::string& detail) {
  const Theme& t = theme();
  const float line = ImGui::GetTextLineHeight();
  const float width = 24 * 3.0f;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, line));
  std::int64_t top = 1;
  for (const Json& h : value) top = std::max<std::int64_t>(top, h.is_number_integer() ? h.get<std::int64_t>() : 0);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddLine(ImVec2(at.x, at.y + line), ImVec2(at.x + width, at.y + line), t.border);
  for (std::size_t h = 0; h < value.size() && h < 24; ++h) {
    const std::int64_t n = value[h].is_number_integer() ? value[h].get<std::int64_t>() : 0;
    if (n <= 0) continue;
    const float bar = std::max(1.0f, line * static_cast<float>(n) / static_cast<float>(top));
    const float x = at.x + 3.0f * static_cast<float>(h);
    draw->AddRectFilled(ImVec2(x, at.y + line - bar), ImVec2(x + 2, at.y + line), t.link);
  }
  explain(detail.empty() ? "No sessions started." : "Started by hour (UTC): " + detail + ".");
}

void draw_table(ReportKind kind, UiState& ui) {
  ReportsUi& r = ui.reports;
  const std::vector<ReportColumn>& columns = report_columns(kind);
  const std::vector<ReportRow>& rows = r.rows[report_index(kind)];
  const std::string name = report_kind_name(kind);
  const float line = ImGui::GetTextLineHeight();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float cell = style.CellPadding.y * 2;
  const float height = (line * 2 + cell) + static_cast<float>(rows.size()) * (line + cell) + style.ScrollbarSize + 6;
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_ScrollX |
                                     ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable(("##table." + name).c_str(), static_cast<int>(columns.size()), kFlags, ImVec2(0, height)))
    return;
  ImGui::TableSetupScrollFreeze(1, 0);
  for (std::size_t c = 0; c < columns.size(); ++c)
    ImGui::TableSetupColumn(columns[c].label,
                            c == 0 ? ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_NoHide
                                   : ImGuiTableColumnFlags_PreferSortDescending,
                            0.0f, static_cast<ImGuiID>(c));
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
    const ImGuiTableColumnSortSpecs& first = specs->Specs[0];
    sort_report(r, kind, TableSort{static_cast<int>(first.ColumnUserID),
                                   first.SortDirection != ImGuiSortDirection_Descending});
    specs->SpecsDirty = false;
  }
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    ImGui::TableSetColumnIndex(static_cast<int>(c));
    ImGui::PushID(static_cast<int>(c));
    ImGui::TableHeader(columns[c].label);
    ImGui::PopID();
    ui.widgets.record_last_item("reports." + name + ".head." + columns[c].field);
    explain(columns[c].tip);
  }
  for (const ReportRow& row : rows) {
    ImGui::TableNextRow();
    ImGui::PushID(row.key.c_str());
    for (std::size_t c = 0; c < columns.size() && c < row.cells.size(); ++c) {
      ImGui::TableSetColumnIndex(static_cast<int>(c));
      const ReportCell& cell_value = row.cells[c];
      if (columns[c].format == CellFormat::hours) {
        hours_cell(cell_value.value, cell_value.detail);
        continue;
      }
      glyph_cache().want(Face::regular, cell_value.text);
      if (cell_value.text == "—") ImGui::TextDisabled("—");
      else ImGui::TextUnformatted(cell_value.text.c_str());
      if (c == 0) ui.widgets.record_last_item("reports." + name + ".row." + row.key);
      explain(cell_value.detail);
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (rows.empty() && r.status == ReportsStatus::ready) ImGui::TextDisabled("No rows you may see in this range.");
}

// Two charts side by side when there is room for both, else one under the other.
template <typename Left, typename Right>
void chart_pair(Left left, Right right) {
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool beside = avail >= 2 * 360 + 24;
  const float width = beside ? (avail - 24) / 2 : avail;
  ImGui::BeginGroup();
  left(width);
  ImGui::EndGroup();
  if (beside) ImGui::SameLine(0, 24);
  else ImGui::Spacing();
  ImGui::BeginGroup();
  right(width);
  ImGui::EndGroup();
}

void operator_charts(const ViewContext& view, UiState& ui) {
  const ReportsUi& r = ui.reports;
  std::map<std::string, const OperatorRow*> by_agent;
  for (const OperatorRow& row : r.data.operators) by_agent[row.agent] = &row;
  std::vector<BarRow> times;
  std::vector<StatusRow> status;
  for (const ReportRow& row : r.rows[0]) {
    const auto found = by_agent.find(row.key);
    if (found == by_agent.end()) continue;
    const OperatorRow& o = *found->second;
    const std::string name = row.cells.empty() ? row.key : row.cells[0].text;
    times.push_back(BarRow{name, {BarValue{o.first_response.avg_ms, o.first_response.p90_ms},
                                  BarValue{o.response.avg_ms, o.response.p90_ms}}});
    status.push_back(StatusRow{name, o.online_ms, o.dnd_ms, o.offline_ms});
  }
  (void)view;
  const Theme& t = theme();
  chart_pair(
      [&](float width) {
        chart_duration_bars(
            ChartTitle{"Response times per agent",
                       "How long customers waited for each agent's replies: the first reply after the agent got the "
                       "session, and every reply that answered them. Bars are averages, ticks the 90th percentile.",
                       "reports.chart.response"},
            {BarSeries{"First response", t.link}, BarSeries{"Response", t.success}}, times, width, ui.widgets);
      },
      [&](float width) {
        chart_status_time(ChartTitle{"Status time per agent",
                                     "Time each agent spent online, in Do not disturb and offline inside the range.",
                                     "reports.chart.status"},
                          status, width, ui.widgets);
      });
}

void live_chat_charts(UiState& ui) {
  const ReportsUi& r = ui.reports;
  std::array<std::int64_t, 24> hours{};
  std::map<std::string, const LiveChatRow*> by_group;
  for (const LiveChatRow& row : r.data.live_chats) {
    by_group[row.group] = &row;
    for (std::size_t h = 0; h < 24; ++h) hours[h] += row.by_hour[h];
  }
  std::vector<BarRow> waits;
  for (const ReportRow& row : r.rows[1]) {
    const auto found = by_group.find(row.key);
    if (found == by_group.end()) continue;
    waits.push_back(BarRow{row.cells.empty() ? row.key : row.cells[0].text,
                           {BarValue{found->second->wait.avg_ms, found->second->wait.p90_ms}}});
  }
  const Theme& t = theme();
  chart_pair(
      [&](float width) {
        chart_by_hour(ChartTitle{"Sessions by hour (UTC)",
                                 "Sessions started in each hour of the day, added up over the groups shown.",
                                 "reports.chart.by_hour"},
                      hours, width, ui.widgets);
      },
      [&](float width) {
        chart_duration_bars(ChartTitle{"Waiting time per group",
                                       "How long sessions waited in each group's queue until an agent got them. Bars "
                                       "are averages, ticks the 90th percentile.",
                                       "reports.chart.wait"},
                            {BarSeries{"Wait", t.link}}, waits, width, ui.widgets);
      });
}

void section(const ViewContext& view, UiState& ui, ReportKind kind) {
  ReportsUi& r = ui.reports;
  heading(report_title(kind));
  ImGui::SameLine(0, 16);
  const std::string name = report_kind_name(kind);
  ImGui::BeginDisabled(r.status != ReportsStatus::ready);
  if (ImGui::Button(("Download CSV###reports.csv." + name).c_str())) r.download = kind;
  ImGui::EndDisabled();
  ui.widgets.record_last_item("reports.csv." + name);
  draw_table(kind, ui);
  ImGui::Spacing();
  if (kind == ReportKind::operators) operator_charts(view, ui);
  else live_chat_charts(ui);
}

}  // namespace

void draw_reports_tab(const ViewContext& view, UiState& ui) {
  side_screen_tab(ui, ui.reports, shows_reports(view.state, view.agent), "Reports###tab.reports", "tab.reports");
}

bool reports_showing(const ViewContext& view, UiState& ui) {
  return side_screen_showing(ui, ui.reports, shows_reports(view.state, view.agent));
}

void draw_reports(const ViewContext& view, UiState& ui) {
  ImGui::BeginChild("##reports", ImVec2(0, 0), ImGuiChildFlags_Border);
  if (side_screen_title(ui, "Reports", "###reports.close", "reports.close")) ui.reports.open = false;
  draw_picker(view, ui);
  draw_status(view, ui);
  ImGui::Separator();
  ImGui::BeginChild("##reports_body", ImVec2(0, 0), ImGuiChildFlags_None);
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(6, 4));
  section(view, ui, ReportKind::operators);
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  section(view, ui, ReportKind::live_chats);
  ImGui::PopStyleVar();
  ImGui::EndChild();
  ImGui::EndChild();
  ui.widgets.record_last_item("reports");
}

}  // namespace parley::web
