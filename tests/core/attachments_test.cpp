// Unit tests of attachments on messages: accepted with or without text, carried by the event, the
// Message and the timeline, omitted from the wire when absent, and malformed lists refused.
#include <doctest/doctest.h>

#include <string>

#include "apply.hpp"
#include "desk_fixture.hpp"
#include "views.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;
using parley::test::fingerprint;

namespace {

constexpr const char* kInvoice = R"({"id":"f1","name":"invoice.pdf","type":"application/pdf","size":48213})";
constexpr const char* kPhoto = R"({"id":"f2","name":"фото.png","type":"image/png","size":0})";

// Group g (accept routing), ann online and working c1.
Desk attachment_desk() {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"routing":"accept"})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "g");
  desk.accept(at_min(1), "c1", "ann");
  return desk;
}

std::string send(const std::string& from, const std::string& rest) {
  return R"({"type":"message.send","chat":"c1","from":")" + from + "\"" + rest + "}";
}

// The refusal of a line that the JSON reader or decide() may refuse; nullopt when accepted.
std::optional<Error> refusal_of(Desk& desk, Timestamp at, const std::string& text) {
  const Result<Command> command = command_from_json(*parse_json(text));
  if (!command.ok()) return command.error();
  return desk.run(at, text).error;
}

std::string attachments(int count) {
  std::string list = "[";
  for (int i = 0; i < count; ++i)
    list += (i ? "," : "") + std::string(R"({"id":"f)") + std::to_string(i) +
            R"(","name":"a.txt","type":"text/plain","size":1})";
  return list + "]";
}

}  // namespace

TEST_CASE("a message may carry attachments only, or text and attachments") {
  Desk desk = attachment_desk();
  desk.ok(at_min(2), send("client", std::string(R"(,"attachments":[)") + kInvoice + "," + kPhoto + "]"));
  desk.ok(at_min(3), send("agent:ann", std::string(R"(,"text":"Here it is","attachments":[)") + kInvoice + "]"));
  const Chat& chat = desk.chat("c1");
  REQUIRE(chat.messages.size() == 2);
  CHECK(chat.messages[MessageIx{0}].text.empty());
  REQUIRE(chat.messages[MessageIx{0}].attachments.size() == 2);
  CHECK(chat.messages[MessageIx{0}].attachments[0] == Attachment{"f1", "invoice.pdf", "application/pdf", 48213});
  CHECK(chat.messages[MessageIx{0}].attachments[1].name == "фото.png");
  CHECK(chat.messages[MessageIx{1}].text == "Here it is");
  CHECK(chat.messages[MessageIx{1}].delivery == Delivery::sending);

  const Json event = event_to_json(desk.log.back());
  CHECK(event.dump() ==
        R"({"at":"2026-01-05T09:03:00Z","type":"message.sent","chat":"c1","message":"c1.2","from":"agent:ann",)"
        R"("text":"Here it is","attachments":[{"id":"f1","name":"invoice.pdf","type":"application/pdf",)"
        R"("size":48213}]})");

  const Json view = chat_to_json(desk.state, chat, ChatDetail::with_timeline);
  const Json& first = view["timeline"][1];
  CHECK(first["text"] == "");
  CHECK(first["attachments"].size() == 2);
  CHECK(first["attachments"][1]["name"] == "фото.png");
}

TEST_CASE("without attachments the field is omitted everywhere") {
  Desk desk = attachment_desk();
  desk.say(at_min(2), "c1", "client", "hi");
  const std::string event = event_to_json(desk.log.back()).dump();
  CHECK(event.find("attachments") == std::string::npos);
  const std::string command = command_to_json(SendMessage{"c1", Actor{}, "hi", ""}).dump();
  CHECK(command == R"({"type":"message.send","chat":"c1","from":"client","text":"hi"})");
  const std::string view = chat_to_json(desk.state, desk.chat("c1"), ChatDetail::with_timeline).dump();
  CHECK(view.find("attachments") == std::string::npos);
}

TEST_CASE("attachments round-trip through command and event JSON; replay rebuilds them") {
  const SendMessage command{"c1", Actor{ActorKind::agent, "ann"}, "", "m9",
                            {Attachment{"f1", "a \"b\".txt", "text/plain", 3}, Attachment{"f2", "c", "x/y", 0}}};
  const std::string text = command_to_json(command).dump();
  CHECK(text.find("\"text\"") == std::string::npos);  // an empty text is left out of the command
  const auto back = command_from_json(*parse_json(text));
  REQUIRE(back.ok());
  const auto* parsed = std::get_if<SendMessage>(&back.value());
  REQUIRE(parsed != nullptr);
  CHECK(parsed->attachments == command.attachments);
  CHECK(command_to_json(back.value()).dump() == text);

  Desk desk = attachment_desk();
  desk.ok(at_min(2), send("client", std::string(R"(,"attachments":[)") + kPhoto + "]"));
  State replayed;
  for (const Event& e : desk.log) {
    const auto again = event_from_json(*parse_json(event_to_json(e).dump()));
    REQUIRE(again.ok());
    apply(replayed, again.value());
  }
  CHECK(fingerprint(replayed, at_min(5)) == fingerprint(desk.state, at_min(5)));
}

