// The Audit screen's filters, routes and pages.
#include "audit_state.hpp"

#include <cctype>

#include "permissions.hpp"

namespace parley::web {

namespace {

std::string encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    const bool plain = std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) out += static_cast<char>(c);
    else out += {'%', kHex[c >> 4], kHex[c & 15]};
  }
  return out;
}

// A bare day is its midnight (UTC); `end` makes a bare day mean up to the next midnight.
std::string as_time(const std::string& text, bool end) {
  if (text.size() != 10) return text;
  const auto day = parse_rfc3339(text + "T00:00:00Z");
  if (!day) return text;
  return format_rfc3339(*day + (end ? kDay : 0));
}

}  // namespace

bool shows_audit(const State& state, AgentIx agent, bool demo) {
  if (agent == kNoIndex || !state.agents.contains(agent)) return false;
  return demo || has_role(state.agents[agent], kRoleAdmin);
}

Result<AuditFilter> typed_filter(const AuditUi& ui) {
  return audit_filter(as_time(ui.from, false), as_time(ui.to, true), ui.actor, ui.chat);
}

std::string audit_route(const AuditFilter& filter, const std::string& cursor) {
  std::string route = "api/v1/audit?limit=" + std::to_string(kAuditPageRows);
  if (filter.from != 0) route += "&from=" + encode(format_rfc3339(filter.from));
  if (filter.to != AuditFilter{}.to) route += "&to=" + encode(format_rfc3339(filter.to));
  if (!filter.actor.empty()) route += "&actor=" + encode(filter.actor);
  if (!filter.chat.empty()) route += "&chat=" + encode(filter.chat);
  if (!cursor.empty()) route += "&cursor=" + encode(cursor);
  return route;
}

Result<std::vector<AuditRow>> audit_page_from_json(const Json& body, std::string& next_cursor) {
  if (!body.is_object() || !body.contains("entries") || !body["entries"].is_array())
    return fail(ErrorCode::bad_command, "the audit answer has no entries");
  std::vector<AuditRow> rows;
  for (const Json& entry : body["entries"]) {
    Result<AuditRow> row = audit_row_from_json(entry);
    if (!row) return row.error();
    rows.push_back(std::move(row.value()));
  }
  const auto next = body.find("next_cursor");
  next_cursor = next != body.end() && next->is_string() ? next->get<std::string>() : std::string();
  return rows;
}

std::vector<AuditRow> audit_page_in_page(const Events& log, const AuditFilter& filter, std::size_t skip,
                                         std::size_t count, bool& more) {
  std::vector<AuditRow> rows;
  more = false;
  for (auto it = log.rbegin(); it != log.rend(); ++it) {
    if (it->at < filter.from || it->at >= filter.to) continue;
    AuditRow row = audit_row(*it);
    if (!audit_matches(row, filter)) continue;
    if (skip > 0) {
      --skip;
      continue;
    }
    if (rows.size() == count) {
      more = true;
      break;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Json audit_snapshot_json(const AuditUi& ui) {
  const char* status = ui.status == AuditStatus::ready     ? "ready"
                       : ui.status == AuditStatus::loading ? "loading"
                       : ui.status == AuditStatus::failed  ? "failed"
                                                           : "none";
  Json rows = Json::array();
  for (const AuditRow& row : ui.rows) rows.push_back(audit_row_to_json(row));
  return Json{{"open", ui.open},
              {"status", status},
              {"error", ui.error},
              {"page", ui.page_starts.empty() ? 0 : ui.page_starts.size() - 1},
              {"more", !ui.next_cursor.empty()},
              {"computed", ui.computed},
              {"rows", std::move(rows)}};
}

}  // namespace parley::web
