// Unit tests of core/wire: every command and event type round-trips through JSON text unchanged,
// and malformed input (wrong types, unknown types, missing fields, deep nesting) is bad_command.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "desk_fixture.hpp"
#include "scenario.hpp"

using namespace parley;
using parley::test::utc;

namespace {

GroupSettings rich_settings() {
  GroupSettings s;
  s.routing = Routing::accept;
  s.max_active = 3;
  s.close_silent = true;
  s.close_silent_after_min = 15;
  s.transfer_unanswered = true;
  s.transfer_unanswered_after_min = 7;
  s.first_response_min = 2;
  s.next_response_min = 4;
  s.hold_outside_hours = true;
  BusinessHours hours;
  hours.zone = *find_time_zone("Europe/Berlin");
  hours.week[0] = {*parse_day_range("09:00-12:30"), *parse_day_range("13:00-17:00")};
  hours.week[5] = {*parse_day_range("10:00-24:00")};
  s.business_hours = hours;
  return s;
}

const Actor kAnn{ActorKind::agent, "ann"};

std::vector<Command> one_of_each_command() {
  return {
      CreateGroup{"g", "Sales", rich_settings()},
      UpdateGroup{"g", "Sales EU", GroupSettings{}},
      CreateAgent{"ann", "Ann Lee", "Annie", {"g", "h"}, kRoleOperator | kRoleSupervisor},
      UpdateAgent{"ann", "Ann Lee", "", {}, kRoleReader | kRoleAdmin},
      SetDeskSettings{360 * kMinute},
      SetAgentStatus{"ann", AgentStatus::dnd},
      StartChat{"c1", "g", "Widget", "Bob \"the client\"", kAnn},
      SendMessage{"c1", Actor{ActorKind::bot, "Helper"}, "h\u00e9llo\nworld \u2022 \\o/", "m1"},
      SetDelivery{"c1", "m1", Delivery::error},
      ResendMessage{"c1", "m1", Actor{ActorKind::manual, "ann"}},
      MarkChatRead{"c1", "ann"},
      AcceptChat{"c1", "ann"},
      AssignChat{"c1", "bob", Actor{ActorKind::process, ""}},
      TransferChat{"c1", kAnn, "bob", "h", "billing"},
      PauseChat{"c1", kAnn},
      ResumeChat{"c1", kAnn},
      CloseChat{"c1", Actor{ActorKind::bot, "Helper"}},
      ReopenChat{"c1", kAnn},
      AddNote{"c1", kAnn, "@sue look"},
      Tick{},
      SetSlaPolicy{SlaPolicy{"gold", "Gold", 5, 10, 60, true}},
      DeleteSlaPolicy{"gold"},
      CreateSlaPolicy{SlaPolicy{"iron", "Iron", 30, 0, 0, false}},
      AddBlockRule{BlockRule{"r1", BlockKind::text, BlockAction::spam, "win big", "", TextMatch::word}, "agent:ann"},
      RemoveBlockRule{"r1", "login:admin"},
      MarkSpam{"c1", "agent:sue"},
      UnmarkSpam{"c1", "login:admin"},
      EraseCustomer{"Widget", "Bob"},
      ExpireContent{},
      SetRetention{30},
      CreateContact{"", ContactFields{"Bob Ray", "bob@example.com", "+1 555 0100", "Acme", "prefers e-mail"}, "agent:ann", "c1"},
      UpdateContact{"contact-1", ContactFields{"Bob Ray", "", "", "Acme GmbH", ""}, "login:admin"},
      MergeContacts{"contact-1", "contact-2", "agent:sue"},
      LinkCustomer{"c1", "contact-1", "agent:ann"},
      CreateCase{"case-7", "c1", "Refund", CaseStatus::pending, Priority::high, "agent:ann"},
      CreateLead{"", "c1", "Upgrade to Pro", 129900, "agent:ann"},
      RunAction{"c1", Actor{ActorKind::agent, "ann"}, "track",
                ActionForm{"Track", {ActionField{"parcel", "Parcel", ActionFieldType::text, true, "P-#*", {}},
                                     ActionField{"speed", "Speed", ActionFieldType::choice, false, "", {"a", "b"}}}},
                ActionValues{{"parcel", "P-1"}}, "r-1"},
      FinishAction{"c1", "r-1", ActionOutcome::error, "the endpoint answered 500"},
      SetChannel{"Email", 500, Priority::high},
      StartChat{"c9", "g", "VIP", "Vera", Actor{ActorKind::client, ""}, ChannelKind::external, "v-9", "", "", "",
                Priority::low},
      SetChatPriority{"c1", Priority::urgent, Actor{ActorKind::agent, "ann"}},
  };
}

std::vector<Event> one_of_each_event() {
  const Timestamp at = utc("2026-03-29T01:00:00.042Z");
  return {
      Event{at, GroupCreated{"g", "Sales", rich_settings()}},
      Event{at, GroupUpdated{"g", "Sales", GroupSettings{}}},
      Event{at, AgentCreated{"ann", "Ann Lee", "Annie", {"g"}, kRoleOperator}},
      Event{at, AgentUpdated{"ann", "Ann Lee", "", {"g", "h"}, kRoleSupervisor | kRoleAdmin}},
      Event{at, DeskSettingsChanged{90 * kMinute + 30 * kSecond}},
      Event{at, AgentStatusChanged{"ann", AgentStatus::online}},
      Event{at, ChatStarted{"c1", 1042, "g", "Widget", "Bob", Actor{ActorKind::client, ""}}},
      Event{at, ChatAssigned{"c1", "ann", AssignKind::routed, Actor{ActorKind::automatic, ""}}},
      Event{at, MessageSent{"c1", "c1/1", Actor{ActorKind::client, ""}, "hi \u2013 there"}},
      Event{at, DeliveryChanged{"c1", "c1/2", Delivery::read}},
      Event{at, ChatRead{"c1", "ann"}},
      Event{at, ChatPaused{"c1", "ann"}},
      Event{at, ChatResumed{"c1", "ann"}},
      Event{at, ChatTransferred{"c1", Actor{ActorKind::automatic, ""}, "ann", "", "h", "no answer"}},
      Event{at, ChatClosed{"c1", CloseMethod::no_client_answer, Actor{ActorKind::automatic, ""}, "ann"}},
      Event{at, ChatReopened{"c1", kAnn}},
      Event{at, SlaBreached{"c1", SlaKind::next_response, ""}},
      Event{at, GroupOpened{"g"}},
      Event{at, NoteAdded{"c1", "c1/n1", kAnn, "@sue look", {"sue"}}},
      Event{at, SlaPolicySaved{SlaPolicy{"gold", "Gold", 5, 0, 60, false}}},
      Event{at, SlaPolicyDeleted{"gold"}},
      Event{at, SlaBreached{"c1", SlaKind::resolution, "ann"}},
      Event{at, BlockRuleAdded{BlockRule{"r2", BlockKind::customer, BlockAction::refuse, "u-9", "App",
                                         TextMatch::substring, "agent:ann"}}},
      Event{at, BlockRuleRemoved{"r2", "agent:ann"}},
      Event{at, ChatMarkedSpam{"c1", "rule:r2"}},
      Event{at, ChatUnmarkedSpam{"c1", "agent:sue"}},
      Event{at, ChatStarted{"c2", 1043, "g", "Widget", "Eve", Actor{ActorKind::client, ""}, ChannelKind::external, "r2"}},
      Event{at, ContentErased{"c1", "customer"}},
      Event{at, RetentionChanged{30 * kDay}},
      Event{at, ChatStarted{"c3", 1044, "g", "Widget", "Bob É", Actor{ActorKind::client, ""}, ChannelKind::external,
                            "", "v-1a2b"}},
      Event{at, ContactCreated{"contact-1", ContactFields{"Bob Ray", "bob@example.com", "", "Acme", ""}, "agent:ann"}},
      Event{at, ContactUpdated{"contact-1", ContactFields{"Bob Ray", "", "+49 30 1234", "", "VIP"}, "login:admin"}},
      Event{at, ContactsMerged{"contact-1", "contact-2", "agent:sue"}},
      Event{at, CustomerLinked{"c3", "contact-1", "agent:ann"}},
      Event{at, CaseCreated{"case-1", "c3", "Refund", CaseStatus::resolved, Priority::urgent, "agent:ann"}},
      Event{at, LeadCreated{"lead-1", "c3", "Upgrade", 0, "agent:ann"}},
      Event{at, ActionStarted{"c3", "c3/a1", "track", "Track", Actor{ActorKind::agent, "ann"}, {{"parcel", "P-1"}}}},
      Event{at, ActionFinished{"c3", "c3/a1", ActionOutcome::ok, "In transit"}},
      Event{at, ChannelChanged{"Email", 500, Priority::low}},
      Event{at, ChatPriorityChanged{"c3", Priority::high, Actor{ActorKind::agent, "ann"}}},
      Event{at, ChatPreferenceEnded{"c3"}},
      Event{at, ChatStarted{"c4", 1045, "g", "VIP", "Vera", Actor{ActorKind::client, ""}, ChannelKind::external, "", "",
                            Priority::urgent, "ann"}},
  };
}

std::string refusal_of(std::string_view text) {
  const std::optional<Json> json = parse_json(text);
  if (!json) return "unparsable";
  const Result<Command> command = command_from_json(*json);
  return command.ok() ? "accepted" : std::string(error_code_name(command.error().code));
}

std::string event_refusal_of(std::string_view text) {
  const std::optional<Json> json = parse_json(text);
  if (!json) return "unparsable";
  const Result<Event> event = event_from_json(*json);
  return event.ok() ? "accepted" : std::string(error_code_name(event.error().code));
}

std::string nested(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']');
}

}  // namespace

