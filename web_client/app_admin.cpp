// The Admin screen's side of the App: reading the server records (GET over REST), sending the queued
// changes one at a time (REST on a server; the demo's own core for desk commands), their answers, and
// the screen in the test hook.
#include "admin_state.hpp"
#include "app.hpp"

namespace parley::web {

void App::admin_frame() {
  AdminUi& a = ui_.admin;
  if (a.open && !shows_admin(state_, state_.agent_ix(agent_id_), mode_ == Mode::demo)) a.open = false;
  if (!a.open) {
    a.want = false;
    return;
  }
  if (a.status == AdminStatus::none) a.want = true;
  if (a.want) {
    a.want = false;
    ask_admin_records();
  }
  while (a.sending == 0 && !a.changes.empty()) send_admin_change();
}

void App::ask_admin_records() {
  AdminUi& a = ui_.admin;
  if (mode_ == Mode::demo) {  // the demo has no server records; its desk is in State
    a.status = AdminStatus::ready;
    ++a.loaded;
    return;
  }
  a.status = AdminStatus::loading;
  a.reading.clear();
  for (const auto& [list, route] : admin_record_routes()) {
    const std::uint64_t request = next_request_++;
    a.reading[request] = list;
    host_.request(request, token_, "GET", route, "");
  }
}

void App::send_admin_change() {
  AdminUi& a = ui_.admin;
  AdminChange change = std::move(a.changes.front());
  a.changes.pop_front();
  if (mode_ == Mode::demo) {
    const Result<Command> command = change.command ? command_from_json(*change.command)
                                                   : Result<Command>(fail(ErrorCode::bad_command, "the demo has no server"));
    const Outcome outcome = command && demo_ ? demo_->submit(state_, command.value())
                                             : Outcome{{}, command ? fail(ErrorCode::bad_state, "no demo") : command.error()};
    if (outcome.error) {
      a.error = outcome.error->message;
      a.changes.clear();
      return;
    }
    a.message = change.done;
    ++a.done;
    save_demo(true);
    return;
  }
  a.sending = next_request_++;
  a.sending_done = std::move(change.done);
  host_.request(a.sending, token_, change.method, change.route, change.body.is_null() ? "" : change.body.dump());
}

void App::on_request_reply(std::uint64_t request, int status, std::string_view body) {
  if (request != 0 && request == ui_.articles.request) return on_articles_reply(status, body);
  if (request != 0 && request == ui_.tools.own.request) return on_own_template_reply(status, body);
  if (request != 0 && on_customer_reply(request, status, body)) return;
  if (request != 0 && on_start_reply(request, status, body)) return;
  if (request != 0 && request == ui_.actions.request) return on_actions_reply(status, body);
  if (request != 0 && request == ui_.actions.running) return on_action_run_reply(status, body);
  AdminUi& a = ui_.admin;
  if (const auto it = a.reading.find(request); it != a.reading.end()) {
    const std::string list = it->second;
    a.reading.erase(it);
    const auto json = status == 200 ? parse_json(body) : std::nullopt;
    Json rows = json ? admin_rows_from_answer(list, *json) : Json(nullptr);
    if (rows.is_null()) {
      a.status = AdminStatus::failed;
      a.error = "Reading the " + list + ": " + (status == 200 ? "the answer is not understood" : admin_answer_error(status, body));
    } else {
      a.records[list] = std::move(rows);
    }
    if (a.reading.empty()) {
      if (a.status == AdminStatus::loading) a.status = AdminStatus::ready;
      ++a.loaded;
    }
    return;
  }
  if (request == 0 || request != a.sending) return;
  a.sending = 0;
  if (status >= 200 && status < 300) {
    a.message = std::move(a.sending_done);
    if (const auto json = parse_json(body); json && json->is_object() && json->contains("erased") && (*json)["erased"].is_array())
      a.message += " Sessions erased: " + std::to_string((*json)["erased"].size()) + ".";
    ++a.done;
  } else {
    a.error = admin_answer_error(status, body);
    a.message.clear();
    a.changes.clear();
  }
  if (a.changes.empty()) a.want = true;
}

void App::admin_snapshot(Json& out) { out["admin"] = admin_snapshot_json(ui_.admin); }

}  // namespace parley::web
