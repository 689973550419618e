// Customers, contacts, cases and leads over HTTP: a returning widget visitor's earlier sessions for staff
// and for the visitor alone, a contact created from a session with its cases and leads, bad input that
// changes nothing, a restart that keeps everything, and an erasure that drops the customer and the link.
#include <doctest/doctest.h>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
)";

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

json ids_of(const json& rows, const char* key) {
  json ids = json::array();
  for (const json& row : rows) ids.push_back(row[key]);
  return ids;
}

}  // namespace

TEST_CASE("a returning visitor, their contact, cases and leads, over HTTP and across a restart") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  REQUIRE(desk.admin.post("/api/v1/channels", json{{"id", "web"}, {"kind", "widget"}, {"group", "sales"}}).status == 201);
  REQUIRE(desk.admin.set_clock("2026-01-05T09:05:00Z").status == 200);

  Visitor bob = start_visitor(desk, "Bob", "my first question");
  const std::string first = bob.chat;
  Visitor other = start_visitor(desk, "Bob", "another Bob entirely");
  REQUIRE(ann.post("/api/v1/chats/" + first + "/messages", json{{"text", "answered"}}).status == 200);
  REQUIRE(ann.post("/api/v1/chats/" + first + "/close", json::object()).status == 200);
  REQUIRE(desk.admin.set_clock("2026-01-05T10:00:00Z").status == 200);
  REQUIRE(bob.api.post("/widget/v1/messages", json{{"text", "back again"}}).status == 200);
  const std::string second = bob.api.get("/widget/v1/messages").body["chat"];
  REQUIRE(second != first);

  SUBCASE("staff see the earlier session above the new one; the visitor sees only their own") {
    const Reply history = ann.get("/api/v1/chats/" + second + "/history");
    REQUIRE_MESSAGE(history.status == 200, history.describe());
    CHECK(ids_of(history.body["history"], "chat") == json::array({first}));
    CHECK(history.body["history"][0]["state"] == "closed");
    CHECK(history.body["contact"].is_null());
    CHECK(ann.get("/api/v1/chats/" + other.chat + "/history").body["history"].empty());
    CHECK(ann.get("/api/v1/chats/nope/history").code() == "unknown_chat");

    const Reply own = bob.api.get("/widget/v1/history");
    REQUIRE_MESSAGE(own.status == 200, own.describe());
    CHECK(own.body["chat"] == second);
    REQUIRE(own.body["sessions"].size() == 1);
    CHECK(own.body["sessions"][0]["chat"] == first);
    const json texts = ids_of(own.body["sessions"][0]["messages"], "text");
    CHECK(texts == json::array({"my first question", "answered"}));
    CHECK(other.api.get("/widget/v1/history").body["sessions"].empty());
    CHECK(Api(desk.server.port(), "not-a-token").get("/widget/v1/history").status == 401);
  }

  SUBCASE("a contact from the session, with cases and leads; bad input changes nothing; a restart keeps all") {
    const json before = desk.admin.get("/api/v1/contacts").body;
    CHECK(ann.post("/api/v1/chats/" + second + "/contact", json{{"name", ""}}).code() == "bad_command");
    CHECK(ann.post("/api/v1/chats/" + second + "/contact", json{{"name", "Bob"}, {"email", "nope"}}).status == 400);
    CHECK(ann.post("/api/v1/chats/" + second + "/contact", json{{"name", 7}}).status == 400);
    CHECK(ann.post("/api/v1/chats/nope/contact", json{{"name", "Bob"}}).code() == "unknown_chat");
    CHECK(ann.post("/api/v1/chats/" + second + "/contact", json{{"contact", "nobody"}}).code() == "unknown_contact");
    CHECK(ann.post("/api/v1/chats/" + second + "/cases", json{{"subject", "x"}, {"priority", "asap"}}).status == 400);
    CHECK(ann.post("/api/v1/chats/" + second + "/leads", json{{"subject", "x"}, {"value", "lots"}}).status == 400);
    CHECK(ann.post("/api/v1/chats/" + second + "/leads", json{{"subject", "x"}, {"value", -1}}).status == 400);
    CHECK(ann.post("/api/v1/contacts", json{{"name", "A"}, {"phone", "call me"}}).status == 400);
    CHECK(ann.get("/api/v1/contacts", {{"limit", "0"}}).status == 400);
    CHECK(desk.admin.get("/api/v1/contacts").body == before);
    CHECK(desk.admin.get("/api/v1/chats/" + second + "/history").body["cases"].empty());

    const Reply created = ann.post("/api/v1/chats/" + second + "/contact",
                                   json{{"name", "Bob Ray"}, {"email", "bob@example.com"}, {"company", "Acme"}});
    REQUIRE_MESSAGE(created.status == 201, created.describe());
    const std::string id = created.body["contact"]["id"];
    const Reply a_case = ann.post("/api/v1/chats/" + second + "/cases", json{{"subject", "Charged twice"}, {"priority", "high"}});
    REQUIRE_MESSAGE(a_case.status == 201, a_case.describe());
    CHECK(a_case.body["case"]["status"] == "open");
    const Reply lead = ann.post("/api/v1/chats/" + first + "/leads", json{{"subject", "Team plan"}, {"value", 129900}});
    REQUIRE_MESSAGE(lead.status == 201, lead.describe());
    const Reply dup = ann.post("/api/v1/contacts", json{{"name", "Bobby R"}, {"company", "Acme Ltd"}});
    REQUIRE(dup.status == 201);
    CHECK(ann.get("/api/v1/contacts", {{"q", "ACME"}}).body["contacts"].size() == 2);
    CHECK(ann.post("/api/v1/contacts/" + id + "/merge", json{{"from", dup.body["contact"]["id"]}}).status == 200);

    const auto check_contact = [&](const char* when) {
      INFO(when);
      const Reply got = ann.get("/api/v1/contacts/" + id);
      REQUIRE_MESSAGE(got.status == 200, got.describe());
      CHECK(got.body["contact"]["company"] == "Acme");
      CHECK(ids_of(got.body["sessions"], "chat") == json::array({first, second}));  // the customer's, not the other Bob's
      CHECK(ids_of(got.body["cases"], "subject") == json::array({"Charged twice"}));
      CHECK(ids_of(got.body["leads"], "value") == json::array({129900}));
      CHECK(ann.get("/api/v1/contacts", {{"q", "acme"}}).body["contacts"].size() == 1);
      CHECK(ann.get("/api/v1/chats/" + first + "/history").body["contact"]["id"] == id);
    };
    check_contact("before the restart");
    desk.restart();
    ann = Api(desk.server.port(), ann.token());  // the same login, on the restarted server's port
    check_contact("after the restart");

    // Erasing the customer drops them and their link; the contact, staff's record, stays.
    REQUIRE(ann.post("/api/v1/chats/" + second + "/close", json::object()).status == 200);
    const Reply erased = desk.admin.post("/api/v1/customers/erase",
                                         json{{"channel", desk.admin.get("/api/v1/chats/" + second).body["channel"]},
                                              {"client", ann.get("/api/v1/chats/" + second + "/history").body["customer"]}});
    REQUIRE_MESSAGE(erased.status == 200, erased.describe());
    CHECK(erased.body["erased"].size() == 2);
    const Reply after = ann.get("/api/v1/contacts/" + id);
    REQUIRE(after.status == 200);
    CHECK(after.body["sessions"].empty());
    CHECK(ann.get("/api/v1/chats/" + second + "/history").body["customer"] == "");
    CHECK(ann.get("/api/v1/chats/" + other.chat + "/history").body["customer"] != "");
  }
}
