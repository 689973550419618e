// The flow in the workspace's frames natively (ImGui with no renderer, a fake Host, a desk built with
// the core and streamed to the app): landing after Accept and a transfer, the held close and its Undo,
// the shortcuts, the command palette, the search scope and Escape, the demo reset's confirmation.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <map>

#include "app.hpp"
#include "engine.hpp"
#include "overlay_holes.hpp"
#include "replica_wire.hpp"
#include "stream_routing.hpp"
#include "view_gui.hpp"

using namespace parley;
using namespace parley::web;

namespace {

const Timestamp T0 = 1'767'603'600'000;  // 2026-01-05 09:00 UTC

struct FakeHost : parley::web::Host {
  Timestamp wall = T0;
  std::map<std::pair<int, std::string>, std::string> storage;
  std::vector<std::string> posted;
  std::vector<std::uint64_t> requests;
  Timestamp wall_ms() override { return wall; }
  void sign_in(const std::string&, const std::string&) override {}
  void check_token(const std::string&) override {}
  void sign_out(const std::string&) override {}
  void open_stream(const std::string&, std::uint64_t) override {}
  void close_stream() override {}
  void post_command(std::uint64_t request, const std::string&, const std::string& body) override {
    requests.push_back(request);
    posted.push_back(body);
  }
  std::optional<std::string> load(Store store, const std::string& key) override {
    const auto found = storage.find({static_cast<int>(store), key});
    return found == storage.end() ? std::nullopt : std::optional<std::string>(found->second);
  }
  void save(Store store, const std::string& key, const std::string& value) override {
    storage[{static_cast<int>(store), key}] = value;
  }
  void remove(Store store, const std::string& key) override { storage.erase({static_cast<int>(store), key}); }
  Json last() const { return posted.empty() ? Json(nullptr) : *parse_json(posted.back()); }
};

// 1280×720 with keyboard navigation; clicks as a browser test makes them.
struct Gui : ViewGui {
  Gui() : ViewGui(GuiOptions{ImVec2(1280, 720), true, false, 2}) {}
};

Actor agent(const char* id) { return Actor{ActorKind::agent, id}; }
Actor client() { return Actor{ActorKind::client, {}}; }

// Sales (auto) and Support (accept). ann has Bob's c1 and Carla's c3 in Sales; Ольга's c2 waits in
// Support; sue (supervisor) is online in both.
struct Desk {
  State state, routed;
  Events log;
  Timestamp at = T0;
  std::uint64_t fed = 0;
  void run(const Command& command, Duration after = kSecond) {
    at += after;
    Outcome outcome = handle(state, command, at);
    REQUIRE_MESSAGE(!outcome.error, (outcome.error ? outcome.error->message : ""));
    log.insert(log.end(), outcome.events.begin(), outcome.events.end());
  }
  void feed(App& app) {
    for (; fed < log.size(); ++fed) {
      const RoutedEvent r = apply_routed(routed, log[fed]);
      const StreamViewer v{false, routed.agent_ix("ann")};
      for (const ReplicaItem* item : preludes_for(r, v)) app.on_stream_event(0, replica_item_to_json(*item).dump());
      if (gets_event(r, v)) app.on_stream_event(fed + 1, event_to_json(log[fed]).dump());
      for (const ReplicaItem* item : postludes_for(r, v)) app.on_stream_event(0, replica_item_to_json(*item).dump());
    }
  }
  Desk() {
    GroupSettings accept;
    accept.routing = Routing::accept;
    run(CreateGroup{"sales", "Sales", {}});
    run(CreateGroup{"support", "Support", accept});
    run(CreateAgent{"ann", "Ann Lee", "Ann", {"sales", "support"}, kRoleOperator});
    run(CreateAgent{"sue", "Sue Park", "", {"sales", "support"}, kRoleOperator | kRoleSupervisor});
    run(SetAgentStatus{"ann", AgentStatus::online});
    run(StartChat{"c1", "sales", "Widget", "Bob", client()});
    run(SendMessage{"c1", client(), "Is the blue one in stock?", {}});
    run(StartChat{"c3", "sales", "Widget", "Carla", client()});
    run(SendMessage{"c3", client(), "Where is my parcel?", {}});
    run(SetAgentStatus{"sue", AgentStatus::online});
    run(StartChat{"c2", "support", "Telegram", "Ольга", client()});
    run(SendMessage{"c2", client(), "Здравствуйте!", {}});
  }
};

struct Flow {
  Gui gui;
  FakeHost host;
  App app{host};
  Desk desk;
  Flow() {
    app.start();
    gui.frame(app, 2);
    app.on_login_reply(200, R"({"token":"tok","user":{"login":"ann","agent":"ann","roles":["operator"]}})");
    desk.feed(app);
    host.wall = desk.at;
    app.on_stream_state(StreamStatus::open);
    gui.frame(app, 3);
    REQUIRE(app.state().find_chat("c1")->assignee == app.state().agent_ix("ann"));
    REQUIRE(app.state().find_chat("c3")->assignee == app.state().agent_ix("ann"));
  }
  // The server's answer to the last command, then its events on the stream.
  void answer(const Command& command) {
    app.on_command_reply(host.requests.back(), 200, "{}");
    desk.run(command);
    desk.feed(app);
    host.wall = std::max(host.wall, desk.at);
    gui.frame(app, 3);
  }
  std::vector<std::string> toasts() {
    std::vector<std::string> out;
    const Json snapshot = app.snapshot();
    for (const Json& t : snapshot["toasts"]) out.push_back(t["text"].get<std::string>());
    return out;
  }
  std::size_t posted_of(const std::string& type) const {
    std::size_t n = 0;
    for (const std::string& body : host.posted) n += (*parse_json(body))["type"] == type;
    return n;
  }
};

}  // namespace

