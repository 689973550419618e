// Logins: an unknown login takes as long as a wrong password (no user names by timing); failures are
// throttled per login from one address (5 a minute) and per address (20 a minute), so nobody can lock
// a login out everywhere; tokens in the query string are taken by the event streams only.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
)";

Api from(int port, const std::string& address) {
  Api api(port);
  api.set_source_address(address);
  return api;
}

double median_ms(const Api& api, const std::string& login, int runs) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const Reply r = api.login(login, "wrong-password-" + std::to_string(i));
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    CHECK_MESSAGE(r.status == 401, r.describe());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

TEST_CASE("an unknown login takes about as long as a known one with a wrong password") {
  Running desk(ClockMode::system);
  REQUIRE(run_script(desk.admin, kSetup) == "");
  desk.user("ann", {"operator"}, "ann");
  const Api probe = from(desk.server.port(), "127.0.0.10");
  median_ms(probe, "warm-up-unknown", 1);
  const double known = median_ms(probe, "ann", 4);
  const double unknown = median_ms(probe, "no-such-login", 4);
  MESSAGE("median failed login: known " << known << " ms, unknown " << unknown << " ms");
  CHECK(unknown >= known / 3);
}

TEST_CASE("failed logins are throttled per login from an address and per address, apart") {
  Running desk(ClockMode::system);
  const int port = desk.server.port();
  REQUIRE(run_script(desk.admin, kSetup) == "");
  desk.user("ann", {"operator"}, "ann");

  SUBCASE("five failures for admin hold up admin from that address only") {
    const Api attacker = from(port, "127.0.0.11");
    for (int i = 0; i < 5; ++i) CHECK(attacker.login("admin", "guess-" + std::to_string(i)).status == 401);
    const Reply held = attacker.login("admin", kAdminPassword);
    CHECK(held.status == 429);
    CHECK(held.code() == "rate_limited");
    CHECK(from(port, "127.0.0.12").login("admin", kAdminPassword).status == 200);
    CHECK(attacker.login("ann", "ann-password").status == 200);  // another login from that address
  }
  SUBCASE("an address is held up after twenty failures over any logins") {
    const Api sprayer = from(port, "127.0.0.13");
    for (int i = 0; i < 5; ++i) CHECK(sprayer.login("user-" + std::to_string(i), "x").status == 401);
    CHECK(sprayer.login("ann", "ann-password").status == 200);  // five failures no longer lock everyone out
    for (int i = 5; i < 20; ++i) CHECK(sprayer.login("user-" + std::to_string(i), "x").status == 401);
    CHECK(sprayer.login("ann", "ann-password").status == 429);
    CHECK(from(port, "127.0.0.14").login("ann", "ann-password").status == 200);
  }
}

TEST_CASE("a token in the query string is taken by the event streams only") {
  Running desk(ClockMode::system);
  const int port = desk.server.port();
  const std::string token = desk.admin.token();
  Api bare(port);
  const Reply me = bare.get("/api/v1/me", {{"access_token", token}});
  CHECK(me.status == 401);
  CHECK(bare.get("/api/v1/agents", {{"access_token", token}}).status == 401);
  CHECK(desk.admin.get("/api/v1/me").status == 200);  // the header is the way
  const StreamResult stream = read_sse(port, "/api/v1/stream?access_token=" + token, {},
                                       [](const std::vector<SseEvent>&) { return false; }, 500);
  CHECK(stream.status == 200);

  REQUIRE(desk.admin.post("/api/v1/groups", json{{"id", "sales"}, {"name", "Sales"}}).status == 201);
  REQUIRE(desk.admin.post("/api/v1/channels", json{{"id", "site"}, {"kind", "widget"}, {"name", "Website"},
                                                   {"group", "sales"}, {"origins", {"*"}}}).status == 201);
  const Reply started = bare.post("/widget/v1/site/sessions", json{{"name", "Vera"}});
  REQUIRE_MESSAGE(started.status == 201, started.describe());
  const std::string visitor = started.body["token"].get<std::string>();
  CHECK(bare.get("/widget/v1/messages", {{"access_token", visitor}}).status == 401);
  CHECK(Api(port, visitor).get("/widget/v1/messages").status == 200);
  const StreamResult widget = read_sse(port, "/widget/v1/stream?access_token=" + visitor, {},
                                       [](const std::vector<SseEvent>&) { return false; }, 500);
  CHECK(widget.status == 200);
}
