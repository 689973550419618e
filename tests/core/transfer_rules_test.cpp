// Unit tests of the transfer rules of issue 9 and the readers' lists: an operator hands a waiting
// session of their group to another group; a transfer into the session's own group is refused;
// readers see their groups' sessions in the Active and Closed lists, read-only.
#include <doctest/doctest.h>

#include <vector>

#include "desk_fixture.hpp"
#include "views.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

using Ids = std::vector<std::string>;

// Accept groups sales and support. ann: operator of sales; zed: operator of support; sue:
// supervisor of sales; rita: reader of sales. All but rita online.
Desk transfer_desk() {
  Desk desk;
  desk.make_group(at_min(0), "sales", R"({"routing":"accept"})");
  desk.make_group(at_min(0), "support", R"({"routing":"accept"})");
  desk.make_agent(at_min(0), "ann", "sales");
  desk.make_agent(at_min(0), "zed", "support");
  desk.make_agent(at_min(0), "sue", "sales", "supervisor");
  desk.make_agent(at_min(0), "rita", "sales", "reader");
  for (const char* id : {"ann", "zed", "sue"}) desk.status(at_min(0), id, "online");
  return desk;
}

std::string transfer(const std::string& chat, const std::string& by, const std::string& to_group,
                     const std::string& to_agent = "") {
  std::string text = R"({"type":"chat.transfer","chat":")" + chat + R"(","by":"agent:)" + by + R"(")";
  if (!to_group.empty()) text += R"(,"to_group":")" + to_group + R"(")";
  if (!to_agent.empty()) text += R"(,"to_agent":")" + to_agent + R"(")";
  return text + "}";
}

Ids list(const Desk& desk, const std::string& agent, ListView view) {
  const Result<std::vector<ChatIx>> rows = session_list(desk.state, desk.agent(agent), view);
  REQUIRE(rows.ok());
  Ids out;
  for (ChatIx c : rows.value()) out.push_back(desk.state.chats[c].id);
  return out;
}

}  // namespace

TEST_CASE("an operator transfers a waiting session of their group to another group") {
  Desk desk = transfer_desk();
  desk.client_starts(at_min(1), "c1", "sales");
  desk.ok(at_min(2), transfer("c1", "ann", "support"));
  CHECK(desk.chat_state("c1") == "queued");
  CHECK(desk.chat("c1").group == desk.group("support"));
  CHECK(list(desk, "ann", ListView::queue).empty());
  CHECK(list(desk, "zed", ListView::queue) == Ids{"c1"});
  REQUIRE(desk.chat("c1").separators.size() == 2);
  CHECK(desk.chat("c1").separators[1].kind == SeparatorKind::transferred_to_group);
  CHECK(desk.chat("c1").separators[1].who == "ann");
}

TEST_CASE("who may hand a waiting session on, and where") {
  Desk desk = transfer_desk();
  desk.client_starts(at_min(1), "c1", "sales");
  // Into its own group: nothing would change.
  CHECK(desk.refusal(at_min(2), transfer("c1", "ann", "sales")) == "bad_state");
  CHECK(desk.refusal(at_min(2), transfer("c1", "sue", "sales")) == "bad_state");
  // An operator of another group, and a reader of this one.
  CHECK(desk.refusal(at_min(2), transfer("c1", "zed", "support")) == "not_member");
  CHECK(desk.refusal(at_min(2), transfer("c1", "rita", "support")) == "forbidden");
  // A waiting session goes to an agent only by a supervisor (or by Accept).
  CHECK(desk.refusal(at_min(2), transfer("c1", "ann", "", "sue")) == "not_assigned");
  CHECK(desk.chat("c1").group == desk.group("sales"));
  CHECK(desk.chat("c1").separators.size() == 1);
}

TEST_CASE("an open session is still transferred only by its agent or a supervisor") {
  Desk desk = transfer_desk();
  desk.make_agent(at_min(0), "bo", "sales");
  desk.status(at_min(0), "bo", "online");
  desk.client_starts(at_min(1), "c1", "sales");
  desk.accept(at_min(1), "c1", "ann");
  CHECK(desk.refusal(at_min(2), transfer("c1", "bo", "support")) == "not_assigned");
  CHECK(desk.refusal(at_min(2), transfer("c1", "ann", "sales")) == "bad_state");
  desk.ok(at_min(3), transfer("c1", "sue", "support"));
  CHECK(desk.chat("c1").group == desk.group("support"));
}

TEST_CASE("a transfer to an agent naming the session's own group is not a group transfer") {
  Desk desk = transfer_desk();
  desk.make_agent(at_min(0), "bo", "sales");
  desk.status(at_min(0), "bo", "online");
  desk.client_starts(at_min(1), "c1", "sales");
  desk.accept(at_min(1), "c1", "ann");
  desk.ok(at_min(2), transfer("c1", "ann", "sales", "bo"));
  CHECK(desk.assignee("c1") == "bo");
}

TEST_CASE("readers see their groups' sessions in Active and Closed, and nothing to work") {
  Desk desk = transfer_desk();
  desk.client_starts(at_min(1), "s1", "sales");
  desk.client_starts(at_min(2), "s2", "sales");
  desk.client_starts(at_min(3), "p1", "support");
  desk.accept(at_min(4), "s1", "ann");
  desk.client_starts(at_min(5), "s3", "sales");
  desk.accept(at_min(5), "s3", "ann");
  desk.act(at_min(6), "chat.close", "s3", "agent:ann");
  const Agent& rita = desk.state.agents[desk.agent("rita")];
  CHECK(may_list(rita, ListView::active));
  CHECK(first_list(rita) == ListView::active);
  CHECK(first_list(desk.state.agents[desk.agent("ann")]) == ListView::mine);
  CHECK(first_list(desk.state.agents[desk.agent("sue")]) == ListView::mine);
  CHECK(list(desk, "rita", ListView::active) == Ids{"s2", "s1"});  // latest start or message first
  CHECK(list(desk, "rita", ListView::closed) == Ids{"s3"});
  CHECK(list(desk, "rita", ListView::mine).empty());
  CHECK(session_list_size(desk.state, desk.agent("rita"), ListView::active).value() == 2);
  const Counters c = counters(desk.state, desk.agent("rita"));
  CHECK(c.total == 0);
  CHECK(c.unread == 0);
  // Operators still have no Active view.
  CHECK_FALSE(session_list(desk.state, desk.agent("ann"), ListView::active).ok());
}
