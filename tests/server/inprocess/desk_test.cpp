// The desk in-process over the in-memory EventStore: decide → commit → apply → publish; a failed
// commit changes nothing readers or streams can see, and the batch is answered as failed.
#include <doctest/doctest.h>

#include "desk.hpp"
#include "memory_event_store.hpp"
#include "replica_feed.hpp"
#include "stream_routing.hpp"

namespace parley::server {

namespace {

constexpr Timestamp kT0 = 1767603600000;  // 2026-01-05T09:00:00Z

Command command(std::string_view text) {
  const auto json = parse_json(text);
  REQUIRE(json.has_value());
  auto parsed = command_from_json(*json);
  REQUIRE(parsed.ok());
  return parsed.value();
}

struct RunningDesk {
  MemoryEventStore store;
  Clock clock{Clock::Mode::manual};
  EventHub hub;
  Desk desk{store, clock, hub};
  RunningDesk() {
    clock.set(kT0);
    std::string error;
    REQUIRE(desk.load(error));
    hub.start_after(desk.last_seq());
    desk.start();
  }
  ~RunningDesk() { desk.stop(); }
  Reply run(std::string_view text) { return desk.submit(command(text)); }
  std::string fingerprint() {
    return desk.read([](const State& state, Timestamp) { return test::agent_view(state, "ann", {"c1"}, state.last_event_at); });
  }
};

void setup(RunningDesk& d) {
  for (const char* text : {R"({"type":"group.create","group":"sales","settings":{"routing":"accept"}})",
                           R"({"type":"group.create","group":"support","settings":{"routing":"accept"}})",
                           R"({"type":"agent.create","agent":"ann","name":"Ann","groups":["sales"],"roles":["operator"]})",
                           R"({"type":"agent.create","agent":"zed","name":"Zed","groups":["support"],"roles":["operator"]})",
                           R"({"type":"agent.set_status","agent":"ann","status":"online"})",
                           R"({"type":"agent.set_status","agent":"zed","status":"online"})",
                           R"({"type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"})",
                           R"({"type":"chat.accept","chat":"c1","agent":"ann"})"}) {
    const Reply reply = d.run(text);
    REQUIRE_MESSAGE(!reply.error, text);
    REQUIRE_FALSE(reply.storage_failed);
  }
}

}  // namespace

TEST_CASE("a failed commit leaves the readers' State, the log and the streams as they were") {
  RunningDesk d;
  setup(d);
  const std::string before = d.fingerprint();
  const std::uint64_t seq = d.desk.last_seq();
  std::vector<PublishedPtr> backlog;
  std::uint64_t first_kept = 0;
  auto everything = d.hub.subscribe(Viewer{true, kNoIndex, {}}, seq, backlog, first_kept);

  d.store.fail_next_appends(1);
  const Reply failed = d.run(R"({"type":"message.send","chat":"c1","from":"agent:ann","text":"lost"})");
  CHECK(failed.storage_failed);
  CHECK(failed.events.empty());
  CHECK(d.fingerprint() == before);
  CHECK(d.desk.last_seq() == seq);
  CHECK(d.store.size() == seq);
  CHECK(everything->wait(50).empty());

  // The next command is decided on the State as committed, not on the failed batch's.
  const Reply next = d.run(R"({"type":"message.send","chat":"c1","from":"agent:ann","text":"kept"})");
  REQUIRE_FALSE(next.storage_failed);
  REQUIRE(next.events.size() == 1);
  CHECK(next.events[0]["seq"] == seq + 1);
  const auto texts = d.desk.read([](const State& state, Timestamp) {
    std::vector<std::string> out;
    for (const Message& m : state.find_chat("c1")->messages) out.push_back(m.text);
    return out;
  });
  CHECK(texts == std::vector<std::string>{"kept"});
  CHECK(everything->wait(1000).size() == 1);
  d.hub.unsubscribe(everything);
}

TEST_CASE("a reader never sees an event before it is committed") {
  RunningDesk d;
  setup(d);
  // Every published event is already in the store and in the readers' State when it arrives.
  std::vector<PublishedPtr> backlog;
  std::uint64_t first_kept = 0;
  auto everything = d.hub.subscribe(Viewer{true, kNoIndex, {}}, d.desk.last_seq(), backlog, first_kept);
  const Reply reply = d.run(R"({"type":"message.send","chat":"c1","from":"agent:ann","text":"hi"})");
  REQUIRE_FALSE(reply.storage_failed);
  const auto events = everything->wait(1000);
  REQUIRE(events.size() == 1);
  CHECK(d.store.size() >= events[0]->seq);
  CHECK(d.desk.read([](const State& state, Timestamp) { return state.find_chat("c1")->messages.size(); }) == 1);
  d.hub.unsubscribe(everything);
}

TEST_CASE("a transfer into another group reaches its members' streams with the chat's snapshot first") {
  RunningDesk d;
  setup(d);
  const AgentIx zed = d.desk.read([](const State& state, Timestamp) { return state.agent_ix("zed"); });
  std::vector<PublishedPtr> backlog;
  std::uint64_t first_kept = 0;
  auto zed_stream = d.hub.subscribe(Viewer{false, zed, {}}, d.desk.last_seq(), backlog, first_kept);
  REQUIRE_FALSE(d.run(R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_group":"support"})").error);
  const auto events = zed_stream->wait(1000);
  REQUIRE(events.size() == 1);
  CHECK(events[0]->type == "chat.transferred");
  REQUIRE(events[0]->preludes.size() == 1);
  CHECK(events[0]->preludes[0].type == "chat.snapshot");
  CHECK(gets_event(Viewer{false, zed, {}}, *events[0]));
  d.hub.unsubscribe(zed_stream);
}

TEST_CASE("an append at a position the log is not at is a conflict and appends nothing") {
  MemoryEventStore store;
  CHECK(store.append(0, {EventRecord{"a"}, EventRecord{"b"}}).ok());
  const AppendResult stale = store.append(1, {EventRecord{"c"}});
  CHECK(stale.outcome == AppendResult::Outcome::conflict);
  CHECK(store.size() == 2);
  const AppendResult next = store.append(2, {EventRecord{"c"}});
  CHECK(next.ok());
  CHECK(next.first_seq == 3);
  CHECK(store.read(1, 10).size() == 2);
}

}  // namespace parley::server