TEST_CASE("every command type round-trips: to_json, from_json, to_json gives identical text") {
  std::set<std::string> types;
  for (const Command& command : one_of_each_command()) {
    const std::string text = command_to_json(command).dump();
    CAPTURE(text);
    types.insert(std::string(command_type(command)));
    const std::optional<Json> json = parse_json(text);
    REQUIRE(json.has_value());
    const Result<Command> back = command_from_json(*json);
    REQUIRE(back.ok());
    CHECK(back.value().index() == command.index());
    CHECK(command_to_json(back.value()).dump() == text);
  }
  CHECK(types.size() == std::variant_size_v<Command>);
}

TEST_CASE("every event type round-trips, millisecond time included") {
  std::set<std::string> types;
  for (const Event& event : one_of_each_event()) {
    const std::string text = event_to_json(event).dump();
    CAPTURE(text);
    types.insert(std::string(event_type(event.body)));
    const std::optional<Json> json = parse_json(text);
    REQUIRE(json.has_value());
    const Result<Event> back = event_from_json(*json);
    REQUIRE(back.ok());
    CHECK(back.value().at == event.at);
    CHECK(back.value().body.index() == event.body.index());
    CHECK(event_to_json(back.value()).dump() == text);
  }
  CHECK(types.size() == std::variant_size_v<EventBody>);
}

