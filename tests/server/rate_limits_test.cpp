// Rate limits over real HTTP: the staff API per token and per address, the widget's writes per
// address, 429 with Retry-After and a JSON error, others served meanwhile, refusals on /metrics.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kShop = "https://shop.example";

// How many of `n` calls in a row were answered 429 (each such answer checked), the rest 2xx.
template <class Call>
int refusals(int n, Call call) {
  int refused = 0;
  for (int i = 0; i < n; ++i) {
    const Reply r = call();
    if (r.status == 429) {
      ++refused;
      CHECK(r.code() == "rate_limited");
      CHECK(std::stoi(r.header("retry-after")) >= 1);
    } else {
      CHECK_MESSAGE(r.status / 100 == 2, r.describe());
    }
  }
  return refused;
}

std::uint64_t metric(const Api& api, const std::string& name) {
  const Reply r = api.get("/metrics");
  const std::size_t at = r.text.find(name + " ");
  return at == std::string::npos ? ~0ull : std::stoull(r.text.substr(at + name.size() + 1));
}

}  // namespace

TEST_CASE("a token over its staff limit gets 429 with Retry-After; other tokens and later calls are served") {
  Running desk(ClockMode::manual, {"--rate-limits", "staff-token=2/5"});
  Api other(desk.server.port());
  REQUIRE(other.sign_in("admin", kAdminPassword));  // a second token
  // The admin's token has used some of its burst signing in other; five more calls cannot all pass.
  CHECK(refusals(6, [&] { return desk.admin.get("/api/v1/groups"); }) >= 1);
  CHECK(other.get("/api/v1/groups").status == 200);  // a token of its own, and the address is not limited
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CHECK(desk.admin.get("/api/v1/groups").status == 200);  // refilled at two a second
  CHECK(metric(other, R"(parley_rate_limited_total{limit="staff-token"})") >= 1);
  CHECK(metric(other, R"(parley_rate_limited_total{limit="public-address"})") == 0);
}

TEST_CASE("widget sessions and messages are limited per address and per visitor token") {
  Running desk(ClockMode::manual, {"--rate-limits", "public-address=1/3,public-token=1/2"});
  REQUIRE(desk.admin.post("/api/v1/groups", json{{"id", "sales"}, {"name", "Sales"}}).status == 201);
  REQUIRE(desk.admin.post("/api/v1/channels", json{{"id", "site"}, {"kind", "widget"}, {"name", "Website"},
                                                   {"group", "sales"}, {"origins", {kShop}}}).status == 201);
  auto visitor_from = [&](const std::string& address) {
    Api api(desk.server.port());
    api.set_source_address(address);
    api.set_header("Origin", kShop);
    return api;
  };
  Api first = visitor_from("127.0.0.2");
  // Three sessions from one address pass (the burst), the next ones are refused.
  CHECK(refusals(5, [&] { return first.post("/widget/v1/site/sessions", json{{"name", "Flood"}}); }) == 2);
  // Another address is not affected.
  Api second = visitor_from("127.0.0.3");
  const Reply started = second.post("/widget/v1/site/sessions", json{{"name", "Vera"}});
  REQUIRE_MESSAGE(started.status == 201, started.describe());
  // One visitor token: its messages pass two at a time, from any address.
  const std::string token = started.body["token"].get<std::string>();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  int sent = 0;
  const int refused = refusals(4, [&] {  // each from an address of its own
    Api elsewhere = visitor_from("127.0.1." + std::to_string(++sent));
    elsewhere.set_token(token);
    return elsewhere.post("/widget/v1/messages", json{{"text", "hello " + std::to_string(sent)}});
  });
  CHECK(refused >= 1);
  CHECK(refused <= 2);
  // Refused messages were not stored.
  second.set_token(token);
  const Reply history = second.get("/widget/v1/messages");
  REQUIRE(history.status == 200);
  int stored = 0;
  for (const json& m : history.body["messages"]) stored += m.value("text", "").rfind("hello ", 0) == 0;
  CHECK(stored == 4 - refused);
  CHECK(metric(desk.admin, R"(parley_rate_limited_total{limit="public-address"})") == 2);
  CHECK(metric(desk.admin, R"(parley_rate_limited_total{limit="public-token"})") == static_cast<std::uint64_t>(refused));
}

TEST_CASE("bad --rate-limits text stops the server at start with the reason") {
  for (const char* bad : {"staff-token=5", "nobody=1/1", "staff-token=-1/5", "staff-token=2/0", "public-address=x/y"}) {
    CAPTURE(bad);
    const Finished run = run_server_to_exit({"--rate-limits", bad, "--listen", "127.0.0.1:0"}, 10000);
    CHECK(run.status == 2);
    CHECK(run.output.find("--rate-limits") != std::string::npos);
  }
}
