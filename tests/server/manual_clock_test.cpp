// POST /api/v1/clock (--clock manual only): moves forward only, fires due timers, and answers with
// the timer events it caused; on the system clock the route does not exist.
#include <doctest/doctest.h>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto","close_silent":true,"close_silent_after_min":10}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
{"at":"2026-01-05T09:01:00Z","type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"}
{"at":"2026-01-05T09:03:00Z","type":"message.send","chat":"c1","from":"agent:ann","text":"anyone there?"}
)";

}  // namespace

TEST_CASE("the manual clock drives timers") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  const Reply back = desk.admin.set_clock("2026-01-05T09:02:00Z");
  CHECK(back.status == 409);
  CHECK(back.code() == "bad_state");
  CHECK(desk.admin.set_clock("yesterday").status == 400);

  const Reply early = desk.admin.set_clock("2026-01-05T09:12:59Z");
  REQUIRE(early.status == 200);
  CHECK(early.body["now"] == "2026-01-05T09:12:59Z");
  CHECK(desk.admin.get("/api/v1/chats/c1").body["state"] == "open");
  CHECK(desk.admin.get("/api/v1/agents/ann/stats").body["total_ms"] == 12 * 60000 + 59000);

  const Reply due = desk.admin.set_clock("2026-01-05T09:13:00Z");
  REQUIRE(due.status == 200);
  CHECK(desk.admin.get("/api/v1/chats/c1").body["state"] == "closed");
  // The answer lists the timer events the move caused (here: the silent-client close).
  CHECK(!due.body["events"].empty());
}

TEST_CASE("without --clock manual there is no clock route") {
  Running desk(ClockMode::system);
  CHECK(desk.admin.set_clock("2030-01-01T00:00:00Z").status == 404);
}
