// The web client's frames natively: ImGui with no renderer, a fake Host, States built with the core.
// Clicks and typing go through ImGui's input queue at the rectangles the test hook records.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <chrono>
#include <cstring>
#include <map>

#include "actions.hpp"
#include "app.hpp"
#include "contact_wire.hpp"
#include "engine.hpp"
#include "font_atlas.hpp"
#include "emoji_catalog.hpp"
#include "glyphs.hpp"
#include "replica_wire.hpp"
#include "stats.hpp"
#include "stream_routing.hpp"
#include "theme.hpp"
#include "view_gui.hpp"

using namespace parley;
using namespace parley::web;

namespace {

const Timestamp T0 = *parse_rfc3339("2026-01-05T09:00:00Z");

struct FakeHost : Host {
  Timestamp wall = T0;
  std::map<std::pair<int, std::string>, std::string> storage;
  std::vector<std::pair<std::string, std::string>> sign_ins;
  std::vector<std::string> posted;  // command JSON bodies
  std::vector<std::uint64_t> requests;
  std::vector<std::uint64_t> streams;  // `after` of every open_stream
  int closes = 0;

  Timestamp wall_ms() override { return wall; }
  void sign_in(const std::string& login, const std::string& password) override { sign_ins.emplace_back(login, password); }
  void check_token(const std::string&) override {}
  void sign_out(const std::string&) override {}
  void open_stream(const std::string&, std::uint64_t after) override { streams.push_back(after); }
  void close_stream() override { ++closes; }
  void post_command(std::uint64_t request, const std::string&, const std::string& body) override {
    requests.push_back(request);
    posted.push_back(body);
  }
  std::optional<std::string> load(Store store, const std::string& key) override {
    const auto found = storage.find({static_cast<int>(store), key});
    if (found == storage.end()) return std::nullopt;
    return found->second;
  }
  void save(Store store, const std::string& key, const std::string& value) override {
    storage[{static_cast<int>(store), key}] = value;
  }
  void remove(Store store, const std::string& key) override { storage.erase({static_cast<int>(store), key}); }
  std::vector<std::pair<FileStore, std::string>> picks;  // (store, chat) of every pick_files
  std::vector<Attachment> opened;
  int template_loads = 0;
  void pick_files(FileStore store, const std::string&, const std::string& chat) override {
    picks.emplace_back(store, chat);
  }
  void open_file(FileStore, const std::string&, const Attachment& file) override { opened.push_back(file); }
  void get_templates(const std::string&) override { ++template_loads; }
  std::vector<std::pair<std::uint64_t, std::string>> asked;  // (request, "METHOD route") of every request
  std::vector<std::string> bodies;                            // and its body
  void request(std::uint64_t request, const std::string&, const std::string& method, const std::string& route,
               const std::string& body) override {
    asked.emplace_back(request, method + " " + route);
    bodies.push_back(body);
  }

  Json last_posted() const { return posted.empty() ? Json(nullptr) : *parse_json(posted.back()); }
  bool posted_type(const std::string& type) const {
    for (const std::string& body : posted)
      if ((*parse_json(body))["type"] == type) return true;
    return false;
  }
};

// 1280×720 with keyboard navigation; clicks as a browser test makes them.
struct Gui : ViewGui {
  Gui() : ViewGui(GuiOptions{ImVec2(1280, 720), true, false, 1}) {}
};

// A desk built with the core and fed to the app as the server streams it to `viewer`: routed event
// by event, with the snapshots and forgets the core sends along (replica items come with seq 0).
struct Desk {
  State state;
  Events log;
  State routed;  // the server's committed State
  std::string viewer = "ann";
  Timestamp at = T0;
  void run(const Command& command, Duration after = 0) {
    at += after;
    Outcome outcome = handle(state, command, at);
    REQUIRE_MESSAGE(!outcome.error, (outcome.error ? outcome.error->message : ""));
    log.insert(log.end(), outcome.events.begin(), outcome.events.end());
  }
  std::uint64_t fed = 0;
  void feed(App& app) {
    for (; fed < log.size(); ++fed) {
      const RoutedEvent r = apply_routed(routed, log[fed]);
      const StreamViewer v{false, routed.agent_ix(viewer)};
      for (const ReplicaItem* item : preludes_for(r, v)) app.on_stream_event(0, replica_item_to_json(*item).dump());
      if (gets_event(r, v)) app.on_stream_event(fed + 1, event_to_json(log[fed]).dump());
      for (const ReplicaItem* item : postludes_for(r, v)) app.on_stream_event(0, replica_item_to_json(*item).dump());
    }
  }
};

Actor agent(const char* id) { return Actor{ActorKind::agent, id}; }
Actor client() { return Actor{ActorKind::client, {}}; }

void small_desk(Desk& d) {
  GroupSettings accept;
  accept.routing = Routing::accept;
  d.run(CreateGroup{"sales", "Sales", {}});
  d.run(CreateGroup{"support", "Support", accept});
  d.run(CreateAgent{"ann", "Ann Lee", "Ann", {"sales", "support"}, kRoleOperator});
  d.run(CreateAgent{"sue", "Sue Park", "", {"sales", "support"}, kRoleOperator | kRoleSupervisor});
  d.run(SetAgentStatus{"ann", AgentStatus::online}, kMinute);
  d.run(SetAgentStatus{"sue", AgentStatus::online});
  d.run(StartChat{"c1", "sales", "Widget", "Bob", client()}, kMinute);
  d.run(SendMessage{"c1", client(), "Hello, is the blue one in stock?", {}}, 10 * kSecond);
  d.run(StartChat{"c2", "support", "Telegram", "Ольга", client()}, kMinute);
  d.run(SendMessage{"c2", client(), "Здравствуйте!", {}}, 5 * kSecond);
  d.run(StartChat{"c3", "sales", "Widget", "Ελένη", client()}, kMinute);
  d.run(SendMessage{"c3", client(), "Γεια σας", {}}, kSecond);
  const std::string holder = d.state.agents[d.state.chats[ChatIx{2}].assignee].id;
  d.run(TransferChat{"c3", agent(holder.c_str()), holder == "ann" ? "sue" : "ann", "", "wrong group"}, kMinute);
}

void sign_in(Gui& gui, App& app, FakeHost& host) {
  app.start();
  gui.frame(app, 2);
  app.on_login_reply(200, R"({"token":"tok","user":{"login":"ann","agent":"ann","roles":["operator"]}})");
  gui.frame(app);
  REQUIRE(app.screen() == Screen::workspace);
  REQUIRE(host.streams == std::vector<std::uint64_t>{0});
}

}  // namespace

// A signed-in agent "ann" with the small desk ready to feed.
struct SignedInDesk {
  Gui gui;
  FakeHost host;
  App app{host};
  Desk desk;
  SignedInDesk() {
    sign_in(gui, app, host);
    small_desk(desk);
  }
};

TEST_CASE("the login screen records its widgets and signs in by typing and clicking") {
  Gui gui;
  FakeHost host;
  App app(host);
  app.start();
  gui.frame(app, 2);
  for (const char* name : {"login.user", "login.password", "login.submit", "login.demo"})
    CHECK_MESSAGE(app.ui().widgets.has(name), name);
  Json snap = app.snapshot();
  CHECK(snap["mode"] == "server");
  CHECK(snap["screen"] == "login");
  CHECK(snap["agent"].is_null());
  CHECK(snap["stats"].is_null());
  CHECK(snap["widgets"]["login.submit"].size() == 4);

  gui.click(app, "login.user");
  gui.type(app, "ann");
  gui.click(app, "login.password");
  gui.type(app, "secret-pass");
  gui.click(app, "login.submit");
  REQUIRE(host.sign_ins.size() == 1);
  CHECK(host.sign_ins[0].first == "ann");
  CHECK(host.sign_ins[0].second == "secret-pass");

  app.on_login_reply(401, R"({"error":{"code":"unauthorized","message":"wrong login or password"}})");
  gui.frame(app);
  CHECK(app.screen() == Screen::login);
  CHECK(!app.ui().login_error.empty());

  gui.click(app, "login.submit");
  app.on_login_reply(200, R"({"token":"tok","user":{"login":"ann","agent":"ann","roles":["operator"]}})");
  gui.frame(app);
  CHECK(app.screen() == Screen::workspace);
  CHECK(host.load(Store::tab, "parley.token") == std::optional<std::string>("tok"));
  CHECK(host.streams == std::vector<std::uint64_t>{0});
}

