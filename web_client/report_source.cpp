// The reports computed in the page, and the REST routes that answer them on a server.
#include "report_source.hpp"

#include "report_range.hpp"
#include "reports.hpp"
#include "time.hpp"

namespace parley::web {

std::string query_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string answer_error(int status, std::string_view body) {
  if (status == 0) return "Cannot reach the server.";
  if (const auto json = parse_json(body); json && json->is_object() && json->contains("error")) {
    const Json& error = (*json)["error"];
    if (error.is_object() && error.contains("message") && error["message"].is_string())
      return error["message"].get<std::string>();
  }
  return "The server answered " + std::to_string(status) + ".";
}

Reports reports_in_page(const State& state, AgentIx viewer, const ReportQuery& query, Timestamp now) {
  if (viewer == kNoIndex || !state.agents.contains(viewer)) return Reports{};
  const Login login{viewer, state.agents[viewer].roles};
  return visible_reports(state, login, compute_reports(state, query, now));
}

std::string report_route(ReportKind kind, const ReportQuery& query, bool csv) {
  std::string route = std::string("api/v1/reports/") + report_kind_name(kind) + (csv ? ".csv" : "");
  route += "?from=" + query_encode(format_rfc3339(query.from)) + "&to=" + query_encode(format_rfc3339(query.to));
  if (!query.group.empty()) route += "&group=" + query_encode(query.group);
  if (query.zone) route += "&zone=" + query_encode(query.zone->name);
  return route;
}

std::string report_file_name(ReportKind kind, const ReportQuery& query) {
  const Timestamp last = query.to > query.from ? query.to - 1 : query.to;
  std::string name = std::string(report_kind_name(kind)) + "_" + format_day_of(query.from) + "_" + format_day_of(last);
  if (!query.group.empty()) name += "_" + query.group;
  return name + ".csv";
}

}  // namespace parley::web
