// One parley-server per database and per port: a second server on the same database, or on a port
// already served, stops at start with a clear message and a non-zero status; the first keeps serving.
#include <doctest/doctest.h>

#include "server_process.hpp"

using namespace parley_test;

TEST_CASE("a second server on the same database is refused at start") {
  Running desk(ClockMode::system);
  const Finished second = run_server_to_exit({"--listen", "127.0.0.1:0", "--db", desk.dir.file("desk.db")}, 15000);
  CHECK_MESSAGE(second.status == 1, second.output);
  CHECK_MESSAGE(second.output.find("is in use by another parley-server (pid ") != std::string::npos, second.output);
  CHECK(desk.admin.get("/livez").status == 200);
  CHECK(desk.admin.get("/api/v1/me").status == 200);

  SUBCASE("the lock goes with the process, however it ends") {
    desk.server.kill9();
    REQUIRE_MESSAGE(desk.server.start(), desk.server.log());
    CHECK(Api(desk.server.port(), desk.admin.token()).get("/api/v1/me").status == 200);
    CHECK(desk.server.stop() == 0);
    REQUIRE_MESSAGE(desk.server.start(), desk.server.log());
  }
}

TEST_CASE("a second server on a port already served is refused at start") {
  Running desk(ClockMode::system);
  TempDir other;
  const std::string listen = "127.0.0.1:" + std::to_string(desk.server.port());
  const Finished second = run_server_to_exit({"--listen", listen, "--db", other.file("other.db")}, 15000);
  CHECK_MESSAGE(second.status == 1, second.output);
  CHECK_MESSAGE(second.output.find("cannot listen on " + listen) != std::string::npos, second.output);
  // Every new connection still reaches the first server (its token is unknown to any other).
  for (int i = 0; i < 20; ++i) CHECK(Api(desk.server.port(), desk.admin.token()).get("/api/v1/me").status == 200);
}
