// Attachments and response templates over HTTP: upload, download (staff and the widget visitor),
// who may do either, the size limit, sending with attachments (unknown ids refused, nothing changed),
// template CRUD with reader/agent refusals, and both surviving a restart.
#include <doctest/doctest.h>
#include <httplib.h>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"accept"}}
{"type":"group.create","group":"support","name":"Support","settings":{"routing":"accept"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"sue","name":"Sue Kim","groups":["sales"],"roles":["supervisor"]}
{"type":"agent.create","agent":"rita","name":"Rita Roe","groups":["sales"],"roles":["reader"]}
{"type":"agent.create","agent":"zed","name":"Zed Zo","groups":["support"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
{"type":"agent.set_status","agent":"zed","status":"online"}
{"at":"2026-01-05T09:01:00Z","type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"}
{"type":"chat.start","chat":"c2","group":"support","channel":"Widget","client":"eve","by":"client"}
{"type":"chat.start","chat":"c3","group":"sales","channel":"Widget","client":"max","by":"client"}
{"type":"chat.accept","chat":"c1","agent":"ann"}
{"type":"chat.accept","chat":"c2","agent":"zed"}
{"type":"chat.accept","chat":"c3","agent":"ann"}
{"type":"chat.close","chat":"c3","by":"agent:ann"}
)";

// Bytes that are not text: every byte value, NUL included.
std::string binary_bytes(std::size_t n) {
  std::string out(n, '\0');
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<char>((i * 7 + 3) & 0xFF);
  return out;
}

Reply upload(const Api& api, const std::string& chat, const std::string& encoded_name, const std::string& bytes,
             const std::string& type = "application/pdf") {
  return api.post_raw("/api/v1/chats/" + chat + "/attachments?name=" + encoded_name, bytes, type);
}

std::string header(const Reply& r, const std::string& name) {
  const auto found = r.headers.find(name);
  return found == r.headers.end() ? "" : found->second;
}

// DELETE with a bearer token (the shared client has no DELETE).
int delete_call(int port, const std::string& token, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  const auto result = client.Delete(path, httplib::Headers{{"Authorization", "Bearer " + token}});
  return result ? result->status : 0;
}

std::size_t message_count(const Api& api, const std::string& chat) {
  std::size_t n = 0;
  const Reply reply = api.get("/api/v1/chats/" + chat);
  for (const json& item : reply.body.value("timeline", json::array())) n += item.value("type", "") == "message";
  return n;
}

}  // namespace

TEST_CASE("upload and download: bytes, type and file name come back as sent") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  const std::string bytes = binary_bytes(70000);

  const Reply stored = upload(ann, "c1", "report%20Q1.pdf", bytes);
  REQUIRE_MESSAGE(stored.status == 201, stored.describe());
  const std::string id = stored.body["id"];
  CHECK(id.size() > 8);
  CHECK(stored.body["name"] == "report Q1.pdf");
  CHECK(stored.body["type"] == "application/pdf");
  CHECK(stored.body["size"] == 70000);

  const Reply file = ann.get("/api/v1/attachments/" + id);
  REQUIRE(file.status == 200);
  CHECK(file.text == bytes);
  CHECK(header(file, "content-type") == "application/pdf");
  CHECK(header(file, "content-disposition").find("inline; filename=\"report Q1.pdf\"") == 0);
  CHECK(header(file, "x-content-type-options") == "nosniff");

  SUBCASE("a UTF-8 name is kept; a page type is offered as a download, not shown") {
    const Reply named = upload(ann, "c1", "%D0%BE%D1%82%D1%87%D1%91%D1%82.html", "<script>x</script>",
                               "text/html; charset=utf-8");
    REQUIRE(named.status == 201);
    CHECK(named.body["name"] == "отчёт.html");
    CHECK(named.body["type"] == "text/html");
    const Reply page = ann.get("/api/v1/attachments/" + named.body["id"].get<std::string>());
    // (The test client percent-decodes header values: on the wire the name is %D0%BE%D1%82….)
    CHECK(header(page, "content-disposition") == "attachment; filename=\"_____.html\"; filename*=UTF-8''отчёт.html");
  }
  SUBCASE("path parts are dropped from the name; a malformed type becomes application/octet-stream") {
    const Reply r = upload(ann, "c1", "..%2F..%2Fetc%2Fpasswd", "x", "not a type");
    REQUIRE(r.status == 201);
    CHECK(r.body["name"] == "passwd");
    CHECK(r.body["type"] == "application/octet-stream");
  }
  SUBCASE("a token in the query string is not taken (it would end up in logs and history)") {
    Api bare(desk.server.port());
    const Reply r = bare.get("/api/v1/attachments/" + id, {{"access_token", ann.token()}});
    CHECK(r.status == 401);
    CHECK(r.code() == "unauthorized");
    CHECK(r.text.find(bytes) == std::string::npos);
  }
}

