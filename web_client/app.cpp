// The application loop: inbox → apply → draw → flush, server sign-in and stream, the demo desk and
// its persistence, and the test-hook snapshot.
#include "app.hpp"

#include <imgui.h>

#include <algorithm>

#include "actions.hpp"
#include "apply.hpp"
#include "replica.hpp"
#include "replica_wire.hpp"
#include "stats.hpp"
#include "views/agent_panel.hpp"
#include "views/attention_view.hpp"
#include "views/chat_list.hpp"
#include "views/chat_view.hpp"
#include "views/customer_panel.hpp"
#include "views/flow_view.hpp"
#include "views/login_view.hpp"
#include "views/search_bar.hpp"
#include "views/admin_view.hpp"
#include "views/audit_view.hpp"
#include "views/reports_view.hpp"
#include "views/sessions_view.hpp"
#include "views/team_board_view.hpp"

namespace parley::web {

namespace {

constexpr const char* kTokenKey = "parley.token";
constexpr const char* kDemoActiveKey = "parley.demo.active";
constexpr const char* kDemoMetaKey = "parley.demo.meta";
constexpr const char* kDemoLogPrefix = "parley.demo.log.";
constexpr std::size_t kDemoChunk = 500;  // events per saved chunk
constexpr Duration kDemoSaveEvery = 2 * kSecond;
constexpr Duration kMaxFrameGap = 5 * kSecond;  // a sleeping tab does not fast-forward the demo for hours

}  // namespace

App::App(Host& host) : host_(host) {}

void App::start() {
  last_wall_ = host_.wall_ms();
  if (host_.load(Store::durable, kDemoActiveKey).value_or("") == "1") {
    start_demo(false);
    return;
  }
  if (auto token = host_.load(Store::tab, kTokenKey); token && !token->empty()) {
    token_ = *token;
    ui_.login_busy = true;
    host_.check_token(token_);
  }
}

void App::frame() {
  update();
  draw();
  flush();
}

Timestamp App::now() {
  if (mode_ == Mode::demo && demo_) return demo_->clock();
  return std::max(state_.last_event_at, host_.wall_ms() + clock_offset_);
}

Duration App::redraw_interval() const {
  if (mode_ == Mode::demo && demo_) return std::max<Duration>(100, kSecond / demo_->speed());
  return kSecond;
}

ViewContext App::context() {
  ViewContext view{state_};
  view.agent = state_.agent_ix(agent_id_);
  view.agent_id = agent_id_;
  view.now = now();
  view.wall = host_.wall_ms();
  view.mode = mode_;
  view.link = link_;
  view.demo_speed = demo_ ? demo_->speed() : 1;
  view.pending = &pending_;
  return view;
}

// [SECTION] frame

bool App::update() {
  const Timestamp wall = host_.wall_ms();
  const Duration real = std::clamp<Duration>(wall - last_wall_, 0, kMaxFrameGap);
  last_wall_ = wall;
  bool changed = false;
  while (!inbox_.empty()) {
    const auto [seq, json] = std::move(inbox_.front());
    inbox_.pop_front();
    const auto parsed = parse_json(json);
    if (!parsed) continue;
    if (seq == 0 && mode_ == Mode::server && parsed->is_object() && parsed->value("type", "") == "presence") {
      changed = hear_presence(ui_.together, *parsed, agent_id_, wall) || changed;
      continue;
    }
    if (seq == 0 && mode_ == Mode::server) {
      const auto item = replica_item_from_json(*parsed);
      if (!item) continue;
      if (!install(state_, item.value())) {
        resync();
        break;
      }
      if (std::holds_alternative<ReplicaReset>(item.value()) && (*parsed).contains("seq") &&
          (*parsed)["seq"].is_number_unsigned())
        last_seq_ = (*parsed)["seq"].get<std::uint64_t>();
      changed = true;
      continue;
    }
    auto event = event_from_json(*parsed);
    if (!event) continue;
    if (!knows_subjects(state_, event.value().body)) {
      resync();
      break;
    }
    apply(state_, event.value());
    alert_mention(event.value());
    changed = true;
    if (event.value().at > wall + clock_offset_) clock_offset_ = event.value().at - wall;
  }
  if (mode_ == Mode::demo && demo_ && screen_ == Screen::workspace) {
    changed = demo_->step(state_, real) > 0 || changed;
    save_demo(false);
  }
  if (!pending_.empty())
    pending_.erase(std::remove_if(pending_.begin(), pending_.end(),
                                  [&](const PendingSend& p) {
                                    const Chat* chat = state_.find_chat(p.chat);
                                    return chat && chat->message_index.count(p.message);
                                  }),
                   pending_.end());
  if (mode_ == Mode::server && screen_ == Screen::workspace && link_ == Link::retrying && stream_retry_at_ != 0 &&
      wall >= stream_retry_at_) {
    stream_retry_at_ = 0;
    link_ = Link::connecting;
    host_.open_stream(token_, last_seq_);
  }
  if (changed && !ui_.current_chat.empty()) {
    const Chat* open = state_.find_chat(ui_.current_chat);
    if (open && open->forgotten) {
      if (!ui_.flow.leaving(open->id))
        set_notice("Session #" + std::to_string(open->number) + " moved out of your groups.");
      ui_.current_chat.clear();
    }
  }
  if (!ui_.notice.empty() && wall > ui_.notice_until) ui_.notice.clear();
  if (screen_ == Screen::workspace) tell_presence();
  if (screen_ == Screen::workspace) {
    AttentionFrame seen = watch_attention(ui_.attention.watch, state_, state_.agent_ix(agent_id_),
                                          ui_.attention.settings, wall);
    ui_.attention.count = seen.count;
    for (Alert& alert : seen.alerts) ui_.attention.alerts.push_back(std::move(alert));
  } else {
    ui_.attention.count = 0;
  }
  return changed;
}

void App::draw() {
  ui_.widgets.clear();
  const ViewContext view = context();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Parley", nullptr, flags);
  if (screen_ == Screen::login) {
    draw_login_view(view, ui_, outbox_);
  } else {
    draw_agent_panel(view, ui_, outbox_);
    draw_attention_popups(view, ui_, outbox_);
    draw_demo_hint(view, ui_, outbox_);
    if (!ui_.notice.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.55f, 0.45f, 1.0f));
      ImGui::TextWrapped("%s", ui_.notice.c_str());
      ImGui::PopStyleColor();
    }
    draw_search_bar(view, ui_, outbox_);
    if (admin_showing(view, ui_)) {
      draw_admin(view, ui_);
      ImGui::End();
      draw_flow(view, ui_, outbox_);
      return;
    }
    if (audit_showing(view, ui_)) {
      draw_audit(view, ui_);
      ImGui::End();
      draw_flow(view, ui_, outbox_);
      return;
    }
    if (reports_showing(view, ui_)) {
      draw_reports(view, ui_);
      ImGui::End();
      draw_flow(view, ui_, outbox_);
      return;
    }
    if (sessions_showing(view, ui_)) {
      draw_sessions(view, ui_);
      ImGui::End();
      draw_flow(view, ui_, outbox_);
      return;
    }
    const float list_width = std::clamp(ImGui::GetContentRegionAvail().x * 0.34f, 300.0f, 480.0f);
    ImGui::BeginChild("##lists", ImVec2(list_width, 0), ImGuiChildFlags_Border);
    draw_chat_list(view, ui_, outbox_);
    ImGui::EndChild();
    ImGui::SameLine();
    const bool board = board_showing(view, ui_);
    const float panel_width = board ? 0.0f : customer_panel_width(view, ui_);
    ImGui::BeginChild("##session", ImVec2(-panel_width, 0), ImGuiChildFlags_Border);
    if (board) draw_team_board(view, ui_);
    else draw_chat_view(view, ui_, outbox_);
    ImGui::EndChild();
    if (panel_width > 0) {
      ImGui::SameLine();
      draw_customer_panel(view, ui_, outbox_);
    }
  }
  ImGui::End();
  if (screen_ == Screen::workspace) draw_flow(view, ui_, outbox_);
}

