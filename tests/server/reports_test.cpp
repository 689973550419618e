// The reports over REST: who sees which rows, the CSV export, and bad parameters refused clearly.
#include <doctest/doctest.h>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto"}}
{"type":"group.create","group":"support","name":"Support","settings":{"routing":"auto"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"bo","name":"Bo Chen","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"sue","name":"Sue Kim","groups":["sales"],"roles":["supervisor"]}
{"type":"agent.create","agent":"rita","name":"Rita Roe","groups":["sales"],"roles":["reader"]}
{"type":"agent.create","agent":"zed","name":"Zed Zo","groups":["support"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
{"at":"2026-01-05T09:01:00Z","type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"}
{"type":"message.send","chat":"c1","from":"client","text":"hi"}
{"at":"2026-01-05T09:03:00Z","type":"message.send","chat":"c1","from":"agent:ann","text":"hello"}
{"at":"2026-01-05T09:10:00Z","type":"chat.close","chat":"c1","by":"agent:ann"}
{"at":"2026-01-05T10:00:00Z","type":"agent.set_status","agent":"ann","status":"offline"}
)";

const std::multimap<std::string, std::string> kMorning{{"from", "2026-01-05T09:00:00Z"}, {"to", "2026-01-05T10:00:00Z"}};

std::vector<std::string> ids(const Reply& r, const char* key) {
  std::vector<std::string> out;
  if (r.body.is_object())
    for (const json& row : r.body["rows"]) out.push_back(row.value(key, std::string()));
  return out;
}

}  // namespace

TEST_CASE("reports: rows by role, CSV, refusals") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  RoleLogins logins(desk);
  auto& [ann, sue, rita, zed, nobody, forged] = logins;

  const Reply all = desk.admin.get("/api/v1/reports/operators", kMorning);
  REQUIRE_MESSAGE(all.status == 200, all.describe());
  CHECK(ids(all, "agent") == std::vector<std::string>{"ann", "bo", "rita", "sue", "zed"});
  CHECK(all.body["rows"][0]["replies"] == 1);
  CHECK(all.body["rows"][0]["closed"] == 1);
  CHECK(all.body["rows"][0]["first_response"]["avg_ms"] == 120000);
  CHECK(all.body["rows"][0]["online_ms"] == 3600000);

  CHECK(ids(ann.get("/api/v1/reports/operators", kMorning), "agent") == std::vector<std::string>{"ann"});
  CHECK(ids(ann.get("/api/v1/reports/live_chats", kMorning), "group").empty());
  CHECK(ids(sue.get("/api/v1/reports/operators", kMorning), "agent") ==
        std::vector<std::string>{"ann", "bo", "rita", "sue"});
  CHECK(ids(sue.get("/api/v1/reports/live_chats", kMorning), "group") == std::vector<std::string>{"sales"});
  CHECK(ids(zed.get("/api/v1/reports/operators", kMorning), "agent") == std::vector<std::string>{"zed"});
  CHECK(ids(desk.admin.get("/api/v1/reports/live_chats", kMorning), "group") ==
        std::vector<std::string>{"sales", "support"});
  CHECK(nobody.get("/api/v1/reports/operators", kMorning).status == 401);
  CHECK(forged.get("/api/v1/reports/operators", kMorning).status == 401);

  auto with = [](std::multimap<std::string, std::string> params, const std::string& key, const std::string& value) {
    params.emplace(key, value);
    return params;
  };
  const Reply one_group = desk.admin.get("/api/v1/reports/operators", with(kMorning, "group", "support"));
  CHECK(ids(one_group, "agent") == std::vector<std::string>{"zed"});

  const Reply csv = desk.admin.get("/api/v1/reports/live_chats.csv", with(kMorning, "group", "sales"));
  REQUIRE_MESSAGE(csv.status == 200, csv.describe());
  CHECK(csv.header("content-type").rfind("text/csv", 0) == 0);
  CHECK(csv.header("content-disposition").find("live_chats.csv") != std::string::npos);
  CHECK(csv.text.rfind("group,started,transferred_in,transferred_out,queued,wait_count,wait_avg_ms,", 0) == 0);
  CHECK(csv.text.find("\r\nsales,1,0,0,1,1,0,0,0,0,1,1,120000,120000,120000,0,0,0,") != std::string::npos);

  for (const auto& bad : {std::multimap<std::string, std::string>{{"from", "yesterday"}, {"to", "2026-01-05T10:00:00Z"}},
                          std::multimap<std::string, std::string>{{"from", "2026-01-05T10:00:00Z"}},
                          with(kMorning, "zone", "Mars/Olympus"),
                          std::multimap<std::string, std::string>{{"from", "2026-01-05T10:00:00Z"},
                                                                  {"to", "2026-01-05T09:00:00Z"}}}) {
    const Reply r = desk.admin.get("/api/v1/reports/operators", bad);
    CHECK_MESSAGE(r.status == 400, r.describe());
    CHECK(r.code() == "bad_command");
  }
  const Reply unknown = desk.admin.get("/api/v1/reports/live_chats", with(kMorning, "group", "nope"));
  CHECK(unknown.status == 404);
  CHECK(unknown.code() == "unknown_group");
  CHECK(desk.admin.get("/api/v1/reports/nothing", kMorning).status == 404);
}
