// The widget keeps the customer informed, over real HTTP: the channel's theme and pre-chat form
// (checked by the admin route, served by GET /widget/v1/:channel/config with the widget's CORS),
// pre-chat answers checked at the session start, the place in the queue and the estimated wait
// (poll and stream), the visitor's own uploads (limits, only into their own session), and a
// leave-a-message session that waits in the queue while the group is offline.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kShop = "https://shop.example";

const json kLook = json::parse(R"({
  "theme": {"accent": "#0b6", "title": "Acme help", "greeting": "Hi! Ask us anything."},
  "prechat": {"enabled": true, "fields": [
    {"id": "name", "label": "Name", "type": "text", "required": true},
    {"id": "email", "label": "E-mail", "type": "email", "required": true},
    {"id": "order", "label": "Order number", "required": false}]}})");

// Group "sales" (accept routing), agent ann (online unless `online` is false), widget channel "site"
// with the look above.
Api set_up_desk(Running& desk, bool online = true) {
  REQUIRE(desk.admin.set_clock("2026-01-05T09:00:00Z").status == 200);
  REQUIRE(desk.admin.post("/api/v1/groups", json{{"id", "sales"}, {"name", "Sales"},
                                                 {"settings", {{"routing", "accept"}}}}).status == 201);
  REQUIRE(desk.admin.post("/api/v1/agents", json{{"id", "ann"}, {"name", "Ann Lee"}, {"groups", {"sales"}},
                                                 {"roles", {"operator"}}}).status == 201);
  Api ann = desk.user("ann", {"operator"}, "ann");
  if (online) REQUIRE(ann.put("/api/v1/agents/ann/status", json{{"status", "online"}}).status == 200);
  json channel{{"id", "site"}, {"kind", "widget"}, {"name", "Website"}, {"group", "sales"}, {"origins", {kShop}}};
  channel.update(kLook);
  const Reply made = desk.admin.post("/api/v1/channels", channel);
  REQUIRE_MESSAGE(made.status == 201, made.describe());
  return ann;
}

Api widget_client(const Running& desk) {
  Api api(desk.server.port());
  api.set_header("Origin", kShop);
  return api;
}

// A session started with good pre-chat answers; the returned Api carries its token.
Api start_visitor(const Running& desk, const std::string& name, std::string* chat = nullptr) {
  Api api = widget_client(desk);
  const Reply started = api.post("/widget/v1/site/sessions",
                                 json{{"name", name}, {"fields", {{"email", name + "@mail.example"}}}});
  REQUIRE_MESSAGE(started.status == 201, started.describe());
  api.set_token(started.body["token"].get<std::string>());
  if (chat) *chat = started.body["chat"].get<std::string>();
  return api;
}

json channel_record(const Running& desk) {
  const Reply list = desk.admin.get("/api/v1/channels");
  for (const json& c : list.body["channels"])
    if (c["id"] == "site") return c;
  return nullptr;
}

std::size_t waiting_in_sales(const Running& desk) {
  const Reply list = desk.admin.get("/api/v1/groups");
  for (const json& g : list.body["groups"])
    if (g["id"] == "sales") return g["waiting"].get<std::size_t>();
  return 0;
}

}  // namespace

