// Replays every golden scenario against a real server (manual clock, admin commands) and checks each
// query and refusal against what the scenario runner parley-sim prints for the same file.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>

#include "server_process.hpp"

using namespace parley_test;

namespace {

std::deque<json> runner_output(const std::string& scenario) {
  std::deque<json> lines;
  FILE* pipe = ::popen((sim_binary() + " '" + scenario + "'").c_str(), "r");
  REQUIRE(pipe);
  std::string text;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
  REQUIRE(::pclose(pipe) == 0);
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  return lines;
}

int status_of(const std::string& code) {
  if (code == "bad_command") return 400;
  if (code == "forbidden" || code == "not_assigned" || code == "not_member" || code == "blocked") return 403;
  if (code.rfind("unknown_", 0) == 0) return 404;
  return 409;
}

std::string agent_path(const json& line, const char* what) {
  return "/api/v1/agents/" + line.value("agent", std::string()) + "/" + what;
}

// The server's answer to a query line, shaped like the runner's line (without "at").
Reply ask(const Api& api, const std::string& type, const json& line, json& shaped) {
  if (type == "query.agent_stats") {
    Reply r = api.get(agent_path(line, "stats"));
    shaped = json{{"agent", line.value("agent", json())}, {"stats", r.body}};
    return r;
  }
  if (type == "query.queue" || type == "query.counters") {
    Reply r = api.get(agent_path(line, type == "query.queue" ? "queue" : "counters"));
    shaped = type == "query.queue" ? json{{"agent", line.value("agent", json())}, {"queue", r.body["queue"]}}
                                   : json{{"agent", line.value("agent", json())}, {"counters", r.body}};
    return r;
  }
  if (type == "query.blocklist") {
    Reply r = api.get("/api/v1/blocklist");
    shaped = json{{"rules", r.body["rules"]}};
    return r;
  }
  if (type == "query.list") {
    Reply r = api.get(agent_path(line, "sessions"), {{"view", line.value("view", "")}, {"limit", "500"}});
    json ids = json::array();
    if (r.body.is_object())
      for (const json& row : r.body["chats"]) ids.push_back(row["id"]);
    shaped = json{{"agent", line.value("agent", json())}, {"view", line.value("view", json())}, {"chats", ids}};
    return r;
  }
  if (type == "query.search") {
    std::multimap<std::string, std::string> params{{"q", line.value("text", "")}, {"agent", line.value("agent", "")}};
    if (line.contains("chat")) params.emplace("chat", line.value("chat", ""));
    Reply r = api.get("/api/v1/search", params);
    shaped = json{{"agent", line.value("agent", json())}, {"text", line.value("text", json())}};
    if (line.contains("chat")) {
      shaped["chat"] = r.body.value("chat", json());
      shaped["name_matches"] = r.body.value("name_matches", json());
      shaped["messages"] = r.body.value("messages", json());
    } else {
      json ids = json::array();
      if (r.body.is_object())
        for (const json& row : r.body["chats"]) ids.push_back(row["id"]);
      shaped["chats"] = ids;
    }
    return r;
  }
  if (type == "query.report") {
    std::multimap<std::string, std::string> params;
    for (const char* key : {"from", "to", "group", "zone"})
      if (line.contains(key) && line[key].is_string()) params.emplace(key, line[key].get<std::string>());
    Reply r = api.get("/api/v1/reports/" + line.value("report", std::string()), params);
    shaped = r.body;
    return r;
  }
  if (type == "query.history") {
    Reply r = api.get("/api/v1/chats/" + line.value("chat", std::string()) + "/history");
    shaped = r.body;
    return r;
  }
  if (type == "query.contact") {
    Reply r = api.get("/api/v1/contacts/" + line.value("contact", std::string()));
    shaped = r.body;
    return r;
  }
  if (type == "query.contacts") {
    std::multimap<std::string, std::string> params{{"limit", "100"}};
    if (line.contains("text")) params.emplace("q", line.value("text", ""));
    Reply r = api.get("/api/v1/contacts", params);
    shaped = r.body;
    return r;
  }
  // query.chat and query.timeline: one route with the full timeline; compare what the runner printed.
  Reply r = api.get("/api/v1/chats/" + line.value("chat", std::string()));
  shaped = r.body;
  return r;
}

void replay(const std::string& scenario) {
  std::deque<json> expected = runner_output(scenario);
  Running desk(ClockMode::manual);
  std::ifstream in(scenario);
  std::optional<std::int64_t> last_at;
  long number = 0;
  for (std::string text; std::getline(in, text);) {
    ++number;
    INFO(scenario, ":", number, " ", text);
    const bool refused = !expected.empty() && expected.front().value("line", -1L) == number;
    json refusal = refused ? expected.front() : json();
    if (refused) expected.pop_front();
    const auto start = text.find_first_not_of(" \t\r");
    if (start == std::string::npos || text.compare(start, 2, "//") == 0) continue;
    json line = json::parse(text, nullptr, false);
    if (!line.is_object() || !line.contains("at") || !line["at"].is_string()) continue;  // malformed: skip
    const auto at = parse_utc_ms(line["at"].get<std::string>());
    if (!at || (last_at && *at < *last_at)) {
      CHECK_MESSAGE(refused, "the runner accepted a line this test skips");
      continue;  // bad or backwards time: skip
    }
    if (!last_at || *at > *last_at) REQUIRE(desk.admin.set_clock(line["at"].get<std::string>()).status == 200);
    last_at = at;
    const std::string type = line.value("type", "");
    line.erase("at");
    if (type.rfind("query.", 0) == 0) {
      if (refused) {
        json shaped;
        const Reply r = ask(desk.admin, type, line, shaped);
        if (refusal["error"]["code"] != "bad_command") CHECK(r.code() == refusal["error"]["code"]);
        continue;
      }
      REQUIRE_MESSAGE(!expected.empty(), "the runner printed nothing for this query");
      json want = expected.front();
      expected.pop_front();
      want.erase("at");
      json got;
      const Reply r = ask(desk.admin, type, line, got);
      CHECK_MESSAGE(r.status == 200, r.describe());
      for (auto it = want.begin(); it != want.end(); ++it) CHECK_MESSAGE(got[it.key()] == it.value(), it.key());
      continue;
    }
    const Reply r = desk.admin.command(line);
    if (refused) {
      const std::string code = refusal["error"]["code"];
      CHECK(r.code() == code);
      CHECK(r.status == status_of(code));
    } else {
      CHECK_MESSAGE(r.status == 200, r.describe());
    }
  }
  CHECK_MESSAGE(expected.empty(), "runner lines left unmatched: ", expected.size());
}

}  // namespace

TEST_CASE("every golden scenario gives the runner's answers over HTTP") {
  std::vector<std::string> scenarios;
  for (const auto& entry : std::filesystem::directory_iterator(scenarios_dir()))
    // Action runs and outcomes come only from the actions route and its worker, never from the generic
    // command route the replay uses (tests/server/actions_test.cpp covers them over HTTP).
    if (entry.path().extension() == ".jsonl" && entry.path().stem() != "support_actions")
      scenarios.push_back(entry.path().string());
  std::sort(scenarios.begin(), scenarios.end());
  REQUIRE(!scenarios.empty());
  for (const std::string& scenario : scenarios) {
    CAPTURE(scenario);
    replay(scenario);
  }
}