TEST_CASE_FIXTURE(SignedInDesk, "a workspace with chats: panel, lists, session view and commands") {
  desk.feed(app);
  host.wall = desk.at + 30 * kSecond;
  app.on_stream_state(StreamStatus::open);
  gui.frame(app, 3);
  CHECK(app.link() == Link::live);

  for (const char* name : {"status.online", "status.dnd", "status.offline", "status.dropdown", "panel.expand",
                           "tab.mine", "tab.queue", "tab.closed"})
    CHECK_MESSAGE(app.ui().widgets.has(name), name);
  CHECK_FALSE(app.ui().widgets.has("tab.active"));  // ann is no supervisor

  // Every number in the snapshot is the core's.
  const auto ann = app.state().agent_ix("ann");
  Json snap = app.snapshot();
  CHECK(snap["screen"] == "workspace");
  CHECK(snap["agent"] == "ann");
  CHECK(snap["stats"] == stats_to_json(agent_stats(app.state(), ann, app.now())));
  CHECK(snap["stats"]["status"] == "online");
  CHECK(snap["chats"].size() == 3);

  // My sessions lists the chats assigned to ann.
  const Chat& c1 = *app.state().find_chat("c1");
  const bool c1_mine = c1.assignee == ann;
  const std::string mine = c1_mine ? "c1" : "c3";
  CHECK(app.ui().widgets.has("chat." + mine));

  gui.click(app, "chat." + mine);
  CHECK(app.ui().current_chat == mine);
  for (const char* name : {"composer.input", "composer.send", "action.pause", "action.close", "action.transfer"})
    CHECK_MESSAGE(app.ui().widgets.has(name), name);
  CHECK(host.posted_type("chat.read"));

  // Enter sends; the message shows as pending until its event comes back.
  gui.click(app, "composer.input");
  gui.type(app, "Yes, ships today.");
  gui.press(app, ImGuiKey_Enter);
  Json sent = host.last_posted();
  REQUIRE(sent["type"] == "message.send");
  CHECK(sent["chat"] == mine);
  CHECK(sent["from"] == "agent:ann");
  CHECK(sent["text"] == "Yes, ships today.");
  CHECK(app.ui().composer.empty());
  desk.run(SendMessage{mine, agent("ann"), "Yes, ships today.", sent["message"].get<std::string>()}, kSecond);
  desk.feed(app);
  gui.frame(app, 2);
  CHECK(app.state().find_chat(mine)->messages.back().text == "Yes, ships today.");

  // A refusal shows as a notice; a failed send offers a retry.
  gui.type(app, "second");
  gui.click(app, "composer.send");
  REQUIRE(host.last_posted()["type"] == "message.send");
  CHECK(host.last_posted()["text"] == "second");  // the field was emptied after the Enter
  app.on_command_reply(host.requests.back(), 409, R"({"error":{"code":"bad_state","message":"chat is closed"}})");
  gui.frame(app, 2);
  CHECK(app.ui().notice == "chat is closed");
  CHECK(app.ui().widgets.has("message.retry"));

  // Transfer opens a popup with the target, the reason and the button.
  gui.click(app, "action.transfer");
  CHECK(app.ui().widgets.has("transfer.agent"));
  CHECK(app.ui().widgets.has("transfer.reason"));
  CHECK(app.ui().widgets.has("transfer.submit"));
  gui.press(app, ImGuiKey_Escape);
  CHECK_FALSE(app.ui().widgets.has("transfer.submit"));

  // The queue tab lists the waiting support chat with Accept.
  gui.click(app, "tab.queue");
  CHECK(app.ui().tab == ListView::queue);
  CHECK(app.ui().widgets.has("chat.c2"));
  gui.click(app, "chat.accept");
  CHECK(host.last_posted()["type"] == "chat.accept");
  CHECK(host.last_posted()["chat"] == "c2");

  // Status buttons and the transfer popup.
  gui.click(app, "status.dnd");
  CHECK(host.last_posted() == Json{{"type", "agent.set_status"}, {"agent", "ann"}, {"status", "dnd"}});
  gui.click(app, "panel.expand");
  CHECK(app.ui().panel_expanded);
  CHECK(app.ui().widgets.has("panel.pie"));
}

TEST_CASE_FIXTURE(SignedInDesk, "a resumed stream and a lost one") {
  desk.feed(app);
  gui.frame(app);
  const auto applied = app.state().applied_events;
  desk.feed(app);  // nothing new
  app.on_stream_event(3, event_to_json(desk.log[2]).dump());  // a repeat is ignored
  gui.frame(app);
  CHECK(app.state().applied_events == applied);

  app.on_stream_state(StreamStatus::closed);
  gui.frame(app);
  CHECK(app.link() == Link::retrying);
  CHECK(app.snapshot()["link"] == "offline");
  host.wall += 4 * kSecond;
  gui.frame(app);
  REQUIRE(host.streams.size() == 2);
  CHECK(host.streams.back() == desk.log.size());
}

TEST_CASE_FIXTURE(SignedInDesk, "an event about a chat the workspace lacks makes it start again from a bootstrap") {
  desk.feed(app);
  gui.frame(app);
  const auto applied = app.state().applied_events;
  Event stray{desk.at, MessageSent{"c9", "c9.1", client(), "where am I?", {}}};
  app.on_stream_event(desk.log.size() + 1, event_to_json(stray).dump());
  gui.frame(app);
  CHECK(app.state().applied_events == applied);  // not applied
  CHECK(app.resyncs() == 1);
  CHECK(host.closes >= 1);
  CHECK(host.streams.back() == 0);  // from the start: the server sends a bootstrap
}

TEST_CASE("a session transferred into the agent's group arrives with its snapshot and shows in the queue") {
  Gui gui;
  FakeHost host;
  App app(host);
  app.start();
  gui.frame(app, 2);
  app.on_login_reply(200, R"({"token":"tok","user":{"login":"zed","agent":"zed","roles":["operator"]}})");
  gui.frame(app);
  Desk desk;
  desk.viewer = "zed";
  GroupSettings accept;
  accept.routing = Routing::accept;
  desk.run(CreateGroup{"sales", "Sales", accept});
  desk.run(CreateGroup{"support", "Support", accept});
  desk.run(CreateAgent{"ann", "Ann Lee", "Ann", {"sales"}, kRoleOperator});
  desk.run(CreateAgent{"zed", "Zed Zo", "", {"support"}, kRoleOperator});
  desk.run(SetAgentStatus{"ann", AgentStatus::online}, kMinute);
  desk.run(SetAgentStatus{"zed", AgentStatus::online});
  desk.run(StartChat{"c1", "sales", "Widget", "Bob", client()}, kMinute);
  desk.run(SendMessage{"c1", client(), "Hello", {}}, kSecond);
  desk.run(AcceptChat{"c1", "ann"}, kSecond);
  desk.feed(app);
  gui.frame(app);
  CHECK(app.state().find_chat("c1") == nullptr);  // not zed's to see yet
  desk.run(TransferChat{"c1", agent("ann"), "", "support", "billing"}, kMinute);
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app);
  CHECK(app.resyncs() == 0);
  const Chat* c1 = app.state().find_chat("c1");
  REQUIRE(c1 != nullptr);
  CHECK(c1->state == ChatState::queued);
  CHECK(c1->messages.size() == 1);
  const auto queue = session_list(app.state(), app.state().agent_ix("zed"), ListView::queue);
  REQUIRE(queue.ok());
  CHECK(queue.value() == std::vector<ChatIx>{app.state().chat_ix("c1")});
}

TEST_CASE_FIXTURE(SignedInDesk, "a long timeline and long lists draw only what is visible") {
  const std::string mine = desk.state.find_chat("c1")->assignee == desk.state.agent_ix("ann") ? "c1" : "c3";
  const std::string long_text(600, 'x');
  for (int i = 0; i < 10000; ++i) {
    const bool from_client = i % 2 == 0;
    desk.run(SendMessage{mine, from_client ? client() : agent("ann"),
                         i % 7 == 0 ? long_text : "message " + std::to_string(i), {}},
             kSecond);
  }
  for (int i = 0; i < 100000; ++i) desk.run(StartChat{"q" + std::to_string(i), "support", "Widget", "Queue", client()});
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 2);
  gui.click(app, "chat." + mine);
  const auto start = std::chrono::steady_clock::now();
  gui.frame(app, 20);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / 20;
  MESSAGE("frame with a 10 000-message timeline: " << ms << " ms");
  CHECK(app.ui().timeline.items.size() >= 10000);
  CHECK(app.ui().timeline.tops.back() > 10000 * ImGui::GetTextLineHeight());
  CHECK(app.ui().widgets.has("composer.input"));
  CHECK(ImGui::GetDrawData()->TotalVtxCount < 200000);

  gui.click(app, "tab.queue");
  gui.frame(app, 5);
  {
    const auto t0 = std::chrono::steady_clock::now();
    gui.frame(app, 10);
    const auto t1 = std::chrono::steady_clock::now();
    // Events before every frame: the lists and counters read the core's indexes, nothing is rebuilt.
    double worst = 0;
    for (int i = 0; i < 20; ++i) {
      desk.run(StartChat{"n" + std::to_string(i), "support", "Widget", "New", client()}, kSecond);
      desk.run(SendMessage{"c2", client(), "one more", {}});
      desk.feed(app);
      const auto before = std::chrono::steady_clock::now();
      gui.frame(app);
      const auto after = std::chrono::steady_clock::now();
      worst = std::max(worst, std::chrono::duration<double, std::milli>(after - before).count());
    }
    MESSAGE("100 000 queued sessions: steady frame " << std::chrono::duration<double, std::milli>(t1 - t0).count() / 10
                                                      << " ms, slowest frame after events " << worst << " ms");
    const Counters c = counters(app.state(), app.state().agent_ix("ann"));
    CHECK(c.new_unassigned == 100000 + 20 + 1);
    CHECK(session_list_size(app.state(), app.state().agent_ix("ann"), ListView::queue).value() == 100000 + 20 + 1);
  }
  int rows = 0;
  for (const auto& [name, rect] : app.ui().widgets.all()) rows += name.rfind("chat.q", 0) == 0;
  CHECK(rows > 3);
  CHECK(rows < 100);
}

