// Audit rows of logged events: who (login or the event's actor), action, record, chat, a summary
// without message text, the filter's reading of its parameters and matching, and the JSON round trip.
#include <doctest/doctest.h>

#include "audit_entry.hpp"
#include "desk_fixture.hpp"

namespace parley::test {

namespace {

const Event& last_of_type(const Events& log, std::string_view type) {
  for (auto it = log.rbegin(); it != log.rend(); ++it)
    if (event_type(it->body) == type) return *it;
  FAIL("no event " << type);
  return log.front();
}

}  // namespace

TEST_CASE("audit rows name who did what to which record, never the text") {
  Desk desk;
  desk.make_group(kT0, "sales", R"({"routing":"accept"})");
  desk.make_agent(kT0, "ann", "sales");
  desk.make_agent(kT0, "bo", "sales");
  desk.status(at_min(1), "ann", "online");
  desk.ok(at_min(2), R"({"type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"cust7","by":"client"})");
  desk.ok(at_min(3), R"({"type":"chat.accept","chat":"c1","agent":"ann"})");
  desk.ok(at_min(4), R"({"type":"message.send","chat":"c1","from":"agent:ann","text":"Your code is 4711 ✓"})");
  desk.ok(at_min(5), R"({"type":"chat.note","chat":"c1","by":"agent:ann","text":"@bo secret plan"})");
  desk.ok(at_min(6), R"({"type":"chat.close","chat":"c1","by":"agent:ann"})");

  const AuditRow created = audit_row(last_of_type(desk.log, "agent.created"), "root");
  CHECK(created.actor == "root");
  CHECK(created.by.empty());
  CHECK(created.kind == "agent");
  CHECK(created.record == "bo");
  CHECK(created.chat.empty());
  CHECK(created.summary.find("operator") != std::string::npos);
  CHECK(created.summary.find("sales") != std::string::npos);

  // Without a login the event's own actor is who did it; configuration then names no one.
  CHECK(audit_row(last_of_type(desk.log, "group.created")).actor.empty());
  const AuditRow status = audit_row(last_of_type(desk.log, "agent.status_changed"));
  CHECK(status.actor == "agent:ann");
  CHECK(status.summary == "online");
  CHECK(status.at == at_min(1));

  const AuditRow message = audit_row(last_of_type(desk.log, "message.sent"), "ann@example.com");
  CHECK(message.actor == "ann@example.com");
  CHECK(message.by == "agent:ann");
  CHECK(message.action == "message.sent");
  CHECK(message.chat == "c1");
  CHECK(message.kind == "chat");
  CHECK(message.summary.find("19 characters") != std::string::npos);
  CHECK(message.summary.find("4711") == std::string::npos);

  const AuditRow note = audit_row(last_of_type(desk.log, "note.added"));
  CHECK(note.summary.find("mentions bo") != std::string::npos);
  CHECK(note.summary.find("secret") == std::string::npos);

  const AuditRow started = audit_row(last_of_type(desk.log, "chat.started"));
  CHECK(started.actor == "client");
  CHECK(started.summary.find("cust7") != std::string::npos);
  const AuditRow closed = audit_row(last_of_type(desk.log, "chat.closed"));
  CHECK(closed.summary.find("credited to ann") != std::string::npos);
  CHECK(audit_row(last_of_type(desk.log, "chat.assigned")).summary.find("to ann") != std::string::npos);
}

TEST_CASE("audit filters read their parameters and match login, actor or agent id, chat and time") {
  CHECK_FALSE(audit_filter("yesterday", "", "", ""));
  CHECK_FALSE(audit_filter("2026-01-05T10:00:00Z", "2026-01-05T09:00:00Z", "", ""));
  const auto filter = audit_filter("2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", "ann", "c1");
  REQUIRE(filter);
  AuditRow row;
  row.at = utc("2026-01-05T09:30:00Z");
  row.actor = "ann@example.com";
  row.by = "agent:ann";
  row.chat = "c1";
  CHECK(audit_matches(row, filter.value()));
  row.at = utc("2026-01-05T10:00:00Z");  // the end is not included
  CHECK_FALSE(audit_matches(row, filter.value()));
  row.at = utc("2026-01-05T09:00:00Z");
  CHECK(audit_matches(row, filter.value()));
  row.chat = "c2";
  CHECK_FALSE(audit_matches(row, filter.value()));
  row.chat = "c1";
  row.by = "agent:annabel";
  CHECK_FALSE(audit_matches(row, filter.value()));
  CHECK(audit_matches(row, audit_filter("", "", "ann@example.com", "").value()));
  CHECK(audit_matches(row, audit_filter("", "", "agent:annabel", "").value()));
  CHECK(audit_matches(row, AuditFilter{}));
}

TEST_CASE("audit rows round-trip through JSON and refuse malformed rows") {
  AuditRow row{at_min(7), "admin", "", "user.update", "user", "ann@example.com", "", "password changed"};
  const Json json = audit_row_to_json(row);
  CHECK(json["chat"].is_null());
  CHECK(json["by"].is_null());
  const auto back = audit_row_from_json(json);
  REQUIRE(back);
  CHECK(back.value().at == row.at);
  CHECK(back.value().summary == row.summary);
  CHECK(back.value().record == row.record);
  Json broken = json;
  broken["at"] = "soon";
  CHECK_FALSE(audit_row_from_json(broken));
  broken = json;
  broken.erase("action");
  CHECK_FALSE(audit_row_from_json(broken));
}

}  // namespace parley::test