TEST_CASE("who may upload and download") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  RoleLogins logins(desk);
  auto& [ann, sue, rita, zed, nobody, forged] = logins;
  const Reply stored = upload(ann, "c1", "a.pdf", "%PDF-1.4");
  REQUIRE(stored.status == 201);
  const std::string path = "/api/v1/attachments/" + stored.body["id"].get<std::string>();

  CHECK(upload(sue, "c1", "b.pdf", "x").status == 201);           // a supervisor of the group
  CHECK(upload(desk.admin, "c2", "c.pdf", "x").status == 201);    // admins everywhere
  CHECK(upload(rita, "c1", "d.pdf", "x").code() == "forbidden");  // readers never write
  const Reply foreign = upload(zed, "c1", "e.pdf", "x");          // another group's chat does not exist for zed
  CHECK(foreign.status == 404);
  CHECK(foreign.code() == "unknown_chat");
  CHECK(upload(ann, "nope", "f.pdf", "x").status == 404);
  CHECK(upload(ann, "c3", "g.pdf", "x").code() == "bad_state");  // closed
  CHECK(upload(nobody, "c1", "h.pdf", "x").status == 401);
  CHECK(upload(forged, "c1", "h.pdf", "x").status == 401);
  CHECK(upload(ann, "c1", "", "x").status == 400);               // no name
  CHECK(ann.post_raw("/api/v1/chats/c1/attachments", "x", "text/plain").status == 400);
  CHECK(upload(ann, "c1", "i.pdf", "").status == 400);           // no bytes
  CHECK(upload(ann, "c1", std::string(256, 'n'), "x").status == 400);
  CHECK(upload(ann, "c1", "%FF%FE.txt", "x").status == 400);     // not UTF-8

  CHECK(sue.get(path).status == 200);
  CHECK(rita.get(path).status == 200);  // readers read
  CHECK(desk.admin.get(path).status == 200);
  const Reply hidden = zed.get(path);
  CHECK(hidden.status == 404);
  CHECK(hidden.code() == "unknown_attachment");
  CHECK(nobody.get(path).status == 401);
  CHECK(forged.get(path).status == 401);
  CHECK(ann.get("/api/v1/attachments/att-missing").code() == "unknown_attachment");
}

TEST_CASE("a file is at most 5 MiB: one byte more is 413 with a JSON error") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  const std::size_t limit = 5u << 20;
  const Reply over = upload(ann, "c1", "big.bin", std::string(limit + 1, 'x'), "application/octet-stream");
  CHECK(over.status == 413);
  CHECK(over.code() == "too_large");
  const Reply full = upload(ann, "c1", "full.bin", std::string(limit, 'y'), "application/octet-stream");
  REQUIRE(full.status == 201);
  CHECK(full.body["size"] == limit);
  CHECK(ann.get("/api/v1/attachments/" + full.body["id"].get<std::string>()).text.size() == limit);
  // Other bodies keep their 1 MiB limit.
  const std::string huge = R"({"text":")" + std::string((1 << 20) + 16, 'z') + "\"}";
  CHECK(ann.post_raw("/api/v1/chats/c1/messages", huge).status == 413);
}