TEST_CASE("the offline demo: sessions arrive, the agent answers and closes, and it survives a reload") {
  FakeHost host;
  Json stats_before;
  std::uint64_t applied = 0;
  std::size_t chats = 0;
  {
    Gui gui;
    App app(host);
    app.start();
    gui.frame(app, 2);
    gui.click(app, "login.demo");
    REQUIRE(app.mode() == Mode::demo);
    CHECK(app.snapshot()["mode"] == "demo");
    CHECK(app.snapshot()["agent"] == "you");
    CHECK(app.ui().widgets.has("demo.speed"));
    // Ten real minutes at the default speed: customers arrive and some reach "you".
    std::string mine;
    for (int i = 0; i < 600 && mine.empty(); ++i) {
      host.wall += kSecond;
      gui.frame(app);
      const auto you = app.state().agent_ix("you");
      for (ChatIx c : app.state().agents[you].assigned)
        if (app.state().chats[c].state == ChatState::open) mine = app.state().chats[c].id;
    }
    REQUIRE(!mine.empty());
    CHECK(app.snapshot()["chats"].size() >= 1);
    gui.frame(app);
    gui.click(app, "chat." + mine);
    gui.click(app, "composer.input");
    gui.type(app, "Hello from the demo");
    gui.press(app, ImGuiKey_Enter);
    const Chat& chat = *app.state().find_chat(mine);
    CHECK(chat.messages.back().text == "Hello from the demo");
    const int closed = app.snapshot()["stats"]["closed"].get<int>();
    gui.click(app, "action.close");
    CHECK(app.state().find_chat(mine)->state != ChatState::closed);  // held back for its Undo window
    host.wall += Toasts::kUndoWindow;
    gui.frame(app);
    CHECK(app.state().find_chat(mine)->state == ChatState::closed);
    CHECK(app.snapshot()["stats"]["closed"].get<int>() == closed + 1);
    // Faster clock: timers and the simulated agents keep working.
    app.ui();
    for (int i = 0; i < 60; ++i) {
      host.wall += kSecond;
      gui.frame(app);
    }
    app.persist();
    stats_before = app.snapshot()["stats"];
    applied = app.state().applied_events;
    chats = app.state().chats.size();
    CHECK(applied > 20);
  }
  {
    Gui gui;
    App app(host);
    app.start();
    CHECK(app.mode() == Mode::demo);
    CHECK(app.screen() == Screen::workspace);
    CHECK(app.state().applied_events == applied);
    CHECK(app.state().chats.size() == chats);
    CHECK(app.snapshot()["stats"] == stats_before);
    host.wall += kSecond;
    gui.frame(app, 3);
    CHECK(app.ui().widgets.has("status.online"));
    gui.click(app, "demo.leave");
    CHECK(app.screen() == Screen::login);
  }
  {
    Gui gui;
    App app(host);
    app.start();
    CHECK(app.screen() == Screen::login);  // left the demo: the next start shows the login screen
    gui.frame(app, 2);
    gui.click(app, "login.demo");
    CHECK(app.state().applied_events == applied);  // and the demo resumes where it was
  }
}

TEST_CASE("the demo simulator is deterministic: same seed and clock steps, same events") {
  auto run = [](std::uint64_t seed) {
    State state;
    Demo demo = Demo::create(seed, T0, state);
    demo.set_speed(60);
    for (int i = 0; i < 300; ++i) demo.step(state, 250);  // 75 real seconds at 60×: 75 demo minutes
    std::string log;
    for (const Event& e : demo.log()) log += event_to_json(e).dump() + "\n";
    return std::make_pair(log, state.chats.size());
  };
  const auto a = run(42), b = run(42), c = run(43);
  CHECK(a.first == b.first);
  CHECK(a.second > 5);
  CHECK(a.first != c.first);

  // A restored demo continues exactly as the original would have.
  State original_state;
  Demo original = Demo::create(7, T0, original_state);
  for (int i = 0; i < 100; ++i) original.step(original_state, 1000);
  State restored_state;
  auto restored = Demo::restore(*parse_json(original.meta().dump()), original.log(), restored_state);
  REQUIRE(restored.has_value());
  for (int i = 0; i < 100; ++i) {
    original.step(original_state, 1000);
    restored->step(restored_state, 1000);
  }
  REQUIRE(original.log().size() == restored->log().size());
  for (std::size_t i = 0; i < original.log().size(); ++i)
    REQUIRE(event_to_json(original.log()[i]) == event_to_json(restored->log()[i]));
}

namespace {

void sign_in_as(Gui& gui, App& app, const std::string& agent_id, const std::string& roles) {
  app.start();
  gui.frame(app, 2);
  app.on_login_reply(200, R"({"token":"tok","user":{"login":")" + agent_id + R"(","agent":")" + agent_id +
                              R"(","roles":)" + roles + "}}");
  gui.frame(app);
  REQUIRE(app.screen() == Screen::workspace);
}

// The session timeline's window, as the session view draws it.
ImGuiWindow* timeline_window() {
  for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
    if (window->WasActive && std::string(window->Name).find("/##timeline_") != std::string::npos) return window;
  return nullptr;
}

void press_chord(Gui& gui, App& app, ImGuiKey modifier, ImGuiKey key) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(modifier, true);
  io.AddKeyEvent(key, true);
  gui.frame(app);
  io.AddKeyEvent(key, false);
  io.AddKeyEvent(modifier, false);
  gui.frame(app, 4);
}

}  // namespace

TEST_CASE("the customer panel: who and where; members who may work the session assign it (seed 003)") {
  Gui gui;
  FakeHost host;
  Desk desk;
  small_desk(desk);
  {
    App app(host);
    sign_in_as(gui, app, "sue", R"(["operator","supervisor"])");
    desk.feed(app);
    host.wall = desk.at;
    gui.frame(app, 3);
    CHECK_FALSE(app.ui().widgets.has("customer.panel"));  // no session open
    gui.click(app, "tab.active");
    gui.click(app, "chat.c2");
    REQUIRE(app.ui().current_chat == "c2");
    CHECK(app.ui().widgets.has("customer.panel"));
    CHECK(app.ui().widgets.has("customer.name"));
    gui.click(app, "customer.assign");
    CHECK(app.ui().widgets.has("customer.assign.sue"));
    gui.click(app, "customer.assign.ann");
    CHECK(host.last_posted() == command_to_json(AssignChat{"c2", "ann", agent("sue")}));
  }
  desk.fed = 0;
  App app(host);
  sign_in_as(gui, app, "ann", R"(["operator"])");
  desk.feed(app);
  gui.frame(app, 3);
  gui.click(app, "tab.queue");
  gui.click(app, "chat.c2");
  CHECK(app.ui().widgets.has("customer.panel"));
  REQUIRE(app.ui().widgets.has("customer.assign"));  // the core lets operators reassign (DECISIONS.md)
  gui.click(app, "customer.assign");
  CHECK(app.ui().widgets.has("customer.assign.sue"));
  CHECK(app.ui().widgets.has("customer.assign.ann"));
}

