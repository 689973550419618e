// The reports' columns, cells and order.
#include "report_table.hpp"

#include <algorithm>
#include <cstdio>

#include "format.hpp"

namespace parley::web {

namespace {

constexpr const char* kSampleNote = " Shown as average · 90th percentile · longest.";

const std::vector<ReportColumn> kOperatorColumns = {
    {"agent", "Agent", "The agent. Operators see their own row, supervisors the agents of their groups, admins everyone.",
     CellFormat::name},
    {"online_ms", "Online", "Time the agent was online inside the range.", CellFormat::duration},
    {"dnd_ms", "Do not\ndisturb", "Time the agent was set to Do not disturb inside the range.", CellFormat::duration},
    {"offline_ms", "Offline", "Time the agent was offline inside the range, from when the agent was created.",
     CellFormat::duration},
    {"assigned", "Assigned",
     "How many times the agent got a session: routed, accepted, assigned, transferred to them, reopened or started by them.",
     CellFormat::count},
    {"sessions", "Sessions", "How many different sessions the agent got.", CellFormat::count},
    {"replies", "Replies", "Messages the agent sent.", CellFormat::count},
    {"closed", "Closed", "Closes credited to the agent. Reopening a session later does not take one back.",
     CellFormat::count},
    {"missed", "Missed", "Sessions moved away from the agent automatically because they went unanswered.",
     CellFormat::count},
    {"transfers", "Transfers", "Transfers to an agent or a group, and reassignments, that the agent made.",
     CellFormat::count},
    {"first_response", "First response\navg · p90 · max",
     "How long customers waited for the agent's first reply after the agent got the session: from the customer's "
     "oldest unanswered message, or from when the agent got the session if that was later.",
     CellFormat::samples},
    {"response", "Response\navg · p90 · max",
     "How long customers waited for each reply of the agent that answered them (first replies included): from the "
     "customer's oldest unanswered message, or from when the agent got the session if that was later.",
     CellFormat::samples},
    {"handle_ms", "Handle\ntime",
     "Time sessions were the agent's and not closed (open or paused) inside the range, added up over the sessions.",
     CellFormat::duration},
    {"avg_concurrency_milli", "Concur-\nrency",
     "Sessions handled at once on average: handle time divided by the time online or in Do not disturb.",
     CellFormat::milli},
    {"sla_breaches", "SLA\nbreaches", "SLA deadlines missed on sessions that were the agent's when the deadline passed.",
     CellFormat::count},
};

const std::vector<ReportColumn> kLiveChatColumns = {
    {"group", "Group", "The group. Supervisors see the groups they supervise, admins every group.", CellFormat::name},
    {"started", "Started", "Sessions started in the group.", CellFormat::count},
    {"transferred_in", "Trans-\nferred in", "Sessions transferred into the group from another group.", CellFormat::count},
    {"transferred_out", "Trans-\nferred out", "Sessions transferred out of the group to another group.",
     CellFormat::count},
    {"queued", "Queued",
     "Times a session entered the group's waiting queue: when it started, was transferred to the group or went back "
     "to the queue.",
     CellFormat::count},
    {"wait", "Wait\navg · p90 · max",
     "How long sessions waited in the group's queue until an agent got them. Stays that ended another way are not "
     "counted.",
     CellFormat::samples},
    {"abandoned", "Aban-\ndoned", "Sessions of the group closed without a single agent message.", CellFormat::count},
    {"closed", "Closed", "Sessions closed while in the group.", CellFormat::count},
    {"first_response", "First response\navg · p90 · max",
     "For sessions where the customer wrote first: from the customer's first message to the first agent message, "
     "counted for the group the session was in at that reply.",
     CellFormat::samples},
    {"sla_breaches", "SLA breaches\nfirst · next · resol.",
     "SLA deadlines missed in the group: first response, next response and resolution.", CellFormat::breaches},
    {"by_hour", "Started\nby hour", "Sessions started in the group in each hour of the day (UTC).", CellFormat::hours},
    {"peak_queue", "Peak\nqueue", "The most sessions waiting in the group's queue at one moment inside the range.",
     CellFormat::count},
};

std::int64_t integer(const Json& value) { return value.is_number_integer() ? value.get<std::int64_t>() : 0; }

std::string hour_label(std::size_t hour) {
  char text[24];
  std::snprintf(text, sizeof text, "%02zu:00", hour);
  return text;
}

ReportCell make_cell(const ReportColumn& column, const Json& value, const State& state, ReportKind kind) {
  ReportCell cell;
  cell.value = value;
  switch (column.format) {
    case CellFormat::name: {
      const std::string id = value.is_string() ? value.get<std::string>() : std::string();
      cell.text = id;
      if (kind == ReportKind::operators) {
        if (const AgentIx a = state.agent_ix(id); a != kNoIndex) cell.text = agent_display_name(state.agents[a]);
      } else if (const GroupIx g = state.group_ix(id); g != kNoIndex && !state.groups[g].name.empty()) {
        cell.text = state.groups[g].name;
      }
      if (cell.text != id) cell.detail = id;
      break;
    }
    case CellFormat::duration: cell.text = format_span(integer(value)); break;
    case CellFormat::count: cell.text = std::to_string(integer(value)); break;
    case CellFormat::milli: {
      char text[32];
      const std::int64_t milli = integer(value);
      std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(milli / 1000),
                    static_cast<long long>(milli % 1000 / 10));
      cell.text = text;
      break;
    }
    case CellFormat::samples: {
      const std::int64_t count = integer(value.value("count", Json(0)));
      if (count == 0) {
        cell.text = "—";
        cell.detail = "No samples in the range.";
        break;
      }
      const Duration avg = integer(value.value("avg_ms", Json())), p90 = integer(value.value("p90_ms", Json())),
                     max = integer(value.value("max_ms", Json()));
      cell.text = format_span(avg) + " · " + format_span(p90) + " · " + format_span(max);
      cell.detail = std::to_string(count) + (count == 1 ? " sample" : " samples") + ": average " + format_span(avg) +
                    ", 90th percentile " + format_span(p90) + ", longest " + format_span(max) + ".";
      break;
    }
    case CellFormat::breaches: {
      const std::int64_t first = integer(value.value("first_response", Json(0)));
      const std::int64_t next = integer(value.value("next_response", Json(0)));
      const std::int64_t resolution = integer(value.value("resolution", Json(0)));
      cell.text = std::to_string(first) + " · " + std::to_string(next) + " · " + std::to_string(resolution);
      cell.detail = "First response " + std::to_string(first) + ", next response " + std::to_string(next) +
                    ", resolution " + std::to_string(resolution) + ".";
      break;
    }
    case CellFormat::hours: {
      std::size_t busiest = 0;
      std::int64_t total = 0;
      for (std::size_t h = 0; h < value.size(); ++h) {
        total += integer(value[h]);
        if (integer(value[h]) > integer(value[busiest])) busiest = h;
      }
      if (total == 0) {
        cell.text = "none";
        break;
      }
      cell.text = "busiest " + hour_label(busiest) + " (" + std::to_string(integer(value[busiest])) + ")";
      for (std::size_t h = 0; h < value.size(); ++h)
        if (integer(value[h]) > 0)
          cell.detail += (cell.detail.empty() ? "" : ", ") + hour_label(h) + " " + std::to_string(integer(value[h]));
      break;
    }
  }
  return cell;
}

// The number a cell sorts by; nullopt sorts last.
std::optional<std::int64_t> sort_key(CellFormat format, const Json& value) {
  switch (format) {
    case CellFormat::name: return 0;
    case CellFormat::duration:
    case CellFormat::count:
    case CellFormat::milli: return integer(value);
    case CellFormat::samples:
      if (integer(value.value("count", Json(0))) == 0) return std::nullopt;
      return integer(value.value("avg_ms", Json()));
    case CellFormat::breaches:
      return integer(value.value("first_response", Json(0))) + integer(value.value("next_response", Json(0))) +
             integer(value.value("resolution", Json(0)));
    case CellFormat::hours: {
      std::int64_t total = 0;
      for (const Json& h : value) total += integer(h);
      return total;
    }
  }
  return 0;
}

}  // namespace

