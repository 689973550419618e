// The Admin screen natively: who gets it, the changes its forms make (REST requests, or desk commands
// the core checks first, each after the ones before), and frames of the screen against a recording host:
// the records it reads, the requests its buttons send, and the server's refusal shown as its own words.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <imgui.h>

#include "admin_state.hpp"
#include "app.hpp"
#include "engine.hpp"
#include "view_gui.hpp"

using namespace parley;
using namespace parley::web;

namespace {

const Timestamp T0 = *parse_rfc3339("2026-01-05T09:00:00Z");

struct Request {
  std::uint64_t id;
  std::string method, route, body;
};

struct RecordingHost : Host {
  Timestamp wall = T0;
  std::vector<Request> requests;
  Timestamp wall_ms() override { return wall; }
  void sign_in(const std::string&, const std::string&) override {}
  void check_token(const std::string&) override {}
  void sign_out(const std::string&) override {}
  void open_stream(const std::string&, std::uint64_t) override {}
  void close_stream() override {}
  void post_command(std::uint64_t, const std::string&, const std::string&) override {}
  std::optional<std::string> load(Store, const std::string&) override { return std::nullopt; }
  void save(Store, const std::string&, const std::string&) override {}
  void remove(Store, const std::string&) override {}
  void request(std::uint64_t id, const std::string& token, const std::string& method, const std::string& route,
               const std::string& body) override {
    CHECK(token == "tok");
    requests.push_back({id, method, route, body});
  }
};

// 1440×900, no keyboard navigation, the pointer resting before a press.
struct Gui : ViewGui {
  Gui() : ViewGui(GuiOptions{ImVec2(1440, 900), false, true, 1}) {}
};

// sales (ann, sue), support (sue); root an admin; a gold SLA policy.
struct Desk {
  State state;
  Events log;
  void run(const Command& command) {
    Outcome outcome = handle(state, command, T0);
    REQUIRE_MESSAGE(!outcome.error, (outcome.error ? outcome.error->message : ""));
    log.insert(log.end(), outcome.events.begin(), outcome.events.end());
  }
  Desk() {
    run(CreateGroup{"sales", "Sales", {}});
    run(CreateGroup{"support", "Support", {}});
    run(CreateAgent{"ann", "Ann Lee", "", {"sales"}, kRoleOperator});
    run(CreateAgent{"sue", "Sue Park", "", {"sales", "support"}, kRoleOperator | kRoleSupervisor});
    run(CreateAgent{"root", "Root Admin", "", {}, kRoleAdmin});
    run(SetSlaPolicy{SlaPolicy{"gold", "Gold", 5, 10, 60, false}});
  }
};

void sign_in_as(Gui& gui, App& app, const Desk& desk, const std::string& id) {
  app.start();
  gui.frame(app, 2);
  app.on_login_reply(200, R"({"token":"tok","user":{"login":")" + id + R"(","agent":")" + id + R"(","roles":[]}})");
  for (std::size_t i = 0; i < desk.log.size(); ++i) app.on_stream_event(i + 1, event_to_json(desk.log[i]).dump());
  gui.frame(app, 3);
  REQUIRE(app.screen() == Screen::workspace);
}

const Json kUsers = Json::parse(R"({"users":[
  {"id":1,"login":"admin","agent":null,"roles":["admin"],"roles_from":"login"},
  {"id":2,"login":"ann.op","agent":"ann","roles":["operator"],"roles_from":"agent"}]})");

// Answers every record read the App asked for since `from`.
void answer_reads(App& app, RecordingHost& host, std::size_t from) {
  for (std::size_t i = from; i < host.requests.size(); ++i) {
    const Request& r = host.requests[i];
    if (r.method != "GET") continue;
    const Json answer = r.route == "api/v1/users"       ? kUsers
                        : r.route == "api/v1/retention" ? Json{{"days", 30}}
                        : r.route == "api/v1/blocklist" ? Json{{"rules", Json::array()}}
                        : r.route == "api/v1/channels"  ? Json{{"channels", Json::array()}}
                                                        : Json{{"templates", Json::array()}};
    app.on_request_reply(r.id, 200, answer.dump());
  }
}

}  // namespace

TEST_CASE("admins get the screen on a server; in the demo everyone") {
  const Desk desk;
  CHECK(shows_admin(desk.state, desk.state.agent_ix("root"), false));
  CHECK_FALSE(shows_admin(desk.state, desk.state.agent_ix("sue"), false));
  CHECK_FALSE(shows_admin(desk.state, desk.state.agent_ix("ann"), false));
  CHECK(shows_admin(desk.state, desk.state.agent_ix("ann"), true));
  CHECK_FALSE(shows_admin(desk.state, kNoIndex, true));
}