TEST_CASE_FIXTURE(SignedInDesk, "the customer panel: the record read for the open session, contact, case and drawer") {
  // Bob returns: his first session is closed and a second one reaches Ann.
  const std::string first = desk.state.agents[desk.state.chats[ChatIx{0}].assignee].id;
  desk.run(CloseChat{"c1", agent(first.c_str())}, kMinute);
  desk.run(StartChat{"c4", "sales", "Widget", "Bob", client()}, kMinute);
  desk.run(SendMessage{"c4", client(), "It is me again", {}}, kSecond);
  if (const std::string holder = desk.state.agents[desk.state.chats[ChatIx{3}].assignee].id; holder != "ann")
    desk.run(TransferChat{"c4", agent(holder.c_str()), "ann", "", "Bob's agent"}, kSecond);
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  gui.click(app, "chat.c4");
  REQUIRE(app.ui().current_chat == "c4");
  REQUIRE(!host.asked.empty());
  CHECK(host.asked.back().second == "GET api/v1/chats/c4/history");
  const Login ann = *staff_login(desk.state, "agent:ann");
  const auto history = [&] { return customer_history_json(desk.state, ann, *desk.state.find_chat("c4")).dump(); };
  app.on_request_reply(host.asked.back().first, 200, history());
  gui.frame(app, 2);
  const auto has = [&](const char* w) { return app.ui().widgets.has(w); };
  CHECK(has("customer.contact.new"));
  CHECK(has("customer.case.new"));
  CHECK(has("customer.earlier.c1"));
  CHECK_FALSE(has("customer.contact"));

  // The earlier session above the timeline, its messages read on demand.
  gui.click(app, "chat.earlier.toggle");
  gui.click(app, "chat.earlier.load.c1");
  CHECK(host.asked.back().second == "GET api/v1/chats/c1");
  Json earlier = chat_to_json(desk.state, *desk.state.find_chat("c1"), ChatDetail::with_timeline);
  earlier["chat"] = "c1";
  app.on_request_reply(host.asked.back().first, 200, earlier.dump());
  gui.frame(app, 2);
  CHECK(has("chat.earlier.c1"));
  CHECK_FALSE(has("chat.earlier.load.c1"));

  // A new contact, named after the customer; the record is read again once the desk answered.
  gui.click(app, "customer.contact.new");
  gui.click(app, "customer.contact.create");
  const CreateContact created{"", ContactFields{"Bob", "", "", "", ""}, "agent:ann", "c4"};
  CHECK(host.last_posted() == command_to_json(created));
  const std::size_t asked = host.asked.size();
  app.on_command_reply(host.requests.back(), 200, R"({"events":[]})");
  gui.frame(app, 2);
  REQUIRE(host.asked.size() == asked + 1);
  CHECK(host.asked.back().second == "GET api/v1/chats/c4/history");
  desk.run(created);
  app.on_request_reply(host.asked.back().first, 200, history());
  gui.frame(app, 2);
  CHECK(has("customer.contact"));
  CHECK_FALSE(has("customer.contact.new"));

  // A case: an empty subject is refused at the form (the core's check), a typed one is sent.
  gui.click(app, "customer.case.new");
  const std::size_t posted = host.posted.size();
  gui.click(app, "customer.case.create");
  CHECK(host.posted.size() == posted);
  CHECK(app.ui().customer.form_error.find("subject") != std::string::npos);
  gui.click(app, "customer.case.subject");
  gui.type(app, "Broken lid");
  gui.click(app, "customer.case.create");
  REQUIRE(host.posted.size() == posted + 1);
  CHECK(host.last_posted() == command_to_json(CreateCase{"", "c4", "Broken lid", CaseStatus::open, Priority::normal, "agent:ann"}));

  // The drawer: the contact's sessions, then back to the panel.
  const std::string contact = desk.state.customers.at(customer_key(*desk.state.find_chat("c4"))).contact;
  gui.click(app, "customer.drawer.open");
  CHECK(host.asked.back().second == "GET api/v1/contacts/" + contact);
  app.on_request_reply(host.asked.back().first, 200,
                       contact_detail_json(desk.state, ann, desk.state.contacts.at(contact)).dump());
  gui.frame(app, 2);
  CHECK(has("drawer.session.c1"));
  CHECK(has("drawer.session.c4"));
  CHECK_FALSE(has("customer.case.new"));
  gui.click(app, "customer.drawer.close");
  CHECK(has("customer.case.new"));

  // Linking another contact: the contacts the caller may see are searched, a pick links it.
  desk.run(CreateContact{"contact-9", ContactFields{"Robert Stone", "rob@example.com", "", "", ""}, "agent:ann"});
  gui.click(app, "customer.link.open");
  CHECK(host.asked.back().second == "GET api/v1/contacts?limit=20&q=");
  app.on_request_reply(host.asked.back().first, 200, contact_list_json(desk.state, ann, "", 20).dump());
  gui.frame(app, 2);
  gui.click(app, "customer.link.contact-9");
  CHECK(host.last_posted() == command_to_json(LinkCustomer{"c4", "contact-9", "agent:ann"}));
}

TEST_CASE_FIXTURE(SignedInDesk, "+ New session and Continue chat: offered while the core accepts a start on a channel that reaches") {
  desk.run(AcceptChat{"c2", "ann"}, kMinute);
  desk.run(CloseChat{"c2", agent("ann")}, kMinute);
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  const auto has = [&](const char* w) { return app.ui().widgets.has(w); };
  const auto asked = [&](const std::string& what) {
    for (const auto& [request, route] : host.asked)
      if (route == what) return request;
    return std::uint64_t{0};
  };
  const std::uint64_t channels = asked("GET api/v1/channels/startable");
  REQUIRE(channels != 0);
  CHECK_FALSE(has("chat.new"));  // no channel known yet
  app.on_request_reply(channels, 200, R"({"channels":[{"id":"tg","name":"Telegram","kind":"webhook","group":"support"}]})");
  gui.frame(app, 2);
  REQUIRE(has("chat.new"));

  // The form: the first message is required; the start goes to REST with the channel's id.
  gui.click(app, "chat.new");
  REQUIRE(has("start.text"));
  gui.click(app, "start.submit");
  CHECK_FALSE(app.ui().start.error.empty());
  CHECK(asked("POST api/v1/chats") == 0);
  gui.click(app, "start.user");
  gui.type(app, "42");
  gui.click(app, "start.text");
  gui.type(app, "Your order is ready");
  gui.click(app, "start.submit");
  const std::uint64_t start = asked("POST api/v1/chats");
  REQUIRE(start != 0);
  const Json body = *parse_json(host.bodies.back());
  CHECK(body["channel"] == "tg");
  CHECK(body["user"] == "42");
  CHECK(body["group"] == "support");
  CHECK(body["text"] == "Your order is ready");
  app.on_request_reply(start, 201, R"({"chat":"h-1","events":[]})");
  gui.frame(app, 2);
  CHECK_FALSE(has("start.text"));  // the form closed
  StartChat started{"h-1", "support", "Telegram", "42", agent("ann")};
  started.text = "Your order is ready";
  desk.run(started, kSecond);
  desk.feed(app);
  gui.frame(app, 2);
  CHECK(app.ui().current_chat == "h-1");  // opened once listed

  // Continue chat: a closed Telegram session, not a closed widget one.
  app.ui().current_chat = "c2";
  gui.frame(app, 2);
  REQUIRE(has("chat.continue"));
  gui.click(app, "chat.continue");
  gui.frame(app, 2);
  REQUIRE(has("start.text"));
  CHECK_FALSE(has("start.user"));
  gui.click(app, "start.text");
  gui.type(app, "One more thing");
  gui.click(app, "start.submit");
  CHECK(host.asked.back().second == "POST api/v1/chats/c2/continue");
  CHECK((*parse_json(host.bodies.back()))["text"] == "One more thing");

  // Offline: neither is offered (the core refuses a start by an offline agent).
  desk.run(SetAgentStatus{"ann", AgentStatus::offline}, kMinute);
  desk.feed(app);
  gui.frame(app, 3);
  CHECK_FALSE(has("chat.new"));
  CHECK_FALSE(has("chat.continue"));
}

TEST_CASE_FIXTURE(SignedInDesk, "the reply typed is saved as the agent's own template, checked before it is sent") {
  desk.run(AcceptChat{"c2", "ann"}, kMinute);
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  app.ui().current_chat = "c2";
  gui.frame(app, 2);
  app.ui().composer = "Thanks for waiting, we are on it.";
  gui.frame(app);
  gui.click(app, "composer.templates");
  gui.click(app, "templates.own.open");
  gui.click(app, "templates.own.shortcut");
  gui.type(app, "Wait!");
  gui.click(app, "templates.own.title");
  gui.type(app, "On it");
  host.asked.clear();
  gui.click(app, "templates.own.save");
  CHECK(host.asked.empty());  // "Wait!" is no shortcut
  CHECK(app.ui().tools.own.error.find("shortcut") != std::string::npos);
  app.ui().tools.own.shortcut = "wait";
  gui.click(app, "templates.own.save");
  REQUIRE(host.asked.size() == 1);
  CHECK(host.asked.back().second == "POST api/v1/templates");
  CHECK(*parse_json(host.bodies.back()) ==
        Json{{"title", "On it"}, {"text", "Thanks for waiting, we are on it."}, {"owner", "ann"}, {"shortcut", "wait"}});
  const int loads = host.template_loads;
  app.on_request_reply(host.asked.back().first, 201, R"({"id":"t9"})");
  CHECK(host.template_loads == loads + 1);  // the picker reads the templates again
  CHECK_FALSE(app.ui().tools.own.open);
}