TEST_CASE_FIXTURE(Flow, "Accept lands in My sessions with the session open and the reply taking the keyboard") {
  gui.click(app, "tab.queue");
  REQUIRE(app.ui().widgets.has("chat.accept.c2"));
  gui.click(app, "chat.accept.c2");
  CHECK(host.last() == Json{{"type", "chat.accept"}, {"chat", "c2"}, {"agent", "ann"}});
  answer(AcceptChat{"c2", "ann"});
  CHECK(app.snapshot()["tab"] == "mine");
  CHECK(app.snapshot()["current"] == "c2");
  CHECK(toasts() == std::vector<std::string>{"Accepted #3 Ольга"});
  CHECK(app.ui().widgets.has("chat.c2"));
  gui.frame(app, 2);  // the field takes the keyboard a frame or two after it is asked to
  CHECK(ImGui::GetIO().WantTextInput);  // the composer has the keyboard
  gui.type(app, "Hello Olga");
  CHECK(app.ui().composer == "Hello Olga");
  // The toast leaves after a few seconds.
  host.wall += Toasts::kShown + 1;
  gui.frame(app, 2);
  CHECK(toasts().empty());
}

TEST_CASE_FIXTURE(Flow, "a transfer: the session leaves the screen, a toast names the target, the separator too") {
  gui.click(app, "chat.c1");
  REQUIRE(app.ui().current_chat == "c1");
  gui.press(app, ImGuiKey_T, ImGuiMod_Alt);  // the transfer popup, from the keyboard
  REQUIRE(app.ui().widgets.has("transfer.submit"));
  gui.click(app, "transfer.to_group");
  gui.click(app, "transfer.group");
  gui.click(app, "transfer.group.support");
  gui.click(app, "transfer.submit");
  const Json sent = host.last();
  CHECK(sent["type"] == "chat.transfer");
  CHECK(sent["to_group"] == "support");
  CHECK(app.ui().current_chat == "c1");  // until the server answers
  answer(TransferChat{"c1", agent("ann"), "", "support", ""});
  CHECK(app.ui().current_chat.empty());
  CHECK(toasts() == std::vector<std::string>{"Transferred to Support · #1 Bob"});
  CHECK(app.ui().notice.empty());
  CHECK(app.ui().widgets.has("toast.0"));

  // Opened again, its timeline names where it went.
  gui.click(app, "tab.queue");
  gui.click(app, "chat.c1");
  bool named = false;
  for (const TimelineItem& item : app.ui().timeline.items)
    named = named || item.text.rfind("Transferred to Support by Ann Lee", 0) == 0;
  CHECK(named);
}