const std::vector<ReportColumn>& report_columns(ReportKind kind) {
  return kind == ReportKind::operators ? kOperatorColumns : kLiveChatColumns;
}

const char* report_title(ReportKind kind) {
  return kind == ReportKind::operators ? "Operators' performance" : "Live chat performance";
}

std::string format_span(Duration ms) {
  if (ms < 0) ms = 0;
  char text[32];
  if (ms < 10 * kSecond && ms % kSecond != 0) {
    std::snprintf(text, sizeof text, "%lld.%llds", static_cast<long long>(ms / kSecond),
                  static_cast<long long>(ms % kSecond / 100));
    return text;
  }
  const long long s = ms / kSecond;
  if (s < 60) std::snprintf(text, sizeof text, "%llds", s);
  else if (s < 3600) std::snprintf(text, sizeof text, "%lldm %02llds", s / 60, s % 60);
  else if (s < 86400) std::snprintf(text, sizeof text, "%lldh %02lldm", s / 3600, (s / 60) % 60);
  else std::snprintf(text, sizeof text, "%lldd %lldh", s / 86400, (s / 3600) % 24);
  return text;
}

std::vector<ReportRow> report_rows(ReportKind kind, const State& state, const Reports& reports, TableSort sort) {
  const Json json = report_to_json(kind, ReportQuery{}, reports);
  const std::vector<ReportColumn>& columns = report_columns(kind);
  std::vector<ReportRow> rows;
  for (const Json& row : json["rows"]) {
    ReportRow out;
    out.key = row[columns[0].field].get<std::string>();
    for (const ReportColumn& column : columns) out.cells.push_back(make_cell(column, row[column.field], state, kind));
    rows.push_back(std::move(out));
  }
  sort_rows(kind, rows, sort);
  return rows;
}