TEST_CASE("sending with attachments: stored files only, described as stored") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  Api zed = desk.user("zed", {"operator"}, "zed");
  const Reply one = upload(ann, "c1", "one.pdf", "1111");
  const Reply two = upload(ann, "c1", "two.png", "22", "image/png");
  REQUIRE(one.status == 201);
  REQUIRE(two.status == 201);
  const std::string id1 = one.body["id"], id2 = two.body["id"];

  const Reply sent = ann.post("/api/v1/chats/c1/messages", json{{"text", "both files"}, {"attachments", {id1, id2}}});
  REQUIRE_MESSAGE(sent.status == 200, sent.describe());
  const json event = sent.body["events"].back();
  CHECK(event["type"] == "message.sent");
  CHECK(event["attachments"] == json::parse(R"([{"id":")" + id1 + R"(","name":"one.pdf","type":"application/pdf","size":4},
                                                {"id":")" + id2 + R"(","name":"two.png","type":"image/png","size":2}])"));

  // Attachments only, through the command route, with a made-up description: the stored one wins.
  const json command{{"type", "message.send"}, {"chat", "c1"}, {"from", "agent:ann"},
                     {"attachments", {{{"id", id1}, {"name", "fake.exe"}, {"type", "x/y"}, {"size", 1}}}}};
  const Reply only = ann.command(command);
  REQUIRE_MESSAGE(only.status == 200, only.describe());
  CHECK(only.body["events"].back()["text"] == "");
  CHECK(only.body["events"].back()["attachments"][0]["name"] == "one.pdf");

  const json chat = ann.get("/api/v1/chats/c1").body;
  const json& last = chat["timeline"].back();
  CHECK(last["attachments"][0]["size"] == 4);
  CHECK(chat["timeline"][1].contains("attachments"));

  const std::size_t before = message_count(desk.admin, "c1");
  const Reply unknown = ann.post("/api/v1/chats/c1/messages", json{{"text", "x"}, {"attachments", {id1, "att-nope"}}});
  CHECK(unknown.status == 404);
  CHECK(unknown.code() == "unknown_attachment");
  const Reply elsewhere = zed.post("/api/v1/chats/c2/messages", json{{"attachments", {id1}}});  // a c1 file
  CHECK(elsewhere.code() == "unknown_attachment");
  CHECK(ann.post("/api/v1/chats/c1/messages", json{{"attachments", json::array()}}).status == 400);
  CHECK(ann.post("/api/v1/chats/c1/messages", json{{"attachments", {42}}}).status == 400);
  json eleven = json::array();
  for (int i = 0; i < 11; ++i) eleven.push_back(id1 + std::to_string(i));
  CHECK(ann.post("/api/v1/chats/c1/messages", json{{"attachments", eleven}}).status == 400);
  CHECK(message_count(desk.admin, "c1") == before);

  // An admin's raw command may name a file held elsewhere (an import); an uploaded one still wins.
  const json imported{{"type", "message.send"}, {"chat", "c1"}, {"from", "client"},
                      {"attachments", {{{"id", "ext-7"}, {"name", "old.pdf"}, {"type", "application/pdf"}, {"size", 9}},
                                       {{"id", id2}, {"name", "fake"}, {"type", "x/y"}, {"size", 1}}}}};
  const Reply kept = desk.admin.command(imported);
  REQUIRE_MESSAGE(kept.status == 200, kept.describe());
  CHECK(kept.body["events"].back()["attachments"][0]["name"] == "old.pdf");
  CHECK(kept.body["events"].back()["attachments"][1]["name"] == "two.png");
  CHECK(ann.command(json{{"type", "message.send"}, {"chat", "c1"}, {"from", "agent:ann"},
                         {"attachments", imported["attachments"]}})
            .code() == "unknown_attachment");
  CHECK(desk.admin.get("/api/v1/attachments/ext-7").status == 404);
}

TEST_CASE("the widget visitor fetches the files sent in their session, and only those") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  REQUIRE(desk.admin
              .post("/api/v1/channels", json{{"id", "web"}, {"kind", "widget"}, {"group", "sales"},
                                             {"origins", {"https://shop.example.com"}}})
              .status == 201);
  Api anyone(desk.server.port());
  const Reply session = anyone.post("/widget/v1/web/sessions", json{{"name", "Vera"}});
  REQUIRE_MESSAGE(session.status == 201, session.describe());
  const std::string chat = session.body["chat"];
  Api vera(desk.server.port(), session.body["token"].get<std::string>());
  const Reply other_session = anyone.post("/widget/v1/web/sessions", json{{"name", "Otto"}});
  Api otto(desk.server.port(), other_session.body["token"].get<std::string>());
  REQUIRE(vera.post("/widget/v1/messages", json{{"text", "where is my label?"}}).status == 200);
  REQUIRE(ann.command(json{{"type", "chat.accept"}, {"chat", chat}, {"agent", "ann"}}).status == 200);

  const Reply stored = upload(ann, chat, "label.png", "PNGDATA", "image/png");
  REQUIRE(stored.status == 201);
  const std::string path = "/api/v1/attachments/" + stored.body["id"].get<std::string>();
  CHECK(vera.get(path).status == 404);  // uploaded, not sent yet
  REQUIRE(ann.post("/api/v1/chats/" + chat + "/messages",
                   json{{"text", "your label"}, {"attachments", {stored.body["id"]}}})
              .status == 200);
  const Reply file = vera.get(path);
  CHECK(file.status == 200);
  CHECK(file.text == "PNGDATA");
  CHECK(Api(desk.server.port()).get(path, {{"access_token", vera.token()}}).status == 401);
  // A widget page on another origin downloads by CORS, with the token in the header.
  Api from_shop(desk.server.port(), vera.token());
  from_shop.set_header("Origin", "https://shop.example.com");
  const Reply preflight = from_shop.options(path);
  CHECK_MESSAGE(preflight.status == 204, preflight.describe());
  const Reply cross = from_shop.get(path);
  CHECK(cross.text == "PNGDATA");
  CHECK(cross.header("access-control-allow-origin") == "https://shop.example.com");
  Api from_elsewhere(desk.server.port(), vera.token());
  from_elsewhere.set_header("Origin", "https://evil.example.com");
  CHECK(from_elsewhere.get(path).code() == "origin_refused");
  CHECK(otto.get(path).status == 404);

  const json messages = vera.get("/widget/v1/messages").body["messages"];
  REQUIRE(!messages.empty());
  const json& files = messages.back()["attachments"];
  CHECK(files[0]["name"] == "label.png");
  CHECK(files[0]["url"] == path);
  CHECK_FALSE(messages.front().contains("attachments"));
}

