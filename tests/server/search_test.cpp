// GET /api/v1/search over real HTTP, answered from the FTS5 index: names and messages in several
// scripts, what each group's agents may read (before the 100-row cut), erased sessions gone from the
// index and the file, and the index kept across a restart and rebuilt from the log when dropped.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto"}}
{"type":"group.create","group":"support","name":"Support","settings":{"routing":"auto"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"zed","name":"Zed Zo","groups":["support"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
{"type":"agent.set_status","agent":"zed","status":"online"}
{"at":"2026-01-05T09:01:00Z","type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"Zoë Dubois-Brûlé","by":"client"}
{"type":"chat.start","chat":"c2","group":"sales","channel":"Widget","client":"Дмитрий Иванов","by":"client"}
{"type":"chat.start","chat":"c3","group":"support","channel":"Widget","client":"山田太郎","by":"client"}
{"type":"chat.start","chat":"c4","group":"support","channel":"Widget","client":"Zoe Helpdesk","by":"client"}
{"type":"chat.start","chat":"p1","group":"sales","channel":"Widget","client":"Pat Sales One","by":"client"}
{"type":"chat.start","chat":"p2","group":"sales","channel":"Widget","client":"Pat Sales Two","by":"client"}
)";

json transfer(const std::string& chat) {
  return json{{"type", "chat.transfer"}, {"chat", chat}, {"by", "agent:ann"}, {"to_group", "support"}};
}

json say(const std::string& chat, const std::string& from, const std::string& text) {
  return json{{"type", "message.send"}, {"chat", chat}, {"from", from}, {"text", text}};
}

// Sends a message and answers its id.
std::string send(const Api& admin, const std::string& chat, const std::string& from, const std::string& text) {
  const Reply reply = admin.command(say(chat, from, text));
  REQUIRE_MESSAGE(reply.status == 200, reply.describe());
  for (const json& event : reply.body["events"])
    if (event.value("type", "") == "message.sent") return event["message"];
  FAIL("no message.sent in " << reply.body.dump());
  return {};
}

std::vector<std::string> chats_found(const Api& api, const std::string& q, const std::string& agent = "") {
  std::multimap<std::string, std::string> params{{"q", q}};
  if (!agent.empty()) params.emplace("agent", agent);
  const Reply reply = api.get("/api/v1/search", params);
  REQUIRE_MESSAGE(reply.status == 200, q << ": " << reply.describe());
  std::vector<std::string> ids;
  for (const json& row : reply.body["chats"]) ids.push_back(row["id"]);
  return ids;
}

Reply in_chat(const Api& api, const std::string& chat, const std::string& q) {
  return api.get("/api/v1/search", {{"q", q}, {"chat", chat}});
}

json messages_found(const Api& api, const std::string& chat, const std::string& q) {
  const Reply reply = in_chat(api, chat, q);
  REQUIRE_MESSAGE(reply.status == 200, q << ": " << reply.describe());
  return reply.body["messages"];
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string stored_bytes(Running& desk) {
  return file_bytes(desk.dir.file("desk.db")) + file_bytes(desk.dir.file("desk.db-wal"));
}

void sql(const std::string& path, const std::string& statements) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, statements.c_str(), nullptr, nullptr, &error);
  CHECK_MESSAGE(rc == SQLITE_OK, (error ? error : ""));
  sqlite3_free(error);
  sqlite3_close(db);
}

int index_tables(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* count = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT COUNT(*) FROM sqlite_master WHERE name IN "
                     "('message_search', 'name_search', 'search_chats', 'search_messages')",
                     -1, &count, nullptr);
  const int n = sqlite3_step(count) == SQLITE_ROW ? sqlite3_column_int(count, 0) : -1;
  sqlite3_finalize(count);
  sqlite3_close(db);
  return n;
}

}  // namespace

