// The Sessions app over REST: filters, paging by offset and by cursor, who may search, bad parameters,
// and the CSV export (quoting, neutralised cells, streamed in chunks, every row of a large desk once).
#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

using Params = std::multimap<std::string, std::string>;

const char* const kSetup = R"JSONL(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"accept"}}
{"type":"group.create","group":"support","name":"Support","settings":{"routing":"accept"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"sue","name":"Sue Kim","groups":["sales"],"roles":["supervisor"]}
{"type":"agent.create","agent":"rita","name":"Rita Roe","groups":["sales"],"roles":["reader"]}
{"type":"agent.create","agent":"zed","name":"Zed Zo","groups":["support"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
{"type":"agent.set_status","agent":"zed","status":"online"}
{"at":"2026-01-05T09:01:00Z","type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"=HYPERLINK(\"http://x\")","by":"client"}
{"type":"message.send","chat":"c1","from":"client","text":"my invoice is wrong"}
{"at":"2026-01-05T09:02:00Z","type":"chat.accept","chat":"c1","agent":"ann"}
{"at":"2026-01-05T09:03:00Z","type":"chat.start","chat":"c2","group":"support","channel":"Telegram","client":"Smith, \"Jo\"","by":"client"}
{"type":"message.send","chat":"c2","from":"client","text":"password reset"}
{"at":"2026-01-05T09:04:00Z","type":"chat.start","chat":"c3","group":"sales","channel":"Widget","client":"+1 555 0100","by":"client"}
{"at":"2026-01-05T09:05:00Z","type":"chat.start","chat":"c4","group":"sales","channel":"Telegram","client":"@handle","by":"client"}
{"at":"2026-01-05T09:06:00Z","type":"chat.start","chat":"c5","group":"support","channel":"Widget","client":"-minus","by":"client"}
{"at":"2026-01-05T09:07:00Z","type":"chat.accept","chat":"c2","agent":"zed"}
{"type":"message.send","chat":"c2","from":"agent:zed","text":"on it"}
{"at":"2026-01-05T09:08:00Z","type":"chat.close","chat":"c1","by":"agent:ann"}
)JSONL";

std::vector<std::string> ids(const Reply& r) {
  std::vector<std::string> out;
  if (r.body.is_object())
    for (const json& row : r.body["rows"]) out.push_back(row.value("id", std::string()));
  return out;
}

using Ids = std::vector<std::string>;

// The CSV's lines (CRLF ends; a quoted cell may hold a bare line break, none here does).
std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t end = text.find("\r\n", from);
    if (end == std::string::npos) {
      out.push_back(text.substr(from));
      break;
    }
    out.push_back(text.substr(from, end - from));
    from = end + 2;
  }
  return out;
}

}  // namespace