TEST_CASE("the channel's theme and pre-chat form: checked when set, served to widget pages") {
  Running desk;
  set_up_desk(desk);
  const json stored = channel_record(desk);
  CHECK(stored["theme"] == kLook["theme"]);
  CHECK(stored["prechat"]["fields"].size() == 3);
  CHECK(stored["prechat"]["fields"][2]["type"] == "text");  // the default type

  SUBCASE("bad settings are refused with what is wrong, and nothing changes") {
    const std::pair<json, std::string> bad[] = {
        {json{{"theme", {{"accent", "green"}}}}, "theme.accent"},
        {json{{"theme", {{"title", std::string(61, 't')}}}}, "theme.title"},
        {json{{"theme", {{"font", "Comic"}}}}, "theme.font"},
        {json{{"theme", "blue"}}, "theme must be an object"},
        {json{{"prechat", {{"fields", {{{"id", "Bad Id"}, {"label", "x"}}}}}}}, "prechat.fields[0].id"},
        {json{{"prechat", {{"fields", {{{"id", "a"}, {"label", "A"}, {"type", "date"}}}}}}}, "prechat.fields[0].type"},
        {json{{"prechat", {{"fields", {{{"id", "a"}, {"label", "A"}}, {{"id", "a"}, {"label", "B"}}}}}}}, "twice"},
        {json{{"prechat", {{"fields", {{{"id", "a"}}}}}}}, "label is required"},
        {json{{"prechat", {{"enabled", "yes"}}}}, "prechat.enabled"},
        {json{{"prechat", {{"fields", {{{"id", "a"}, {"label", "A"}, {"required", 1}}}}}}}, "required"},
    };
    for (const auto& [change, says] : bad) {
      json body{{"kind", "widget"}, {"group", "sales"}, {"origins", {kShop}}};
      body.update(change);
      const Reply r = desk.admin.put("/api/v1/channels/site", body);
      CHECK_MESSAGE(r.status == 400, change.dump());
      CHECK(r.code() == "bad_command");
      CHECK_MESSAGE(r.body["error"]["message"].get<std::string>().find(says) != std::string::npos, r.describe());
    }
    CHECK(channel_record(desk) == stored);
  }

  SUBCASE("a PUT without them keeps the look and the form; null clears them") {
    const json body{{"kind", "widget"}, {"group", "sales"}, {"origins", {kShop, "https://other.example"}}};
    const Reply kept = desk.admin.put("/api/v1/channels/site", body);
    REQUIRE_MESSAGE(kept.status == 200, kept.describe());
    CHECK(kept.body["theme"] == kLook["theme"]);
    CHECK(channel_record(desk)["prechat"] == stored["prechat"]);
    CHECK(channel_record(desk)["origins"].size() == 2);
    json cleared = body;
    cleared["theme"] = nullptr;
    REQUIRE(desk.admin.put("/api/v1/channels/site", cleared).status == 200);
    CHECK(channel_record(desk)["theme"] == json{{"accent", ""}, {"title", ""}, {"greeting", ""}});
    CHECK(channel_record(desk)["prechat"] == stored["prechat"]);
    cleared["prechat"] = nullptr;
    REQUIRE(desk.admin.put("/api/v1/channels/site", cleared).status == 200);
    CHECK(channel_record(desk)["prechat"] == json{{"enabled", false}, {"fields", json::array()}});
  }

  SUBCASE("GET /widget/v1/:channel/config: the look, the form and whether anyone is there, by CORS") {
    Api page = widget_client(desk);
    const Reply config = page.get("/widget/v1/site/config");
    REQUIRE_MESSAGE(config.status == 200, config.describe());
    CHECK(config.header("access-control-allow-origin") == kShop);
    CHECK(config.body["theme"] == kLook["theme"]);
    CHECK(config.body["prechat"]["enabled"] == true);
    CHECK(config.body["prechat"]["fields"][1]["required"] == true);
    CHECK(config.body["online"] == true);
    CHECK(config.body["opens_at"].is_null());
    CHECK(config.body["max_attachment_bytes"] == 5u << 20);
    CHECK(config.text.find("secret") == std::string::npos);

    Api evil(desk.server.port());
    evil.set_header("Origin", "https://evil.example");
    CHECK(evil.get("/widget/v1/site/config").code() == "origin_refused");
    CHECK(page.get("/widget/v1/nope/config").code() == "unknown_channel");
    const Reply preflight = page.options("/widget/v1/site/config");
    CHECK(preflight.status == 204);
    CHECK(preflight.header("access-control-allow-origin") == kShop);

    // Outside business hours: offline, with the next opening (Monday 09:00 UTC now; hours from 10:00).
    REQUIRE(desk.admin.put("/api/v1/groups/sales",
                           json{{"settings", {{"routing", "accept"},
                                              {"business_hours", {{"zone", "UTC"}, {"week", {{"mon", {"10:00-18:00"}}}}}}}}})
                .status == 200);
    const Reply closed = page.get("/widget/v1/site/config");
    CHECK(closed.body["online"] == false);
    CHECK(closed.body["opens_at"] == "2026-01-05T10:00:00Z");
    REQUIRE(desk.admin.set_clock("2026-01-05T10:30:00Z").status == 200);
    const Reply open = page.get("/widget/v1/site/config");
    CHECK(open.body["online"] == true);
    CHECK(open.body["opens_at"].is_null());
  }
}