TEST_CASE("the written form: type first, names of enums, actors and roles") {
  CHECK(command_to_json(TransferChat{"c1", kAnn, "bob", "", ""}).dump() ==
        R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_agent":"bob"})");
  CHECK(command_to_json(CreateAgent{"ann", "Ann", "", {"g"}, kRoleOperator | kRoleReader}).dump() ==
        R"({"type":"agent.create","agent":"ann","name":"Ann","groups":["g"],"roles":["operator","reader"]})");
  CHECK(event_to_json(Event{utc("2026-01-05T09:00:00Z"),
                            ChatClosed{"c1", CloseMethod::manual, Actor{ActorKind::manual, "ann"}, "ann"}})
            .dump() ==
        R"({"at":"2026-01-05T09:00:00Z","type":"chat.closed","chat":"c1","method":"manual","by":"manual:ann",)"
        R"("credited_agent":"ann"})");
  const Json settings = group_settings_to_json(rich_settings());
  CHECK(settings["routing"] == "accept");
  CHECK(settings["business_hours"].dump() ==
        R"({"zone":"Europe/Berlin","week":{"mon":["09:00-12:30","13:00-17:00"],"sat":["10:00-24:00"]}})");
}

TEST_CASE("reading a SCENARIO.md line: omitted settings take defaults, 'at' is ignored") {
  const Command command = parley::test::parse_command(
      R"({"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales",)"
      R"("settings":{"routing":"auto","max_active":5,"close_silent":false,"business_hours":null}})");
  const auto* create = std::get_if<CreateGroup>(&command);
  REQUIRE(create != nullptr);
  CHECK(create->settings.routing == Routing::automatic);
  CHECK(create->settings.close_silent_after_min == 30);
  CHECK(create->settings.transfer_unanswered_after_min == 5);
  CHECK_FALSE(create->settings.business_hours.has_value());
  const Command minimal = parley::test::parse_command(R"({"type":"agent.create","agent":"a"})");
  const auto* agent = std::get_if<CreateAgent>(&minimal);
  REQUIRE(agent != nullptr);
  CHECK(agent->roles == kRoleOperator);
  CHECK(agent->groups.empty());
}