TEST_CASE_FIXTURE(Flow, "a refused transfer keeps the session open and shows why") {
  gui.click(app, "chat.c1");
  gui.press(app, ImGuiKey_T, ImGuiMod_Alt);
  gui.click(app, "transfer.to_group");
  gui.click(app, "transfer.group");
  gui.click(app, "transfer.group.support");
  gui.click(app, "transfer.submit");
  app.on_command_reply(host.requests.back(), 409, R"({"error":{"code":"group_offline","message":"group support is offline"}})");
  gui.frame(app, 2);
  CHECK(app.ui().current_chat == "c1");
  CHECK(toasts().empty());
  CHECK(app.ui().notice == "group support is offline");
}

TEST_CASE_FIXTURE(Flow, "Close is held back with Undo; it is sent when the window ends") {
  gui.click(app, "chat.c1");
  const std::size_t before = host.posted.size();
  gui.click(app, "action.close");
  CHECK(host.posted.size() == before);  // nothing sent yet
  CHECK(app.ui().current_chat.empty());
  CHECK(toasts() == std::vector<std::string>{"Closed #1 Bob"});
  REQUIRE(app.ui().widgets.has("toast.undo"));
  gui.click(app, "toast.undo");
  CHECK(app.ui().current_chat == "c1");
  CHECK(toasts().empty());
  host.wall += 2 * Toasts::kUndoWindow;
  gui.frame(app, 2);
  CHECK(posted_of("chat.close") == 0);

  gui.press(app, ImGuiKey_C, ImGuiMod_Alt);  // the same from the keyboard, and Alt+Z undoes it
  CHECK(app.ui().current_chat.empty());
  gui.press(app, ImGuiKey_Z, ImGuiMod_Alt);
  CHECK(app.ui().current_chat == "c1");
  CHECK(toasts().empty());
  gui.press(app, ImGuiKey_C, ImGuiMod_Alt);
  CHECK(app.ui().current_chat.empty());
  CHECK(posted_of("chat.close") == 0);
  host.wall += Toasts::kUndoWindow;
  gui.frame(app, 2);
  REQUIRE(posted_of("chat.close") == 1);
  CHECK(host.last() == Json{{"type", "chat.close"}, {"chat", "c1"}, {"by", "agent:ann"}});
  CHECK(toasts().empty());
}