TEST_CASE("desk commands travel as their REST requests") {
  CHECK(command_as_request(Json{{"type", "group.update"}, {"group", "a b"}}, "").route == "api/v1/groups/a%20b");
  CHECK(command_as_request(Json{{"type", "group.create"}, {"group", "x"}}, "").method == "POST");
  const AdminChange agent = command_as_request(Json{{"type", "agent.update"}, {"agent", "ann"}}, "saved");
  CHECK(agent.method == "PUT");
  CHECK(agent.route == "api/v1/agents/ann");
  CHECK(agent.done == "saved");
  REQUIRE(agent.command);
  const AdminChange gone = command_as_request(Json{{"type", "sla_policy.delete"}, {"policy", "gold"}}, "");
  CHECK(gone.method == "DELETE");
  CHECK(gone.route == "api/v1/sla_policies/gold");
  CHECK(gone.body.is_null());
}

TEST_CASE("a group's settings, business hours and members: the core's checks, in order") {
  Desk desk;
  GroupForm form = group_form(desk.state, *desk.state.find_group("sales"));
  CHECK(form.members == std::set<std::string>{"ann", "sue"});
  form.accept = true;
  form.max_active = 3;
  form.hours = true;
  form.zone = "Europe/Paris";
  form.days[0] = "09:00-12:00, 13:00-17:00";
  form.days[4] = "09:00-15:00";
  form.members = {"sue", "root"};  // ann leaves, root joins
  auto changes = save_group(desk.state, form, false);
  REQUIRE(changes);
  REQUIRE(changes.value().size() == 3);
  const Json& settings = changes.value()[0].body["settings"];
  CHECK(changes.value()[0].route == "api/v1/groups/sales");
  CHECK(settings["routing"] == "accept");
  CHECK(settings["max_active"] == 3);
  CHECK(settings["business_hours"]["zone"] == "Europe/Paris");
  CHECK(settings["business_hours"]["week"]["mon"] == Json::array({"09:00-12:00", "13:00-17:00"}));
  CHECK_FALSE(settings["business_hours"]["week"].contains("tue"));
  CHECK(changes.value()[1].route == "api/v1/agents/ann");
  CHECK(changes.value()[1].body["groups"] == Json::array());
  CHECK(changes.value()[2].body["groups"] == Json::array({"sales"}));
  CHECK_FALSE(core_refusal(desk.state, changes.value(), T0));
  // Running them in the core gives the desk the form's group.
  for (const AdminChange& change : changes.value()) desk.run(command_from_json(*change.command).value());
  const GroupForm after = group_form(desk.state, *desk.state.find_group("sales"));
  CHECK(after.accept);
  CHECK(after.max_active == 3);
  CHECK(after.days[0] == "09:00-12:00, 13:00-17:00");
  CHECK(after.members == std::set<std::string>{"sue", "root"});

  form.days[1] = "9 to 5";
  const auto bad = save_group(desk.state, form, false);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("tue") != std::string::npos);
  form.days[1].clear();
  form.zone = "Mars/Base";
  CHECK_FALSE(save_group(desk.state, form, false));

  // A new group its new members join: the agent's change is checked after the group exists.
  GroupForm fresh;
  fresh.id = "vip";
  fresh.name = "VIP";
  fresh.members = {"ann"};
  const auto created = save_group(desk.state, fresh, true);
  REQUIRE(created);
  CHECK(created.value()[0].body["type"] == "group.create");
  CHECK_FALSE(core_refusal(desk.state, created.value(), T0));
  // The core's own refusal: a policy that does not exist.
  fresh.sla_policy = "platinum";
  const auto refused = core_refusal(desk.state, save_group(desk.state, fresh, true).value(), T0);
  REQUIRE(refused);
  CHECK(refused->find("platinum") != std::string::npos);
}