TEST_CASE("sessions: filters, sorting and paging over REST") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  const Api& admin = desk.admin;

  const Reply all = admin.get("/api/v1/sessions");
  REQUIRE_MESSAGE(all.status == 200, all.describe());
  CHECK(ids(all) == Ids{"c5", "c4", "c3", "c2", "c1"});
  CHECK(all.body["total"] == 5);
  CHECK(all.body["next"].is_null());
  const json& c1 = all.body["rows"][4];
  CHECK(c1["number"] == 1);
  CHECK(c1["group"] == "sales");
  CHECK(c1["agent"] == "ann");
  CHECK(c1["state"] == "closed");
  CHECK(c1["channel"] == "Widget");
  CHECK(c1["customer"] == "=HYPERLINK(\"http://x\")");
  CHECK(c1["started"] == "2026-01-05T09:01:00Z");
  CHECK(c1["last_activity"] == "2026-01-05T09:08:00Z");
  CHECK(c1["messages"] == 1);
  CHECK(c1["spam"] == false);

  CHECK(ids(admin.get("/api/v1/sessions", {{"group", "support"}})) == Ids{"c5", "c2"});
  CHECK(ids(admin.get("/api/v1/sessions", {{"agent", "zed"}})) == Ids{"c2"});
  CHECK(ids(admin.get("/api/v1/sessions", {{"state", "queued"}})) == Ids{"c5", "c4", "c3"});
  CHECK(ids(admin.get("/api/v1/sessions", {{"state", "closed"}})) == Ids{"c1"});
  CHECK(ids(admin.get("/api/v1/sessions", {{"channel", "telegram"}})) == Ids{"c4", "c2"});
  CHECK(ids(admin.get("/api/v1/sessions", {{"customer", "SMITH"}})) == Ids{"c2"});
  CHECK(ids(admin.get("/api/v1/sessions", {{"spam", "yes"}})).empty());
  CHECK(ids(admin.get("/api/v1/sessions", {{"spam", "no"}})).size() == 5);
  CHECK(ids(admin.get("/api/v1/sessions", {{"from", "2026-01-05T09:03:00Z"}, {"to", "2026-01-05T09:05:00Z"}})) ==
        Ids{"c3", "c2"});
  CHECK(ids(admin.get("/api/v1/sessions", {{"text", "INVOICE"}})) == Ids{"c1"});
  CHECK(ids(admin.get("/api/v1/sessions", {{"group", "sales"}, {"channel", "widget"}, {"order", "asc"}})) ==
        Ids{"c1", "c3"});
  // Last activity: c1 closed at :08, c2 answered at :07, then by start.
  CHECK(ids(admin.get("/api/v1/sessions", {{"sort", "last_activity"}})) == Ids{"c1", "c2", "c5", "c4", "c3"});
  CHECK(ids(admin.get("/api/v1/sessions", {{"sort", "last_activity"}, {"order", "asc"}})) ==
        Ids{"c3", "c4", "c5", "c2", "c1"});

  // Offset pages and cursor pages agree.
  const Reply first = admin.get("/api/v1/sessions", {{"limit", "2"}});
  CHECK(ids(first) == Ids{"c5", "c4"});
  CHECK(first.body["total"] == 5);
  REQUIRE(first.body["next"].is_string());
  CHECK(ids(admin.get("/api/v1/sessions", {{"limit", "2"}, {"offset", "2"}})) == Ids{"c3", "c2"});
  const Reply second = admin.get("/api/v1/sessions", {{"limit", "2"}, {"after", first.body["next"].get<std::string>()}});
  CHECK(ids(second) == Ids{"c3", "c2"});
  const Reply third = admin.get("/api/v1/sessions", {{"limit", "2"}, {"after", second.body["next"].get<std::string>()}});
  CHECK(ids(third) == Ids{"c1"});
  CHECK(third.body["next"].is_null());

  for (const Params& bad : {Params{{"state", "waiting"}}, Params{{"spam", "maybe"}}, Params{{"from", "today"}},
                            Params{{"from", "2026-01-05T10:00:00Z"}, {"to", "2026-01-05T09:00:00Z"}},
                            Params{{"limit", "0"}}, Params{{"limit", "100000"}}, Params{{"offset", "x"}},
                            Params{{"sort", "customer"}}, Params{{"order", "sideways"}}, Params{{"after", "nope"}},
                            Params{{"colour", "red"}}, Params{{"agent", "nobody"}}, Params{{"group", "a"}, {"group", "b"}}}) {
    const Reply r = admin.get("/api/v1/sessions", bad);
    CHECK_MESSAGE(r.status == 400, r.describe());
    CHECK(r.code() == "bad_command");
    CHECK(!r.body["error"]["message"].get<std::string>().empty());
    CHECK(admin.get("/api/v1/sessions.csv", bad).status == 400);
  }
  CHECK(admin.get("/api/v1/sessions", {{"group", "nope"}}).status == 404);
  CHECK(admin.get("/api/v1/sessions.csv", {{"limit", "5"}}).status == 400);  // the export has every row
  CHECK(admin.get("/api/v1/sessions").status == 200);  // refusals changed nothing
}

TEST_CASE("sessions: supervisors see their groups' sessions; operators and readers are refused") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  RoleLogins logins(desk);
  auto& [ann, sue, rita, zed, nobody, forged] = logins;
  CHECK(ids(sue.get("/api/v1/sessions")) == Ids{"c4", "c3", "c1"});
  CHECK(lines(sue.get("/api/v1/sessions.csv").text).size() == 4);  // header and sue's three
  CHECK(sue.get("/api/v1/sessions", {{"group", "support"}}).code() == "forbidden");
  for (const Api* refused : {&ann, &rita, &zed}) {
    CHECK(refused->get("/api/v1/sessions").status == 403);
    CHECK(refused->get("/api/v1/sessions.csv").status == 403);
  }
  CHECK(nobody.get("/api/v1/sessions").status == 401);
  CHECK(forged.get("/api/v1/sessions.csv").status == 401);
  // A supervisor role taken away applies at once.
  REQUIRE(desk.admin.put("/api/v1/agents/sue", json{{"name", "Sue Kim"}, {"groups", {"sales"}}, {"roles", {"operator"}}})
              .status == 200);
  CHECK(sue.get("/api/v1/sessions").status == 403);
}