TEST_CASE("pre-chat answers are checked at the start and reach the agent as the first message") {
  Running desk;
  Api ann = set_up_desk(desk);
  Api page = widget_client(desk);
  const std::pair<json, std::string> refused[] = {
      {json{{"name", "Bob"}}, "E-mail is required"},
      {json{{"fields", {{"email", "bob@mail.example"}}}}, "Name is required"},
      {json{{"name", "Bob"}, {"fields", {{"email", "bob at mail"}}}}, "E-mail must be an e-mail address"},
      {json{{"name", "Bob"}, {"fields", {{"email", "bob@mail.example"}, {"shoe", "42"}}}}, "fields.shoe"},
      {json{{"name", "Bob"}, {"fields", {{"email", 7}}}}, "fields.email must be text"},
      {json{{"name", "Bob"}, {"fields", "bob@mail.example"}}, "fields must be an object"},
  };
  for (const auto& [body, says] : refused) {
    const Reply r = page.post("/widget/v1/site/sessions", body);
    CHECK_MESSAGE(r.status == 400, body.dump());
    CHECK_MESSAGE(r.body["error"]["message"].get<std::string>().find(says) != std::string::npos, r.describe());
  }
  CHECK(waiting_in_sales(desk) == 0);  // nothing was started

  const Reply started = page.post("/widget/v1/site/sessions",
                                  json{{"name", "Bob"}, {"fields", {{"email", "bob@mail.example"}, {"order", "A-17"}}}});
  REQUIRE_MESSAGE(started.status == 201, started.describe());
  const std::string chat = started.body["chat"].get<std::string>();
  const json seen = ann.get("/api/v1/chats/" + chat).body;
  CHECK(seen["client"] == "Bob");
  const std::string timeline = seen["timeline"].dump();
  CHECK(timeline.find("E-mail: bob@mail.example\\nOrder number: A-17") != std::string::npos);
  CHECK(waiting_in_sales(desk) == 1);
}

