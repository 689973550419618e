// Channel records on SQLite: table channels, one JSON body per id.
#include <nlohmann/json.hpp>

#include "sqlite_record_stores.hpp"
#include "widget_look_wire.hpp"

namespace parley::server {

namespace {

std::string channel_to_text(const ChannelRecord& c) {
  return nlohmann::json{{"kind", c.kind}, {"name", c.name}, {"group", c.group}, {"origins", c.origins},
                        {"secret", c.secret}, {"outbound_url", c.outbound_url}, {"disabled", c.disabled}}
      .dump();
}

ChannelRecord channel_from(const std::string& id, const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  ChannelRecord c;
  c.id = id;
  if (!j.is_object()) return c;
  const auto text_at = [&](const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  c.kind = text_at("kind");
  c.name = text_at("name");
  c.group = text_at("group");
  c.secret = text_at("secret");
  c.outbound_url = text_at("outbound_url");
  c.disabled = j.contains("disabled") && j["disabled"].is_boolean() && j["disabled"].get<bool>();
  if (j.contains("origins") && j["origins"].is_array())
    for (const auto& o : j["origins"])
      if (o.is_string()) c.origins.push_back(o.get<std::string>());
  return c;
}

// The widget's theme and pre-chat form, added to / read from the same body.
std::string with_widget_look(const std::string& text, const ChannelRecord& c) {
  Json body = Json::parse(text, nullptr, false);
  add_widget_look(c, body);
  return body.dump();
}
ChannelRecord read_widget_look_too(ChannelRecord c, const std::string& text) {
  // Stored only after the admin route checked it; a body that no longer reads keeps the defaults.
  if (read_widget_look(Json::parse(text, nullptr, false), c)) c.theme = {}, c.prechat = {};
  return c;
}

}  // namespace

Stored<> SqliteChannelStore::put(const ChannelRecord& channel) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "INSERT INTO channels(id, body) VALUES(?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body");
  s.bind(1, channel.id).bind(2, with_widget_look(channel_to_text(channel), channel));
  return stored_step(db_, s);
}

Stored<ChannelRecord> SqliteChannelStore::find(const std::string& id) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT body FROM channels WHERE id = ?");
  s.bind(1, id);
  return stored_row<ChannelRecord>(db_, s, [&](Statement& row) { return read_widget_look_too(channel_from(id, row.text(0)), row.text(0)); });
}

Stored<std::vector<ChannelRecord>> SqliteChannelStore::list() {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT id, body FROM channels ORDER BY id");
  return stored_rows<ChannelRecord>(db_, s, [](Statement& row) { return read_widget_look_too(channel_from(row.text(0), row.text(1)), row.text(1)); });
}

}  // namespace parley::server