TEST_CASE("response templates: staff read them, only admins write") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  Api sue = desk.user("sue", {"supervisor"}, "sue");
  Api rita = desk.user("rita", {"reader"}, "rita");
  const int port = desk.server.port();
  const json greeting{{"id", "greet"}, {"title", "Greeting"}, {"text", "Hello! How can I help you today?"}};

  CHECK(ann.get("/api/v1/templates").body == json{{"templates", json::array()}});
  const Reply created = desk.admin.post("/api/v1/templates", greeting);
  REQUIRE_MESSAGE(created.status == 201, created.describe());
  json stored = greeting;
  stored.update(json{{"shortcut", ""}, {"group", ""}, {"owner", ""}});
  CHECK(created.body == stored);
  CHECK(desk.admin.post("/api/v1/templates", greeting).code() == "already_exists");
  const Reply generated = desk.admin.post("/api/v1/templates", json{{"title", "Bye"}, {"text", "Have a nice day!"}});
  REQUIRE(generated.status == 201);
  const std::string bye = generated.body["id"];
  CHECK_FALSE(bye.empty());
  CHECK(desk.admin.post("/api/v1/templates", json{{"title", ""}, {"text", "x"}}).status == 400);
  CHECK(desk.admin.post("/api/v1/templates", json{{"title", "t"}}).status == 400);
  CHECK(desk.admin.post("/api/v1/templates", json{{"id", "no spaces"}, {"title", "t"}, {"text", "x"}}).status == 400);

  for (const Api* who : {&ann, &sue, &rita}) {
    CHECK(who->post("/api/v1/templates", json{{"title", "Mine"}, {"text", "x"}}).status == 403);
    CHECK(who->put("/api/v1/templates/greet", json{{"title", "Mine"}, {"text", "x"}}).status == 403);
    CHECK(delete_call(port, who->token(), "/api/v1/templates/greet") == 403);
  }
  CHECK(Api(port).get("/api/v1/templates").status == 401);

  const Reply updated = desk.admin.put("/api/v1/templates/greet", json{{"title", "Hello"}, {"text", "Hi there!"}});
  REQUIRE(updated.status == 200);
  CHECK(updated.body["text"] == "Hi there!");
  CHECK(desk.admin.put("/api/v1/templates/nope", json{{"title", "t"}, {"text", "x"}}).code() == "unknown_template");

  const json listed = rita.get("/api/v1/templates").body["templates"];  // by title: Bye, Hello
  REQUIRE(listed.size() == 2);
  CHECK(listed[0]["title"] == "Bye");
  CHECK(listed[1] == json{{"id", "greet"}, {"title", "Hello"}, {"text", "Hi there!"}, {"shortcut", ""}, {"group", ""}, {"owner", ""}});

  CHECK(delete_call(port, desk.admin.token(), "/api/v1/templates/" + bye) == 204);
  CHECK(delete_call(port, desk.admin.token(), "/api/v1/templates/" + bye) == 404);
  CHECK(sue.get("/api/v1/templates").body["templates"].size() == 1);
}

