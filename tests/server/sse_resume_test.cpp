// GET /api/v1/stream: ids are the event sequence; reconnecting with Last-Event-ID delivers every
// missed event exactly once and in order (also while changes race the reconnect, and after a restart).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto"}}
{"type":"group.create","group":"support","name":"Support","settings":{"routing":"auto"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"zed","name":"Zed Zo","groups":["support"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
{"type":"agent.set_status","agent":"zed","status":"online"}
{"at":"2026-01-05T09:01:00Z","type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"}
{"type":"chat.start","chat":"c2","group":"support","channel":"Widget","client":"eve","by":"client"}
)";

// Sends `n` client messages to c1 and returns the highest event seq the server answered with.
std::uint64_t send_messages(const Api& api, const std::string& prefix, int n, const std::string& chat = "c1") {
  std::uint64_t last = 0;
  for (int i = 0; i < n; ++i) {
    const Reply r = api.command(json{{"type", "message.send"}, {"chat", chat}, {"from", "client"},
                                     {"text", prefix + std::to_string(i)}});
    CHECK(r.status == 200);  // CHECK: also called from a writer thread
    for (const json& e : r.body["events"]) last = std::max(last, e["seq"].get<std::uint64_t>());
  }
  return last;
}

auto until_id(std::uint64_t id) {
  return [id](const std::vector<SseEvent>& events) { return !events.empty() && events.back().id >= id; };
}

// The ids must be exactly from+1 … to, in order.
void check_exactly(const std::vector<SseEvent>& events, std::uint64_t from, std::uint64_t to) {
  REQUIRE(to > from);
  CHECK(events.size() == to - from);
  for (std::size_t i = 0; i < events.size(); ++i) CHECK(events[i].id == from + 1 + i);
}

}  // namespace

TEST_CASE("a reconnect with Last-Event-ID gets every missed event once, in order") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  const std::string token = desk.admin.token();
  const int port = desk.server.port();

  const auto first = read_stream(port, token, 1, [](const auto& e) { return e.size() >= 5; }, 5000);
  REQUIRE(first.status == 200);
  REQUIRE(first.events.size() >= 5);
  CHECK(first.events[0].id == 2);  // Last-Event-ID 1: the log after it
  for (std::size_t i = 1; i < first.events.size(); ++i) CHECK(first.events[i].id == first.events[i - 1].id + 1);
  for (const SseEvent& e : first.events) {
    const json data = json::parse(e.data, nullptr, false);
    CHECK(data.is_object());
    CHECK(data.value("type", "") == e.type);
  }
  const std::uint64_t seen = first.events[4].id;

  const std::uint64_t last = send_messages(desk.admin, "missed ", 12);
  const auto resumed = read_stream(port, token, seen, until_id(last), 5000);
  check_exactly(resumed.events, seen, last);

  // The same events as a resume from the start shows for those ids, byte for byte.
  const auto full = read_stream(port, token, 1, until_id(last), 5000);
  REQUIRE(full.events.size() == last - 1);
  for (const SseEvent& e : resumed.events) CHECK(e.data == full.events[e.id - 2].data);

  // Changes racing the reconnect: each arrives once, from the backlog or live. The writer's last
  // command ("nudge") only makes sure the stream wakes up after `to` is known.
  std::uint64_t from = last;
  for (int round = 0; round < 5; ++round) {
    std::atomic<std::uint64_t> to{0};
    std::thread writer([&] {
      to = send_messages(desk.admin, "race " + std::to_string(round) + " ", 6);
      send_messages(desk.admin, "nudge ", 1);
    });
    const auto live = read_stream(port, token, from, [&](const auto& events) {
      return to != 0 && !events.empty() && events.back().id >= to;
    }, 8000);
    writer.join();
    CAPTURE(round);
    REQUIRE(!live.events.empty());
    CHECK(live.events.back().id >= to);
    check_exactly(live.events, from, live.events.back().id);
    from = live.events.back().id;
  }
}

TEST_CASE("an agent's stream carries only its groups' chats") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  std::uint64_t last = 0;
  const auto events = read_sse(
      desk.server.port(), "/api/v1/stream", {{"Authorization", "Bearer " + ann.token()}},
      [&](const std::vector<SseEvent>& got) { return last != 0 && !got.empty() && got.back().id >= last; }, 5000,
      [&] {
        last = std::max(send_messages(desk.admin, "to support ", 2, "c2"), send_messages(desk.admin, "to sales ", 2, "c1"));
      }).events;
  int snapshots = 0, sales = 0;
  for (const SseEvent& e : events) {
    const json data = json::parse(e.data, nullptr, false);
    CHECK(data.value("chat", "") != "c2");
    snapshots += e.type == "chat.snapshot";
    sales += e.id != 0 && data.value("chat", "") == "c1";
  }
  CHECK(events.front().type == "replica.reset");  // no Last-Event-ID: the bootstrap first
  CHECK(snapshots == 1);                          // c1, as it was
  CHECK(sales == 2);                              // then c1's two messages, live
}

TEST_CASE("a transfer into another group reaches the new group's streams with the chat first") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api zed = desk.user("zed", {"operator"}, "zed");
  std::uint64_t transferred = 0;
  const auto events = read_sse(
      desk.server.port(), "/api/v1/stream", {{"Authorization", "Bearer " + zed.token()}},
      [&](const std::vector<SseEvent>& got) { return transferred != 0 && !got.empty() && got.back().id >= transferred; },
      5000,
      [&] {
        const Reply r = desk.admin.command(json{{"type", "chat.transfer"}, {"chat", "c1"}, {"by", "agent:ann"},
                                                {"to_group", "support"}});
        CHECK(r.status == 200);
        for (const json& e : r.body["events"]) transferred = std::max(transferred, e["seq"].get<std::uint64_t>());
      }).events;
  std::size_t at = 0;
  while (at < events.size() && events[at].type != "chat.transferred") ++at;
  REQUIRE(at < events.size());
  REQUIRE(at > 0);
  CHECK(events[at - 1].type == "chat.snapshot");  // c1 as it was, then the transfer
  CHECK(events[at - 1].id == 0);
  CHECK(json::parse(events[at - 1].data).value("chat", "") == "c1");
  CHECK(json::parse(events[at - 1].data).value("group", "") == "sales");
}

TEST_CASE("Last-Event-ID resumes across a server restart") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  const std::uint64_t seen = send_messages(desk.admin, "before ", 3);
  REQUIRE(read_stream(desk.server.port(), desk.admin.token(), seen - 3, until_id(seen), 5000).events.size() == 3);
  const std::uint64_t last = send_messages(desk.admin, "unseen ", 4);  // committed, never delivered
  desk.restart();
  const auto resumed = read_stream(desk.server.port(), desk.admin.token(), seen, until_id(last), 3000);
  CHECK(resumed.status == 200);
  check_exactly(resumed.events, seen, last);
}

TEST_CASE("SIGTERM ends open streams and exits promptly") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  StreamResult open;
  std::thread reader([&] {
    open = read_stream(desk.server.port(), desk.admin.token(), std::nullopt, [](const auto&) { return false; }, 20000);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto started = std::chrono::steady_clock::now();
  CHECK(desk.server.stop() == 0);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  reader.join();
  CHECK(open.status == 200);
  CHECK(!open.events.empty());
}
