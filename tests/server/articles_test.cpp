// The knowledge base over HTTP: staff search articles (every word, folded, title hits first), only
// admins write them, bad fields change nothing, and they survive a restart.
#include <doctest/doctest.h>

#include "server_process.hpp"

using namespace parley_test;
using json = nlohmann::json;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"accept"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"rita","name":"Rita Roe","groups":["sales"],"roles":["reader"]}
)";

std::string ids_of(const Reply& reply) {
  std::string out;
  for (const json& a : reply.body["articles"]) out += (out.empty() ? "" : ",") + a["id"].get<std::string>();
  return out;
}

}  // namespace

TEST_CASE("articles: staff search them, admins write them") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  Api rita = desk.user("rita", {"reader"}, "rita");
  const int port = desk.server.port();

  const json returns{{"id", "returns"}, {"title", "Returns and refunds"}, {"link", "https://help.example.com/returns"},
                     {"body", "Send the parcel back within 30 days."}, {"tags", {"refund"}}};
  const Reply created = desk.admin.post("/api/v1/articles", returns);
  REQUIRE_MESSAGE(created.status == 201, created.describe());
  CHECK(created.body == returns);
  CHECK(desk.admin.post("/api/v1/articles", returns).code() == "already_exists");
  REQUIRE(desk.admin.post("/api/v1/articles", json{{"id", "lost"}, {"title", "Lost parcel"}, {"body", "Ask the carrier."}})
              .status == 201);
  const Reply generated = desk.admin.post("/api/v1/articles", json{{"title", "Größe und Café"}, {"tags", {"sizes"}}});
  REQUIRE(generated.status == 201);
  const std::string sizes = generated.body["id"];

  // Bad fields are refused and change nothing.
  CHECK(desk.admin.post("/api/v1/articles", json{{"title", ""}}).code() == "bad_command");
  CHECK(desk.admin.post("/api/v1/articles", json{{"title", "x"}, {"link", "javascript:alert(1)"}}).code() == "bad_command");
  CHECK(desk.admin.post("/api/v1/articles", json{{"title", "x"}, {"tags", "refund"}}).code() == "bad_command");
  CHECK(desk.admin.post("/api/v1/articles", json{{"title", "x"}, {"tags", {"a", "A"}}}).code() == "bad_command");
  CHECK(desk.admin.post("/api/v1/articles", json{{"id", "no spaces"}, {"title", "x"}}).code() == "bad_command");

  // Search: every word, folded; title hits before body hits.
  CHECK(ids_of(ann.get("/api/v1/articles")) == sizes + ",lost,returns");  // by title when nothing is asked
  CHECK(ids_of(ann.get("/api/v1/articles?q=parcel")) == "lost,returns");
  CHECK(ids_of(rita.get("/api/v1/articles?q=PARCEL%2030")) == "returns");
  CHECK(ids_of(ann.get("/api/v1/articles?q=grosse%20cafe")) == sizes);
  CHECK(ann.get("/api/v1/articles?q=" + std::string(600, 'a')).code() == "bad_command");
  CHECK(ann.get("/api/v1/articles/lost").body["title"] == "Lost parcel");
  CHECK(ann.get("/api/v1/articles/nope").code() == "unknown_article");
  CHECK(Api(port).get("/api/v1/articles").status == 401);

  // Only admins write.
  CHECK(ann.post("/api/v1/articles", json{{"title", "Mine"}}).status == 403);
  CHECK(ann.put("/api/v1/articles/lost", json{{"title", "Mine"}}).status == 403);
  CHECK(ann.remove("/api/v1/articles/lost").status == 403);
  const Reply updated = desk.admin.put("/api/v1/articles/lost", json{{"title", "Lost or late parcel"}, {"body", "Wait two days."}});
  REQUIRE(updated.status == 200);
  CHECK(ann.get("/api/v1/articles?q=late").body["articles"][0]["body"] == "Wait two days.");
  CHECK(desk.admin.put("/api/v1/articles/nope", json{{"title", "t"}}).code() == "unknown_article");
  CHECK(desk.admin.remove("/api/v1/articles/" + sizes).status == 204);
  CHECK(desk.admin.remove("/api/v1/articles/" + sizes).code() == "unknown_article");

  desk.restart();
  CHECK(ids_of(desk.admin.get("/api/v1/articles")) == "lost,returns");
  CHECK(desk.admin.get("/api/v1/articles/returns").body == returns);
  const json audit = desk.admin.get("/api/v1/audit").body;
  CHECK_MESSAGE(audit.dump().find("Lost or late parcel") != std::string::npos, audit.dump());
}