TEST_CASE("a retried send matches on attachments too") {
  Desk desk = attachment_desk();
  const std::string first = send("client", std::string(R"(,"message":"w1","attachments":[)") + kInvoice + "]");
  desk.ok(at_min(2), first);
  const std::size_t events = desk.log.size();
  desk.ok(at_min(3), first);
  CHECK(desk.log.size() == events);
  CHECK(desk.refusal(at_min(4), send("client", std::string(R"(,"message":"w1","attachments":[)") + kPhoto + "]")) ==
        "already_exists");
  CHECK(desk.refusal(at_min(4), send("client", R"(,"message":"w1","text":"x")")) == "already_exists");
}

TEST_CASE("malformed or oversized attachment lists are bad_command and change nothing") {
  Desk desk = attachment_desk();
  const std::string before = fingerprint(desk.state, at_min(9));
  const std::string name256(256, 'n'), name255(255, 'n');
  const char* cases[] = {
      "",                                                                       // neither text nor attachments
      R"(,"text":"")",                                                          // empty text, none attached
      R"(,"attachments":[])",                                                   // an empty list is no attachment
      R"(,"text":"x","attachments":{"id":"f1"})",                               // not a list
      R"(,"text":"x","attachments":["f1"])",                                    // not objects
      R"(,"attachments":[{"name":"a","type":"text/plain","size":1}])",          // no id
      R"(,"attachments":[{"id":"f1","type":"text/plain","size":1}])",           // no name
      R"(,"attachments":[{"id":"f1","name":"a","size":1}])",                    // no type
      R"(,"attachments":[{"id":"f1","name":"a","type":"text/plain"}])",         // no size
      R"(,"attachments":[{"id":"f1","name":"a","type":"text/plain","size":"1"}])",
      R"(,"attachments":[{"id":"f1","name":"a","type":"text/plain","size":-1}])",
      R"(,"attachments":[{"id":"","name":"a","type":"text/plain","size":1}])",
      R"(,"attachments":[{"id":"f1","name":"","type":"text/plain","size":1}])",
      R"(,"attachments":[{"id":"f1","name":"a","type":"plain","size":1}])",
      R"(,"attachments":[{"id":"f1","name":"a","type":"text/plain","size":1},)"
      R"({"id":"f1","name":"b","type":"text/plain","size":1}])",                 // the same id twice
  };
  for (const char* rest : cases) {
    CAPTURE(rest);
    const std::optional<Error> error = refusal_of(desk, at_min(2), send("client", rest));
    REQUIRE(error);
    CHECK(error->code == ErrorCode::bad_command);
    CHECK_FALSE(error->message.empty());
  }
  CHECK(desk.refusal(at_min(2), send("client", R"(,"attachments":)" + attachments(11))) == "bad_command");
  const std::string long_name =
      R"(,"attachments":[{"id":"f1","name":")" + name256 + R"(","type":"text/plain","size":1}])";
  CHECK(desk.refusal(at_min(2), send("client", long_name)) == "bad_command");
  CHECK(fingerprint(desk.state, at_min(9)) == before);

  desk.ok(at_min(3), send("client", R"(,"attachments":)" + attachments(10)));
  desk.ok(at_min(3),
          send("client", R"(,"attachments":[{"id":"f1","name":")" + name255 + R"(","type":"text/plain","size":1}])"));
}

TEST_CASE("refusal messages say what is wrong") {
  Desk desk = attachment_desk();
  const auto message_of = [&](const std::string& rest) {
    const std::optional<Error> error = refusal_of(desk, at_min(2), send("client", rest));
    return error ? error->message : std::string("accepted");
  };
  CHECK(message_of("") == "a message needs text, attachments or both");
  CHECK(message_of(R"(,"attachments":)" + attachments(11)) == "a message carries at most 10 attachments");
  CHECK(message_of(R"(,"attachments":[{"id":"f1","name":"a","type":"text/plain"}])") ==
        "attachments[0]: missing field 'size'");
  CHECK(message_of(R"(,"attachments":[{"id":"f1","name":")" + std::string(256, 'n') +
                   R"(","type":"text/plain","size":1}])") == "attachment 1: name must be 1–255 bytes");
}

TEST_CASE("message search finds attachment file names") {
  Desk desk = attachment_desk();
  desk.say(at_min(2), "c1", "client", "hello");
  desk.ok(at_min(3), send("client", std::string(R"(,"attachments":[)") + kInvoice + "]"));
  const std::vector<MessageIx> found = search_messages(desk.chat("c1"), "INVOICE");
  REQUIRE(found.size() == 1);
  CHECK(found[0] == MessageIx{1});
}
