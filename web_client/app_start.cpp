// The App's side of starting sessions: the channels that reach a customer, the start itself (REST,
// which also maps a messenger session to its user; the demo decides it in the page), and opening the
// started session once it is listed.
#include "app.hpp"
#include "report_source.hpp"

namespace parley::web {

namespace {

// The start the demo decides: a messenger customer by their id, or a closed session's customer again.
std::optional<StartChat> demo_start(const State& state, const StartUi& s, const std::string& agent,
                                    const std::string& chat) {
  StartChat start{chat, s.group, "", "", Actor{ActorKind::agent, agent}};
  start.text = s.text;
  if (!s.continued.empty()) {
    const Chat* closed = state.find_chat(s.continued);
    if (!closed) return std::nullopt;
    start.group = state.groups[closed->group].id;
    start.channel = closed->channel;
    start.client = closed->client;
    start.customer = closed->customer;
    start.channel_kind = closed->channel_kind;
    return start;
  }
  if (s.channels.empty()) return std::nullopt;
  start.channel = s.channels[static_cast<std::size_t>(s.channel)].name;
  start.client = s.name.empty() ? s.user : s.name;
  start.customer = s.user;
  return start;
}

}  // namespace

void App::load_start_channels() {
  StartUi& s = ui_.start;
  if (mode_ == Mode::demo) {
    s.channels = demo_start_channels();
    s.load = StartLoad::loaded;
    return;
  }
  if (s.load != StartLoad::none || token_.empty()) return;
  s.load = StartLoad::asked;
  s.load_request = next_request_++;
  host_.request(s.load_request, token_, "GET", "api/v1/channels/startable", "");
}

void App::start_session() {
  StartUi& s = ui_.start;
  if (s.request != 0) return;
  s.error.clear();
  if (mode_ == Mode::demo) {
    const std::string chat = "s" + std::to_string(host_.wall_ms()) + "-" + std::to_string(++message_counter_);
    const auto start = demo_start(state_, s, agent_id_, chat);
    if (!start) return;
    ui_.notice.clear();
    submit(*start);
    if (!state_.find_chat(chat)) {
      s.error = ui_.notice.empty() ? "The desk did not start the session." : ui_.notice;
      return;
    }
    s.open_when_listed = chat;
    s.started = true;
    s.text.clear();
    s.user.clear();
    s.name.clear();
    return;
  }
  Json body{{"text", s.text}};
  std::string route = "api/v1/chats";
  if (!s.continued.empty()) {
    route += "/" + query_encode(s.continued) + "/continue";
  } else if (!s.channels.empty()) {
    body["channel"] = s.channels[static_cast<std::size_t>(s.channel)].id;
    body["user"] = s.user;
    body["group"] = s.group;
    if (!s.name.empty()) body["name"] = s.name;
  }
  s.request = next_request_++;
  host_.request(s.request, token_, "POST", route, body.dump());
}

bool App::on_start_reply(std::uint64_t request, int status, std::string_view body) {
  StartUi& s = ui_.start;
  const auto json = status / 100 == 2 ? parse_json(body) : std::nullopt;
  if (request == s.load_request) {
    s.load_request = 0;
    auto channels = json ? start_channels_from_json(*json) : std::nullopt;
    s.load = channels ? StartLoad::loaded : StartLoad::none;
    if (channels) s.channels = std::move(*channels);
    return true;
  }
  if (request != s.request) return false;
  s.request = 0;
  if (status != 201 || !json || !json->is_object() || !(*json)["chat"].is_string()) {
    s.error = reply_error(status, body);
    return true;
  }
  s.open_when_listed = (*json)["chat"].get<std::string>();
  s.started = true;
  s.text.clear();
  s.user.clear();
  s.name.clear();
  return true;
}

void App::start_frame() {
  StartUi& s = ui_.start;
  if (s.open_when_listed.empty() || !state_.find_chat(s.open_when_listed)) return;
  ui_.current_chat = std::exchange(s.open_when_listed, std::string());
  ui_.tab = ListView::mine;
  ui_.flow.reveal_current = true;
  ui_.stick_to_bottom = true;
}

}  // namespace parley::web