TEST_CASE("malformed commands: not an object, unknown or missing type") {
  for (const char* text : {"[]", "\"chat.close\"", "42", "null", R"({"type":"chat.explode","chat":"c1"})",
                           R"({"chat":"c1","by":"agent:ann"})", R"({"type":7})", R"({"type":null})",
                           R"({"type":"chat.closed","chat":"c1","method":"agent","by":"agent:ann"})"}) {
    CAPTURE(text);
    CHECK(refusal_of(text) == "bad_command");
  }
}

TEST_CASE("malformed commands: missing required fields") {
  for (const char* text :
       {R"({"type":"chat.accept","chat":"c1"})", R"({"type":"chat.accept","agent":"ann"})",
        R"({"type":"chat.accept","chat":null,"agent":"ann"})", R"({"type":"message.send","chat":"c1","text":"x"})",
        R"({"type":"message.send","chat":"c1","from":"client"})",
        R"({"type":"chat.start","chat":"c1","group":"g","by":"client"})",
        R"({"type":"agent.set_status","agent":"ann"})", R"({"type":"group.create"})",
        R"({"type":"chat.close","chat":"c1"})"}) {
    CAPTURE(text);
    CHECK(refusal_of(text) == "bad_command");
  }
}

TEST_CASE("malformed commands: wrong types and values") {
  for (
      const char* text : {
          R"({"type":"chat.accept","chat":5,"agent":"ann"})",
          R"({"type":"chat.accept","chat":["c1"],"agent":"ann"})",
          R"({"type":"agent.create","agent":"a","groups":"g"})",
          R"({"type":"agent.create","agent":"a","groups":[1]})",
          R"({"type":"agent.create","agent":"a","roles":["king"]})",
          R"({"type":"agent.create","agent":"a","roles":[]})",
          R"({"type":"agent.create","agent":"a","roles":"operator"})",
          R"({"type":"agent.set_status","agent":"a","status":"sleeping"})",
          R"({"type":"agent.set_status","agent":"a","status":1})",
          R"({"type":"chat.close","chat":"c1","by":"robot"})",
          R"({"type":"chat.close","chat":"c1","by":"agent:"})",
          R"({"type":"chat.close","chat":"c1","by":"visitor:7"})",
          R"({"type":"message.status","chat":"c1","message":"m","status":"lost"})",
          R"({"type":"settings.set","session_gap_min":"360"})",
          R"({"type":"settings.set","session_gap_min":6.5})",
          R"({"type":"group.create","group":"g","settings":[]})",
          R"({"type":"group.create","group":"g","settings":{"routing":"random"}})",
          R"({"type":"group.create","group":"g","settings":{"max_active":"5"}})",
          R"({"type":"group.create","group":"g","settings":{"max_active":0}})",
          R"({"type":"group.create","group":"g","settings":{"max_active":2.5}})",
          R"({"type":"group.create","group":"g","settings":{"max_active":4294967297}})",
          R"({"type":"group.create","group":"g","settings":{"max_active":18446744073709551615}})",
          R"({"type":"group.create","group":"g","settings":{"close_silent":"yes"}})",
          R"({"type":"group.create","group":"g","settings":{"close_silent_after_min":-1}})",
          R"({"type":"group.create","group":"g","settings":{"business_hours":"always"}})",
          R"({"type":"group.create","group":"g","settings":{"business_hours":{"week":{}}}})",
          R"({"type":"group.create","group":"g","settings":{"business_hours":{"zone":"UTC"}}})",
          R"({"type":"group.create","group":"g","settings":{"business_hours":{"zone":"UTC","week":{"monday":[]}}}})",
          R"({"type":"group.create","group":"g","settings":{"business_hours":{"zone":"UTC","week":{"mon":"09:00-17:00"}}}})",
          R"({"type":"group.create","group":"g","settings":{"business_hours":{"zone":"UTC","week":{"mon":[900]}}}})",
      }) {
    CAPTURE(text);
    CHECK(refusal_of(text) == "bad_command");
  }
}