TEST_CASE("templates by scope and shortcut: a group's for its readers, one's own for oneself") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  Api sue = desk.user("sue", {"supervisor"}, "sue");
  Api zed = desk.user("zed", {"operator"}, "zed");
  const int port = desk.server.port();
  const auto ids = [](const Api& who) {
    std::string out;
    const json listed = who.get("/api/v1/templates").body;
    for (const json& t : listed["templates"]) out += (out.empty() ? "" : ",") + t["id"].get<std::string>();
    return out;
  };
  const json ship{{"id", "ship"}, {"title", "Shipping"}, {"text", "Hi {customer.name}, it ships today."},
                  {"shortcut", "ship"}, {"group", "sales"}};
  // A group's supervisor writes its templates; an operator does not; a bad shortcut or scope changes nothing.
  CHECK(ann.post("/api/v1/templates", ship).status == 403);
  const Reply created = sue.post("/api/v1/templates", ship);
  REQUIRE_MESSAGE(created.status == 201, created.describe());
  CHECK(created.body["shortcut"] == "ship");
  CHECK(created.body["group"] == "sales");
  CHECK(sue.post("/api/v1/templates", json{{"title", "t"}, {"text", "x"}, {"group", "support"}}).status == 403);
  CHECK(sue.post("/api/v1/templates", json{{"title", "t"}, {"text", "x"}, {"shortcut", "Ship It"}}).code() == "bad_command");
  CHECK(desk.admin.post("/api/v1/templates", json{{"title", "t"}, {"text", "x"}, {"group", "nope"}}).code() == "bad_command");
  CHECK(desk.admin.post("/api/v1/templates", json{{"title", "t"}, {"text", "x"}, {"group", "sales"}, {"owner", "ann"}})
            .code() == "bad_command");
  // An agent's own: written by that agent only, seen by no one else (admins included).
  CHECK(ann.post("/api/v1/templates", json{{"id", "mine"}, {"title", "Mine"}, {"text", "Thanks, {agent.nickname}"},
                                           {"shortcut", "thx"}, {"owner", "ann"}}).status == 201);
  CHECK(zed.post("/api/v1/templates", json{{"title", "t"}, {"text", "x"}, {"owner", "ann"}}).status == 403);
  REQUIRE(desk.admin.post("/api/v1/templates", json{{"id", "hello"}, {"title", "Hello"}, {"text", "Hello!"}}).status == 201);
  CHECK(ids(ann) == "hello,mine,ship");
  CHECK(ids(zed) == "hello");
  CHECK(ids(desk.admin) == "hello,ship");
  // Others' templates are not there for them to change; a reader of the group may not change it.
  CHECK(zed.put("/api/v1/templates/ship", json{{"title", "t"}, {"text", "x"}}).code() == "unknown_template");
  CHECK(delete_call(port, desk.admin.token(), "/api/v1/templates/mine") == 404);
  CHECK(ann.put("/api/v1/templates/ship", json{{"title", "t"}, {"text", "x"}, {"group", "sales"}}).status == 403);
  // Moving a template needs the right to both scopes: the supervisor may not make it desk-wide.
  CHECK(sue.put("/api/v1/templates/ship", json{{"title", "Shipping"}, {"text", "x"}}).status == 403);
  const Reply edited = sue.put("/api/v1/templates/ship", json{{"title", "Shipping"}, {"text", "Today, {customer.name}."},
                                                              {"shortcut", "shp"}, {"group", "sales"}});
  REQUIRE(edited.status == 200);
  CHECK(ann.get("/api/v1/templates").body["templates"][2]["shortcut"] == "shp");
  CHECK(delete_call(port, ann.token(), "/api/v1/templates/mine") == 204);
  CHECK(ids(ann) == "hello,ship");
}

TEST_CASE("files and templates survive a restart") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  const Reply stored = upload(ann, "c1", "keep.pdf", binary_bytes(1000));
  REQUIRE(stored.status == 201);
  REQUIRE(ann.post("/api/v1/chats/c1/messages", json{{"attachments", {stored.body["id"]}}}).status == 200);
  REQUIRE(desk.admin.post("/api/v1/templates", json{{"id", "t1"}, {"title", "T"}, {"text", "kept"}}).status == 201);
  desk.restart();
  CHECK(desk.admin.get("/api/v1/attachments/" + stored.body["id"].get<std::string>()).text == binary_bytes(1000));
  CHECK(desk.admin.get("/api/v1/chats/c1").body["timeline"].back()["attachments"][0]["name"] == "keep.pdf");
  CHECK(desk.admin.get("/api/v1/templates").body["templates"][0]["text"] == "kept");
}