TEST_CASE("search answers from the index, in every script, as far as the caller may read") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  Api zed = desk.user("zed", {"operator"}, "zed");
  const std::string arrived = send(desk.admin, "c1", "client", "Ma commande n'est pas ARRIVÉE");
  const std::string street = send(desk.admin, "c1", "agent:ann", "Nous livrons à la Hauptstraße 5");
  send(desk.admin, "c1", "client", "merci");
  const std::string order = send(desk.admin, "c2", "client", "Здравствуйте, где мой ЗАКАЗ?");
  const std::string tower = send(desk.admin, "c3", "client", "東京タワーに行きたい 🎉🎉🎉");
  const std::string quoted = send(desk.admin, "c3", "agent:zed", R"(say "yes" or 'no')");
  // 120 support sessions named Pat, all more recent than the two of sales.
  std::string many;
  for (int i = 0; i < 120; ++i)
    many += json{{"type", "chat.start"}, {"chat", "s" + std::to_string(i)}, {"group", "support"},
                 {"channel", "Widget"}, {"client", "Pat Support " + std::to_string(i)}, {"by", "client"}}
                .dump() +
            "\n";
  REQUIRE(desk.admin.set_clock("2026-01-05T09:05:00Z").status == 200);
  REQUIRE(run_script(desk.admin, many) == "");

  SUBCASE("names: accents, case, Cyrillic, CJK, inside words and shorter than a trigram") {
    CHECK(chats_found(ann, "zoe") == std::vector<std::string>{"c1"});
    CHECK(chats_found(ann, "ZOË") == std::vector<std::string>{"c1"});
    CHECK(chats_found(ann, "brule") == std::vector<std::string>{"c1"});
    CHECK(chats_found(ann, "ubois-b") == std::vector<std::string>{"c1"});
    CHECK(chats_found(ann, "zo") == std::vector<std::string>{"c1"});  // two letters: scanned, same answer
    CHECK(chats_found(ann, "ДМИТРИЙ") == std::vector<std::string>{"c2"});
    CHECK(chats_found(ann, "иван") == std::vector<std::string>{"c2"});
    CHECK(chats_found(zed, "山田太郎") == std::vector<std::string>{"c3"});
    CHECK(chats_found(zed, "田太") == std::vector<std::string>{"c3"});
    CHECK(chats_found(ann, "nobody here").empty());
    CHECK(chats_found(ann, "\"").empty());  // FTS5 query syntax in q is text, not syntax
    CHECK(chats_found(ann, "pat sales\" OR \"zoe").empty());
  }

  SUBCASE("messages of one session, oldest first, with its name") {
    CHECK(messages_found(ann, "c1", "arrivee") == json::array({arrived}));
    CHECK(messages_found(ann, "c1", "strasse") == json::array({street}));
    CHECK(messages_found(ann, "c1", "a") == json::array({arrived, street}));  // "merci" has no a
    CHECK(messages_found(ann, "c1", "zakaz").empty());
    CHECK(messages_found(ann, "c2", "заказ") == json::array({order}));
    CHECK(messages_found(zed, "c3", "タワー") == json::array({tower}));
    CHECK(messages_found(zed, "c3", "🎉") == json::array({tower}));
    CHECK(messages_found(zed, "c3", "🎉🎉🎉") == json::array({tower}));
    CHECK(messages_found(zed, "c3", "\"yes\" or 'no") == json::array({quoted}));
    const Reply named = in_chat(ann, "c1", "dubois");
    CHECK(named.body["chat"] == "c1");
    CHECK(named.body["name_matches"] == true);
    CHECK(named.body["messages"] == json::array());
    CHECK(in_chat(ann, "c1", "commande").body["name_matches"] == false);
  }

  SUBCASE("a reader of one group never sees another group's sessions; the cut comes after the check") {
    CHECK(chats_found(ann, "zoe") == std::vector<std::string>{"c1"});
    CHECK(chats_found(zed, "zoe") == std::vector<std::string>{"c4"});
    CHECK(chats_found(zed, "ДМИТРИЙ").empty());
    CHECK(chats_found(ann, "山田").empty());
    CHECK(in_chat(zed, "c1", "arrivee").code() == "unknown_chat");
    CHECK(in_chat(ann, "c3", "東京").code() == "unknown_chat");
    CHECK(in_chat(ann, "nope", "東京").code() == "unknown_chat");
    // 122 sessions are named Pat; the 120 newest are support's: ann still gets both of sales.
    const auto ann_pats = chats_found(ann, "pat");
    CHECK(std::set<std::string>(ann_pats.begin(), ann_pats.end()) == std::set<std::string>{"p1", "p2"});
    const auto zed_pats = chats_found(zed, "pat");
    CHECK(zed_pats.size() == 100);
    for (const std::string& id : zed_pats) CHECK(id.rfind("s", 0) == 0);
    // An admin searches as the agent it names.
    CHECK(chats_found(desk.admin, "pat sales", "ann").size() == 2);
    CHECK(chats_found(desk.admin, "pat sales", "zed").empty());
    CHECK(desk.admin.get("/api/v1/search", {{"q", "pat"}}).code() == "bad_command");
    CHECK(ann.get("/api/v1/search", {{"q", ""}}).code() == "bad_command");
    // A session transferred to another group is found by that group's agents only from then on.
    const Reply moved = ann.command(transfer("c2"));
    REQUIRE_MESSAGE(moved.status == 200, moved.describe());
    CHECK(chats_found(ann, "ДМИТРИЙ").empty());
    CHECK(chats_found(ann, "дм").empty());
    CHECK(chats_found(zed, "ДМИТРИЙ") == std::vector<std::string>{"c2"});
    CHECK(chats_found(zed, "дм") == std::vector<std::string>{"c2"});
  }

  SUBCASE("an erased session's name and texts leave the index and the file") {
    const std::string folded = "ma commande n'est pas arrivee";
    REQUIRE(stored_bytes(desk).find(folded) != std::string::npos);  // the index's folded copy is there
    REQUIRE(ann.command(json{{"type", "chat.close"}, {"chat", "c1"}, {"by", "agent:ann"}}).status == 200);
    const json chat = desk.admin.get("/api/v1/chats/c1").body;
    const Reply erased = desk.admin.post("/api/v1/customers/erase",
                                         json{{"channel", chat["channel"]}, {"client", chat["client"]}});
    REQUIRE_MESSAGE(erased.status == 200, erased.describe());
    CHECK(chats_found(ann, "zoe").empty());
    CHECK(chats_found(ann, "brule").empty());
    CHECK(messages_found(ann, "c1", "arrivee").empty());
    CHECK(messages_found(ann, "c1", "strasse").empty());
    CHECK(in_chat(ann, "c1", "dubois").body["name_matches"] == false);
    CHECK(chats_found(zed, "zoe") == std::vector<std::string>{"c4"});
    bool gone = false;
    for (int i = 0; i < 100 && !gone; ++i) {
      const std::string bytes = stored_bytes(desk);
      gone = bytes.find(folded) == std::string::npos && bytes.find("zoe dubois-brule") == std::string::npos;
      if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(gone);

    // Kept across a restart; rebuilt from the log (erasure included) when its tables are dropped.
    desk.restart();
    Api ann2(desk.server.port(), ann.token());
    CHECK(chats_found(ann2, "ДМИТРИЙ") == std::vector<std::string>{"c2"});
    CHECK(chats_found(ann2, "zoe").empty());
    const Reply moved = ann2.command(transfer("p1"));
    REQUIRE_MESSAGE(moved.status == 200, moved.describe());
    REQUIRE(desk.server.stop() == 0);
    sql(desk.dir.file("desk.db"), "DROP TABLE message_search; DROP TABLE search_chats;");
    REQUIRE(index_tables(desk.dir.file("desk.db")) == 2);
    REQUIRE(desk.server.start());
    CHECK(index_tables(desk.dir.file("desk.db")) == 4);
    Api ann3(desk.server.port(), ann.token());
    Api zed3(desk.server.port(), zed.token());
    CHECK(chats_found(ann3, "ДМИТРИЙ") == std::vector<std::string>{"c2"});
    CHECK(messages_found(ann3, "c2", "заказ") == json::array({order}));
    CHECK(messages_found(zed3, "c3", "タワー") == json::array({tower}));
    CHECK(chats_found(zed3, "pat").size() == 100);
    CHECK(chats_found(zed3, "pat sales") == std::vector<std::string>{"p1"});  // its transfer replayed too
    CHECK(chats_found(ann3, "pat sales") == std::vector<std::string>{"p2"});
    CHECK(chats_found(ann3, "zoe").empty());
    CHECK(messages_found(ann3, "c1", "arrivee").empty());
    // What is sent after the rebuild is indexed as before.
    Api admin3(desk.server.port(), desk.admin.token());
    const std::string later = send(admin3, "c2", "client", "Ещё один вопрос");
    CHECK(messages_found(ann3, "c2", "ЕЩЕ ОДИН") == json::array({later}));
  }
}