TEST_CASE("the place in the queue and the estimated wait, polled and streamed, move as sessions are taken") {
  Running desk;
  Api ann = set_up_desk(desk);
  std::string first, second, third;
  start_visitor(desk, "one", &first);
  REQUIRE(desk.admin.set_clock("2026-01-05T09:01:00Z").status == 200);
  start_visitor(desk, "two", &second);
  Api v3 = start_visitor(desk, "three", &third);

  const Reply before = v3.get("/widget/v1/messages");
  REQUIRE(before.status == 200);
  CHECK(before.body["state"] == "queued");
  CHECK(before.body["queue"]["position"] == 3);
  CHECK(before.body["queue"]["waiting"] == 3);
  CHECK(before.body["queue"]["estimated_wait_ms"].is_null());  // no waits yet to go by

  // The stream tells the third visitor their new place once the first session is taken.
  std::atomic<bool> open{false};
  StreamResult live;
  std::thread reader([&] {
    live = read_sse(desk.server.port(), "/widget/v1/stream?access_token=" + v3.token(), {{"Origin", kShop}},
                    [](const std::vector<SseEvent>& events) {
                      for (const SseEvent& e : events)
                        if (e.type == "queue" && json::parse(e.data)["queue"]["position"] == 2) return true;
                      return false;
                    },
                    10000, [&] { open = true; });
  });
  for (int i = 0; i < 500 && !open; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(desk.admin.set_clock("2026-01-05T09:04:00Z").status == 200);
  const Reply taken = ann.command(json{{"type", "chat.accept"}, {"chat", first}, {"agent", "ann"}});
  REQUIRE_MESSAGE(taken.status == 200, taken.describe());
  reader.join();
  REQUIRE(open);
  REQUIRE(!live.events.empty());
  CHECK(live.events.front().type == "queue");  // the place at once when the stream opens
  CHECK(json::parse(live.events.front().data)["queue"]["position"] == 3);
  const json moved = json::parse(live.events.back().data);
  CHECK(moved["chat"] == third);
  CHECK(moved["queue"]["position"] == 2);

  // One wait of 4 minutes so far: position × 4 min less the 3 minutes already waited.
  const Reply after = v3.get("/widget/v1/messages");
  CHECK(after.body["queue"]["position"] == 2);
  CHECK(after.body["queue"]["waiting"] == 2);
  CHECK(after.body["queue"]["estimated_wait_ms"] == 5 * 60000);

  // Taken: no queue place any more, and the chat event says so too.
  REQUIRE(ann.command(json{{"type", "chat.accept"}, {"chat", third}, {"agent", "ann"}}).status == 200);
  const Reply mine = v3.get("/widget/v1/messages");
  CHECK(mine.body["state"] == "open");
  CHECK(mine.body["queue"].is_null());
}

TEST_CASE("a visitor attaches files to their own session, within the staff limits") {
  Running desk;
  Api ann = set_up_desk(desk);
  std::string chat, other_chat;
  Api bob = start_visitor(desk, "Bob", &chat);
  Api eve = start_visitor(desk, "Eve", &other_chat);

  const Reply up = bob.post_raw("/widget/v1/attachments?name=receipt.pdf", "%PDF-1.4 test", "application/pdf");
  REQUIRE_MESSAGE(up.status == 201, up.describe());
  CHECK(up.header("access-control-allow-origin") == kShop);
  CHECK(up.body["name"] == "receipt.pdf");
  CHECK(up.body["type"] == "application/pdf");
  CHECK(up.body["size"] == 13);
  const std::string id = up.body["id"].get<std::string>();

  CHECK(bob.post_raw("/widget/v1/attachments?name=big.bin", std::string((5u << 20) + 1, 'x'),
                     "application/octet-stream").status == 413);
  CHECK(bob.post_raw("/widget/v1/attachments?name=empty.txt", "", "text/plain").status == 400);
  CHECK(bob.post_raw("/widget/v1/attachments", "abc", "text/plain").code() == "bad_command");  // no name
  Api nobody = widget_client(desk);
  CHECK(nobody.post_raw("/widget/v1/attachments?name=a.txt", "abc", "text/plain").status == 401);

  // Another visitor may not send Bob's file; nothing reaches Eve's session.
  const Reply stolen = eve.post("/widget/v1/messages", json{{"text", "mine now"}, {"attachments", {id}}});
  CHECK(stolen.status == 404);
  CHECK(stolen.code() == "unknown_attachment");
  CHECK(ann.get("/api/v1/chats/" + other_chat).text.find("mine now") == std::string::npos);

  const Reply sent = bob.post("/widget/v1/messages", json{{"text", ""}, {"client_msg_id", "f-1"}, {"attachments", {id}}});
  REQUIRE_MESSAGE(sent.status == 200, sent.describe());
  const json seen = ann.get("/api/v1/chats/" + chat).body;
  const json last = seen["timeline"].back();
  REQUIRE(last.contains("attachments"));
  CHECK(last["attachments"][0]["id"] == id);
  CHECK(last["attachments"][0]["name"] == "receipt.pdf");
  CHECK(ann.get("/api/v1/attachments/" + id).text == "%PDF-1.4 test");
  const Reply polled = bob.get("/widget/v1/messages");
  CHECK(polled.body["messages"].back()["attachments"][0]["name"] == "receipt.pdf");

  // Once the session is closed, a new upload is refused until a message starts the next one.
  REQUIRE(ann.command(json{{"type", "chat.accept"}, {"chat", chat}, {"agent", "ann"}}).status == 200);
  REQUIRE(ann.command(json{{"type", "chat.close"}, {"chat", chat}, {"by", "agent:ann"}}).status == 200);
  const Reply late = bob.post_raw("/widget/v1/attachments?name=late.txt", "late", "text/plain");
  CHECK(late.status == 409);
  CHECK(late.code() == "bad_state");
}

TEST_CASE("leave a message: while the group is offline the message starts a session that waits in the queue") {
  Running desk;
  Api ann = set_up_desk(desk, false);
  Api page = widget_client(desk);
  CHECK(page.get("/widget/v1/site/config").body["online"] == false);
  const Reply left = page.post("/widget/v1/site/sessions",
                               json{{"name", "Cleo"}, {"fields", {{"email", "cleo@mail.example"}}},
                                    {"message", "Please call me back about my order"}});
  REQUIRE_MESSAGE(left.status == 201, left.describe());
  const std::string chat = left.body["chat"].get<std::string>();
  CHECK(waiting_in_sales(desk) == 1);
  const json seen = ann.get("/api/v1/chats/" + chat).body;
  CHECK(seen["state"] == "queued");
  CHECK(seen["client"] == "Cleo");
  const std::string timeline = seen["timeline"].dump();
  CHECK(timeline.find("E-mail: cleo@mail.example") != std::string::npos);
  CHECK(timeline.find("Please call me back about my order") != std::string::npos);
  page.set_token(left.body["token"].get<std::string>());
  const Reply polled = page.get("/widget/v1/messages");
  CHECK(polled.body["queue"]["position"] == 1);
  CHECK(polled.body["messages"].size() == 2);
}
