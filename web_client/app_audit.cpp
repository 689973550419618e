// The Audit screen's side of the App: asking for a page (the demo's log formatted in the page, or
// GET /api/v1/audit on a server), its answer, and the screen in the test hook.
#include <charconv>

#include "app.hpp"
#include "audit_state.hpp"

namespace parley::web {

namespace {

std::string answer_error(int status, std::string_view body) {
  if (status == 0) return "Cannot reach the server.";
  if (const auto json = parse_json(body); json && json->is_object() && json->contains("error")) {
    const Json& error = (*json)["error"];
    if (error.is_object() && error.contains("message") && error["message"].is_string())
      return error["message"].get<std::string>();
  }
  return "The server answered " + std::to_string(status) + ".";
}

}  // namespace

void App::audit_frame() {
  AuditUi& a = ui_.audit;
  if (a.open && !shows_audit(state_, state_.agent_ix(agent_id_), mode_ == Mode::demo)) a.open = false;
  if (!a.open) {
    a.want = false;
    a.step = 0;
    return;
  }
  if (a.status == AuditStatus::none) a.want = true;
  if (a.want) {
    a.want = false;
    a.step = 0;
    a.page_starts = {""};
    ask_audit();
  } else if (a.step != 0) {
    const int step = a.step;
    a.step = 0;
    if (step > 0 && !a.next_cursor.empty()) a.page_starts.push_back(a.next_cursor);
    else if (step < 0 && a.page_starts.size() > 1) a.page_starts.pop_back();
    else return;
    ask_audit();
  }
}

void App::ask_audit() {
  AuditUi& a = ui_.audit;
  const Result<AuditFilter> filter = typed_filter(a);
  if (!filter) {
    a.status = AuditStatus::failed;
    a.error = filter.error().message;
    a.rows.clear();
    a.next_cursor.clear();
    return;
  }
  const std::string start = a.page_starts.empty() ? std::string() : a.page_starts.back();
  if (mode_ == Mode::demo) {
    if (!demo_) return;
    std::size_t skip = 0;
    std::from_chars(start.data(), start.data() + start.size(), skip);
    bool more = false;
    a.rows = audit_page_in_page(demo_->log(), filter.value(), skip, kAuditPageRows, more);
    a.next_cursor = more ? std::to_string(skip + kAuditPageRows) : std::string();
    a.log_events = demo_->log().size();
    a.status = AuditStatus::ready;
    a.error.clear();
    ++a.computed;
    return;
  }
  a.status = AuditStatus::loading;
  a.error.clear();
  a.awaiting = next_request_++;
  host_.get_report(a.awaiting, token_, audit_route(filter.value(), start));
}

bool App::on_audit_reply(std::uint64_t request, int status, std::string_view body) {
  AuditUi& a = ui_.audit;
  if (request == 0 || request != a.awaiting) return false;
  a.awaiting = 0;
  const auto json = status == 200 ? parse_json(body) : std::nullopt;
  std::string next;
  Result<std::vector<AuditRow>> rows =
      json ? audit_page_from_json(*json, next)
           : Result<std::vector<AuditRow>>(fail(ErrorCode::bad_command, answer_error(status, body)));
  if (!rows) {
    a.status = AuditStatus::failed;
    a.error = rows.error().message;
    return true;
  }
  a.rows = std::move(rows.value());
  a.next_cursor = std::move(next);
  a.status = AuditStatus::ready;
  ++a.computed;
  return true;
}

void App::audit_snapshot(Json& out) { out["audit"] = audit_snapshot_json(ui_.audit); }

}  // namespace parley::web