bool App::flush() {
  // Intents may change the screen and clear the outbox; take them out first.
  std::vector<Intent> intents = std::move(outbox_.intents);
  std::vector<Command> commands = std::move(outbox_.commands);
  outbox_.intents.clear();
  outbox_.commands.clear();
  for (const Intent& intent : intents) handle_intent(intent);
  if (screen_ == Screen::workspace) {
    for (Command& command : commands) send_or_hold(std::move(command));
    flow_frame();
    start_frame();
    reports_frame();
    sessions_frame();
    audit_frame();
    admin_frame();
  }
  return !intents.empty() || !commands.empty();
}

// [SECTION] commands and intents

void App::submit(const Command& command) {
  if (mode_ == Mode::demo) {
    if (!demo_) return;
    const AfterCommand after = after_command(state_, command);
    const Outcome outcome = demo_->submit(state_, command);
    if (outcome.error) set_notice(outcome.error->message);
    else after_success(after);
    save_demo(true);  // what the user did is stored at once; the simulator's events every few seconds
    if (changes_customer(command)) ui_.customer.stale = true;
    return;
  }
  Command sent = command;
  std::string message_id;
  if (auto* send = std::get_if<SendMessage>(&sent)) {
    if (send->message.empty())
      send->message = agent_id_ + "-" + std::to_string(host_.wall_ms()) + "-" + std::to_string(++message_counter_);
    message_id = send->message;
    pending_.push_back(PendingSend{send->chat, send->message, send->text, false, {}, send->attachments});
  }
  const std::uint64_t request = next_request_++;
  requests_[request] = message_id;
  if (changes_customer(command)) customer_changes_.insert(request);
  if (AfterCommand after = after_command(state_, command); !after.toast.empty() || after.landing != Landing::stay)
    ui_.flow.awaiting[request] = std::move(after);
  host_.post_command(request, token_, command_to_json(sent).dump());
}

