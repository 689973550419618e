// Erasure and retention over HTTP: an erased customer's texts, files, notes and name are gone from the
// API, from the database file and its write-ahead log, and stay gone after a restart, while every
// figure stays the same; retention erases closed sessions by itself once they are old enough.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"sue","name":"Sue Kim","groups":["sales"],"roles":["supervisor"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
)";

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The database file and its write-ahead log, as one string to search.
std::string stored_bytes(Running& desk) {
  return file_bytes(desk.dir.file("desk.db")) + file_bytes(desk.dir.file("desk.db-wal"));
}

json timeline_texts(const Api& api, const std::string& chat) {
  json texts = json::array();
  const Reply reply = api.get("/api/v1/chats/" + chat);
  REQUIRE_MESSAGE(reply.status == 200, reply.describe());
  for (const json& item : reply.body["timeline"])
    if (item.contains("text") && item["type"] != "separator") texts.push_back(item["text"]);
  return texts;
}

struct Visitor {
  std::string chat;
  Api api;
};

Visitor start_visitor(Running& desk, const std::string& name, const std::string& text) {
  Api anyone(desk.server.port());
  const Reply session = anyone.post("/widget/v1/web/sessions", json{{"name", name}});
  REQUIRE_MESSAGE(session.status == 201, session.describe());
  Visitor visitor{session.body["chat"], Api(desk.server.port(), session.body["token"].get<std::string>())};
  REQUIRE(visitor.api.post("/widget/v1/messages", json{{"text", text}}).status == 200);
  return visitor;
}

}  // namespace

TEST_CASE("an erased customer's content is gone everywhere, their figures stay, and a restart keeps it so") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  Api sue = desk.user("sue", {"supervisor"}, "sue");
  REQUIRE(desk.admin.post("/api/v1/channels", json{{"id", "web"}, {"kind", "widget"}, {"group", "sales"}}).status == 201);
  REQUIRE(desk.admin.set_clock("2026-01-05T09:05:00Z").status == 200);

  const Visitor vera = start_visitor(desk, "Veronika Quillfeather", "my card is 4111-ZEBRA-secret");
  const Visitor otto = start_visitor(desk, "Otto Keepme", "otter text that stays");
  const Reply file = ann.post_raw("/api/v1/chats/" + vera.chat + "/attachments?name=passport-scan.png",
                                  "PASSPORT-BYTES-KESTREL", "image/png");
  REQUIRE_MESSAGE(file.status == 201, file.describe());
  const std::string file_path = "/api/v1/attachments/" + file.body["id"].get<std::string>();
  REQUIRE(ann.post("/api/v1/chats/" + vera.chat + "/messages",
                   json{{"text", "We saw the PLATYPUS charge"}, {"attachments", {file.body["id"]}}})
              .status == 200);
  REQUIRE(ann.command(json{{"type", "chat.note"}, {"chat", vera.chat}, {"by", "agent:ann"},
                           {"text", "lives at 12 WOMBAT street"}})
              .status == 200);
  const json chat = desk.admin.get("/api/v1/chats/" + vera.chat).body;
  const json customer{{"channel", chat["channel"]}, {"client", chat["client"]}};
  REQUIRE(!customer["client"].get<std::string>().empty());

  CHECK(sue.post("/api/v1/customers/erase", customer).status == 403);
  CHECK(ann.post("/api/v1/customers/erase", customer).status == 403);
  const Reply open = desk.admin.post("/api/v1/customers/erase", customer);
  CHECK(open.status == 409);
  CHECK(open.code() == "bad_state");
  CHECK(desk.admin.post("/api/v1/customers/erase", json{{"channel", "web"}}).code() == "bad_command");
  CHECK(desk.admin.post("/api/v1/customers/erase", json{{"channel", "web"}, {"client", "nobody"}}).code() ==
        "unknown_chat");
  REQUIRE(ann.command(json{{"type", "chat.close"}, {"chat", vera.chat}, {"by", "agent:ann"}}).status == 200);

  const std::multimap<std::string, std::string> day{{"from", "2026-01-05T00:00:00Z"}, {"to", "2026-01-06T00:00:00Z"}};
  const json report_before = desk.admin.get("/api/v1/reports/operators", day).body;
  const json stats_before = desk.admin.get("/api/v1/agents/ann/stats").body;
  const std::string before = stored_bytes(desk);
  REQUIRE(before.find("4111-ZEBRA-secret") != std::string::npos);  // the search below can see text
  REQUIRE(before.find("PASSPORT-BYTES-KESTREL") != std::string::npos);

  const Reply erased = desk.admin.post("/api/v1/customers/erase", customer);
  REQUIRE_MESSAGE(erased.status == 200, erased.describe());
  CHECK(erased.body["erased"] == json::array({vera.chat}));
  CHECK(erased.body["events"][0]["type"] == "chat.content_erased");

  const auto check_erased = [&](const char* when) {
    INFO(when);
    for (const json& text : timeline_texts(desk.admin, vera.chat)) CHECK(text == "");
    CHECK(desk.admin.get("/api/v1/chats/" + vera.chat).body["client"] == "");
    CHECK(desk.admin.get(file_path).status == 404);
    CHECK(Api(desk.server.port(), vera.api.token()).get("/widget/v1/messages").status == 401);
    CHECK(timeline_texts(desk.admin, otto.chat) == json::array({"otter text that stays"}));
    CHECK(desk.admin.get("/api/v1/reports/operators", day).body == report_before);
    CHECK(desk.admin.get("/api/v1/agents/ann/stats").body == stats_before);
    const std::string bytes = stored_bytes(desk);
    CHECK(bytes.find("otter text that stays") != std::string::npos);
    for (const char* secret : {"4111-ZEBRA-secret", "PASSPORT-BYTES-KESTREL", "PLATYPUS", "WOMBAT", "Quillfeather",
                               "passport-scan"})
      CHECK_MESSAGE(bytes.find(secret) == std::string::npos, secret << " is still in the database file");
  };
  check_erased("right after the erasure");
  CHECK(desk.admin.post("/api/v1/customers/erase", customer).code() == "unknown_chat");
  CHECK(ann.command(json{{"type", "chat.reopen"}, {"chat", vera.chat}, {"by", "agent:ann"}}).code() == "bad_state");
  desk.restart();
  check_erased("after a restart");
}