TEST_CASE_FIXTURE(Flow, "shortcuts: next and previous session, pause, accept, help") {
  gui.press(app, ImGuiKey_DownArrow, ImGuiMod_Alt);
  const std::string first = app.ui().current_chat;
  CHECK((first == "c1" || first == "c3"));
  gui.press(app, ImGuiKey_DownArrow, ImGuiMod_Alt);
  const std::string second = app.ui().current_chat;
  CHECK((second == "c1" || second == "c3"));
  CHECK(second != first);
  gui.press(app, ImGuiKey_K);  // K: previous, while no field has the keyboard
  CHECK(app.ui().current_chat == first);
  gui.press(app, ImGuiKey_J);
  CHECK(app.ui().current_chat == second);

  gui.press(app, ImGuiKey_P, ImGuiMod_Alt);
  CHECK(host.last() == Json{{"type", "chat.pause"}, {"chat", second}, {"by", "agent:ann"}});
  answer(PauseChat{second, agent("ann")});
  CHECK(toasts().size() == 1);
  CHECK(toasts()[0].rfind("Paused #", 0) == 0);
  gui.press(app, ImGuiKey_P, ImGuiMod_Alt);  // the same key resumes a paused session
  CHECK(host.last()["type"] == "chat.resume");

  gui.press(app, ImGuiKey_A, ImGuiMod_Alt);  // Accept: the oldest waiting session
  CHECK(host.last() == Json{{"type", "chat.accept"}, {"chat", "c2"}, {"agent", "ann"}});
  CHECK(app.ui().current_chat == "c2");

  gui.press(app, ImGuiKey_Slash, ImGuiMod_Shift);  // ?
  CHECK(app.snapshot()["help"] == true);
  CHECK(app.ui().widgets.has("shortcuts.close"));
  gui.press(app, ImGuiKey_Escape);
  CHECK(app.snapshot()["help"] == false);
  gui.press(app, ImGuiKey_Slash, ImGuiMod_Ctrl);
  CHECK(app.ui().widgets.has("shortcuts.close"));
  gui.click(app, "shortcuts.close");
  CHECK_FALSE(app.ui().widgets.has("shortcuts.close"));
}

TEST_CASE_FIXTURE(Flow, "the command palette: Ctrl+K, filtered as typed, Enter runs; it finds other customers") {
  gui.click(app, "chat.c1");
  gui.press(app, ImGuiKey_K, ImGuiMod_Ctrl);
  CHECK(app.snapshot()["palette"] == true);
  CHECK(ImGui::GetIO().WantTextInput);
  CHECK(app.ui().widgets.has("palette.entry.0"));
  gui.type(app, "pause");
  CHECK(app.ui().widgets.has("palette.entry.0"));
  CHECK_FALSE(app.ui().widgets.has("palette.entry.1"));
  gui.press(app, ImGuiKey_Enter);
  CHECK(app.snapshot()["palette"] == false);
  CHECK(host.last() == Json{{"type", "chat.pause"}, {"chat", "c1"}, {"by", "agent:ann"}});

  // Another customer's session, found by name while c1 is open: it opens in the list that holds it.
  gui.press(app, ImGuiKey_K, ImGuiMod_Ctrl);
  gui.type(app, "ольга");
  REQUIRE(app.ui().widgets.has("palette.session.c2"));
  gui.press(app, ImGuiKey_DownArrow);  // the acts matching "ольга": none; the session is the first entry
  gui.press(app, ImGuiKey_Enter);
  CHECK(app.ui().current_chat == "c2");
  CHECK(app.snapshot()["tab"] == "queue");

  // A click on an entry runs it too.
  gui.press(app, ImGuiKey_K, ImGuiMod_Ctrl);
  gui.type(app, "bob");
  REQUIRE(app.ui().widgets.has("palette.session.c1"));
  gui.click(app, "palette.session.c1");
  CHECK(app.snapshot()["palette"] == false);
  CHECK(app.ui().current_chat == "c1");
  CHECK(app.snapshot()["tab"] == "mine");

  // Escape closes it and runs nothing.
  const std::size_t posted = host.posted.size();
  gui.press(app, ImGuiKey_K, ImGuiMod_Ctrl);
  gui.type(app, "accept");
  gui.press(app, ImGuiKey_Escape);
  CHECK(app.snapshot()["palette"] == false);
  CHECK(host.posted.size() == posted);
}