TEST_CASE_FIXTURE(SignedInDesk, "the search bar: session names, or the open session's messages in its scope") {
  for (int i = 0; i < 300; ++i)
    desk.run(SendMessage{"c2", client(), i == 7 ? "my needle is here" : "line " + std::to_string(i), {}}, kSecond);
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  CHECK(app.ui().widgets.has("search.input"));

  // Alt+S takes the keys to the field; the results are the core's.
  press_chord(gui, app, ImGuiMod_Alt, ImGuiKey_S);
  REQUIRE(ImGui::GetIO().WantTextInput);
  gui.type(app, "ol");
  gui.frame(app, 2);
  CHECK(app.ui().search.sessions == search_sessions(app.state(), app.state().agent_ix("ann"), "ol"));
  gui.type(app, "ь");  // "olь" matches nothing; back to a name that does
  gui.press(app, ImGuiKey_Backspace);
  gui.press(app, ImGuiKey_Backspace);
  gui.press(app, ImGuiKey_Backspace);
  gui.type(app, "Ольга");
  gui.frame(app, 2);
  REQUIRE(app.ui().widgets.has("search.result.c2"));
  gui.click(app, "search.result.c2");
  CHECK(app.ui().current_chat == "c2");

  // With a session open: its messages; a result scrolls the timeline to the message.
  gui.frame(app, 3);
  ImGuiWindow* timeline = timeline_window();
  REQUIRE(timeline != nullptr);
  CHECK(timeline->Scroll.y >= timeline->ScrollMax.y - 4);  // a session opens at its latest message
  press_chord(gui, app, ImGuiMod_Alt, ImGuiKey_S);
  gui.press(app, ImGuiKey_Escape);  // the field held "Ольга": Escape empties it
  CHECK(app.ui().search.query.empty());
  gui.click(app, "search.scope.session");  // the scope: this session (the field takes the keys)
  gui.type(app, "NEEDLE");
  gui.frame(app, 2);
  const Chat& c2 = *app.state().find_chat("c2");
  REQUIRE(app.ui().search.messages == search_messages(c2, "NEEDLE"));
  REQUIRE(app.ui().search.messages.size() == 1);
  const MessageIx needle = app.ui().search.messages[0];
  const ListView tab = app.ui().tab;
  gui.click(app, "search.message." + c2.messages[needle].id);
  gui.frame(app, 3);
  CHECK(app.ui().tab == tab);  // the click went to the result, not to what lies under it
  CHECK(app.ui().search.revealed == needle);
  CHECK(timeline->Scroll.y < timeline->ScrollMax.y - 100);
  CHECK(timeline->Scroll.y <= app.ui().timeline.tops.back());

  // Tab moves on from the field to the next control.
  press_chord(gui, app, ImGuiMod_Alt, ImGuiKey_S);
  REQUIRE(ImGui::GetIO().WantTextInput);
  gui.press(app, ImGuiKey_Tab);
  CHECK_FALSE(ImGui::GetIO().WantTextInput);
  CHECK(ImGui::GetCurrentContext()->NavId != 0);
}

TEST_CASE("Up and Down open the previous and next session of the list") {
  Gui gui;
  FakeHost host;
  App app(host);
  sign_in_as(gui, app, "sue", R"(["operator","supervisor"])");
  Desk desk;
  small_desk(desk);
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  gui.click(app, "tab.active");
  const std::vector<ChatIx> rows = session_list(app.state(), app.state().agent_ix("sue"), ListView::active).value();
  REQUIRE(rows.size() == 3);
  const auto id = [&](std::size_t row) { return app.state().chats[rows[row]].id; };
  gui.click(app, "chat." + id(0));
  CHECK(app.ui().current_chat == id(0));
  gui.press(app, ImGuiKey_DownArrow);
  CHECK(app.ui().current_chat == id(1));
  gui.press(app, ImGuiKey_DownArrow);
  gui.press(app, ImGuiKey_DownArrow);  // stays on the last row
  CHECK(app.ui().current_chat == id(2));
  gui.press(app, ImGuiKey_UpArrow);
  CHECK(app.ui().current_chat == id(1));
}

TEST_CASE("the big demo desk: 100 000 waiting sessions and a 10 000-message session, never saved") {
  FakeHost host;
  Gui gui;
  App app(host);
  app.start_big_demo();
  REQUIRE(app.mode() == Mode::demo);
  const State& state = app.state();
  const auto you = state.agent_ix(Demo::kUser);
  CHECK(session_list_size(state, you, ListView::queue).value() == Demo::kBigSessions);
  REQUIRE(state.find_chat("long") != nullptr);
  CHECK(state.find_chat("long")->messages.size() == Demo::kBigTimeline);
  CHECK(state.find_chat("long")->assignee == you);
  CHECK(app.demo()->log().empty());
  gui.frame(app, 3);
  gui.click(app, "chat.long");
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 30; ++i) {
    host.wall += 200;
    gui.frame(app);
  }
  MESSAGE("big demo desk, a frame with the long session open: "
          << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / 30 << " ms");
  gui.click(app, "tab.queue");
  CHECK(app.ui().widgets.has("chat.accept"));
  press_chord(gui, app, ImGuiMod_Alt, ImGuiKey_S);  // with the lists focused
  gui.click(app, "search.scope.session");
  gui.type(app, "parcel");
  gui.frame(app, 3);
  CHECK(app.ui().search.query == "parcel");
  CHECK(app.ui().search.messages.size() == (Demo::kBigTimeline + 8) / 9);  // the long ones mention the parcel
  gui.click(app, "search.message");  // lies over the tab strip: the click is the result's
  CHECK(app.ui().tab == ListView::queue);
  CHECK(app.ui().search.revealed == app.ui().search.messages.front());
  app.persist();
  for (const auto& [key, value] : host.storage) CHECK_MESSAGE(key.second.rfind("parley.demo", 0) != 0, key.second);
}

