// Unit tests of core/customer_view: what the customer sees of their chat — messages with public
// names (never agent ids), no separators, the state line, and which files they may fetch.
#include "customer_view.hpp"

#include <doctest/doctest.h>

#include "desk_fixture.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

// Accept group g; ann (nickname "Annie") and bo (no nickname) online operators.
Desk customer_desk() {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"routing":"accept"})");
  desk.ok(at_min(0), R"({"type":"agent.create","agent":"ann","name":"Ann Lee","nickname":"Annie","groups":["g"]})");
  desk.ok(at_min(0), R"({"type":"agent.create","agent":"bo","name":"Bo Chen","groups":["g"]})");
  desk.status(at_min(0), "ann", "online");
  desk.status(at_min(0), "bo", "online");
  return desk;
}

}  // namespace

TEST_CASE("messages as the customer sees them: public names, positions, delivery") {
  Desk desk = customer_desk();
  desk.client_starts(at_min(1), "c1", "g");
  desk.say(at_min(1), "c1", "client", "hello");
  desk.accept(at_min(2), "c1", "ann");
  desk.say(at_min(3), "c1", "agent:ann", "hi, Annie here");
  desk.ok(at_min(4), R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_agent":"bo","reason":"internal"})");
  desk.say(at_min(5), "c1", "manual:bo", "Bo now");
  desk.say(at_min(6), "c1", "bot:Helper", "a tip");
  desk.say(at_min(7), "c1", "process", "survey");
  const Chat& chat = desk.chat("c1");
  const std::vector<CustomerMessage> all = customer_messages(desk.state, chat, 0);
  REQUIRE(all.size() == 5);  // the transfer separator (and its reason) is not shown
  CHECK(all[0].from == CustomerSpeaker::client);
  CHECK(all[0].name.empty());
  CHECK(all[0].n == 1);
  CHECK(all[1].from == CustomerSpeaker::agent);
  CHECK(all[1].name == "Annie");
  CHECK(all[1].delivery == Delivery::sending);
  CHECK(all[2].from == CustomerSpeaker::agent);
  CHECK(all[2].name == "Bo Chen");  // no nickname: the name
  CHECK(all[3].from == CustomerSpeaker::bot);
  CHECK(all[3].name == "Helper");
  CHECK(all[4].from == CustomerSpeaker::process);
  CHECK(all[4].name.empty());
  CHECK(all[4].at == at_min(7));
  const std::vector<CustomerMessage> later = customer_messages(desk.state, chat, 3);
  REQUIRE(later.size() == 2);
  CHECK(later[0].n == 4);
  CHECK(customer_messages(desk.state, chat, 9).empty());
}

TEST_CASE("the state line: no agent while waiting, the public name once working, closed when unknown") {
  Desk desk = customer_desk();
  desk.client_starts(at_min(1), "c1", "g");
  CustomerStatus status = customer_status(desk.state, &desk.chat("c1"));
  CHECK(status.state == ChatState::queued);
  CHECK(status.agent.empty());
  desk.accept(at_min(2), "c1", "ann");
  status = customer_status(desk.state, &desk.chat("c1"));
  CHECK(status.state == ChatState::open);
  CHECK(status.agent == "Annie");
  desk.act(at_min(4), "chat.close", "c1", "agent:ann");
  CHECK(customer_status(desk.state, &desk.chat("c1")).state == ChatState::closed);
  CHECK(customer_status(desk.state, nullptr).state == ChatState::closed);
  CHECK(customer_status(desk.state, nullptr).agent.empty());
  CHECK(agent_public_name(desk.state, kNoIndex).empty());
}

TEST_CASE("a customer fetches only files a message of their chat showed") {
  Desk desk = customer_desk();
  desk.client_starts(at_min(1), "c1", "g");
  desk.accept(at_min(1), "c1", "ann");
  desk.ok(at_min(2), R"({"type":"message.send","chat":"c1","from":"agent:ann",)"
                     R"("attachments":[{"id":"att-1","name":"a.png","type":"image/png","size":3}]})");
  CHECK(customer_may_download(desk.chat("c1"), "att-1"));
  CHECK_FALSE(customer_may_download(desk.chat("c1"), "att-2"));
}
