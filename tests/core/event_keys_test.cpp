// Event keys: the chat, the chat's group right after each event (following the batch's own starts
// and transfers), and the agent each event concerns.
#include <doctest/doctest.h>

#include "apply.hpp"
#include "desk_fixture.hpp"
#include "event_keys.hpp"

namespace parley::test {

TEST_CASE("keys follow a chat across a transfer inside one batch") {
  Desk desk;
  desk.make_group(kT0, "sales", R"({"routing":"accept"})");
  desk.make_group(kT0, "support", R"({"routing":"accept"})");
  desk.make_agent(kT0, "ann", "sales");
  desk.make_agent(kT0, "zed", "support");
  desk.status(kT0, "ann", "online");
  desk.status(kT0, "zed", "online");
  const State before = desk.state;
  const std::size_t from = desk.log.size();
  desk.ok(at_min(1), R"({"type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"})");
  desk.ok(at_min(1), R"({"type":"chat.accept","chat":"c1","agent":"ann"})");
  desk.ok(at_min(2), R"({"type":"message.send","chat":"c1","from":"agent:ann","text":"hi"})");
  desk.ok(at_min(3), R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_group":"support"})");
  desk.ok(at_min(4), R"({"type":"message.send","chat":"c1","from":"client","text":"ok"})");
  const Events batch(desk.log.begin() + static_cast<std::ptrdiff_t>(from), desk.log.end());
  const auto keys = event_keys(before, batch);
  REQUIRE(keys.size() == 5);
  CHECK(keys[0].type == "chat.started");
  CHECK(keys[0].group == "sales");
  CHECK(keys[1].agent == "ann");
  CHECK(keys[2].agent == "ann");
  CHECK(keys[3].group == "support");
  CHECK(keys[3].agent == "ann");
  CHECK(keys[4].group == "support");
  CHECK(keys[4].agent.empty());
  for (const auto& k : keys) CHECK(k.chat == "c1");
  // The same keys one event at a time, from the State before each.
  State stepwise = before;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const auto one = event_keys(stepwise, {batch[i]});
    CHECK(one[0].group == keys[i].group);
    apply(stepwise, batch[i]);
  }
  CHECK(event_keys(before, {Event{kT0, GroupCreated{"g9", "G", {}}}})[0].group == "g9");
  CHECK(event_chat(AgentStatusChanged{"ann", AgentStatus::online}).empty());
}

}  // namespace parley::test