bool App::send_composer(const std::string& text) {
  if (screen_ != Screen::workspace || ui_.current_chat.empty()) return false;
  const ChatIx chat = state_.chat_ix(ui_.current_chat);
  const AgentIx agent = state_.agent_ix(agent_id_);
  if (chat == kNoIndex || agent == kNoIndex) return false;
  if (ui_.together.note_mode) {
    if (blank_text(text) || !allows(allowed_actions(state_, agent, chat, now()), kActionNote)) return false;
    submit(AddNote{ui_.current_chat, Actor{ActorKind::agent, agent_id_}, text});
    composer_sent();
    return true;
  }
  if (!allows(allowed_actions(state_, agent, chat, now()), kActionMessage) ||
      !ready_to_send(ui_.tools, ui_.current_chat, text))
    return false;
  submit(SendMessage{ui_.current_chat, Actor{ActorKind::agent, agent_id_}, blank_text(text) ? std::string() : text, {},
                     attachments_of(ui_.tools, ui_.current_chat)});
  forget_attachments(ui_.tools, ui_.current_chat);
  composer_sent();
  return true;
}

void App::composer_sent() {
  ui_.composer.clear();
  ui_.tools.cursor = 0;
  ui_.stick_to_bottom = true;
  ui_.together.typed_at = 0;
  tell_presence();
}

void App::handle_intent(const Intent& intent) {
  std::visit(
      [&](const auto& i) {
        using I = std::decay_t<decltype(i)>;
        if constexpr (std::is_same_v<I, SignIn>) {
          if (i.login.empty() || i.password.empty()) {
            ui_.login_error = "Enter your login and password.";
            return;
          }
          ui_.login_busy = true;
          ui_.login_error.clear();
          host_.sign_in(i.login, i.password);
        } else if constexpr (std::is_same_v<I, StartDemo>) {
          start_demo(false);
        } else if constexpr (std::is_same_v<I, LeaveWorkspace>) {
          leave_workspace();
        } else if constexpr (std::is_same_v<I, ResetDemo>) {
          start_demo(true);
        } else if constexpr (std::is_same_v<I, SetDemoSpeed>) {
          if (demo_) demo_->set_speed(i.speed);
        } else if constexpr (std::is_same_v<I, PickFiles> || std::is_same_v<I, OpenFile> ||
                             std::is_same_v<I, LoadTemplates> || std::is_same_v<I, LoadArticles> ||
                             std::is_same_v<I, SaveOwnTemplate> || std::is_same_v<I, LoadActions> ||
                             std::is_same_v<I, RunPickedAction>) {
          handle_file_intent(i);
        } else if constexpr (std::is_same_v<I, ReadCustomer>) {
          read_customer(i);
        } else if constexpr (std::is_same_v<I, LoadStartChannels>) {
          load_start_channels();
        } else if constexpr (std::is_same_v<I, StartSession>) {
          start_session();
        } else if constexpr (std::is_same_v<I, SaveSettings>) {
          save_settings();
        } else if constexpr (std::is_same_v<I, DismissHint>) {
          dismiss_hint();
        } else if constexpr (std::is_same_v<I, RetrySend>) {
          for (PendingSend& p : pending_) {
            if (p.message != i.message) continue;
            p.failed = false;
            p.error.clear();
            const std::uint64_t request = next_request_++;
            requests_[request] = p.message;
            const SendMessage again{p.chat, Actor{ActorKind::agent, agent_id_}, p.text, p.message, p.attachments};
            host_.post_command(request, token_, command_to_json(again).dump());
          }
        }
      },
      intent);
}