TEST_CASE("sessions: the CSV quotes and neutralises cells") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  const Reply csv = desk.admin.get("/api/v1/sessions.csv", {{"order", "asc"}});
  REQUIRE_MESSAGE(csv.status == 200, csv.describe());
  CHECK(csv.header("content-type").rfind("text/csv", 0) == 0);
  CHECK(csv.header("content-disposition").find("sessions.csv") != std::string::npos);
  const auto rows = lines(csv.text);
  REQUIRE(rows.size() == 6);
  CHECK(rows[0] == "id,number,group,agent,state,channel,customer,started,last_activity,messages,spam");
  CHECK(rows[1] ==
        "c1,1,sales,ann,closed,Widget,\"'=HYPERLINK(\"\"http://x\"\")\",2026-01-05T09:01:00Z,2026-01-05T09:08:00Z,1,no");
  CHECK(rows[2] == "c2,2,support,zed,open,Telegram,\"Smith, \"\"Jo\"\"\",2026-01-05T09:03:00Z,2026-01-05T09:07:00Z,2,no");
  CHECK(rows[3].find(",'+1 555 0100,") != std::string::npos);
  CHECK(rows[4].find(",'@handle,") != std::string::npos);
  CHECK(rows[5].find(",'-minus,") != std::string::npos);
  const auto filtered = lines(desk.admin.get("/api/v1/sessions.csv", {{"text", "password"}}).text);
  REQUIRE(filtered.size() == 2);
  CHECK(filtered[1].rfind("c2,", 0) == 0);
}

TEST_CASE("sessions: a large export is streamed in chunks and holds every session once") {
  Running desk(ClockMode::manual, {"--rate-limits", "off"});
  REQUIRE(run_script(desk.admin, kSetup) == "");
  constexpr int kThreads = 4, kPerThread = 400;  // 1,600 more sessions: the export spans several pages
  std::vector<std::thread> writers;
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t)
    writers.emplace_back([&, t] {
      Api api(desk.server.port(), desk.admin.token());
      for (int i = 0; i < kPerThread; ++i) {
        const std::string chat = "bulk-" + std::to_string(t) + "-" + std::to_string(i);
        const json start{{"type", "chat.start"}, {"chat", chat},         {"group", t % 2 ? "support" : "sales"},
                         {"channel", "Widget"},  {"client", "=cust" + chat}, {"by", "client"}};
        if (api.command(start).status != 200) ++failures[t];
      }
    });
  for (std::thread& w : writers) w.join();
  for (int f : failures) CHECK(f == 0);
  const int total = 5 + kThreads * kPerThread;
  CHECK(desk.admin.get("/api/v1/sessions", {{"limit", "1"}}).body["total"] == total);

  for (const char* sort : {"started", "last_activity"}) {
    CAPTURE(sort);
    const Reply csv = desk.admin.get("/api/v1/sessions.csv", {{"sort", sort}});
    REQUIRE_MESSAGE(csv.status == 200, csv.describe());
    CHECK(csv.header("transfer-encoding") == "chunked");
    CHECK(csv.header("content-length").empty());
    const auto rows = lines(csv.text);
    REQUIRE(rows.size() == static_cast<std::size_t>(total) + 1);
    std::set<std::string> seen;
    std::int64_t previous_number = -1;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const std::string id = rows[i].substr(0, rows[i].find(','));
      CHECK(seen.insert(id).second);
      if (std::string(sort) == "started") {
        const std::size_t a = rows[i].find(',') + 1;
        const std::int64_t number = std::stoll(rows[i].substr(a, rows[i].find(',', a) - a));
        if (previous_number >= 0) CHECK(number < previous_number);  // newest first
        previous_number = number;
      }
    }
    CHECK(seen.size() == static_cast<std::size_t>(total));
    CHECK(csv.text.find(",'=custbulk-3-399,") != std::string::npos);
  }
  // The same filter on both routes gives the same sessions.
  const Reply support = desk.admin.get("/api/v1/sessions", {{"group", "support"}, {"limit", "500"}});
  const auto support_csv = lines(desk.admin.get("/api/v1/sessions.csv", {{"group", "support"}}).text);
  CHECK(support.body["total"] == 2 + 2 * kPerThread);
  REQUIRE(support_csv.size() == 3 + 2 * kPerThread);
  for (std::size_t i = 0; i < support.body["rows"].size(); ++i)
    CHECK(support_csv[i + 1].rfind(support.body["rows"][i]["id"].get<std::string>() + ",", 0) == 0);
}
