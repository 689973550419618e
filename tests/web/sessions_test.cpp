// The Sessions screen's pure parts natively: who gets the screen, the query its filters make (days,
// trimming, page), the server routes it asks, and the demo's page and CSV from the core query.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "engine.hpp"
#include "session_wire.hpp"
#include "sessions_state.hpp"
#include "wire.hpp"

using namespace parley;
using namespace parley::web;

namespace {

const Timestamp T0 = *parse_rfc3339("2026-01-05T09:00:00Z");

void run(State& state, Timestamp at, const std::string& line) {
  const auto json = parse_json(line);
  REQUIRE(json.has_value());
  const auto command = command_from_json(*json);
  REQUIRE_MESSAGE(command.ok(), line);
  const Outcome outcome = handle(state, command.value(), at);
  REQUIRE_MESSAGE(!outcome.error, line);
}

// sales with sue (supervisor) and ann (operator), support with rita (reader); root is an admin; 60
// sessions, every third in support, with customers "cust 0" … "cust 59".
State desk() {
  State state;
  run(state, T0, R"({"type":"group.create","group":"sales","settings":{"routing":"accept"}})");
  run(state, T0, R"({"type":"group.create","group":"support","settings":{"routing":"accept"}})");
  run(state, T0, R"({"type":"agent.create","agent":"sue","name":"Sue","groups":["sales"],"roles":["supervisor"]})");
  run(state, T0, R"({"type":"agent.create","agent":"ann","name":"Ann","groups":["sales"],"roles":["operator"]})");
  run(state, T0, R"({"type":"agent.create","agent":"rita","name":"Rita","groups":["support"],"roles":["reader"]})");
  run(state, T0, R"({"type":"agent.create","agent":"root","name":"Root","groups":[],"roles":["admin"]})");
  for (int i = 0; i < 60; ++i)
    run(state, T0 + i * kMinute,
        R"({"type":"chat.start","chat":"c)" + std::to_string(i) + R"(","group":")" + (i % 3 == 0 ? "support" : "sales") +
            R"(","channel":"Widget","client":"cust )" + std::to_string(i) + R"(","by":"client"})");
  return state;
}

}  // namespace

TEST_CASE("sessions screen: admins and supervisors get it, operators and readers do not") {
  const State state = desk();
  CHECK(shows_sessions(state, state.agent_ix("sue")));
  CHECK(shows_sessions(state, state.agent_ix("root")));
  CHECK(!shows_sessions(state, state.agent_ix("ann")));
  CHECK(!shows_sessions(state, state.agent_ix("rita")));
  CHECK(!shows_sessions(state, kNoIndex));
}

TEST_CASE("sessions screen: the filters make the core query; bad days are said plainly") {
  SessionsUi ui;
  ui.customer = "  Jö  ";
  ui.first_day = "2026-01-05";
  ui.last_day = "2026-01-06";
  ui.state = ChatState::closed;
  ui.page = 2;
  const auto query = picked_sessions_query(ui);
  REQUIRE(query.ok());
  CHECK(query.value().filter.customer == "Jö");
  CHECK(query.value().filter.from == *parse_rfc3339("2026-01-05T00:00:00Z"));
  CHECK(query.value().filter.to == *parse_rfc3339("2026-01-07T00:00:00Z"));
  CHECK(query.value().offset == 2 * kSessionsPageRows);
  CHECK(query.value().limit == kSessionsPageRows);
  ui.first_day = "2026-02-30";
  CHECK(picked_sessions_query(ui).error().message.find("first day") != std::string::npos);
  ui.first_day = "2026-01-08";
  CHECK(picked_sessions_query(ui).error().message.find("before") != std::string::npos);
}

TEST_CASE("sessions screen: routes carry the filters, the CSV route no paging") {
  SessionsUi ui;
  ui.customer = "Smith & Sons";
  ui.group = "sales";
  ui.sort = SessionSort::last_activity;
  ui.page = 1;
  const SessionQuery query = picked_sessions_query(ui).value();
  CHECK(sessions_route(query, false) ==
        "api/v1/sessions?group=sales&customer=Smith%20%26%20Sons&sort=last_activity&offset=25&limit=25");
  CHECK(sessions_route(query, true) == "api/v1/sessions.csv?group=sales&customer=Smith%20%26%20Sons&sort=last_activity");
}

TEST_CASE("sessions screen: the demo's pages and CSV come from the core query") {
  const State state = desk();
  SessionsUi ui;
  ui.page = 1;
  const auto page = sessions_in_page(state, state.agent_ix("sue"), picked_sessions_query(ui).value());
  REQUIRE(page.ok());
  CHECK(page.value().total == 40);  // sue: the sales sessions only
  REQUIRE(page.value().rows.size() == 15);
  CHECK(page.value().rows.front().id == "c22");  // newest first: page 2 starts at the 26th
  CHECK(!sessions_in_page(state, state.agent_ix("ann"), picked_sessions_query(ui).value()).ok());

  ui.customer = "cust 1";  // cust 1, cust 10 … cust 19
  const std::string csv = sessions_csv_in_page(state, state.agent_ix("root"), picked_sessions_query(ui).value());
  std::size_t lines = 0;
  for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) ++lines;
  CHECK(lines == 1 + 11);
  CHECK(csv.rfind(session_csv_header(), 0) == 0);
  CHECK(csv.find("c19,20,sales,,queued,Widget,cust 19,") != std::string::npos);
}