TEST_CASE_FIXTURE(Flow, "search scope: all sessions while one is open, or this session; Escape clears it") {
  gui.click(app, "chat.c1");
  gui.press(app, ImGuiKey_S, ImGuiMod_Alt);
  REQUIRE(ImGui::GetIO().WantTextInput);
  CHECK(app.snapshot()["search"]["scope"] == "all");
  gui.type(app, "Ольга");
  CHECK(app.ui().search.sessions == std::vector<ChatIx>{app.state().chat_ix("c2")});
  REQUIRE(app.ui().widgets.has("search.result.c2"));

  gui.click(app, "search.scope.session");
  CHECK(app.snapshot()["search"]["scope"] == "session");
  CHECK(app.ui().search.sessions.empty());
  CHECK(app.ui().search.messages.empty());  // nobody wrote "Ольга" in c1
  gui.press(app, ImGuiKey_Escape);
  CHECK(app.ui().search.query.empty());
  CHECK_FALSE(app.ui().widgets.has("search.results"));
  gui.type(app, "typed");  // the reply has the keyboard again
  CHECK(app.ui().composer == "typed");
  CHECK(app.ui().search.query.empty());

  // This session's messages.
  gui.click(app, "search.input");
  gui.type(app, "blue");
  CHECK(app.ui().search.messages.size() == 1);
  gui.click(app, "search.scope.all");
  CHECK(app.ui().search.sessions.empty());  // no customer is called "blue"
  CHECK(app.ui().search.messages.empty());
}

TEST_CASE("the demo's reset asks first") {
  Gui gui;
  FakeHost host;
  App app(host);
  app.start();
  gui.frame(app, 2);
  gui.click(app, "login.demo");
  REQUIRE(app.mode() == Mode::demo);
  for (int i = 0; i < 120; ++i) {
    host.wall += kSecond;
    gui.frame(app);
  }
  const std::size_t grown = app.demo()->log().size();
  gui.click(app, "demo.reset");
  REQUIRE(app.ui().widgets.has("demo.reset.confirm"));
  gui.click(app, "demo.reset.cancel");
  CHECK_FALSE(app.ui().widgets.has("demo.reset.confirm"));
  CHECK(app.demo()->log().size() >= grown);
  gui.click(app, "demo.reset");
  gui.click(app, "demo.reset.confirm");
  CHECK(app.demo()->log().size() < grown);
}

TEST_CASE("the page's overlays get holes where windows drawn in front of their window cover them") {
  Gui gui;
  constexpr ImGuiWindowFlags kPlain = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings;
  const auto window = [&](const char* name, ImVec2 pos, ImVec2 size, ImGuiWindowFlags flags) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(name, nullptr, flags);
  };
  const WidgetRect box{400, 520, 200, 40};  // the composer's place, in the host's pane
  ImGuiID host = 0;
  std::vector<WidgetRect> holes, far_only, fallback_only;
  for (int frame = 0; frame < 3; ++frame) {
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    window("host", ImVec2(0, 0), ImVec2(800, 600), kPlain | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::BeginChild("pane", ImVec2(0, 0));
    host = overlay_host();
    ImGui::EndChild();
    ImGui::End();
    // Made after the host but kept at the back (ImGui puts such a window behind all others).
    window("behind", ImVec2(380, 500), ImVec2(100, 100), kPlain | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::End();
    window("toast", ImVec2(500, 500), ImVec2(200, 80), kPlain | ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::End();
    window("far", ImVec2(10, 10), ImVec2(50, 50), kPlain);
    ImGui::End();
    holes = windows_over(host, box);
    far_only = windows_over(host, WidgetRect{0, 0, 30, 30});
    fallback_only = windows_over(host, WidgetRect{100, 100, 20, 20});  // under ImGui's implicit window
    ImGui::Render();
  }
  CHECK(host == ImGui::FindWindowByName("host")->ID);
  REQUIRE(holes.size() == 1);  // the toast, clipped to the box; not the window behind, not the far one
  CHECK(holes[0] == WidgetRect{500, 520, 100, 40});
  CHECK(holes_text(holes) == "500.0 520.0 100.0 40.0");
  REQUIRE(far_only.size() == 1);
  CHECK(far_only[0] == WidgetRect{10, 10, 20, 20});
  CHECK(fallback_only.empty());
  CHECK(holes_text(std::vector<WidgetRect>{}).empty());
  CHECK(windows_over(0, box).empty());  // no host known: no holes
}