TEST_CASE("retention: admins set it; closed sessions older than it lose their content by themselves") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  Api sue = desk.user("sue", {"supervisor"}, "sue");
  REQUIRE(desk.admin.post("/api/v1/channels", json{{"id", "web"}, {"kind", "widget"}, {"group", "sales"}}).status == 201);
  REQUIRE(desk.admin.set_clock("2026-01-05T09:05:00Z").status == 200);
  const Visitor old = start_visitor(desk, "Olga", "old HEDGEHOG text");
  REQUIRE(ann.command(json{{"type", "chat.close"}, {"chat", old.chat}, {"by", "agent:ann"}}).status == 200);
  REQUIRE(desk.admin.set_clock("2026-01-06T12:00:00Z").status == 200);
  const Visitor recent = start_visitor(desk, "Rita", "recent text");
  REQUIRE(ann.command(json{{"type", "chat.close"}, {"chat", recent.chat}, {"by", "agent:ann"}}).status == 200);

  CHECK(desk.admin.get("/api/v1/retention").body["days"] == 0);
  CHECK(sue.put("/api/v1/retention", json{{"days", 1}}).status == 403);
  CHECK(sue.get("/api/v1/retention").status == 403);
  CHECK(desk.admin.put("/api/v1/retention", json{{"days", -3}}).code() == "bad_command");
  CHECK(desk.admin.put("/api/v1/retention", json{{"days", "x"}}).code() == "bad_command");
  const Reply set = desk.admin.put("/api/v1/retention", json{{"days", 1}});
  REQUIRE_MESSAGE(set.status == 200, set.describe());
  CHECK(set.body["days"] == 1);

  // The old session is more than a day past its last activity; the recent one is not.
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    gone = timeline_texts(desk.admin, old.chat) == json::array({""});
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(gone);
  CHECK(timeline_texts(desk.admin, recent.chat) == json::array({"recent text"}));
  bool flushed = false;
  for (int i = 0; i < 100 && !flushed; ++i) {
    flushed = stored_bytes(desk).find("HEDGEHOG") == std::string::npos;
    if (!flushed) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(flushed);
  desk.restart();
  CHECK(desk.admin.get("/api/v1/retention").body["days"] == 1);
  CHECK(timeline_texts(desk.admin, old.chat) == json::array({""}));
}
