// The web client's frames natively: ImGui with no renderer, a fake Host, States built with the core.
// Clicks and typing go through ImGui's input queue at the rectangles the test hook records.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <imgui.h>

#include <chrono>
#include <map>

#include "app.hpp"
#include "engine.hpp"
#include "stats.hpp"

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

  Json last_posted() const { return posted.empty() ? Json(nullptr) : *parse_json(posted.back()); }
  bool posted_type(const std::string& type) const {
    for (const std::string& body : posted)
      if ((*parse_json(body))["type"] == type) return true;
    return false;
  }
};

// One ImGui context with a built font atlas and no renderer.
struct Gui {
  Gui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 720);
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~Gui() { ImGui::DestroyContext(); }
  Gui(const Gui&) = delete;
  Gui& operator=(const Gui&) = delete;

  void frame(App& app, int count = 1) {
    for (int i = 0; i < count; ++i) {
      ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
      ImGui::NewFrame();
      app.frame();
      ImGui::Render();
    }
  }
  // Clicks as a browser test does: move, press and release all arrive before the next frame.
  void click(App& app, const std::string& widget) {
    const WidgetRect* r = app.ui().widgets.find(widget);
    REQUIRE_MESSAGE(r != nullptr, "no widget " << widget);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(r->x + r->w * 0.5f, r->y + r->h * 0.5f);
    io.AddMouseButtonEvent(0, true);
    io.AddMouseButtonEvent(0, false);
    frame(app, 4);
  }
  void type(App& app, const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    frame(app);
  }
  void key(App& app, ImGuiKey key) {
    ImGui::GetIO().AddKeyEvent(key, true);
    frame(app);
    ImGui::GetIO().AddKeyEvent(key, false);
    frame(app, 4);
  }
};

// A desk built with the core and fed to the app as a server stream.
struct Desk {
  State state;
  Events log;
  Timestamp at = T0;
  void run(const Command& command, Duration after = 0) {
    at += after;
    Outcome outcome = handle(state, command, at);
    REQUIRE_MESSAGE(!outcome.error, (outcome.error ? outcome.error->message : ""));
    log.insert(log.end(), outcome.events.begin(), outcome.events.end());
  }
  std::uint64_t fed = 0;
  void feed(App& app) {
    for (; fed < log.size(); ++fed) app.on_stream_event(fed + 1, event_to_json(log[fed]).dump());
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
  const std::string holder = d.state.agents[d.state.chats[2].assignee].id;
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

TEST_CASE("a workspace with chats: panel, lists, session view and commands") {
  Gui gui;
  FakeHost host;
  App app(host);
  sign_in(gui, app, host);
  Desk desk;
  small_desk(desk);
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
  const Index ann = app.state().agent_ix("ann");
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
  gui.key(app, ImGuiKey_Enter);
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
  gui.key(app, ImGuiKey_Escape);
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

TEST_CASE("a resumed stream and a lost one") {
  Gui gui;
  FakeHost host;
  App app(host);
  sign_in(gui, app, host);
  Desk desk;
  small_desk(desk);
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

TEST_CASE("a long timeline and long lists draw only what is visible") {
  Gui gui;
  FakeHost host;
  App app(host);
  sign_in(gui, app, host);
  Desk desk;
  small_desk(desk);
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
    desk.run(SendMessage{mine, client(), "one more", {}}, kSecond);  // State changes: lists are rebuilt
    desk.feed(app);
    const auto t1b = std::chrono::steady_clock::now();
    gui.frame(app);
    const auto t2 = std::chrono::steady_clock::now();
    host.wall += kSecond;  // a large desk rebuilds its lists and counters at most once a second
    gui.frame(app);
    const auto t3 = std::chrono::steady_clock::now();
    MESSAGE("100 000 queued: the once-a-second rebuild frame " << std::chrono::duration<double, std::milli>(t3 - t2).count()
                                                                << " ms");
    MESSAGE("100 000 queued sessions: steady frame " << std::chrono::duration<double, std::milli>(t1 - t0).count() / 10
                                                      << " ms, frame after an event "
                                                      << std::chrono::duration<double, std::milli>(t2 - t1b).count()
                                                      << " ms");
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
      const Index you = app.state().agent_ix("you");
      for (Index c : app.state().agents[you].assigned)
        if (app.state().chats[c].state == ChatState::open) mine = app.state().chats[c].id;
    }
    REQUIRE(!mine.empty());
    CHECK(app.snapshot()["chats"].size() >= 1);
    gui.frame(app);
    gui.click(app, "chat." + mine);
    gui.click(app, "composer.input");
    gui.type(app, "Hello from the demo");
    gui.key(app, ImGuiKey_Enter);
    const Chat& chat = *app.state().find_chat(mine);
    CHECK(chat.messages.back().text == "Hello from the demo");
    const int closed = app.snapshot()["stats"]["closed"].get<int>();
    gui.click(app, "action.close");
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