void sort_rows(ReportKind kind, std::vector<ReportRow>& rows, TableSort sort) {
  const std::vector<ReportColumn>& columns = report_columns(kind);
  if (sort.column < 0 || static_cast<std::size_t>(sort.column) >= columns.size()) sort = TableSort{};
  const auto c = static_cast<std::size_t>(sort.column);
  const CellFormat format = columns[c].format;
  std::stable_sort(rows.begin(), rows.end(), [&](const ReportRow& a, const ReportRow& b) {
    if (format == CellFormat::name) {
      if (a.cells[c].text != b.cells[c].text)
        return sort.ascending ? a.cells[c].text < b.cells[c].text : a.cells[c].text > b.cells[c].text;
      return a.key < b.key;
    }
    const auto x = sort_key(format, a.cells[c].value), y = sort_key(format, b.cells[c].value);
    if (x.has_value() != y.has_value()) return x.has_value();
    if (x && *x != *y) return sort.ascending ? *x < *y : *x > *y;
    return a.key < b.key;
  });
}

Json table_mirror(ReportKind kind, const std::string& caption, const std::vector<ReportRow>& rows) {
  Json columns = Json::array();
  for (const ReportColumn& column : report_columns(kind)) {
    std::string label = column.label;
    std::replace(label.begin(), label.end(), '\n', ' ');
    columns.push_back(Json{{"field", column.field}, {"label", label}, {"tip", column.tip}});
  }
  Json out_rows = Json::array();
  for (const ReportRow& row : rows) {
    Json cells = Json::array();
    for (const ReportCell& cell : row.cells)
      cells.push_back(Json{{"text", cell.detail.empty() || cell.value.is_string() ? cell.text : cell.text + " (" + cell.detail + ")"},
                           {"value", cell.value.dump()}});
    out_rows.push_back(Json{{"key", row.key}, {"cells", std::move(cells)}});
  }
  return Json{{"id", report_kind_name(kind)}, {"caption", caption}, {"columns", std::move(columns)}, {"rows", std::move(out_rows)}};
}

}  // namespace parley::web
