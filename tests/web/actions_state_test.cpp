// Support agent actions in the page (web_client/actions_state): REST's listing read, the form checked by
// the core before anything is sent (the problem names its field), the run request, the demo's actions.
#include <doctest/doctest.h>

#include "action_wire.hpp"
#include "actions_state.hpp"

using namespace parley;
using namespace parley::web;

TEST_CASE("the runnable listing is read as the server writes it for agents") {
  Json listing{{"actions", Json::array()}};
  for (const ActionDefinition& d : demo_actions()) listing["actions"].push_back(action_definition_to_json(d, ActionView::runnable));
  const auto read = actions_from_json(listing);
  REQUIRE(read.has_value());
  REQUIRE(read->size() == 2);
  CHECK((*read)[0].id == "order-status");
  CHECK((*read)[0].form == demo_actions()[0].form);
  CHECK((*read)[0].endpoint.empty());
  CHECK_FALSE(actions_from_json(Json{{"actions", Json::array({Json{{"name", "no id"}}})}}).has_value());
  CHECK_FALSE(actions_from_json(Json::array()).has_value());
}

TEST_CASE("a run is sent only once the core accepts the form; the problem names the field") {
  ActionsState state;
  state.actions = demo_actions();
  pick_action(state, "refund");
  REQUIRE(picked_action(state) != nullptr);
  CHECK(state.values.size() == 3);
  CHECK_FALSE(prepare_run(state, "c1").has_value());
  REQUIRE(state.problem.has_value());
  CHECK(state.problem->field == "order");
  state.values["order"] = "ORD-12345";
  state.values["amount"] = "twelve";
  CHECK_FALSE(prepare_run(state, "c1").has_value());
  CHECK(state.problem->field == "amount");
  state.values["amount"] = "12.50";
  state.values["reason"] = "late";
  const auto request = prepare_run(state, "c1");
  REQUIRE(request.has_value());
  CHECK_FALSE(state.problem.has_value());
  CHECK(request->path == "api/v1/chats/c1/actions/refund");
  CHECK(*parse_json(request->body) == Json{{"fields", {{"amount", "12.50"}, {"order", "ORD-12345"}, {"reason", "late"}}}});
  // Empty optional fields are not sent.
  pick_action(state, "order-status");
  state.values["order"] = "ORD-00001";
  const auto status = prepare_run(state, "c2");
  REQUIRE(status.has_value());
  CHECK(*parse_json(status->body) == Json{{"fields", {{"order", "ORD-00001"}}}});
}

TEST_CASE("the demo's actions are valid definitions with canned answers") {
  for (const ActionDefinition& d : demo_actions()) CHECK_FALSE(check_action_definition(d).has_value());
  CHECK(demo_answer("refund", {{"order", "ORD-1"}, {"amount", "5"}, {"reason", "late"}}).find("ORD-1") != std::string::npos);
}