TEST_CASE("users: a new login (and its new agent), roles where they live, passwords, disabling") {
  const Desk desk;
  UserForm form;
  form.login = "zoe";
  form.password = "short";
  CHECK_FALSE(create_user(desk.state, form));
  form.password = "long enough";
  form.roles = {true, true, false, false};
  form.agent = "zoe";
  const auto created = create_user(desk.state, form);
  REQUIRE(created);
  REQUIRE(created.value().size() == 2);
  CHECK(created.value()[0].body["type"] == "agent.create");
  CHECK(created.value()[0].body["roles"] == Json::array({"operator", "supervisor"}));
  CHECK(created.value()[1].route == "api/v1/users");
  CHECK(created.value()[1].body["agent"] == "zoe");
  CHECK_FALSE(core_refusal(desk.state, created.value(), T0));
  form.roles.fill(false);
  CHECK_FALSE(create_user(desk.state, form));

  const Json& admin = kUsers["users"][0];
  const Json& ann = kUsers["users"][1];
  UserForm roles = user_form(ann);
  CHECK(roles.roles == std::array<bool, 4>{true, false, false, false});
  roles.roles[2] = true;
  roles.name = "Ann Lee-Smith";
  const auto bound = save_user_roles(desk.state, roles, ann);
  REQUIRE(bound);
  CHECK(bound.value()[0].route == "api/v1/agents/ann");
  CHECK(bound.value()[0].body["roles"] == Json::array({"operator", "reader"}));
  CHECK(bound.value()[0].body["groups"] == Json::array({"sales"}));
  CHECK(bound.value()[0].body["name"] == "Ann Lee-Smith");
  CHECK_FALSE(core_refusal(desk.state, bound.value(), T0));
  const auto own = save_user_roles(desk.state, user_form(admin), admin);
  REQUIRE(own);
  CHECK(own.value()[0].route == "api/v1/users/admin");
  CHECK(own.value()[0].body == Json{{"roles", Json::array({"admin"})}});

  CHECK_FALSE(reset_password("ann.op", "1234567"));
  CHECK(reset_password("ann.op", "12345678").value().body == Json{{"password", "12345678"}});
  const auto off = set_user_disabled(desk.state, ann, true);
  REQUIRE(off);
  CHECK(off.value().body["disabled"] == true);
  CHECK_FALSE(core_refusal(desk.state, {off.value()}, T0));
  const auto unbound = set_user_disabled(desk.state, admin, true);
  REQUIRE_FALSE(unbound);
  CHECK(unbound.error().message.find("delete") != std::string::npos);
}

TEST_CASE("channels, templates, rules, retention and erasure: their requests, and what is refused first") {
  ChannelForm channel;
  channel.id = "site";
  channel.group = "sales";
  channel.origins = "https://a.example, https://b.example ,";
  const auto made = save_channel(channel, true);
  REQUIRE(made);
  CHECK(made.value().route == "api/v1/channels");
  CHECK(made.value().body["origins"] == Json::array({"https://a.example", "https://b.example"}));
  CHECK(made.value().body["name"] == "site");
  CHECK(save_channel(channel, false).value().route == "api/v1/channels/site");
  channel.group.clear();
  CHECK_FALSE(save_channel(channel, true));

  TemplateForm tpl{"", "Greeting", "Hello!"};
  CHECK(save_template(tpl, true).value().body ==
        Json{{"title", "Greeting"}, {"text", "Hello!"}, {"shortcut", ""}, {"group", ""}});
  tpl.shortcut = " /hi ";
  tpl.group = "sales";
  CHECK(save_template(tpl, true).value().body["shortcut"] == "hi");  // the slash is how it is typed, not stored
  CHECK(save_template(tpl, true).value().body["group"] == "sales");
  tpl.shortcut = "Hi there";
  CHECK(save_template(tpl, true).error().message == "Shortcut: up to 32 lower-case letters, digits, '-' or '_'");
  tpl.shortcut = "hi";
  tpl.id = "hi";
  CHECK(save_template(tpl, false).value().route == "api/v1/templates/hi");
  CHECK(delete_template("hi").method == "DELETE");
  tpl.text = "  ";
  CHECK_FALSE(save_template(tpl, true));

  RuleForm rule;
  rule.value = "  buy now ";
  rule.match = "word";
  CHECK(add_rule(rule).value().body == Json{{"kind", "text"}, {"value", "buy now"}, {"action", "refuse"}, {"match", "word"}});
  rule.kind = "customer";
  CHECK_FALSE(add_rule(rule));
  rule.channel = "Site";
  CHECK(add_rule(rule).value().body["channel"] == "Site");
  CHECK(delete_rule("r1").route == "api/v1/blocklist/r1");

  CHECK(set_retention("30").value().body == Json{{"days", 30}});
  CHECK(set_retention("0").value().body == Json{{"days", 0}});
  CHECK_FALSE(set_retention("-1"));
  CHECK_FALSE(set_retention("36501"));
  CHECK_FALSE(set_retention("ten"));
  CHECK(erase_customer("Site", "bob").value().body == Json{{"channel", "Site"}, {"client", "bob"}});
  CHECK_FALSE(erase_customer("Site", ""));

  CHECK(admin_rows_from_answer("blocklist", Json::parse(R"({"rules":[{"id":"r1"}]})")).size() == 1);
  CHECK(admin_rows_from_answer("users", Json::parse(R"({"rules":[]})")).is_null());
  CHECK(admin_answer_error(400, R"({"error":{"code":"bad_command","message":"login is taken"}})") == "login is taken");
  CHECK(admin_answer_error(0, "") == "Cannot reach the server.");
}

