// Unit tests of core/permissions: where a login's roles come from, who reads an agent's figures,
// who reads or works a chat, and which commands a login may submit.
#include "permissions.hpp"

#include <doctest/doctest.h>

#include "desk_fixture.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;
using parley::test::parse_command;

namespace {

// Groups sales and support. ann, bo: operators of sales; sue: supervisor of sales; rita: reader of
// sales; zed: operator of support; root: admin of no group.
Desk permission_desk() {
  Desk desk;
  desk.make_group(at_min(0), "sales", R"({"routing":"accept"})");
  desk.make_group(at_min(0), "support", R"({"routing":"accept"})");
  desk.make_agent(at_min(0), "ann", "sales");
  desk.make_agent(at_min(0), "bo", "sales");
  desk.make_agent(at_min(0), "sue", "sales", "supervisor");
  desk.make_agent(at_min(0), "rita", "sales", "reader");
  desk.make_agent(at_min(0), "zed", "support");
  desk.make_agent(at_min(0), "root", "", "admin");
  desk.client_starts(at_min(1), "s1", "sales");
  desk.client_starts(at_min(1), "p1", "support");
  return desk;
}

Login as(const Desk& desk, const std::string& agent) {
  const auto login = login_for(desk.state, agent, 0);
  REQUIRE(login.has_value());
  return *login;
}

std::string submit(const Desk& desk, const Login& login, const char* command) {
  const auto refusal = may_submit(login, desk.state, parse_command(command));
  return refusal ? std::string(error_code_name(refusal->code)) : std::string("allowed");
}

}  // namespace

TEST_CASE("a login bound to an agent has the agent's roles, whatever the login's own say") {
  Desk desk = permission_desk();
  const auto ann = login_for(desk.state, "ann", kRoleSupervisor | kRoleAdmin);
  REQUIRE(ann.has_value());
  CHECK(ann->agent == desk.agent("ann"));
  CHECK(ann->roles == kRoleOperator);
  // Without an agent the login's own roles count (the bootstrap admin).
  const auto admin = login_for(desk.state, "", kRoleAdmin);
  REQUIRE(admin.has_value());
  CHECK(admin->agent == kNoIndex);
  CHECK(admin->roles == kRoleAdmin);
  // An agent that does not exist gives no login at all.
  CHECK_FALSE(login_for(desk.state, "ghost", kRoleAdmin).has_value());
  // Changing the agent changes the login.
  desk.ok(at_min(2), R"({"type":"agent.update","agent":"ann","name":"Ann","groups":["sales"],"roles":["supervisor"]})");
  CHECK(login_for(desk.state, "ann", 0)->roles == kRoleSupervisor);
}

TEST_CASE("a disabled agent's login may not act; enabling it again restores it") {
  Desk desk = permission_desk();
  desk.ok(at_min(2), R"({"type":"agent.update","agent":"bo","groups":["sales"],"roles":["operator"],"disabled":true})");
  CHECK_FALSE(login_for(desk.state, "bo", kRoleOperator).has_value());
  desk.ok(at_min(3), R"({"type":"agent.update","agent":"bo","groups":["sales"],"roles":["operator"]})");
  CHECK(login_for(desk.state, "bo", 0).has_value());
}

TEST_CASE("an agent's figures: themselves, admins, and supervisors of a group they share") {
  Desk desk = permission_desk();
  const AgentIx ann = desk.agent("ann"), zed = desk.agent("zed");
  CHECK(may_view_agent(desk.state, as(desk, "ann"), ann));
  CHECK_FALSE(may_view_agent(desk.state, as(desk, "bo"), ann));
  CHECK(may_view_agent(desk.state, as(desk, "sue"), ann));
  CHECK_FALSE(may_view_agent(desk.state, as(desk, "sue"), zed));
  CHECK_FALSE(may_view_agent(desk.state, as(desk, "rita"), ann));  // readers read sessions, not people
  CHECK(may_view_agent(desk.state, as(desk, "root"), zed));
  CHECK(may_view_agent(desk.state, Login{kNoIndex, kRoleAdmin}, zed));
  CHECK_FALSE(may_view_agent(desk.state, Login{kNoIndex, kRoleSupervisor}, ann));
}

TEST_CASE("a chat: workers of its group work it, readers read it, others do not see it") {
  Desk desk = permission_desk();
  const Chat& s1 = desk.chat("s1");
  CHECK(chat_access(desk.state, as(desk, "ann"), s1) == ChatAccess::work);
  CHECK(chat_access(desk.state, as(desk, "sue"), s1) == ChatAccess::work);
  CHECK(chat_access(desk.state, as(desk, "rita"), s1) == ChatAccess::read);
  CHECK(chat_access(desk.state, as(desk, "zed"), s1) == ChatAccess::none);
  CHECK(chat_access(desk.state, as(desk, "root"), s1) == ChatAccess::work);
  CHECK(chat_access(desk.state, Login{kNoIndex, kRoleAdmin}, s1) == ChatAccess::work);
  CHECK(chat_access(desk.state, Login{kNoIndex, kRoleOperator}, s1) == ChatAccess::none);
  CHECK(may_read_chat(desk.state, as(desk, "rita"), s1));
  CHECK_FALSE(may_read_chat(desk.state, as(desk, "zed"), s1));
}

TEST_CASE("commands: admins any, working agents only their own, readers and agentless logins none") {
  Desk desk = permission_desk();
  const char* ann_online = R"({"type":"agent.set_status","agent":"ann","status":"online"})";
  const char* ann_says = R"({"type":"message.send","chat":"s1","from":"agent:ann","text":"hi"})";
  const char* as_client = R"({"type":"message.send","chat":"s1","from":"client","text":"hi"})";
  const char* configure = R"({"type":"group.create","group":"new"})";
  CHECK(submit(desk, as(desk, "ann"), ann_online) == "allowed");
  CHECK(submit(desk, as(desk, "ann"), ann_says) == "allowed");
  CHECK(submit(desk, as(desk, "bo"), ann_online) == "forbidden");
  CHECK(submit(desk, as(desk, "sue"), ann_says) == "forbidden");
  CHECK(submit(desk, as(desk, "ann"), as_client) == "forbidden");
  CHECK(submit(desk, as(desk, "ann"), configure) == "forbidden");
  CHECK(submit(desk, as(desk, "rita"), R"({"type":"agent.set_status","agent":"rita","status":"online"})") ==
        "forbidden");
  CHECK(submit(desk, as(desk, "root"), as_client) == "allowed");
  CHECK(submit(desk, Login{kNoIndex, kRoleAdmin}, configure) == "allowed");
  CHECK(submit(desk, Login{kNoIndex, kRoleOperator | kRoleSupervisor}, ann_online) == "forbidden");
}

TEST_CASE("searches run as the login's agent; an admin may name another") {
  Desk desk = permission_desk();
  CHECK(search_agent(desk.state, as(desk, "ann"), "zed") == desk.agent("ann"));
  CHECK(search_agent(desk.state, as(desk, "root"), "zed") == desk.agent("zed"));
  CHECK(search_agent(desk.state, as(desk, "root"), "") == desk.agent("root"));
  CHECK(search_agent(desk.state, Login{kNoIndex, kRoleAdmin}, "") == kNoIndex);
}