void App::set_notice(std::string text) {
  ui_.notice = std::move(text);
  ui_.notice_until = host_.wall_ms() + 6 * kSecond;
}

void App::reset_state() {
  state_ = State{};
  const std::string login = ui_.login;
  const bool dom_composer = ui_.dom_composer;
  ui_ = UiState{};
  ui_.login = login;
  ui_.dom_composer = dom_composer;
  inbox_.clear();
  last_seq_ = 0;
  pending_.clear();
  requests_.clear();
  customer_changes_.clear();
  link_ = Link::idle;
  clock_offset_ = 0;
  stream_retry_at_ = 0;
  demo_.reset();
  saved_events_ = 0;
}

// [SECTION] server mode

void App::enter_server_workspace(const std::string& token, const Json& user) {
  reset_state();
  mode_ = Mode::server;
  screen_ = Screen::workspace;
  token_ = token;
  agent_id_ = user.contains("agent") && user["agent"].is_string() ? user["agent"].get<std::string>() : "";
  roles_.clear();
  if (user.contains("roles") && user["roles"].is_array())
    for (const Json& role : user["roles"])
      if (role.is_string()) roles_.push_back(role.get<std::string>());
  host_.save(Store::tab, kTokenKey, token_);
  link_ = Link::connecting;
  host_.open_stream(token_, 0);
  load_settings();
}

void App::on_login_reply(int status, std::string_view body) {
  ui_.login_busy = false;
  const auto json = parse_json(body);
  if (status == 200 && json && json->is_object() && json->contains("token") && (*json)["token"].is_string() &&
      json->contains("user") && (*json)["user"].is_object()) {
    const Json& user = (*json)["user"];
    if (!user.contains("agent") || !user["agent"].is_string()) {
      ui_.login_error = "This login has no agent workspace.";
      return;
    }
    ui_.password.clear();
    enter_server_workspace((*json)["token"].get<std::string>(), user);
    return;
  }
  ui_.login_error = status == 401 ? "Wrong login or password." : reply_error(status, body);
}

void App::on_me_reply(int status, std::string_view body) {
  ui_.login_busy = false;
  const auto json = parse_json(body);
  if (status == 200 && json && json->is_object() && json->contains("agent") && (*json)["agent"].is_string()) {
    enter_server_workspace(token_, *json);
    return;
  }
  host_.remove(Store::tab, kTokenKey);
  token_.clear();
}

void App::on_stream_event(std::uint64_t seq, std::string json) {
  if (seq != 0 && seq <= last_seq_) return;  // already applied (a resumed stream repeats nothing, but be sure)
  if (seq != 0) last_seq_ = seq;
  inbox_.emplace_back(seq, std::move(json));
}

// The replica met something it does not know: start again from the server's bootstrap.
void App::resync() {
  inbox_.clear();
  ++resyncs_;
  host_.close_stream();
  link_ = Link::connecting;
  host_.open_stream(token_, 0);
}

void App::on_stream_state(StreamStatus status) {
  if (mode_ != Mode::server || screen_ != Screen::workspace) return;
  switch (status) {
    case StreamStatus::open: link_ = Link::live; break;
    case StreamStatus::reconnecting: link_ = Link::retrying; break;
    case StreamStatus::closed:
      link_ = Link::retrying;
      stream_retry_at_ = host_.wall_ms() + 3 * kSecond;
      break;
  }
}

