// The event worker over a real SQLite log and cursor: wanted events are handled in log order per
// lane, the saved cursor never passes an unfinished event (at least once), an unfinished event is
// tried again, and a new worker of the same name resumes after the cursor.
#include <algorithm>
#include <doctest/doctest.h>
#include <stdlib.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "event_worker.hpp"
#include "sqlite_store.hpp"
#include "wire.hpp"

namespace parley::server {

namespace {

struct TempLog {
  std::string dir;
  std::unique_ptr<SqliteStore> store;
  TempLog() {
    char pattern[] = "/tmp/parley-worker-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    dir = pattern;
    std::string error;
    store = SqliteStore::open(dir + "/desk.db", error);
    REQUIRE_MESSAGE(store, error);
  }
  ~TempLog() {
    store.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  // Appends chat.read events (one per chat name) and returns the last seq.
  std::uint64_t append(std::initializer_list<const char*> chats) {
    std::vector<EventRecord> records;
    for (const char* chat : chats) {
      EventRecord r;
      r.json = std::string(R"({"at":"2026-01-05T09:00:00Z","type":"chat.read","chat":")") + chat + R"(","agent":"ann"})";
      r.type = "chat.read";
      r.chat = chat;
      records.push_back(r);
    }
    const auto result = store->append(store->last_seq(), records);
    REQUIRE(result.ok());
    return store->last_seq();
  }
};

// Wants events of chats other than "skip", on a lane per chat; can hold one seq until released and
// refuse to finish one seq a number of times.
struct Recorder : EventHandler {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::pair<std::uint64_t, std::string>> handled;
  std::map<std::uint64_t, int> attempts;
  std::uint64_t hold = 0;
  std::uint64_t refuse = 0;
  int refusals_left = 0;

  std::optional<std::string> lane_of(std::uint64_t, const Event& event) override {
    const auto* read = std::get_if<ChatRead>(&event.body);
    if (!read || read->chat == "skip") return std::nullopt;
    return read->chat;
  }
  bool handle(std::uint64_t seq, const Event& event) override {
    std::unique_lock lock(mutex);
    ++attempts[seq];
    changed.wait(lock, [&] { return hold != seq; });
    if (seq == refuse && refusals_left > 0) {
      --refusals_left;
      return false;
    }
    handled.emplace_back(seq, std::get<ChatRead>(event.body).chat);
    changed.notify_all();
    return true;
  }
  bool wait_for(std::size_t count) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(10), [&] { return handled.size() >= count; });
  }
};

EventWorkerOptions options() {
  EventWorkerOptions o;
  o.name = "test";
  o.lanes = 3;
  o.wake_ms = 20;
  o.retry_ms = 20;
  return o;
}

std::uint64_t cursor(TempLog& log) {
  const auto saved = log.store->cursors.position("test");
  return saved.ok() ? *saved : 0;
}

bool eventually(const std::function<bool()>& condition) {
  for (int i = 0; i < 500; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

}  // namespace

TEST_CASE("wanted events are handled once each, in order per lane, and the cursor follows") {
  TempLog log;
  EventHub hub;
  Recorder recorder;
  log.append({"a", "b", "skip", "a", "c", "a"});
  {
    EventWorker worker(options(), *log.store, hub, log.store->cursors, [&] { return log.store->last_seq(); }, recorder);
    REQUIRE(recorder.wait_for(5));
    CHECK(eventually([&] { return cursor(log) == 6; }));
  }
  std::vector<std::uint64_t> lane_a;
  for (const auto& [seq, chat] : recorder.handled)
    if (chat == "a") lane_a.push_back(seq);
  CHECK(lane_a == std::vector<std::uint64_t>{1, 4, 6});
  CHECK(recorder.handled.size() == 5);  // "skip" is not wanted

  // A new worker of the same name resumes after the cursor: only the new events.
  log.append({"d", "a"});
  Recorder next;
  EventWorker worker(options(), *log.store, hub, log.store->cursors, [&] { return log.store->last_seq(); }, next);
  REQUIRE(next.wait_for(2));
  CHECK(eventually([&] { return cursor(log) == 8; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::lock_guard lock(next.mutex);
  auto handled = next.handled;  // lanes run side by side: only the order within a lane is fixed
  std::sort(handled.begin(), handled.end());
  CHECK(handled == std::vector<std::pair<std::uint64_t, std::string>>{{7, "d"}, {8, "a"}});
}

TEST_CASE("the cursor stays before an unfinished event, which a restarted worker handles again") {
  TempLog log;
  EventHub hub;
  log.append({"a", "b", "c", "b"});
  {
    Recorder recorder;
    recorder.hold = 2;  // b's first event hangs: c and the events before it finish
    EventWorker worker(options(), *log.store, hub, log.store->cursors, [&] { return log.store->last_seq(); }, recorder);
    REQUIRE(recorder.wait_for(2));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(worker.done_through() == 1);
    CHECK(cursor(log) == 1);
    {
      std::lock_guard lock(recorder.mutex);
      recorder.hold = 0;  // it finishes while the worker stops: a crash would have lost nothing either
      recorder.refuse = 4;
      recorder.refusals_left = 1000;  // and seq 4 never finishes
    }
    recorder.changed.notify_all();
    CHECK(eventually([&] { return cursor(log) == 3; }));
  }
  CHECK(cursor(log) == 3);
  Recorder again;
  EventWorker worker(options(), *log.store, hub, log.store->cursors, [&] { return log.store->last_seq(); }, again);
  REQUIRE(again.wait_for(1));
  std::lock_guard lock(again.mutex);
  CHECK(again.handled == std::vector<std::pair<std::uint64_t, std::string>>{{4, "b"}});
}

TEST_CASE("an event the handler could not finish is tried again on its lane before the next one") {
  TempLog log;
  EventHub hub;
  Recorder recorder;
  recorder.refuse = 1;
  recorder.refusals_left = 2;
  log.append({"a", "a"});
  EventWorker worker(options(), *log.store, hub, log.store->cursors, [&] { return log.store->last_seq(); }, recorder);
  REQUIRE(recorder.wait_for(2));
  std::lock_guard lock(recorder.mutex);
  CHECK(recorder.attempts[1] == 3);
  CHECK(recorder.handled == std::vector<std::pair<std::uint64_t, std::string>>{{1, "a"}, {2, "a"}});
}

TEST_CASE("events past what the desk's readers see wait") {
  TempLog log;
  EventHub hub;
  Recorder recorder;
  log.append({"a", "b", "c"});
  std::atomic<std::uint64_t> visible{1};
  EventWorker worker(options(), *log.store, hub, log.store->cursors, [&] { return visible.load(); }, recorder);
  REQUIRE(recorder.wait_for(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(recorder.wait_for(1));
  {
    std::lock_guard lock(recorder.mutex);
    CHECK(recorder.handled.size() == 1);
  }
  visible = 3;
  CHECK(recorder.wait_for(3));
}

}  // namespace parley::server
