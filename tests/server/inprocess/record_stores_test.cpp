// The record stores on a real SQLite file: a write that meets an existing key is a conflict, a
// change of a missing record is not_found, and a broken database is a failure (not a conflict).
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "sqlite_store.hpp"

namespace parley::server {

namespace {

struct TempDb {
  std::string dir, path;
  std::unique_ptr<SqliteStore> store;
  TempDb() {
    char pattern[] = "/tmp/parley-stores-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    dir = pattern;
    path = dir + "/desk.db";
    std::string error;
    store = SqliteStore::open(path, error);
    REQUIRE_MESSAGE(store, error);
  }
  ~TempDb() {
    store.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  // Breaks the file from a second connection, as a damaged or foreign-changed database would be.
  void drop_table(const char* table) {
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
    const std::string sql = std::string("DROP TABLE ") + table;
    CHECK(sqlite3_exec(other, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(other);
  }
};

}  // namespace

TEST_CASE("users: a taken login is a conflict, a missing one not_found, a broken table a failure") {
  TempDb db;
  UserStore& users = db.store->users;
  const auto ann = users.create(UserRecord{0, "ann", "hash", "ann", {}});
  REQUIRE(ann.ok());
  CHECK(*ann > 0);
  CHECK(users.create(UserRecord{0, "ann", "other", "", {"admin"}}).conflict());
  CHECK(users.by_login("bob").not_found());
  CHECK(users.by_login("ann")->agent == "ann");
  CHECK(users.update(UserRecord{*ann + 100, "ghost", "h", "", {"admin"}}).not_found());
  REQUIRE(users.add_token("t1", TokenRecord{*ann, 99}).ok());
  CHECK(users.add_token("t1", TokenRecord{*ann, 99}).conflict());
  REQUIRE(users.remove(*ann).ok());
  CHECK(users.token("t1").not_found());  // its tokens went with it
  CHECK(users.remove(*ann).not_found());

  db.drop_table("tokens");
  db.drop_table("users");
  CHECK(users.create(UserRecord{0, "cy", "hash", "", {"admin"}}).failed());
  CHECK(users.by_login("cy").failed());
  CHECK(users.list().failed());
  CHECK(users.count().failed());
  CHECK(users.token("t1").failed());
}

TEST_CASE("templates: add on an existing id is a conflict, update/remove of a missing one not_found") {
  TempDb db;
  TemplateStore& templates = db.store->templates;
  REQUIRE(templates.add(TemplateRecord{"hi", "Hello", "Hello there"}, 1).ok());
  CHECK(templates.add(TemplateRecord{"hi", "Again", "Again"}, 2).conflict());
  CHECK(templates.find("hi")->title == "Hello");  // the conflict changed nothing
  CHECK(templates.update(TemplateRecord{"nope", "t", "x"}, 3).not_found());
  CHECK(templates.remove("nope").not_found());
  REQUIRE(templates.list().ok());
  CHECK(templates.list()->size() == 1);

  db.drop_table("templates");
  const auto add = templates.add(TemplateRecord{"bye", "Bye", "Bye"}, 4);
  CHECK(add.failed());
  CHECK(!add.error.empty());
  CHECK(templates.update(TemplateRecord{"hi", "t", "x"}, 5).failed());
  CHECK(templates.remove("hi").failed());
  CHECK(templates.list().failed());
  CHECK(templates.find("hi").failed());
}

TEST_CASE("visitors, webhook records, attachments and channels tell a conflict from a failure") {
  TempDb db;
  REQUIRE(db.store->visitors.create("h1", WidgetVisitor{"v-1", "web", "Bob", "w-1"}, 1).ok());
  CHECK(db.store->visitors.create("h1", WidgetVisitor{"v-2", "web", "Cy", "w-2"}, 1).conflict());
  CHECK(db.store->visitors.set_chat("v-9", "w-9").not_found());
  REQUIRE(db.store->visitors.set_chat("v-1", "w-3").ok());
  CHECK(db.store->visitors.find("h1")->chat == "w-3");

  REQUIRE(db.store->webhooks.remember_signature("sig", 1000).ok());
  CHECK(db.store->webhooks.remember_signature("sig", 2000).conflict());
  REQUIRE(db.store->webhooks.forget_signature("sig").ok());
  CHECK(db.store->webhooks.remember_signature("sig", 3000).ok());
  REQUIRE(db.store->webhooks.add_chat(WebhookChat{"h-1", "hook", "u1"}, 1).ok());
  CHECK(db.store->webhooks.add_chat(WebhookChat{"h-1", "hook", "u2"}, 2).conflict());
  CHECK(db.store->webhooks.chat("h-2").not_found());

  REQUIRE(db.store->attachments.put(AttachmentRecord{"a1", "c1", "f.txt", "text/plain", "ann", 2, "hi"}, 1).ok());
  CHECK(db.store->attachments.put(AttachmentRecord{"a1", "c2", "g.txt", "text/plain", "ann", 2, "ho"}, 1).conflict());
  CHECK(db.store->attachments.find("a1", true)->data == "hi");

  REQUIRE(db.store->channels.put(ChannelRecord{"web", "widget", "Web", "sales", {"*"}, "", "", false}).ok());
  CHECK(db.store->channels.put(ChannelRecord{"web", "widget", "Web 2", "sales", {}, "", "", true}).ok());  // replaces
  CHECK(db.store->channels.find("web")->disabled);
  CHECK(db.store->channels.find("none").not_found());

  for (const char* table : {"widget_visitors", "webhook_signatures", "webhook_chats", "attachments", "channels"})
    db.drop_table(table);
  CHECK(db.store->visitors.create("h2", WidgetVisitor{"v-3", "web", "Di", "w-4"}, 1).failed());
  CHECK(db.store->visitors.find("h1").failed());
  CHECK(db.store->webhooks.remember_signature("sig2", 4000).failed());
  CHECK(db.store->webhooks.recent_chats("hook", "u1", 10).failed());
  CHECK(db.store->attachments.put(AttachmentRecord{"a2", "c1", "f", "text/plain", "ann", 1, "x"}, 1).failed());
  CHECK(db.store->channels.put(ChannelRecord{"web2", "widget", "W", "sales", {}, "", "", false}).failed());
  CHECK(db.store->channels.list().failed());
}

}  // namespace parley::server
