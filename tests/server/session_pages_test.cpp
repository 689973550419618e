// GET /api/v1/agents/{id}/sessions pages through a list: `total` is the whole list's length, and
// pages by offset and limit put together are the list itself, in its order.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"accept"}}
{"type":"group.create","group":"support","name":"Support","settings":{"routing":"accept"}}
{"type":"agent.create","agent":"sue","name":"Sue Kim","groups":["sales","support"],"roles":["supervisor"]}
)";

std::vector<std::string> ids(const json& page) {
  std::vector<std::string> out;
  for (const json& row : page["chats"]) out.push_back(row["id"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("session lists come in pages") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  for (int i = 0; i < 7; ++i) {
    const std::string minute = std::to_string(10 + i);
    const json start{{"type", "chat.start"}, {"chat", "c" + std::to_string(i)}, {"group", i % 2 ? "support" : "sales"},
                     {"channel", "Widget"}, {"client", "client " + std::to_string(i)}, {"by", "client"}};
    REQUIRE(desk.admin.set_clock("2026-01-05T09:" + minute + ":00Z").status == 200);
    REQUIRE(desk.admin.command(start).status == 200);
  }
  const std::string path = "/api/v1/agents/sue/sessions";
  for (const char* view : {"queue", "active"}) {
    const json whole = desk.admin.get(path, {{"view", view}}).body;
    REQUIRE(whole["total"] == 7);
    const std::vector<std::string> all = ids(whole);
    REQUIRE(all.size() == 7);
    std::vector<std::string> paged;
    for (int offset = 0; offset < 9; offset += 3) {
      const json page = desk.admin.get(path, {{"view", view}, {"offset", std::to_string(offset)}, {"limit", "3"}}).body;
      CHECK(page["total"] == 7);
      CHECK(page["offset"] == offset);
      const auto rows = ids(page);
      CHECK(rows.size() == static_cast<std::size_t>(std::min(3, 7 - offset)));
      paged.insert(paged.end(), rows.begin(), rows.end());
    }
    CHECK(paged == all);
    CHECK(ids(desk.admin.get(path, {{"view", view}, {"offset", "7"}}).body).empty());
    CHECK(ids(desk.admin.get(path, {{"view", view}, {"offset", "100"}, {"limit", "5"}}).body).empty());
  }
  // The queue is oldest first.
  const std::vector<std::string> queue = ids(desk.admin.get(path, {{"view", "queue"}}).body);
  CHECK(queue == std::vector<std::string>{"c0", "c1", "c2", "c3", "c4", "c5", "c6"});
}
