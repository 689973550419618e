// The outbound worker: hub watcher → per-session lanes → signed POST → message.status.
#include "outbound_worker.hpp"

#include <cstdio>
#include <functional>
#include <set>

#include "http_util.hpp"
#include "webhook_common.hpp"

namespace parley::server {

namespace {

constexpr int kWatchWaitMs = 500;
constexpr time_t kConnectTimeoutS = 2, kIoTimeoutS = 5;

bool split_url(const std::string& url, std::string& base, std::string& path) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  const std::string scheme = lowercase(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return false;
  const auto slash = url.find('/', scheme_end + 3);
  base = url.substr(0, slash);
  path = slash == std::string::npos ? "/" : url.substr(slash);
  return base.size() > scheme_end + 3;
}

void log_failure(const std::string& chat, const std::string& message, const std::string& why) {
  std::fprintf(stderr, "{\"ts\":%lld,\"level\":\"warn\",\"msg\":\"outbound delivery failed\",\"chat\":%s,"
               "\"message\":%s,\"error\":%s}\n",
               static_cast<long long>(wall_ms()), Json(chat).dump().c_str(), Json(message).dump().c_str(),
               Json(why).dump().c_str());
}

// POSTs one message; true on a 2xx answer.
bool post(const ChannelRecord& channel, const Json& payload, std::string& why) {
  std::string base, path;
  if (!split_url(channel.outbound_url, base, path)) {
    why = "the channel has no valid http(s) outbound_url";
    return false;
  }
  httplib::Client client(base);
  if (!client.is_valid()) {
    why = "cannot make a client for " + base;
    return false;
  }
  client.set_connection_timeout(kConnectTimeoutS);
  client.set_read_timeout(kIoTimeoutS);
  client.set_write_timeout(kIoTimeoutS);
  const std::string body = payload.dump();
  const std::string timestamp = std::to_string(wall_ms() / 1000);
  const httplib::Headers headers{{"X-Parley-Timestamp", timestamp},
                                 {"X-Parley-Signature", channel_signature(channel.secret, timestamp, body)},
                                 {"X-Parley-Channel", channel.id}};
  const auto result = client.Post(path, headers, body, "application/json");
  if (!result) {
    why = httplib::to_string(result.error());
    return false;
  }
  if (result->status / 100 != 2) {
    why = "the target answered " + std::to_string(result->status);
    return false;
  }
  return true;
}

}  // namespace

OutboundWorker::OutboundWorker(App& app, std::size_t lanes) : app_(app) {
  std::vector<PublishedPtr> backlog;
  std::uint64_t first_kept = 0;
  subscription_ = app_.hub.subscribe(Viewer{true, kNoIndex, {}}, app_.desk->last_seq(), backlog, first_kept);
  for (std::size_t i = 0; i < std::max<std::size_t>(lanes, 1); ++i) {
    lanes_.push_back(std::make_unique<Lane>());
    Lane& lane = *lanes_.back();
    lane.thread = std::thread([this, &lane] { drain(lane); });
  }
  watcher_ = std::thread([this, backlog = std::move(backlog)] {
    for (const PublishedPtr& event : backlog) consider(*event);
    catch_up();
    watch();
  });
}

OutboundWorker::~OutboundWorker() {
  stopping_ = true;
  if (watcher_.joinable()) watcher_.join();
  for (auto& lane : lanes_) {
    { std::lock_guard lock(lane->mutex); }
    lane->ready.notify_all();
  }
  for (auto& lane : lanes_)
    if (lane->thread.joinable()) lane->thread.join();
  app_.hub.unsubscribe(subscription_);
}

void OutboundWorker::watch() {
  while (!stopping_)
    for (const PublishedPtr& event : subscription_->wait(kWatchWaitMs)) consider(*event);
}

void OutboundWorker::catch_up() {
  std::vector<Job> sending;
  app_.desk->read([&](const State& state, Timestamp) {
    for (const Chat& chat : state.chats)
      for (const Message& m : chat.messages)
        if (m.delivery == Delivery::sending) sending.push_back(Job{chat.id, m.id});
  });
  std::set<std::string> webhook_chats, other_chats;
  for (Job& job : sending) {
    if (other_chats.count(job.chat)) continue;
    if (!webhook_chats.count(job.chat)) {
      if (!app_.store->webhook_chat(job.chat)) {
        other_chats.insert(job.chat);
        continue;
      }
      webhook_chats.insert(job.chat);
    }
    enqueue(std::move(job));
  }
}

void OutboundWorker::consider(const PublishedEvent& event) {
  const bool sent = event.type == "message.sent";
  if (!sent && event.type != "message.delivery_changed") return;
  const auto json = parse_json(event.json);
  if (!json || !json->is_object()) return;
  if (sent) {
    const std::string from = string_field(*json, "from");
    if (from.rfind("agent:", 0) != 0 && from.rfind("manual:", 0) != 0) return;
  } else if (string_field(*json, "status") != "sending") {
    return;
  }
  Job job{string_field(*json, "chat"), string_field(*json, "message")};
  if (!app_.store->webhook_chat(job.chat)) return;
  enqueue(std::move(job));
}

void OutboundWorker::enqueue(Job job) {
  Lane& lane = *lanes_[std::hash<std::string>{}(job.chat) % lanes_.size()];
  {
    std::lock_guard lock(lane.mutex);
    lane.jobs.push_back(std::move(job));
  }
  lane.ready.notify_one();
}

void OutboundWorker::drain(Lane& lane) {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(lane.mutex);
      lane.ready.wait(lock, [&] { return stopping_ || !lane.jobs.empty(); });
      if (stopping_) return;
      job = std::move(lane.jobs.front());
      lane.jobs.pop_front();
    }
    deliver(job);
  }
}

void OutboundWorker::deliver(const Job& job) {
  // Only a message still waiting to go out: a duplicate job (catch-up and event) finds it delivered.
  std::optional<std::string> text = app_.desk->read([&](const State& state, Timestamp) -> std::optional<std::string> {
    const Chat* chat = state.find_chat(job.chat);
    if (!chat) return std::nullopt;
    const auto found = chat->message_index.find(job.message);
    if (found == chat->message_index.end()) return std::nullopt;
    const Message& m = chat->messages[found->second];
    if (!m.from.is_agent() || m.delivery != Delivery::sending) return std::nullopt;
    return m.text;
  });
  if (!text) return;
  const auto mapping = app_.store->webhook_chat(job.chat);
  if (!mapping) return;
  const auto channel = app_.store->channel(mapping->channel);
  std::string why;
  bool delivered = false;
  if (!channel || channel->kind != "webhook") why = "the channel " + mapping->channel + " is no webhook channel";
  else
    delivered = post(*channel,
                     Json{{"chat", job.chat}, {"user", mapping->user}, {"message", job.message}, {"text", *text}}, why);
  if (!delivered) log_failure(job.chat, job.message, why);
  const Reply reply =
      app_.desk->submit(SetDelivery{job.chat, job.message, delivered ? Delivery::delivered : Delivery::error});
  if (reply.error && !stopping_)
    log_failure(job.chat, job.message, "the desk refused the status: " + reply.error->message);
}

}  // namespace parley::server