TEST_CASE_FIXTURE(SignedInDesk, "the composer's tools: attach, templates and emoji; messages show their files") {
  const std::string mine = desk.state.find_chat("c1")->assignee == desk.state.agent_ix("ann") ? "c1" : "c3";
  desk.run(SendMessage{mine, client(), "", {}, {Attachment{"att-1", "invoice.pdf", "application/pdf", 48213}}}, kSecond);
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 2);
  gui.click(app, "chat." + mine);
  for (const char* name : {"composer.attach", "composer.templates", "composer.emoji", "message.attachment.att-1"})
    CHECK_MESSAGE(app.ui().widgets.has(name), name);
  const auto has = [&](const std::string& name) { return app.ui().widgets.has(name); };

  // A file in the timeline opens through the host.
  gui.click(app, "message.attachment.att-1");
  REQUIRE(host.opened.size() == 1);
  CHECK(host.opened[0] == Attachment{"att-1", "invoice.pdf", "application/pdf", 48213});

  // Attach: the picker is asked for this chat; an upload shows as a chip and goes with the next send.
  gui.click(app, "composer.attach");
  REQUIRE(host.picks.size() == 1);
  CHECK(host.picks[0] == std::make_pair(FileStore::server, mine));
  app.on_file_reply(mine, 102, "");
  gui.frame(app);
  CHECK(app.ui().tools.uploading == 1);
  app.on_file_reply(mine, 201, R"({"id":"att-9","name":"label.png","type":"image/png","size":2048})");
  gui.frame(app, 2);
  CHECK(app.ui().tools.uploading == 0);
  CHECK(has("composer.attachment.0"));
  gui.click(app, "composer.send");
  Json sent = host.last_posted();
  REQUIRE(sent["type"] == "message.send");
  CHECK_FALSE(sent.contains("text"));
  CHECK(sent["attachments"] == Json::parse(R"([{"id":"att-9","name":"label.png","type":"image/png","size":2048}])"));
  CHECK_FALSE(has("composer.attachment.0"));
  desk.run(SendMessage{mine, agent("ann"), "", sent["message"].get<std::string>(),
                       {Attachment{"att-9", "label.png", "image/png", 2048}}},
           kSecond);
  desk.feed(app);
  gui.frame(app, 2);
  CHECK(has("message.attachment.att-9"));

  // A chip can be removed before sending; a refused upload is a notice.
  app.on_file_reply(mine, 201, R"({"id":"att-10","name":"x.txt","type":"text/plain","size":1})");
  gui.frame(app, 2);
  gui.click(app, "composer.attachment.0");
  CHECK(app.ui().tools.attached.empty());
  app.on_file_reply(mine, 413, R"({"error":{"code":"too_large","message":"a file may be at most 5242880 bytes"}})");
  gui.frame(app);
  CHECK(app.ui().notice == "Cannot attach the file: a file may be at most 5242880 bytes");

  // Templates: loaded from the server when the picker opens, filtered by typing, inserted on a click.
  gui.click(app, "composer.templates");
  CHECK(host.template_loads == 1);
  CHECK(has("templates.filter"));
  app.on_templates_reply(200, R"({"templates":[{"id":"note","title":"A ship note","text":"Ships are slow."},
                                               {"id":"greet","title":"Greeting","text":"Hello there!"},
                                               {"id":"bye","title":"Goodbye","text":"Have a nice day."},
                                               {"id":"ship","title":"Shipping","shortcut":"ship","group":"support",
                                                "text":"Hi {customer.name}, #{chat.number} ships today. {agent.nickname} {x.y}"}]})");
  gui.frame(app, 2);
  CHECK(has("templates.item.greet"));
  CHECK(has("templates.item.bye"));
  gui.type(app, "nice");
  gui.frame(app);
  CHECK_FALSE(has("templates.item.greet"));
  gui.click(app, "templates.item.bye");
  CHECK(app.ui().composer == "Have a nice day.");
  CHECK_FALSE(has("templates.filter"));

  // Emoji (Unicode's list, first group first) go in at the caret, and typing goes on after them.
  std::string emoji_tsv;
  if (std::FILE* in = std::fopen(PARLEY_EMOJI_DATA, "rb")) {
    char block[4096];
    for (std::size_t n; (n = std::fread(block, 1, sizeof block, in)) > 0;) emoji_tsv.append(block, n);
    std::fclose(in);
  }
  REQUIRE(emoji_catalog().load(emoji_tsv) > 1000);
  gui.click(app, "composer.emoji");
  REQUIRE(has("emoji.0"));
  gui.click(app, "emoji.0");
  CHECK(app.ui().composer == "Have a nice day.😀");
  CHECK_FALSE(has("emoji.0"));
  gui.type(app, "!");
  CHECK(app.ui().composer == "Have a nice day.😀!");
  gui.press(app, ImGuiKey_Enter);
  CHECK(host.last_posted()["text"] == "Have a nice day.😀!");
  CHECK(app.ui().composer.empty());

  // "/" in an empty composer opens the picker; Enter takes the first match in place of the "/".
  gui.type(app, "/");
  gui.frame(app, 2);
  REQUIRE(has("templates.filter"));
  gui.type(app, "greet");
  gui.press(app, ImGuiKey_Enter);
  CHECK(app.ui().composer == "Hello there!");
  gui.press(app, ImGuiKey_Enter);
  CHECK(host.last_posted()["text"] == "Hello there!");

  // "/ship": the template with that shortcut comes before one whose title says "ship", and goes in
  // with its placeholders filled from the session and the agent (unknown ones stay as written).
  gui.type(app, "/");
  gui.frame(app, 2);
  gui.type(app, "ship");
  gui.frame(app);
  CHECK(has("templates.item.note"));
  gui.press(app, ImGuiKey_Enter);
  const Chat& open_chat = *app.state().find_chat(mine);
  const Agent& me = app.state().agents[app.state().agent_ix("ann")];
  CHECK(app.ui().composer == "Hi " + open_chat.client + ", #" + std::to_string(open_chat.number) + " ships today. " +
                                 (me.nickname.empty() ? me.name : me.nickname) + " {x.y}");
  CHECK(open_chat.client.size() > 0);
  app.ui().composer.clear();
  app.ui().tools.cursor = 0;

  // Articles: the knowledge base is loaded when the popup first opens and searched as one types;
  // an article goes in as its title and link, or as its text.
  host.asked.clear();  // the customer panel's reads
  gui.click(app, "composer.articles");
  REQUIRE(host.asked.size() == 1);
  CHECK(host.asked.back().second == "GET api/v1/articles");
  CHECK(has("articles.search"));
  app.on_request_reply(host.asked.back().first, 200, R"({"articles":[
      {"id":"returns","title":"Returns","link":"https://help.example.com/returns","body":"Send the parcel back.","tags":[]},
      {"id":"lost","title":"Lost parcel","link":"https://help.example.com/lost","body":"Ask the carrier.","tags":["tracking"]},
      {"id":"hours","title":"Opening hours","link":"","body":"We answer 8–18 on weekdays.","tags":[]}]})");
  gui.frame(app, 2);
  CHECK(has("articles.item.hours"));
  gui.type(app, "PARCEL");
  gui.frame(app);
  CHECK_FALSE(has("articles.item.hours"));
  CHECK(has("articles.item.returns"));
  gui.click(app, "articles.link.lost");
  CHECK(app.ui().composer == "Lost parcel: https://help.example.com/lost");
  CHECK_FALSE(has("articles.search"));
  gui.click(app, "composer.articles");
  REQUIRE(host.asked.size() == 2);  // asked again, for articles changed since; the loaded ones show meanwhile
  CHECK(has("articles.item.returns"));
  app.on_request_reply(host.asked.back().first, 200, R"({"articles":[
      {"id":"hours","title":"Opening hours","link":"","body":"We answer 8–18 on weekdays.","tags":[]}]})");
  CHECK(app.ui().articles.query.empty());  // each opening starts a new search
  gui.type(app, "weekdays");
  gui.frame(app, 2);
  CHECK_FALSE(has("articles.item.returns"));
  gui.click(app, "articles.text.hours");
  CHECK(app.ui().composer == "Lost parcel: https://help.example.com/lostWe answer 8–18 on weekdays.");
  app.ui().composer.clear();
  app.ui().tools.cursor = 0;

  // After a send the caret is back at the start: an emoji, then typing, then Enter.
  gui.click(app, "composer.emoji");
  gui.click(app, "emoji.3");
  gui.type(app, " thanks");
  CHECK(app.ui().composer == "😁 thanks");
  gui.press(app, ImGuiKey_Enter);
  CHECK(host.last_posted()["text"] == "😁 thanks");
}

TEST_CASE("the demo has its own templates and keeps picked files in the page") {
  Gui gui;
  FakeHost host;
  App app(host);
  app.start();
  gui.frame(app, 2);
  gui.click(app, "login.demo");
  std::string mine;
  for (int i = 0; i < 600 && mine.empty(); ++i) {
    host.wall += kSecond;
    gui.frame(app);
    for (ChatIx c : app.state().agents[app.state().agent_ix("you")].assigned)
      if (app.state().chats[c].state == ChatState::open) mine = app.state().chats[c].id;
  }
  REQUIRE(!mine.empty());
  gui.frame(app);
  gui.click(app, "chat." + mine);
  gui.click(app, "composer.templates");
  CHECK(host.template_loads == 0);
  CHECK(app.ui().tools.templates.size() == demo_templates().size());
  CHECK(app.ui().widgets.has("templates.item.greeting"));
  gui.press(app, ImGuiKey_Escape);
  gui.click(app, "composer.attach");
  REQUIRE(host.picks.size() == 1);
  CHECK(host.picks[0].first == FileStore::page);
  app.on_file_reply(mine, 201, R"({"id":"local-1","name":"photo.jpg","type":"image/jpeg","size":90000})");
  gui.frame(app, 2);
  gui.click(app, "composer.send");
  const Message& last = app.state().find_chat(mine)->messages.back();
  REQUIRE(last.attachments.size() == 1);
  CHECK(last.attachments[0].name == "photo.jpg");
  CHECK(last.text.empty());
}

TEST_CASE("the bundled font draws the workspace's own symbols") {
  ImFontAtlas atlas;
  REQUIRE_MESSAGE(add_workspace_font(atlas, PARLEY_TEST_FONT), PARLEY_TEST_FONT);
  REQUIRE(atlas.Build());
  const ImFont* loaded = atlas.Fonts[0];
  for (const char* used : {"▤", "↻", "⚠", "✓", "▸", "▾", "…", "·", "×", "☺", "ж", "Ω", "ő"}) {
    unsigned int c = 0;
    ImTextCharFromUtf8(&c, used, nullptr);
    CHECK_MESSAGE(loaded->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr, used);
  }
}

TEST_CASE("a baked font atlas restores to the atlas it was baked from") {
  ImFontAtlas built;
  REQUIRE(add_workspace_font(built, PARLEY_TEST_FONT));
  const std::string baked = bake_font_atlas(built);
  REQUIRE_FALSE(baked.empty());
  ImFontAtlas restored;
  REQUIRE(restore_font_atlas(restored, baked));
  REQUIRE(restored.IsBuilt());

  const ImFont& a = *built.Fonts[0];
  const ImFont& b = *restored.Fonts[0];
  CHECK(b.FontSize == a.FontSize);
  CHECK(b.Ascent == a.Ascent);
  CHECK(b.Descent == a.Descent);
  CHECK(b.FallbackChar == a.FallbackChar);
  CHECK(b.EllipsisChar == a.EllipsisChar);
  REQUIRE(b.Glyphs.Size == a.Glyphs.Size);
  CHECK(std::memcmp(b.Glyphs.Data, a.Glyphs.Data, sizeof(ImFontGlyph) * a.Glyphs.Size) == 0);
  CHECK(b.IndexAdvanceX.Size == a.IndexAdvanceX.Size);
  CHECK(restored.TexUvWhitePixel.x == built.TexUvWhitePixel.x);
  CHECK(std::memcmp(restored.TexUvLines, built.TexUvLines, sizeof built.TexUvLines) == 0);
  for (const char* text : {"Hello, world", "Привет, мир", "Γειά σου κόσμε", "naïve — “quoted” … ☺ ✓ ❤"}) {
    const ImVec2 sa = a.CalcTextSizeA(a.FontSize, FLT_MAX, 300.0f, text);
    const ImVec2 sb = b.CalcTextSizeA(b.FontSize, FLT_MAX, 300.0f, text);
    CHECK_MESSAGE((sa.x == sb.x && sa.y == sb.y), text);
  }
  unsigned char *pa = nullptr, *pb = nullptr;
  int wa = 0, ha = 0, wb = 0, hb = 0;
  built.GetTexDataAsAlpha8(&pa, &wa, &ha);
  restored.GetTexDataAsAlpha8(&pb, &wb, &hb);
  REQUIRE((wa == wb && ha == hb));
  CHECK(std::memcmp(pa, pb, static_cast<std::size_t>(wa) * ha) == 0);

  // Bytes that are not a whole baked atlas are refused and change nothing.
  for (const std::string& bad : {std::string(), baked.substr(0, baked.size() - 1), baked + "x",
                                 "PFA0" + baked.substr(4)}) {
    ImFontAtlas untouched;
    CHECK_FALSE(restore_font_atlas(untouched, bad));
    CHECK(untouched.Fonts.Size == 0);
    CHECK_FALSE(untouched.IsBuilt());
  }
}

