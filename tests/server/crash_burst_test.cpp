// kill -9 in the middle of a burst of concurrent customer messages: after a restart every message
// the server acknowledged with 200 is in the timeline exactly once, and resending any of them adds nothing.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
{"at":"2026-01-05T09:01:00Z","type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"}
)";

json customer_message(const std::string& id) {
  return json{{"type", "message.send"}, {"chat", "c1"}, {"from", "client"}, {"text", "text of " + id}, {"message", id}};
}

std::map<std::string, int> message_counts(const Api& api) {
  std::map<std::string, int> counts;
  const Reply chat = api.get("/api/v1/chats/c1");
  REQUIRE(chat.status == 200);
  for (const json& item : chat.body["timeline"])
    if (item["type"] == "message") ++counts[item["id"].get<std::string>()];
  return counts;
}

}  // namespace

TEST_CASE("no acknowledged message is lost or doubled by kill -9 mid-burst") {
  constexpr int kThreads = 6, kMaxPerThread = 20000, kAckedBeforeKill = 1000;
  Running desk(ClockMode::manual, {"--rate-limits", "off"});  // a flood on purpose: durability, not limits
  REQUIRE(run_script(desk.admin, kSetup) == "");
  const int port = desk.server.port();
  const std::string token = desk.admin.token();

  std::atomic<int> acked_total{0}, unexpected{0}, cut_off{0};
  std::vector<std::vector<std::string>> acked(kThreads), attempted(kThreads);
  std::vector<std::thread> senders;
  for (int t = 0; t < kThreads; ++t)
    senders.emplace_back([&, t] {
      Api api(port, token);
      for (int i = 0; i < kMaxPerThread; ++i) {
        const std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
        attempted[t].push_back(id);
        const Reply r = api.command(customer_message(id));
        if (r.status == 200) {
          acked[t].push_back(id);
          ++acked_total;
        } else {
          (r.status == 0 ? cut_off : unexpected) += 1;
          return;
        }
      }
    });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (acked_total < kAckedBeforeKill && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  desk.server.kill9();
  for (auto& s : senders) s.join();
  REQUIRE(acked_total >= kAckedBeforeKill);
  CHECK(unexpected == 0);
  CHECK(cut_off == kThreads);  // every sender was still busy when the server died

  REQUIRE(desk.server.start());
  desk.admin = Api(desk.server.port(), token);
  CHECK(desk.admin.get("/readyz").status == 200);
  auto counts = message_counts(desk.admin);
  int missing = 0, doubled = 0;
  std::string first_missing;
  for (const auto& ids : acked)
    for (const std::string& id : ids)
      if (counts[id] == 0 && missing++ == 0) first_missing = id;
  for (const auto& [id, n] : counts) doubled += n > 1;
  INFO("acknowledged: ", acked_total.load(), ", stored: ", counts.size(), ", first missing: ", first_missing);
  CHECK(missing == 0);
  CHECK(doubled == 0);
  CHECK(counts.size() >= static_cast<std::size_t>(acked_total.load()));

  // Clients retry what they never saw answered (and what they did): each id still appears once.
  std::size_t total = 0;
  int refused = 0;
  for (const auto& ids : attempted) {
    total += ids.size();
    for (const std::string& id : ids) refused += desk.admin.command(customer_message(id)).status != 200;
  }
  CHECK(refused == 0);
  counts = message_counts(desk.admin);
  CHECK(counts.size() == total);
  doubled = 0;
  for (const auto& [id, n] : counts) doubled += n > 1;
  CHECK(doubled == 0);
}