TEST_CASE("frames: an admin reads the records, saves, and sees the server's refusal; an operator has no tab") {
  Desk desk;
  RecordingHost host;
  Gui gui;
  {
    App app(host);
    sign_in_as(gui, app, desk, "root");
    gui.click(app, "tab.admin");
    std::vector<std::string> reads;
    for (const Request& r : host.requests) reads.push_back(r.method + " " + r.route);
    CHECK(reads == std::vector<std::string>{"GET api/v1/users", "GET api/v1/channels", "GET api/v1/templates",
                                            "GET api/v1/blocklist", "GET api/v1/retention"});
    answer_reads(app, host, 0);
    gui.frame(app, 2);
    Json snap = app.snapshot()["admin"];
    CHECK(snap["status"] == "ready");
    CHECK(snap["records"]["users"].size() == 2);
    CHECK(snap["records"]["retention"]["days"] == 30);

    gui.click(app, "admin.user.row.ann.op");
    gui.click(app, "admin.user.role.reader");
    const std::size_t before = host.requests.size();
    gui.click(app, "admin.user.save_roles");
    REQUIRE(host.requests.size() == before + 1);
    const Request put = host.requests.back();
    CHECK(put.method == "PUT");
    CHECK(put.route == "api/v1/agents/ann");
    CHECK(Json::parse(put.body)["roles"] == Json::array({"operator", "reader"}));
    CHECK(Json::parse(put.body)["name"] == "Ann Lee");  // the agent's own, as the form showed it
    app.on_request_reply(put.id, 200, R"({"events":[]})");
    gui.frame(app, 2);
    CHECK(app.snapshot()["admin"]["message"] == "Roles of ann.op saved.");
    CHECK(host.requests.size() == before + 6);  // the records read again
    answer_reads(app, host, before + 1);

    gui.click(app, "admin.section.groups");
    gui.click(app, "admin.group.row.sales");
    gui.click(app, "admin.group.routing.accept");
    gui.click(app, "admin.group.save");
    const Request group = host.requests.back();
    CHECK(group.route == "api/v1/groups/sales");
    CHECK(Json::parse(group.body)["settings"]["routing"] == "accept");
    app.on_request_reply(group.id, 400, R"({"error":{"code":"bad_command","message":"the group is busy"}})");
    gui.frame(app, 2);
    snap = app.snapshot()["admin"];
    CHECK(snap["error"] == "the group is busy");
    CHECK(snap["done"] == 1);

    // A refusal of the core's never leaves the page.
    const std::size_t sent = host.requests.size();
    app.ui().admin.group.zone = "Nowhere/Else";
    app.ui().admin.group.hours = true;
    gui.frame(app, 1);
    gui.click(app, "admin.group.save");
    CHECK(host.requests.size() == sent);
    CHECK(app.snapshot()["admin"]["error"].get<std::string>().find("Time zone") != std::string::npos);
  }
  {
    App app(host);
    sign_in_as(gui, app, desk, "sue");
    CHECK_FALSE(app.ui().widgets.has("tab.admin"));
    CHECK(app.ui().widgets.has("tab.mine"));
  }
}

TEST_CASE("the demo: groups change in its own core, server records are explained, nothing goes to a server") {
  Gui gui;
  RecordingHost host;
  App app(host);
  app.start();
  gui.frame(app, 2);
  gui.click(app, "login.demo");
  REQUIRE(app.mode() == Mode::demo);
  gui.frame(app, 3);
  REQUIRE(app.ui().widgets.has("tab.admin"));
  gui.click(app, "tab.admin");
  CHECK(app.ui().widgets.has("admin.demo_note"));  // Users: the demo has no logins
  gui.click(app, "admin.section.groups");
  CHECK_FALSE(app.ui().widgets.has("admin.demo_note"));
  REQUIRE_FALSE(app.state().groups.empty());
  const Group& first = *app.state().groups.begin();
  const std::string id = first.id;
  const bool accept = first.settings.routing == Routing::accept;
  gui.click(app, "admin.group.row." + id);
  gui.click(app, std::string("admin.group.routing.") + (accept ? "auto" : "accept"));
  gui.click(app, "admin.group.save");
  CHECK(app.snapshot()["admin"]["error"] == "");
  CHECK(app.snapshot()["admin"]["done"] == 1);
  CHECK((app.state().find_group(id)->settings.routing == Routing::accept) != accept);
  CHECK(host.requests.empty());
}