TEST_CASE("malformed events: time, type and fields") {
  for (
      const char* text : {
          R"({"type":"chat.read","chat":"c1","agent":"ann"})",
          R"({"at":"yesterday","type":"chat.read","chat":"c1","agent":"ann"})",
          R"({"at":1767603600000,"type":"chat.read","chat":"c1","agent":"ann"})",
          R"({"at":"2026-01-05T09:00:00Z","type":"chat.read","chat":"c1"})",
          R"({"at":"2026-01-05T09:00:00Z","type":"chat.read!","chat":"c1","agent":"ann"})",
          R"({"at":"2026-01-05T09:00:00Z","type":"chat.started","chat":"c1","number":"5","group":"g",)"
          R"("channel":"W","client":"x","by":"client"})",
          R"({"at":"2026-01-05T09:00:00Z","type":"chat.closed","chat":"c1","method":"lost","by":"process"})",
          R"({"at":"2026-01-05T09:00:00Z","type":"chat.assigned","chat":"c1","agent":"a","how":"magic","by":"process"})",
          "[]",
      }) {
    CAPTURE(text);
    CHECK(event_refusal_of(text) == "bad_command");
  }
}

TEST_CASE("nesting deeper than kMaxJsonDepth is refused before parsing; syntax errors too") {
  CHECK(parse_json(nested(kMaxJsonDepth)).has_value());
  CHECK_FALSE(parse_json(nested(kMaxJsonDepth + 1)).has_value());
  CHECK_FALSE(parse_json(nested(200000)).has_value());
  CHECK_FALSE(parse_json(R"({"type":"tick","x":)" + nested(40) + "}").has_value());
  // Brackets inside strings are text, not nesting.
  const std::string in_string =
      R"({"type":"message.send","chat":"c1","from":"client","text":")" + std::string(100, '[') + R"(\"{{"})";
  CHECK(refusal_of(in_string) == "accepted");
  for (const char* text : {R"({"type":"tick")", "", "{}}", R"({"type":"tick",})", "{'type':'tick'}"}) {
    CAPTURE(text);
    CHECK_FALSE(parse_json(text).has_value());
  }
}

TEST_CASE("the scenario runner answers malformed lines with bad_command and goes on") {
  ScenarioRunner runner;
  const auto code = [&](std::string_view line) {
    const std::optional<std::string> out = runner.feed(line);
    if (!out) return std::string("silent");
    const std::optional<Json> json = parse_json(*out);
    return json && json->contains("error") ? (*json)["error"]["code"].get<std::string>() : *out;
  };
  CHECK(code(R"({"at":"2026-01-05T09:00:00Z","type":"group.create","group":"g"})") == "silent");
  CHECK(code(R"({"at":"2026-01-05T09:00:00Z","type":"tick","deep":)" + nested(64) + "}") == "bad_command");
  CHECK(code("not json at all") == "bad_command");
  CHECK(code(R"({"at":"2026-01-05T09:00:00Z","type":"agent.create","agent":5})") == "bad_command");
  CHECK(code(R"({"at":"2026-01-05T09:01:00Z","type":"agent.create","agent":"ann","groups":["g"]})") == "silent");
  CHECK(runner.state().find_agent("ann") != nullptr);
}

// Regression: an empty actor string ("from":"" or "by":"") is read as the client instead of being
// refused: Reader::operator()(key, Actor&) returns early on empty text, so a malformed message is
// posted as a client message (SCENARIO.md: actors are "client", "agent:<id>", …; a malformed field
// is bad_command).
TEST_CASE("an empty actor is a malformed field") {
  CHECK(refusal_of(R"({"type":"message.send","chat":"c1","from":"","text":"x"})") == "bad_command");
  CHECK(refusal_of(R"({"type":"chat.start","chat":"c1","group":"g","channel":"W","by":""})") == "bad_command");
  CHECK(event_refusal_of(R"({"at":"2026-01-05T09:00:00Z","type":"chat.closed","chat":"c1","method":"agent",)"
                         R"("by":""})") == "bad_command");
}

// Regression: integers that do not fit are wrapped instead of refused. "session_gap_min" is multiplied
// by 60000 without an overflow check (signed overflow, undefined behaviour): 153722867280912931 comes
// out as a 52-second gap and is accepted, and the command no longer round-trips. Unsigned values
// above INT64_MAX are read through get<int64_t>() and wrap (an event "number" 2^64-1 reads as -1).
TEST_CASE("out-of-range integers are malformed fields") {
  CHECK(refusal_of(R"({"type":"settings.set","session_gap_min":153722867280912931})") == "bad_command");
  CHECK(event_refusal_of(R"({"at":"2026-01-05T09:00:00Z","type":"chat.started","chat":"c1",)"
                         R"("number":18446744073709551615,"group":"g","channel":"W","client":"x","by":"client"})") ==
        "bad_command");
}