void App::on_command_reply(std::uint64_t request, int status, std::string_view body) {
  const auto found = requests_.find(request);
  if (found == requests_.end()) return;
  const std::string message = found->second;
  requests_.erase(found);
  if (customer_changes_.erase(request)) ui_.customer.stale = true;
  const auto after = ui_.flow.awaiting.find(request);
  if (after != ui_.flow.awaiting.end()) {
    if (status == 200) after_success(after->second);
    ui_.flow.awaiting.erase(after);
  }
  if (status == 200) {
    // The reply's events carry the server's clock: keep our `now` on it.
    if (const auto json = parse_json(body); json && json->is_object() && json->contains("events")) {
      const Json& events = (*json)["events"];
      if (events.is_array() && !events.empty() && events.back().is_object() && events.back().contains("at") &&
          events.back()["at"].is_string())
        if (const auto at = parse_rfc3339(events.back()["at"].get<std::string>()))
          clock_offset_ = *at - host_.wall_ms();
    }
    return;
  }
  const std::string text = reply_error(status, body);
  if (status == 401) {
    set_notice("Your session has ended; sign in again.");
    leave_workspace();
    return;
  }
  set_notice(text);
  for (PendingSend& p : pending_)
    if (!message.empty() && p.message == message) {
      p.failed = true;
      p.error = text;
    }
}

void App::leave_workspace() {
  send_held();
  if (mode_ == Mode::demo && demo_ && demo_->persistent()) {
    save_demo(true);
    host_.save(Store::durable, kDemoActiveKey, "0");
  } else if (!token_.empty()) {
    host_.close_stream();
    host_.sign_out(token_);
    host_.remove(Store::tab, kTokenKey);
  }
  const std::string notice = ui_.notice;
  reset_state();
  ui_.notice = notice;
  token_.clear();
  agent_id_.clear();
  roles_.clear();
  mode_ = Mode::server;
  screen_ = Screen::login;
}

// [SECTION] demo mode and its persistence

void App::start_demo(bool fresh) {
  if (fresh) {
    const auto meta = host_.load(Store::durable, kDemoMetaKey);
    std::size_t events = 0;
    if (meta)
      if (const auto json = parse_json(*meta); json && json->is_object() && json->contains("events") &&
                                               (*json)["events"].is_number_unsigned())
        events = (*json)["events"].get<std::size_t>();
    for (std::size_t c = 0; c <= events / kDemoChunk; ++c)
      host_.remove(Store::durable, kDemoLogPrefix + std::to_string(c));
    host_.remove(Store::durable, kDemoMetaKey);
  }
  reset_state();
  std::optional<Demo> demo = fresh ? std::nullopt : load_demo();
  if (!demo) {
    const Timestamp wall = host_.wall_ms();
    demo = Demo::create(static_cast<std::uint64_t>(wall) * 2654435761u + 17, wall, state_);
    saved_events_ = 0;
  } else {
    saved_events_ = demo->log().size();
  }
  demo_ = std::move(demo);
  mode_ = Mode::demo;
  screen_ = Screen::workspace;
  agent_id_ = Demo::kUser;
  roles_ = {"operator", "supervisor"};
  last_wall_ = host_.wall_ms();
  save_demo(true);
  load_settings();
}

void App::start_big_demo() {
  reset_state();
  const Timestamp wall = host_.wall_ms();
  demo_ = Demo::create_big(static_cast<std::uint64_t>(wall) * 2654435761u + 17, wall, state_);
  mode_ = Mode::demo;
  screen_ = Screen::workspace;
  agent_id_ = Demo::kUser;
  roles_ = {"operator", "supervisor"};
  last_wall_ = host_.wall_ms();
}

std::optional<Demo> App::load_demo() {
  const auto meta_text = host_.load(Store::durable, kDemoMetaKey);
  if (!meta_text) return std::nullopt;
  const auto meta = parse_json(*meta_text);
  if (!meta || !meta->is_object() || !meta->contains("events") || !(*meta)["events"].is_number_unsigned())
    return std::nullopt;
  const std::size_t count = (*meta)["events"].get<std::size_t>();
  Events log;
  log.reserve(count);
  for (std::size_t c = 0; log.size() < count; ++c) {
    const auto chunk = host_.load(Store::durable, kDemoLogPrefix + std::to_string(c));
    if (!chunk) return std::nullopt;
    std::size_t begin = 0;
    while (begin < chunk->size() && log.size() < count) {
      std::size_t end = chunk->find('\n', begin);
      if (end == std::string::npos) end = chunk->size();
      const auto json = parse_json(std::string_view(*chunk).substr(begin, end - begin));
      if (!json) return std::nullopt;
      auto event = event_from_json(*json);
      if (!event) return std::nullopt;
      log.push_back(std::move(event.value()));
      begin = end + 1;
    }
  }
  return Demo::restore(*meta, log, state_);
}

