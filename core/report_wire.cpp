// JSON and CSV of the reports, fields in SPEC §9's table order.
#include "report_wire.hpp"

#include "time.hpp"

namespace parley {

namespace {

Json samples_json(const SampleSet& s) {
  const auto value = [](const std::optional<Duration>& v) { return v ? Json(*v) : Json(nullptr); };
  return Json{{"count", s.count}, {"avg_ms", value(s.avg_ms)}, {"p90_ms", value(s.p90_ms)}, {"max_ms", value(s.max_ms)}};
}

Json operator_json(const OperatorRow& r) {
  return Json{{"agent", r.agent},
              {"online_ms", r.online_ms},
              {"dnd_ms", r.dnd_ms},
              {"offline_ms", r.offline_ms},
              {"assigned", r.assigned},
              {"sessions", r.sessions},
              {"replies", r.replies},
              {"closed", r.closed},
              {"missed", r.missed},
              {"transfers", r.transfers},
              {"first_response", samples_json(r.first_response)},
              {"response", samples_json(r.response)},
              {"handle_ms", r.handle_ms},
              {"avg_concurrency_milli", r.avg_concurrency_milli},
              {"sla_breaches", r.sla_breaches}};
}

Json live_chat_json(const LiveChatRow& r) {
  return Json{{"group", r.group},
              {"started", r.started},
              {"transferred_in", r.transferred_in},
              {"transferred_out", r.transferred_out},
              {"queued", r.queued},
              {"wait", samples_json(r.wait)},
              {"abandoned", r.abandoned},
              {"closed", r.closed},
              {"first_response", samples_json(r.first_response)},
              {"sla_breaches",
               Json{{"first_response", r.sla_breaches.first_response},
                    {"next_response", r.sla_breaches.next_response},
                    {"resolution", r.sla_breaches.resolution}}},
              {"by_hour", r.by_hour},
              {"peak_queue", r.peak_queue}};
}

// Flattens one row's JSON into header names and cells: objects by "outer_inner", arrays by "name_i".
void flatten(const Json& value, const std::string& name, std::vector<std::string>& header, std::vector<std::string>& cells) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it)
      flatten(it.value(), name.empty() ? it.key() : name + "_" + it.key(), header, cells);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) flatten(value[i], name + "_" + std::to_string(i), header, cells);
  } else {
    header.push_back(name);
    cells.push_back(value.is_null() ? std::string() : value.is_string() ? value.get<std::string>() : value.dump());
  }
}

std::string csv_line(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) line += ',';
    line += csv_field(cells[i]);
  }
  return line + "\r\n";
}

// Reads one row's fields, remembering the first that is missing or of the wrong type.
class RowReader {
 public:
  RowReader(const Json& row, std::size_t index) : row_(row), index_(index) {}
  std::string text(const char* key) {
    const Json* v = field(row_, key);
    if (v && v->is_string()) return v->get<std::string>();
    wrong(key, "a string");
    return {};
  }
  std::int64_t integer(const Json& object, const char* key) {
    const Json* v = field(object, key);
    if (v && v->is_number_integer()) return v->get<std::int64_t>();
    wrong(key, "an integer");
    return 0;
  }
  std::int64_t integer(const char* key) { return integer(row_, key); }
  const Json& object(const char* key) {
    const Json* v = field(row_, key);
    if (v && v->is_object()) return *v;
    wrong(key, "an object");
    return empty_;
  }
  SampleSet samples(const char* key) {
    const Json& set = object(key);
    SampleSet s;
    s.count = integer(set, "count");
    const auto value = [&](const char* name) -> std::optional<Duration> {
      const Json* v = field(set, name);
      if (v && v->is_null() && s.count == 0) return std::nullopt;
      if (v && v->is_number_integer() && s.count > 0) return v->get<Duration>();
      wrong(name, s.count > 0 ? "an integer" : "null");
      return std::nullopt;
    };
    s.avg_ms = value("avg_ms");
    s.p90_ms = value("p90_ms");
    s.max_ms = value("max_ms");
    return s;
  }
  std::optional<Error> error() const { return error_; }
  void wrong(const std::string& key, const char* what) {
    if (!error_) error_ = fail(ErrorCode::bad_command, "rows[" + std::to_string(index_) + "]: field '" + key + "' must be " + what);
  }

 private:
  static const Json* field(const Json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }
  const Json& row_;
  std::size_t index_;
  std::optional<Error> error_;
  Json empty_ = Json::object();
};

OperatorRow operator_from_json(RowReader& r) {
  OperatorRow row;
  row.agent = r.text("agent");
  row.online_ms = r.integer("online_ms");
  row.dnd_ms = r.integer("dnd_ms");
  row.offline_ms = r.integer("offline_ms");
  row.assigned = r.integer("assigned");
  row.sessions = r.integer("sessions");
  row.replies = r.integer("replies");
  row.closed = r.integer("closed");
  row.missed = r.integer("missed");
  row.transfers = r.integer("transfers");
  row.first_response = r.samples("first_response");
  row.response = r.samples("response");
  row.handle_ms = r.integer("handle_ms");
  row.avg_concurrency_milli = r.integer("avg_concurrency_milli");
  row.sla_breaches = r.integer("sla_breaches");
  return row;
}

