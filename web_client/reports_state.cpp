// Who gets the Reports screen, its query, and the rows it shows.
#include "reports_state.hpp"

#include <algorithm>

#include "team_board.hpp"

namespace parley::web {

bool shows_reports(const State& state, AgentIx agent) {
  if (agent == kNoIndex || !state.agents.contains(agent)) return false;
  return may_see_team_board(state, Login{agent, state.agents[agent].roles});
}

std::vector<GroupIx> report_groups(const State& state, AgentIx agent) {
  std::vector<GroupIx> groups;
  if (!shows_reports(state, agent)) return groups;
  const Agent& self = state.agents[agent];
  const bool admin = has_role(self, kRoleAdmin);
  for (GroupIx g : state.groups.indices())
    if (admin || (is_member(self, g) && may_supervise(self, g))) groups.push_back(g);
  std::sort(groups.begin(), groups.end(), [&](GroupIx a, GroupIx b) {
    const Group &x = state.groups[a], &y = state.groups[b];
    return x.name != y.name ? x.name < y.name : x.id < y.id;
  });
  return groups;
}

Result<ReportQuery> picked_query(const ReportsUi& ui, Timestamp now) {
  const Result<DaySpan> span = report_range(ui.range, now, ui.first_day, ui.last_day);
  if (!span) return span.error();
  return ReportQuery{span.value().from, span.value().to, ui.group, std::nullopt};
}

void show_reports(ReportsUi& ui, const State& state, Reports data, Timestamp at) {
  ui.data = std::move(data);
  ui.as_of = at;
  ui.status = ReportsStatus::ready;
  ui.error.clear();
  ++ui.computed;
  ++ui.version;
  for (ReportKind kind : {ReportKind::operators, ReportKind::live_chats})
    ui.rows[report_index(kind)] = report_rows(kind, state, ui.data, ui.sort[report_index(kind)]);
}

void sort_report(ReportsUi& ui, ReportKind kind, TableSort sort) {
  const std::size_t i = report_index(kind);
  if (ui.sort[i] == sort) return;
  ui.sort[i] = sort;
  sort_rows(kind, ui.rows[i], sort);
  ++ui.version;
}

Json reports_mirror(const ReportsUi& ui) {
  if (!ui.open) return Json{{"open", false}};
  const std::string range = format_day_of(ui.query.from) + " to " +
                            format_day_of(ui.query.to > ui.query.from ? ui.query.to - 1 : ui.query.to) + " (UTC)";
  Json tables = Json::array();
  if (ui.status == ReportsStatus::ready)
    for (ReportKind kind : {ReportKind::operators, ReportKind::live_chats})
      tables.push_back(table_mirror(kind, std::string(report_title(kind)) + ", " + range, ui.rows[report_index(kind)]));
  const char* status = ui.status == ReportsStatus::loading  ? "Loading the reports…"
                       : ui.status == ReportsStatus::failed ? "The reports could not be loaded."
                                                            : "";
  return Json{{"open", true},
              {"status", ui.status == ReportsStatus::failed ? std::string(status) + " " + ui.error : std::string(status)},
              {"from", format_rfc3339(ui.query.from)},
              {"to", format_rfc3339(ui.query.to)},
              {"group", ui.query.group},
              {"tables", std::move(tables)}};
}

}  // namespace parley::web