void App::save_demo(bool force) {
  if (!demo_ || !demo_->persistent()) return;
  const Timestamp wall = host_.wall_ms();
  if (!force && wall - last_save_ < kDemoSaveEvery) return;
  last_save_ = wall;
  const Events& log = demo_->log();
  for (std::size_t c = saved_events_ / kDemoChunk; c * kDemoChunk < log.size(); ++c) {
    std::string text;
    const std::size_t end = std::min(log.size(), (c + 1) * kDemoChunk);
    for (std::size_t i = c * kDemoChunk; i < end; ++i) text += event_to_json(log[i]).dump() + "\n";
    host_.save(Store::durable, kDemoLogPrefix + std::to_string(c), text);
  }
  saved_events_ = log.size();
  host_.save(Store::durable, kDemoMetaKey, demo_->meta().dump());
  host_.save(Store::durable, kDemoActiveKey, "1");
}

void App::persist() {
  send_held();
  save_demo(true);
}

// [SECTION] test hook

Json App::snapshot() {
  Json out;
  out["mode"] = mode_ == Mode::demo ? "demo" : "server";
  out["screen"] = screen_ == Screen::login ? "login" : "workspace";
  out["agent"] = agent_id_.empty() ? Json(nullptr) : Json(agent_id_);
  const Timestamp at = now();
  const auto agent = state_.agent_ix(agent_id_);
  const bool working = screen_ == Screen::workspace && agent != kNoIndex;
  out["stats"] = working ? stats_to_json(agent_stats(state_, agent, at)) : Json(nullptr);
  out["counters"] = working ? counters_to_json(counters(state_, agent)) : Json(nullptr);
  out["now"] = format_rfc3339(at);
  out["link"] = link_ == Link::live ? "live" : link_ == Link::connecting ? "connecting"
                                             : link_ == Link::retrying  ? "offline"
                                                                        : "idle";
  if (demo_) out["speed"] = demo_->speed();
  out["current"] = ui_.current_chat.empty() ? Json(nullptr) : Json(ui_.current_chat);
  std::vector<ChatIx> order;
  for (ChatIx c : state_.chats.indices()) order.push_back(c);
  std::sort(order.begin(), order.end(), [&](ChatIx a, ChatIx b) { return state_.chats[a].number < state_.chats[b].number; });
  Json chats = Json::array();
  for (ChatIx c : order) {
    const Chat& chat = state_.chats[c];
    if (chat.forgotten) continue;
    chats.push_back(Json{{"id", chat.id},
                         {"number", chat.number},
                         {"state", chat_state_name(chat.state)},
                         {"unread", chat.unread},
                         {"client", chat.client},
                         {"assignee", chat.assignee == kNoIndex ? Json(nullptr) : Json(state_.agents[chat.assignee].id)}});
  }
  out["chats"] = std::move(chats);
  const TeamBoard* board = working ? board_for(ui_.board, state_, agent, at) : nullptr;
  out["board"] = board ? board_to_json(state_, *board) : Json(nullptr);
  Json widgets = Json::object();
  for (const auto& [name, r] : ui_.widgets.all()) widgets[name] = Json::array({r.x, r.y, r.w, r.h});
  out["widgets"] = std::move(widgets);
  out["together"] = Json{{"note_mode", ui_.together.note_mode},
                         {"presence", ui_.current_chat.empty() ? std::string()
                                                               : presence_line(ui_.together, state_, ui_.current_chat,
                                                                               host_.wall_ms())},
                         {"told", std::string(presence_name(ui_.together.told))}};
  flow_snapshot(ui_, out);
  reports_snapshot(out);
  sessions_snapshot(out);
  audit_snapshot(out);
  admin_snapshot(out);
  customer_snapshot(out);
  return out;
}

}  // namespace parley::web
