// Unit tests of core/ids: the URL-safe id rule, and decide() refusing every command that would
// create an id outside it (group, agent, chat, client-chosen message id) with bad_command.
#include "ids.hpp"

#include <doctest/doctest.h>

#include <string>

#include "desk_fixture.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

TEST_CASE("ids: the alphabet, the length and the dot segments") {
  CHECK(valid_id("c1"));
  CHECK(valid_id("Sales.EU_2~x-y"));
  CHECK(valid_id("..."));
  CHECK(valid_id(".hidden"));
  CHECK(valid_id(std::string(kMaxIdBytes, 'a')));
  CHECK_FALSE(valid_id(std::string(kMaxIdBytes + 1, 'a')));
  CHECK_FALSE(valid_id(""));
  CHECK_FALSE(valid_id("."));
  CHECK_FALSE(valid_id(".."));
  for (const char* bad : {"a/b c", "a/b", "a b", "a?b", "a#b", "a%2Fb", "a+b", "a:b", "ann@example.com", "ánn",
                          "a\nb", "a\\b", "王"})
    CHECK_MESSAGE(!valid_id(bad), bad);
  CHECK_FALSE(valid_id(std::string("a\0b", 3)));
  CHECK(check_id("chat id", "ok") == std::nullopt);
  const auto refusal = check_id("chat id", "a/b");
  REQUIRE(refusal.has_value());
  CHECK(refusal->code == ErrorCode::bad_command);
  CHECK(refusal->message.find("chat id") == 0);
}

TEST_CASE("ids: decide refuses new ids outside the rule and changes nothing") {
  Desk desk;
  CHECK(desk.refusal(at_min(0), R"({"type":"group.create","group":"sales/eu"})") == "bad_command");
  CHECK(desk.refusal(at_min(0), R"({"type":"group.create","group":""})") == "bad_command");
  desk.make_group(at_min(0), "sales", R"({"routing":"accept"})");
  CHECK(desk.refusal(at_min(0), R"({"type":"agent.create","agent":"ann lee","groups":["sales"]})") ==
        "bad_command");
  CHECK(desk.refusal(at_min(0), R"({"type":"agent.create","agent":"ann@example.com","groups":["sales"]})") ==
        "bad_command");
  desk.make_agent(at_min(0), "ann", "sales");
  CHECK(desk.refusal(at_min(1),
                     R"({"type":"chat.start","chat":"a/b c","group":"sales","channel":"Widget","by":"client"})") ==
        "bad_command");
  CHECK(desk.refusal(at_min(1),
                     R"({"type":"chat.start","chat":"..","group":"sales","channel":"Widget","by":"client"})") ==
        "bad_command");
  // The channel is a display name, not an id: any text is kept.
  CHECK(desk.refusal(at_min(1), R"({"type":"chat.start","chat":"c1","group":"sales","channel":"Web chat / EU",)"
                                R"("client":"Bob Smith","by":"client"})") == "accepted");
  CHECK(desk.refusal(at_min(2), R"({"type":"message.send","chat":"c1","from":"client","text":"x","message":"m 1"})") ==
        "bad_command");
  CHECK(desk.refusal(at_min(2), R"({"type":"message.send","chat":"c1","from":"client","text":"x","message":"m-1"})") ==
        "accepted");
  CHECK(desk.refusal(at_min(2), R"({"type":"message.send","chat":"c1","from":"client","text":"y"})") == "accepted");
  CHECK(desk.state.groups.size() == 1);
  CHECK(desk.state.agents.size() == 1);
  CHECK(desk.state.chats.size() == 1);
  CHECK(desk.chat("c1").messages.size() == 2);
  CHECK(valid_id(desk.chat("c1").messages[MessageIx{1}].id));  // ids the desk makes keep the rule
}
