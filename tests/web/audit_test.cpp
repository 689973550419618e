// The Audit screen's parts natively: typed filters (whole UTC days), the REST route, reading a REST
// page, and the demo's pages made from its log (newest first, filtered, with paging).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "audit_state.hpp"
#include "engine.hpp"

using namespace parley;
using namespace parley::web;

namespace {

const Timestamp T0 = *parse_rfc3339("2026-01-05T09:00:00Z");

Events day_log() {
  State state;
  Events log;
  const auto run = [&](Timestamp at, Command command) {
    Outcome outcome = handle(state, command, at);
    REQUIRE_FALSE(outcome.error);
    log.insert(log.end(), outcome.events.begin(), outcome.events.end());
  };
  run(T0, CreateGroup{"sales", "Sales", GroupSettings{Routing::accept}});
  run(T0, CreateAgent{"ann", "Ann Lee", "", {"sales"}, kRoleOperator});
  run(T0, SetAgentStatus{"ann", AgentStatus::online});
  for (int i = 1; i <= 5; ++i) {
    const std::string chat = "c" + std::to_string(i);
    const Timestamp at = T0 + i * kMinute;
    run(at, StartChat{chat, "sales", "Widget", "client" + std::to_string(i), Actor{ActorKind::client, ""}});
    run(at, AcceptChat{chat, "ann"});
    run(at, SendMessage{chat, Actor{ActorKind::agent, "ann"}, "private words " + chat});
  }
  return log;
}

}  // namespace

TEST_CASE("typed filters: a bare day is the whole UTC day, a bad time names its field") {
  AuditUi ui;
  ui.from = "2026-01-05";
  ui.to = "2026-01-05";
  ui.actor = "ann";
  const auto filter = typed_filter(ui);
  REQUIRE(filter);
  CHECK(filter.value().from == *parse_rfc3339("2026-01-05T00:00:00Z"));
  CHECK(filter.value().to == *parse_rfc3339("2026-01-06T00:00:00Z"));
  CHECK(filter.value().actor == "ann");
  ui.to = "2026-01-05T12:30:00Z";
  CHECK(typed_filter(ui).value().to == *parse_rfc3339("2026-01-05T12:30:00Z"));
  ui.from = "monday";
  const auto bad = typed_filter(ui);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("from") != std::string::npos);
}

TEST_CASE("the REST route carries the filters, encoded, and the cursor") {
  AuditFilter filter;
  CHECK(audit_route(filter, "") == "api/v1/audit?limit=50");
  filter.from = *parse_rfc3339("2026-01-05T00:00:00Z");
  filter.actor = "ann@example.com";
  filter.chat = "c 1";
  CHECK(audit_route(filter, "1767603600000.e.42") ==
        "api/v1/audit?limit=50&from=2026-01-05T00%3A00%3A00Z&actor=ann%40example.com&chat=c%201"
        "&cursor=1767603600000.e.42");
}

TEST_CASE("a REST page is read into rows and its next cursor; a broken one is refused") {
  const Json body = Json::parse(R"({"entries":[{"at":"2026-01-05T09:05:00Z","actor":"admin","by":null,
    "action":"template.create","kind":"template","record":"hi","chat":null,"summary":"title \"Hi\"",
    "source":"record","id":3}],"next_cursor":"1767603900000.r.3"})");
  std::string next;
  const auto rows = audit_page_from_json(body, next);
  REQUIRE(rows);
  REQUIRE(rows.value().size() == 1);
  CHECK(rows.value()[0].action == "template.create");
  CHECK(rows.value()[0].at == *parse_rfc3339("2026-01-05T09:05:00Z"));
  CHECK(next == "1767603900000.r.3");
  CHECK_FALSE(audit_page_from_json(Json::parse(R"({"rows":[]})"), next));
  CHECK_FALSE(audit_page_from_json(Json::parse(R"({"entries":[{"at":5}]})"), next));
}

TEST_CASE("the demo's pages: its log newest first, filtered, paged, with no message text") {
  const Events log = day_log();
  bool more = false;
  const auto all = audit_page_in_page(log, AuditFilter{}, 0, 1000, more);
  CHECK_FALSE(more);
  REQUIRE(all.size() == log.size());
  for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1].at >= all[i].at);
  CHECK(all.back().action == "group.created");
  for (const AuditRow& row : all) CHECK(row.summary.find("private") == std::string::npos);

  AuditFilter c3;
  c3.chat = "c3";
  const auto in_c3 = audit_page_in_page(log, c3, 0, 1000, more);
  REQUIRE_FALSE(in_c3.empty());
  for (const AuditRow& row : in_c3) CHECK(row.chat == "c3");

  AuditFilter by_ann;
  by_ann.actor = "ann";
  std::vector<AuditRow> walked;
  std::size_t skip = 0;
  do {
    const auto page = audit_page_in_page(log, by_ann, skip, 4, more);
    CHECK(page.size() <= 4);
    walked.insert(walked.end(), page.begin(), page.end());
    skip += 4;
  } while (more);
  const auto whole = audit_page_in_page(log, by_ann, 0, 1000, more);
  REQUIRE(walked.size() == whole.size());
  for (std::size_t i = 0; i < whole.size(); ++i) CHECK(walked[i].summary == whole[i].summary);
  for (const AuditRow& row : whole) CHECK(row.by == "agent:ann");
}