// [SECTION] The workspace offers exactly what the core accepts (core/actions.hpp)

namespace {

// The small desk with rita, a reader of sales and support.
void desk_with_reader(Desk& desk) {
  small_desk(desk);
  desk.run(CreateAgent{"rita", "Rita Roe", "", {"sales", "support"}, kRoleReader});
}

// Every action widget of the session view and the assign control, present or not.
std::vector<std::string> offered(App& app) {
  std::vector<std::string> out;
  for (const char* name : {"chat.accept", "action.pause", "action.resume", "action.transfer", "action.close",
                           "action.reopen", "customer.assign"})
    if (app.ui().widgets.has(name)) out.emplace_back(name);
  return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("a supervisor is not offered Pause on another agent's session, only what the core accepts") {
  Gui gui;
  FakeHost host;
  Desk desk;
  small_desk(desk);
  desk.run(AssignChat{"c2", "sue", agent("sue")});  // sue has one session of her own
  App app(host);
  sign_in_as(gui, app, "sue", R"(["operator","supervisor"])");
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  const auto sue = app.state().agent_ix("sue"), ann = app.state().agent_ix("ann");
  std::string others, own;
  for (const Chat& chat : app.state().chats) {
    if (chat.assignee == ann) others = chat.id;
    if (chat.assignee == sue) own = chat.id;
  }
  REQUIRE(!others.empty());
  REQUIRE(!own.empty());
  gui.click(app, "tab.active");
  gui.click(app, "chat." + others);
  REQUIRE(app.ui().current_chat == others);
  CHECK(offered(app) == Names{"action.transfer", "action.close", "customer.assign"});
  CHECK_FALSE(app.ui().widgets.has("action.pause"));
  gui.click(app, "chat." + own);
  CHECK(offered(app) == Names{"action.pause", "action.transfer", "action.close", "customer.assign"});
  // Each offered action is one the core accepts as it stands.
  const ChatActions actions = allowed_actions(app.state(), ann, app.state().chat_ix(others), app.now());
  CHECK(allows(actions, kActionPause));
  CHECK_FALSE(allows(allowed_actions(app.state(), sue, app.state().chat_ix(others), app.now()), kActionPause));
}

TEST_CASE("an operator hands a waiting session to another group: its own group is not offered") {
  Gui gui;
  FakeHost host;
  Desk desk;
  small_desk(desk);
  App app(host);
  sign_in_as(gui, app, "ann", R"(["operator"])");
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  gui.click(app, "tab.queue");
  gui.click(app, "chat.c2");  // waiting in support
  REQUIRE(app.ui().current_chat == "c2");
  CHECK(offered(app) == Names{"chat.accept", "action.transfer", "customer.assign"});
  gui.click(app, "action.transfer");
  CHECK_FALSE(app.ui().widgets.has("transfer.to_agent"));  // nobody takes a waiting session from an operator
  gui.click(app, "transfer.group");
  CHECK(app.ui().widgets.has("transfer.group.sales"));
  CHECK_FALSE(app.ui().widgets.has("transfer.group.support"));
  gui.click(app, "transfer.group.sales");
  gui.click(app, "transfer.submit");
  CHECK(host.last_posted() == command_to_json(TransferChat{"c2", agent("ann"), "", "sales", ""}));
}

TEST_CASE("a reader lists their groups' sessions read-only: no counters to work, no actions") {
  Gui gui;
  FakeHost host;
  Desk desk;
  desk_with_reader(desk);
  App app(host);
  sign_in_as(gui, app, "rita", R"(["reader"])");
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  CHECK(app.ui().tab == ListView::active);  // core first_list
  CHECK(app.ui().widgets.has("tab.active"));
  for (const char* id : {"c1", "c2", "c3"}) CHECK_MESSAGE(app.ui().widgets.has(std::string("chat.") + id), id);
  for (const char* counter : {"counter.unread", "counter.unassigned", "counter.new"})
    CHECK_MESSAGE(!app.ui().widgets.has(counter), counter);
  gui.click(app, "chat.c1");
  REQUIRE(app.ui().current_chat == "c1");
  CHECK(offered(app).empty());
  gui.click(app, "composer.input");
  gui.type(app, "hello");
  gui.press(app, ImGuiKey_Enter);
  CHECK_FALSE(host.posted_type("message.send"));
  gui.click(app, "tab.queue");
  CHECK(app.ui().widgets.has("chat.c2"));
  CHECK_FALSE(app.ui().widgets.has("chat.accept"));
}

TEST_CASE("counters follow the roles the core gives them") {
  Gui gui;
  FakeHost host;
  Desk desk;
  small_desk(desk);
  App app(host);
  sign_in_as(gui, app, "ann", R"(["operator"])");
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  CHECK(app.ui().widgets.has("counter.unread"));
  CHECK(app.ui().widgets.has("counter.new"));
  CHECK_FALSE(app.ui().widgets.has("counter.unassigned"));
  // ann becomes a supervisor: the next frame shows the supervisor's counter too.
  desk.run(UpdateAgent{"ann", "Ann Lee", "Ann", {"sales", "support"}, kRoleOperator | kRoleSupervisor});
  desk.feed(app);
  gui.frame(app, 2);
  CHECK(app.ui().widgets.has("counter.unassigned"));
  CHECK(app.ui().widgets.has("tab.active"));
}

TEST_CASE_FIXTURE(SignedInDesk, "a private note shows in the open session's timeline") {
  const auto assignee = [&](const char* chat) {
    return desk.state.agents[desk.state.chats[desk.state.chat_ix(chat)].assignee].id;
  };
  const std::string mine = assignee("c1") == "ann" ? "c1" : "c3";
  desk.run(AddNote{mine, agent("ann"), "@sue the parcel left Berlin yesterday, tracking number in the order"},
           kSecond);
  desk.feed(app);
  host.wall = desk.at + 30 * kSecond;
  app.on_stream_state(StreamStatus::open);
  gui.frame(app, 3);
  gui.click(app, "chat." + mine);
  gui.frame(app, 2);
  REQUIRE(app.ui().current_chat == mine);
  const auto& tc = app.ui().timeline;
  const auto note = std::find_if(tc.items.begin(), tc.items.end(),
                                 [](const TimelineItem& item) { return item.kind == TimelineItem::Kind::note; });
  REQUIRE(note != tc.items.end());
  REQUIRE(tc.items.front().kind == TimelineItem::Kind::separator);  // the "started by client" separator
  const std::size_t at = static_cast<std::size_t>(note - tc.items.begin());
  CHECK(tc.tops[at + 1] - tc.tops[at] > tc.tops[1] - tc.tops[0]);  // its text under the title line
  CHECK(host.posted_type("chat.read"));
}

// How many vertices of the last frame's draw data have the colour.
std::size_t vertices_in(ImU32 color) {
  std::size_t n = 0;
  const ImDrawData* data = ImGui::GetDrawData();
  for (int i = 0; data && i < data->CmdListsCount; ++i)
    for (const ImDrawVert& v : data->CmdLists[i]->VtxBuffer) n += v.col == color ? 1 : 0;
  return n;
}

TEST_CASE_FIXTURE(SignedInDesk, "a missed SLA deadline is a mark in the open session's timeline, in both themes") {
  desk.run(SetSlaPolicy{SlaPolicy{"gold", "Gold", 5, 0, 0, false}});
  GroupSettings gold;
  gold.sla_policy = "gold";
  desk.run(UpdateGroup{"sales", "Sales", gold});
  const ChatIx c1 = desk.state.chat_ix("c1");
  const std::string mine = desk.state.agents[desk.state.chats[c1].assignee].id == "ann" ? "c1" : "c3";
  desk.feed(app);
  host.wall = desk.at;
  app.on_stream_state(StreamStatus::open);
  gui.frame(app, 3);
  gui.click(app, "chat." + mine);
  gui.frame(app, 2);
  REQUIRE(app.ui().current_chat == mine);
  const auto marks = [&] {
    std::vector<TimelineItem> found;
    for (const TimelineItem& item : app.ui().timeline.items)
      if (item.kind == TimelineItem::Kind::sla_mark) found.push_back(item);
    return found;
  };
  CHECK(marks().empty());
  CHECK_FALSE(app.ui().widgets.has("timeline.sla.0"));
  // Vertices in the danger colour of each theme (the same frame drawn in one, then the other).
  const bool was_dark = theme().dark;
  const auto danger_in_both = [&] {
    std::pair<std::size_t, std::size_t> counts;
    gui.frame(app, 2);
    counts.first = vertices_in(theme().danger);
    use_theme(!was_dark);
    gui.frame(app, 2);
    counts.second = vertices_in(theme().danger);
    use_theme(was_dark);
    gui.frame(app, 2);
    return counts;
  };
  const auto before = danger_in_both();

  desk.run(Tick{}, 10 * kMinute);  // the first reply was due five minutes after the customer wrote
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  REQUIRE(marks().size() == 1);
  CHECK(marks()[0].text.rfind("First response deadline missed \u00b7 5 min \u00b7 policy Gold \u2022 ", 0) == 0);
  const WidgetRect* mark = app.ui().widgets.find("timeline.sla.0");
  REQUIRE(mark != nullptr);
  CHECK(mark->h > ImGui::GetTextLineHeight());
  CHECK(mark->w > ImGui::CalcTextSize(marks()[0].text.c_str()).x);  // the whole text fits in the pill
  const auto after = danger_in_both();  // drawn in the theme's danger colour, in both themes
  CHECK(after.first > before.first);
  CHECK(after.second > before.second);
  CHECK(app.ui().widgets.has("timeline.sla.0"));
}

TEST_CASE("the team board: a tab for supervisors, the core's rows, live, and a session opened from it") {
  Gui gui;
  FakeHost host;
  Desk desk;
  small_desk(desk);
  desk.viewer = "sue";
  App app(host);
  sign_in_as(gui, app, "sue", R"(["operator","supervisor"])");
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  REQUIRE(app.ui().widgets.has("tab.board"));
  CHECK_FALSE(app.ui().widgets.has("board"));
  gui.click(app, "tab.board");
  REQUIRE(app.ui().widgets.has("board"));
  CHECK(app.ui().widgets.has("board.agent.ann"));
  CHECK(app.ui().widgets.has("board.agent.sue"));
  CHECK(app.ui().widgets.has("board.group.sales"));
  const Json board = app.snapshot()["board"];
  REQUIRE(board.is_object());
  CHECK(board["groups"].size() == 2);
  // ann's sessions are buttons on her row: one opens that session in place of the board.
  const AgentIx ann = app.state().agent_ix("ann");
  REQUIRE_FALSE(app.state().agents[ann].assigned.empty());
  const std::string first = app.state().chats[*app.state().agents[ann].assigned.begin()].id;
  int computed = app.ui().board.computed;
  gui.frame(app, 5);  // same second, no event: the cached board
  CHECK(app.ui().board.computed == computed);
  desk.run(SetAgentStatus{"ann", AgentStatus::dnd});
  desk.feed(app);
  gui.frame(app);
  CHECK(app.ui().board.computed > computed);
  CHECK(app.snapshot()["board"]["agents"][1]["status"] == "dnd");
  gui.click(app, "board.session." + first);
  CHECK(app.ui().current_chat == first);
  CHECK_FALSE(app.ui().widgets.has("board"));
  CHECK(app.ui().widgets.has("action.close"));
}

TEST_CASE_FIXTURE(SignedInDesk, "an operator has no team board") {
  desk.feed(app);
  gui.frame(app, 3);
  CHECK_FALSE(app.ui().widgets.has("tab.board"));
  CHECK(app.snapshot()["board"].is_null());
}

TEST_CASE("supervisors get the Spam list and mark or unmark a session from its view; operators neither") {
  Gui gui;
  FakeHost host;
  Desk desk;
  desk.viewer = "sue";
  small_desk(desk);
  App app(host);
  sign_in_as(gui, app, "sue", R"(["operator","supervisor"])");
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  CHECK(app.ui().widgets.has("tab.spam"));
  gui.click(app, "tab.active");
  gui.click(app, "chat.c1");
  REQUIRE(app.ui().current_chat == "c1");
  CHECK_FALSE(app.ui().widgets.has("action.unspam"));
  gui.click(app, "action.spam");
  CHECK(host.last_posted() == command_to_json(MarkSpam{"c1", "agent:sue"}));
  desk.run(MarkSpam{"c1", "agent:sue"}, kSecond);
  desk.feed(app);
  gui.frame(app, 3);
  gui.click(app, "tab.spam");
  REQUIRE(app.ui().widgets.has("chat.c1"));
  gui.click(app, "chat.c1");
  CHECK(app.ui().widgets.has("action.unspam"));
  CHECK_FALSE(app.ui().widgets.has("action.spam"));
  gui.click(app, "action.unspam");
  CHECK(host.last_posted() == command_to_json(UnmarkSpam{"c1", "agent:sue"}));
}

TEST_CASE("an operator has no Spam list and is never offered to mark spam") {
  Gui gui;
  FakeHost host;
  Desk desk;
  small_desk(desk);
  App app(host);
  sign_in_as(gui, app, "ann", R"(["operator"])");
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 3);
  CHECK_FALSE(app.ui().widgets.has("tab.spam"));
  gui.click(app, "tab.queue");
  gui.click(app, "chat.c2");
  REQUIRE(app.ui().current_chat == "c2");
  CHECK_FALSE(app.ui().widgets.has("action.spam"));
  CHECK_FALSE(allows(allowed_actions(app.state(), app.state().agent_ix("ann"), app.state().chat_ix("c2"), app.now()),
                     kActionMarkSpam));
}

TEST_CASE_FIXTURE(SignedInDesk, "the composer's Actions: a form checked by the core at each field, a run posted, its outcome in the timeline") {
  const std::string mine = desk.state.find_chat("c1")->assignee == desk.state.agent_ix("ann") ? "c1" : "c3";
  desk.feed(app);
  host.wall = desk.at;
  gui.frame(app, 2);
  gui.click(app, "chat." + mine);
  const auto has = [&](const std::string& name) { return app.ui().widgets.has(name); };
  gui.click(app, "composer.actions");
  REQUIRE_FALSE(host.asked.empty());
  CHECK(host.asked.back().second == "GET api/v1/actions");
  app.on_request_reply(host.asked.back().first, 200, R"({"actions":[{"id":"refund","name":"Refund an order","fields":[
      {"name":"order","label":"Order number","type":"text","required":true,"pattern":"ORD-#####"},
      {"name":"amount","label":"Amount","type":"number","required":true}]}]})");
  gui.frame(app, 2);
  REQUIRE(has("actions.item.refund"));
  gui.click(app, "actions.item.refund");
  REQUIRE(has("actions.field.order"));
  const std::size_t asked = host.asked.size();
  gui.click(app, "actions.run");
  CHECK(host.asked.size() == asked);  // nothing sent: the core found a problem
  CHECK(has("actions.problem.order"));
  gui.click(app, "actions.field.order");
  gui.type(app, "ORD-12345");
  gui.click(app, "actions.field.amount");
  gui.type(app, "ten");
  gui.click(app, "actions.run");
  CHECK(host.asked.size() == asked);
  CHECK_FALSE(has("actions.problem.order"));
  CHECK(has("actions.problem.amount"));
  gui.click(app, "actions.field.amount");
  for (int i = 0; i < 3; ++i) gui.press(app, ImGuiKey_Backspace);
  gui.type(app, "10");
  gui.click(app, "actions.run");
  REQUIRE(host.asked.size() == asked + 1);
  CHECK(host.asked.back().second == "POST api/v1/chats/" + mine + "/actions/refund");
  app.on_request_reply(host.asked.back().first, 202, R"({"run":")" + mine + R"(/a1","events":[]})");
  gui.frame(app, 2);
  CHECK_FALSE(has("actions.run"));  // closed once the server took it
  // The outcome arrives as events and shows in the timeline.
  ActionForm form{"Refund an order", {ActionField{"order", "Order number", ActionFieldType::text, true, "", {}}}};
  desk.run(RunAction{mine, Actor{ActorKind::agent, "ann"}, "refund", form, {{"order", "ORD-12345"}}}, kSecond);
  desk.run(FinishAction{mine, mine + "/a1", ActionOutcome::ok, "Refund approved"}, kSecond);
  desk.feed(app);
  gui.frame(app, 3);
  CHECK(has("timeline.action." + mine + "/a1"));
}