LiveChatRow live_chat_from_json(RowReader& r, const Json& json) {
  LiveChatRow row;
  row.group = r.text("group");
  row.started = r.integer("started");
  row.transferred_in = r.integer("transferred_in");
  row.transferred_out = r.integer("transferred_out");
  row.queued = r.integer("queued");
  row.wait = r.samples("wait");
  row.abandoned = r.integer("abandoned");
  row.closed = r.integer("closed");
  row.first_response = r.samples("first_response");
  const Json& breaches = r.object("sla_breaches");
  row.sla_breaches.first_response = r.integer(breaches, "first_response");
  row.sla_breaches.next_response = r.integer(breaches, "next_response");
  row.sla_breaches.resolution = r.integer(breaches, "resolution");
  const auto hours = json.find("by_hour");
  if (hours == json.end() || !hours->is_array() || hours->size() != 24) {
    r.wrong("by_hour", "24 integers");
  } else {
    for (std::size_t h = 0; h < 24; ++h) {
      if ((*hours)[h].is_number_integer()) row.by_hour[h] = (*hours)[h].get<std::int64_t>();
      else r.wrong("by_hour", "24 integers");
    }
  }
  row.peak_queue = r.integer("peak_queue");
  return row;
}

}  // namespace

Result<Reports> reports_from_json(ReportKind kind, const Json& json) {
  if (!json.is_object() || !json.contains("report") || json["report"] != report_kind_name(kind))
    return fail(ErrorCode::bad_command, std::string("not a report of ") + report_kind_name(kind));
  const auto rows = json.find("rows");
  if (rows == json.end() || !rows->is_array()) return fail(ErrorCode::bad_command, "field 'rows' must be an array");
  Reports reports;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const Json& row = (*rows)[i];
    RowReader reader(row, i);
    if (!row.is_object()) return fail(ErrorCode::bad_command, "rows[" + std::to_string(i) + "] must be an object");
    if (kind == ReportKind::operators) reports.operators.push_back(operator_from_json(reader));
    else reports.live_chats.push_back(live_chat_from_json(reader, row));
    if (reader.error()) return *reader.error();
  }
  return reports;
}

std::optional<ReportKind> parse_report_kind(std::string_view name) {
  if (name == "operators") return ReportKind::operators;
  if (name == "live_chats") return ReportKind::live_chats;
  return std::nullopt;
}

const char* report_kind_name(ReportKind kind) { return kind == ReportKind::operators ? "operators" : "live_chats"; }

Result<ReportRequest> report_request_from_json(const Json& json) {
  const auto text = [&](const char* key) -> std::optional<std::string> {
    const auto it = json.find(key);
    if (it == json.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  ReportRequest request;
  const auto kind = text("report");
  if (!kind || !parse_report_kind(*kind))
    return fail(ErrorCode::bad_command, "field 'report' must be operators or live_chats");
  request.kind = *parse_report_kind(*kind);
  const auto time_at = [&](const char* key) {
    const auto value = text(key);
    return value ? parse_rfc3339(*value) : std::optional<Timestamp>();
  };
  const std::optional<Timestamp> from_at = time_at("from"), to_at = time_at("to");
  if (!from_at.has_value() || !to_at.has_value())
    return fail(ErrorCode::bad_command, "fields 'from' and 'to' must be RFC 3339 times");
  request.query.from = from_at.value();
  request.query.to = to_at.value();
  if (request.query.to < request.query.from) return fail(ErrorCode::bad_command, "'to' is earlier than 'from'");
  if (json.contains("group")) {
    const auto group = text("group");
    if (!group || group->empty()) return fail(ErrorCode::bad_command, "field 'group' must be a group id");
    request.query.group = *group;
  }
  if (json.contains("zone")) {
    const auto zone_name = text("zone");
    const auto zone = zone_name ? find_time_zone(*zone_name) : std::nullopt;
    if (!zone) return fail(ErrorCode::bad_command, "field 'zone' is not a known time zone");
    request.query.zone = *zone;
  }
  return request;
}

Json report_to_json(ReportKind kind, const ReportQuery& query, const Reports& reports) {
  Json rows = Json::array();
  if (kind == ReportKind::operators)
    for (const OperatorRow& r : reports.operators) rows.push_back(operator_json(r));
  else
    for (const LiveChatRow& r : reports.live_chats) rows.push_back(live_chat_json(r));
  return Json{{"report", report_kind_name(kind)},
              {"from", format_rfc3339(query.from)},
              {"to", format_rfc3339(query.to)},
              {"rows", std::move(rows)}};
}

std::string report_to_csv(ReportKind kind, const Reports& reports) {
  std::vector<Json> rows;
  if (kind == ReportKind::operators)
    for (const OperatorRow& r : reports.operators) rows.push_back(operator_json(r));
  else
    for (const LiveChatRow& r : reports.live_chats) rows.push_back(live_chat_json(r));
  std::string out;
  for (std::size_t i = 0; i < rows.size() || (i == 0 && rows.empty()); ++i) {
    std::vector<std::string> header, cells;
    flatten(rows.empty() ? (kind == ReportKind::operators ? operator_json({}) : live_chat_json({})) : rows[i], "",
            header, cells);
    if (i == 0) out += csv_line(header);
    if (!rows.empty()) out += csv_line(cells);
  }
  return out;
}

std::string csv_field(std::string_view text) {
  std::string cell(text);
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' ||
                        cell[0] == '\r'))
    cell.insert(cell.begin(), '\'');
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace parley
