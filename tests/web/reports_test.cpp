// The Reports screen natively: the range picker's days, the tables' cells and order, and frames of the
// workspace (ImGui with no renderer, a recording Host): who gets the tab, REST routes asked and their
// answers shown, sorting by a header click, CSV downloads, and the demo computing its reports in the page.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "report_oracle.hpp"
#include <imgui.h>

#include <map>
#include <tuple>

#include "app.hpp"
#include "engine.hpp"
#include "report_range.hpp"
#include "report_source.hpp"
#include "report_table.hpp"
#include "reports.hpp"
#include "view_gui.hpp"

using namespace parley;
using namespace parley::web;

namespace {

const Timestamp T0 = *parse_rfc3339("2026-01-05T09:00:00Z");

struct RecordingHost : Host {
  Timestamp wall = T0;
  std::map<std::pair<int, std::string>, std::string> storage;
  std::vector<std::pair<std::uint64_t, std::string>> reports;  // (request, route)
  std::vector<std::pair<std::string, std::string>> downloads;  // (route, name)
  std::vector<std::pair<std::string, std::string>> saved;      // (name, text)

  Timestamp wall_ms() override { return wall; }
  void sign_in(const std::string&, const std::string&) override {}
  void check_token(const std::string&) override {}
  void sign_out(const std::string&) override {}
  void open_stream(const std::string&, std::uint64_t) override {}
  void close_stream() override {}
  void post_command(std::uint64_t, const std::string&, const std::string&) override {}
  std::optional<std::string> load(Store store, const std::string& key) override {
    const auto found = storage.find({static_cast<int>(store), key});
    if (found == storage.end()) return std::nullopt;
    return found->second;
  }
  void save(Store store, const std::string& key, const std::string& value) override {
    storage[{static_cast<int>(store), key}] = value;
  }
  void remove(Store store, const std::string& key) override { storage.erase({static_cast<int>(store), key}); }
  void get_report(std::uint64_t request, const std::string& token, const std::string& route) override {
    CHECK(token == "tok");
    reports.emplace_back(request, route);
  }
  void download(const std::string& token, const std::string& route, const std::string& name) override {
    CHECK(token == "tok");
    downloads.emplace_back(route, name);
  }
  void save_text(const std::string& name, const std::string& type, const std::string& text) override {
    CHECK(type.find("text/csv") == 0);
    saved.emplace_back(name, text);
  }
};

// 1440×900, no keyboard navigation, the pointer resting before a press.
struct Gui : ViewGui {
  Gui() : ViewGui(GuiOptions{ImVec2(1440, 900), false, true, 1}) {}
};

Actor client() { return Actor{ActorKind::client, {}}; }
Actor agent(const char* id) { return Actor{ActorKind::agent, id}; }

// sales and support; ann operator of both, sue supervisor of both, root an admin, zed in "other".
struct Desk {
  State state;
  Events log;
  Timestamp at = T0;
  void run(const Command& command, Duration after = 0) {
    at += after;
    Outcome outcome = handle(state, command, at);
    REQUIRE_MESSAGE(!outcome.error, (outcome.error ? outcome.error->message : ""));
    log.insert(log.end(), outcome.events.begin(), outcome.events.end());
  }
  Desk() {
    GroupSettings accept;
    accept.routing = Routing::accept;
    run(CreateGroup{"sales", "Sales", {}});
    run(CreateGroup{"support", "Support", accept});
    run(CreateGroup{"other", "Other", accept});
    run(CreateAgent{"ann", "Ann Lee", "", {"sales", "support"}, kRoleOperator});
    run(CreateAgent{"sue", "Sue Park", "", {"sales", "support"}, kRoleOperator | kRoleSupervisor});
    run(CreateAgent{"root", "Root Admin", "", {}, kRoleAdmin});
    run(CreateAgent{"zed", "Zed Zo", "", {"other"}, kRoleOperator});
    run(SetAgentStatus{"ann", AgentStatus::online}, kMinute);
    run(SetAgentStatus{"sue", AgentStatus::online});
    run(StartChat{"c1", "sales", "Widget", "Bob", client()}, kMinute);
    run(SendMessage{"c1", client(), "Hello?", {}}, 10 * kSecond);
    const std::string holder = state.agents[state.chats[ChatIx{0}].assignee].id;
    run(SendMessage{"c1", agent(holder.c_str()), "Hi Bob", {}}, 20 * kSecond);
    run(SendMessage{"c1", client(), "Where is my order?", {}}, 10 * kSecond);
    run(SendMessage{"c1", agent(holder.c_str()), "On its way.", {}}, 5 * kSecond);
    run(StartChat{"c2", "support", "Widget", "Eve", client()}, kMinute);
    run(SendMessage{"c2", client(), "Help", {}}, kSecond);
    run(AcceptChat{"c2", "ann"}, 90 * kSecond);
    run(SendMessage{"c2", agent("ann"), "Hello Eve", {}}, 3 * kSecond);
    run(SendMessage{"c2", agent("ann"), "Anything else?", {}}, 3 * kSecond);
  }
  void feed(App& app) {
    for (std::size_t i = 0; i < log.size(); ++i) app.on_stream_event(i + 1, event_to_json(log[i]).dump());
  }
};

void sign_in_as(Gui& gui, App& app, RecordingHost& host, Desk& desk, const std::string& id, const std::string& roles) {
  app.start();
  gui.frame(app, 2);
  app.on_login_reply(200, R"({"token":"tok","user":{"login":")" + id + R"(","agent":")" + id + R"(","roles":)" + roles +
                              "}}");
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  REQUIRE(app.screen() == Screen::workspace);
}

// The server's answer to a route the workspace asked for: the core's report over the same log.
std::string answer(const Desk& desk, const std::string& viewer, ReportKind kind, const ReportQuery& query, Timestamp now) {
  const AgentIx ix = desk.state.agent_ix(viewer);
  Reports reports =
      visible_reports(desk.state, Login{ix, desk.state.agents[ix].roles}, compute_reports(desk.state, query, now));
  return report_to_json(kind, query, reports).dump();
}

std::vector<std::string> keys(const Json& list) {
  std::vector<std::string> out;
  for (const Json& key : list) out.push_back(key.get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("the range picker: today, yesterday, the last 7 days and custom days, as whole UTC days") {
  const Timestamp now = *parse_rfc3339("2026-03-04T15:30:00Z");
  const Timestamp day = *parse_rfc3339("2026-03-04T00:00:00Z");
  CHECK(report_range(RangeKind::today, now).value() == DaySpan{day, day + kDay});
  CHECK(report_range(RangeKind::yesterday, now).value() == DaySpan{day - kDay, day});
  CHECK(report_range(RangeKind::last_7_days, now).value() == DaySpan{day - 6 * kDay, day + kDay});
  CHECK(report_range(RangeKind::today, day).value().from == day);  // midnight belongs to its own day
  CHECK(report_range(RangeKind::custom, now, "2026-02-27", "2026-03-01").value() ==
        DaySpan{*parse_rfc3339("2026-02-27T00:00:00Z"), *parse_rfc3339("2026-03-02T00:00:00Z")});
  CHECK(report_range(RangeKind::custom, now, "2026-02-30", "2026-03-01").error().message ==
        "Write the first day as YYYY-MM-DD.");
  CHECK(report_range(RangeKind::custom, now, "2026-03-01", "1.3.2026").error().message ==
        "Write the last day as YYYY-MM-DD.");
  CHECK(report_range(RangeKind::custom, now, "2026-03-02", "2026-03-01").error().message ==
        "The last day is before the first.");
  CHECK_FALSE(report_range(RangeKind::custom, now, "2024-01-01", "2026-01-01").ok());
  CHECK(format_day(*parse_day("2024-02-29")) == "2024-02-29");
  CHECK_FALSE(parse_day("2023-02-29"));
  CHECK(format_day_of(now) == "2026-03-04");
  const ReportQuery q{day, day + kDay, "sales", std::nullopt};
  CHECK(report_route(ReportKind::operators, q, false) ==
        "api/v1/reports/operators?from=2026-03-04T00%3A00%3A00Z&to=2026-03-05T00%3A00%3A00Z&group=sales");
  CHECK(report_route(ReportKind::live_chats, q, true).find("api/v1/reports/live_chats.csv?from=") == 0);
  CHECK(report_file_name(ReportKind::operators, q) == "operators_2026-03-04_2026-03-04_sales.csv");
}

TEST_CASE("readable durations and sample-set cells; sorting by a column changes the order") {
  CHECK(format_span(0) == "0s");
  CHECK(format_span(400) == "0.4s");
  CHECK(format_span(42 * kSecond) == "42s");
  CHECK(format_span(185 * kSecond) == "3m 05s");
  CHECK(format_span(2 * kHour + 5 * kMinute) == "2h 05m");
  CHECK(format_span(3 * kDay + 4 * kHour) == "3d 4h");
  Desk desk;
  const Reports reports = compute_reports(desk.state, ReportQuery{T0, T0 + kDay, "", std::nullopt}, desk.at);
  std::vector<ReportRow> rows = report_rows(ReportKind::operators, desk.state, reports, TableSort{});
  REQUIRE(rows.size() == 4);
  // By name: Ann Lee, Root Admin, Sue Park, Zed Zo.
  CHECK(rows[0].key == "ann");
  CHECK(rows[0].cells[0].text == "Ann Lee");
  CHECK(rows[2].key == "sue");
  const auto& columns = report_columns(ReportKind::operators);
  std::size_t replies = 0, first = 0;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (std::string(columns[c].field) == "replies") replies = c;
    if (std::string(columns[c].field) == "first_response") first = c;
  }
  CHECK(rows[0].cells[replies].text == std::to_string(reports.operators[0].replies));
  CHECK(rows[0].cells[replies].value == reports.operators[0].replies);
  // ann (routed Bob at his start) answered him 20 s after he wrote, and Eve 3 s after accepting her
  // (Eve had waited 93 s: a first response counts from when the agent got the session).
  CHECK(rows[0].cells[first].value["count"] == 2);
  CHECK(rows[0].cells[first].text == "11s · 20s · 20s");
  CHECK(rows[1].cells[first].text == "—");  // root wrote nothing
  sort_rows(ReportKind::operators, rows, TableSort{static_cast<int>(replies), false});
  CHECK(rows[0].cells[replies].value.get<int>() >= rows[1].cells[replies].value.get<int>());
  CHECK(rows[3].cells[replies].value == 0);
  // An empty sample set sorts last both ways.
  sort_rows(ReportKind::operators, rows, TableSort{static_cast<int>(first), true});
  CHECK(rows[0].cells[first].text != "—");
  CHECK(rows[3].cells[first].text == "—");
  sort_rows(ReportKind::operators, rows, TableSort{static_cast<int>(first), false});
  CHECK(rows[3].cells[first].text == "—");
  // The mirror's form: every column's label and definition; each cell's exact JSON value.
  const Json mirror = table_mirror(ReportKind::operators, "caption", rows);
  CHECK(mirror["columns"].size() == columns.size());
  CHECK(mirror["columns"][10]["label"] == "First response avg · p90 · max");
  CHECK_FALSE(mirror["columns"][10]["tip"].get<std::string>().empty());
  CHECK(mirror["rows"][0]["cells"][0]["value"] == "\"" + mirror["rows"][0]["key"].get<std::string>() + "\"");
}

TEST_CASE("supervisors and admins get the Reports tab, operators do not") {
  for (const auto& [id, roles, shown] : {std::tuple<const char*, const char*, bool>{"sue", R"(["operator","supervisor"])", true},
                                         {"root", R"(["admin"])", true},
                                         {"ann", R"(["operator"])", false}}) {
    CAPTURE(id);
    Gui gui;
    RecordingHost host;
    Desk desk;
    App app(host);
    sign_in_as(gui, app, host, desk, id, roles);
    CHECK(app.ui().widgets.has("tab.reports") == shown);
    if (!shown) {
      app.ui().reports.open = true;  // even if asked for, an operator gets no screen and no request
      gui.frame(app, 2);
      CHECK_FALSE(app.ui().widgets.has("reports"));
      CHECK(host.reports.empty());
      continue;
    }
    gui.click(app, "tab.reports");
    CHECK(app.ui().widgets.has("reports"));
    CHECK(app.ui().widgets.has("reports.range.today"));
    CHECK_FALSE(app.ui().widgets.has("tab.reports"));  // the screen takes the lists' place
    // The group filter offers the groups the viewer oversees: the admin every group.
    CHECK(app.ui().widgets.has("reports.group.sales"));
    CHECK(app.ui().widgets.has("reports.group.other") == (std::string(id) == "root"));
    gui.click(app, "reports.close");
    CHECK(app.ui().widgets.has("tab.reports"));
  }
}

TEST_CASE("on a server: both routes for today are asked, their answers shown; sorting, ranges, groups and CSV") {
  Gui gui;
  RecordingHost host;
  Desk desk;
  App app(host);
  sign_in_as(gui, app, host, desk, "sue", R"(["operator","supervisor"])");
  gui.click(app, "tab.reports");
  REQUIRE(host.reports.size() == 2);
  const std::string today = "from=2026-01-05T00%3A00%3A00Z&to=2026-01-06T00%3A00%3A00Z";
  CHECK(host.reports[0].second == "api/v1/reports/operators?" + today);
  CHECK(host.reports[1].second == "api/v1/reports/live_chats?" + today);
  CHECK(app.snapshot()["reports"]["status"] == "loading");
  const ReportQuery query{*parse_rfc3339("2026-01-05T00:00:00Z"), *parse_rfc3339("2026-01-06T00:00:00Z"), "",
                          std::nullopt};
  // Answers may come in either order; an unknown request changes nothing.
  app.on_report_reply(999, 200, "{}");
  app.on_report_reply(host.reports[1].first, 200, answer(desk, "sue", ReportKind::live_chats, query, desk.at));
  CHECK(app.snapshot()["reports"]["status"] == "loading");
  app.on_report_reply(host.reports[0].first, 200, answer(desk, "sue", ReportKind::operators, query, desk.at));
  gui.frame(app, 2);
  Json snap = app.snapshot()["reports"];
  CHECK(snap["status"] == "ready");
  CHECK(keys(snap["rows"]["operators"]) == std::vector<std::string>{"ann", "sue"});  // sue's groups' agents
  CHECK(keys(snap["rows"]["live_chats"]) == std::vector<std::string>{"sales", "support"});
  CHECK(app.ui().reports.data.operators[0].replies == 4);  // ann got Bob by routing and accepted Eve
  CHECK(app.ui().widgets.has("reports.operators.row.ann"));
  CHECK(app.ui().widgets.has("reports.chart.by_hour"));
  CHECK(app.ui().widgets.has("reports.chart.status"));

  // A header click sorts by that column, most first; a second click fewest first.
  const auto& ops = app.ui().reports.data.operators;
  const bool ann_more = ops[0].replies >= ops[1].replies;
  gui.click(app, "reports.operators.head.replies");
  CHECK(keys(app.snapshot()["reports"]["rows"]["operators"]) ==
        (ann_more ? std::vector<std::string>{"ann", "sue"} : std::vector<std::string>{"sue", "ann"}));
  gui.frame(app, 40);  // not a double click
  gui.click(app, "reports.operators.head.replies");  // and again: fewest first
  CHECK(keys(app.snapshot()["reports"]["rows"]["operators"]) ==
        (ann_more ? std::vector<std::string>{"sue", "ann"} : std::vector<std::string>{"ann", "sue"}));
  gui.click(app, "reports.operators.head.agent");
  CHECK(keys(app.snapshot()["reports"]["rows"]["operators"]) == std::vector<std::string>{"ann", "sue"});

  // CSV: the server's route for the range shown, saved under a name that says what it is.
  gui.click(app, "reports.csv.live_chats");
  REQUIRE(host.downloads.size() == 1);
  CHECK(host.downloads[0].first == "api/v1/reports/live_chats.csv?" + today);
  CHECK(host.downloads[0].second == "live_chats_2026-01-05_2026-01-05.csv");
  app.on_report_reply(0, 503, R"({"error":{"code":"unavailable","message":"the event log could not be read"}})");
  gui.frame(app);
  CHECK(app.ui().notice.find("the event log could not be read") != std::string::npos);

  // Yesterday, the last 7 days, one group.
  gui.click(app, "reports.range.yesterday");
  REQUIRE(host.reports.size() == 4);
  CHECK(host.reports[2].second == "api/v1/reports/operators?from=2026-01-04T00%3A00%3A00Z&to=2026-01-05T00%3A00%3A00Z");
  gui.click(app, "reports.range.last_7_days");
  REQUIRE(host.reports.size() == 6);
  CHECK(host.reports[4].second == "api/v1/reports/operators?from=2025-12-30T00%3A00%3A00Z&to=2026-01-06T00%3A00%3A00Z");
  gui.click(app, "reports.group.support");
  REQUIRE(host.reports.size() == 8);
  CHECK(host.reports[7].second ==
        "api/v1/reports/live_chats?from=2025-12-30T00%3A00%3A00Z&to=2026-01-06T00%3A00%3A00Z&group=support");
  // A refusal shows as the screen's error; an answer to an older request is ignored.
  app.on_report_reply(host.reports[5].first, 200, answer(desk, "sue", ReportKind::live_chats, query, desk.at));
  CHECK(app.snapshot()["reports"]["status"] == "loading");
  app.on_report_reply(host.reports[6].first, 403, R"({"error":{"code":"forbidden","message":"not yours"}})");
  gui.frame(app);
  CHECK(app.snapshot()["reports"]["status"] == "failed");
  CHECK(app.snapshot()["reports"]["error"] == "not yours");
  // Custom: starts at today; a bad date is said on screen and nothing is asked.
  gui.click(app, "reports.range.custom");
  CHECK(app.ui().reports.first_day == "2026-01-05");
  CHECK(app.ui().widgets.has("reports.first_day"));
  REQUIRE(host.reports.size() == 10);
  app.ui().reports.first_day = "2026-01-07";
  gui.click(app, "reports.apply");
  CHECK(host.reports.size() == 10);
  CHECK(app.snapshot()["reports"]["error"] == "The last day is before the first.");
  // A session opened meanwhile (the command palette, the accessible mirror) takes the screen back.
  app.ui().current_chat = "c1";
  gui.frame(app, 2);
  CHECK_FALSE(app.ui().reports.open);
  CHECK(app.ui().widgets.has("tab.reports"));
}

TEST_CASE("the demo computes its reports in the page: the core's numbers over the demo's log, and its CSV") {
  Gui gui;
  RecordingHost host;
  App app(host);
  app.start();
  gui.frame(app, 2);
  gui.click(app, "login.demo");
  REQUIRE(app.mode() == Mode::demo);
  for (int i = 0; i < 300; ++i) {  // five real minutes at the demo's speed
    host.wall += kSecond;
    gui.frame(app);
  }
  REQUIRE(app.ui().widgets.has("tab.reports"));  // the demo's user supervises
  gui.click(app, "tab.reports");
  CHECK(host.reports.empty());  // nothing asked of a server
  const ReportsUi& shown = app.ui().reports;
  REQUIRE(shown.status == ReportsStatus::ready);
  const Timestamp at = shown.as_of;
  const AgentIx you = app.state().agent_ix("you");
  const Reports expected = visible_reports(app.state(), Login{you, app.state().agents[you].roles},
                                           parley::test::oracle_reports(app.demo()->log(), shown.query, at));
  CHECK(shown.data.operators == expected.operators);
  CHECK(shown.data.live_chats == expected.live_chats);
  REQUIRE_FALSE(shown.data.operators.empty());
  REQUIRE_FALSE(shown.data.live_chats.empty());
  std::int64_t started = 0;
  for (const LiveChatRow& row : shown.data.live_chats) started += row.started;
  CHECK(started > 0);
  gui.click(app, "reports.csv.operators");
  REQUIRE(host.saved.size() == 1);
  CHECK(host.saved[0].second == report_to_csv(ReportKind::operators, shown.data));
  CHECK(host.saved[0].first.find("operators_") == 0);
  // The demo goes on: an open screen computes again every few seconds, when the log grew.
  const int computed = shown.computed;
  for (int i = 0; i < 10; ++i) {
    host.wall += kSecond;
    gui.frame(app);
  }
  CHECK(shown.computed > computed);
}

TEST_CASE("side screens: each tab opens its own screen in the session view's place; Back to sessions returns") {
  Gui gui;
  RecordingHost host;
  App app(host);
  app.start();
  gui.frame(app, 2);
  gui.click(app, "login.demo");
  REQUIRE(app.mode() == Mode::demo);
  const auto open = [&] {
    const UiState& ui = app.ui();
    return std::string(ui.reports.open ? "R" : "") + (ui.sessions.open ? "S" : "") + (ui.audit.open ? "A" : "");
  };
  for (const auto& [tab, screen, back] : {std::tuple{"tab.sessions", "S", "sessions.close"},
                                          std::tuple{"tab.audit", "A", "audit.close"},
                                          std::tuple{"tab.reports", "R", "reports.close"}}) {
    CAPTURE(tab);
    gui.click(app, tab);
    CHECK(open() == screen);
    CHECK_FALSE(app.ui().widgets.has("tab.reports"));  // the screen takes the lists' place too
    gui.click(app, back);
    CHECK(open() == "");
    CHECK(app.ui().widgets.has(tab));
  }
}