TEST_CASE("the demo's actions answer with a canned text in the open session's timeline") {
  Gui gui;
  FakeHost host;
  App app(host);
  app.start();
  gui.frame(app, 2);
  gui.click(app, "login.demo");
  std::string mine;
  for (int i = 0; i < 600 && mine.empty(); ++i) {
    host.wall += kSecond;
    gui.frame(app);
    for (ChatIx c : app.state().agents[app.state().agent_ix("you")].assigned)
      if (app.state().chats[c].state == ChatState::open) mine = app.state().chats[c].id;
  }
  REQUIRE(!mine.empty());
  gui.frame(app);
  gui.click(app, "chat." + mine);
  gui.click(app, "composer.actions");
  CHECK(host.asked.empty());
  REQUIRE(app.ui().widgets.has("actions.item.order-status"));
  gui.click(app, "actions.item.order-status");
  gui.click(app, "actions.field.order");
  gui.type(app, "ORD-20260");
  gui.click(app, "actions.run");
  const Chat& chat = *app.state().find_chat(mine);
  REQUIRE(chat.action_runs.size() == 1);
  CHECK(chat.action_runs[0].outcome == ActionOutcome::ok);
  CHECK(chat.action_runs[0].text.find("ORD-20260") != std::string::npos);
  gui.frame(app, 3);
  CHECK(app.ui().widgets.has("timeline.action." + chat.action_runs[0].id));
  CHECK_FALSE(app.ui().widgets.has("actions.run"));
}
