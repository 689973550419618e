// Reading the channels a session can be started on, and the demo's own.
#include "start_state.hpp"

namespace parley::web {

std::optional<std::vector<StartChannel>> start_channels_from_json(const Json& json) {
  if (!json.is_object() || !json.contains("channels") || !json["channels"].is_array()) return std::nullopt;
  std::vector<StartChannel> out;
  for (const Json& c : json["channels"]) {
    if (!c.is_object()) return std::nullopt;
    const auto text = [&](const char* key) {
      const auto found = c.find(key);
      return found != c.end() && found->is_string() ? found->get<std::string>() : std::string();
    };
    if (text("id").empty()) return std::nullopt;
    out.push_back(StartChannel{text("id"), text("name"), text("kind"), text("group")});
  }
  return out;
}

std::vector<StartChannel> demo_start_channels() {
  return {StartChannel{"telegram", "Telegram", "webhook", ""}, StartChannel{"whatsapp", "WhatsApp", "webhook", ""}};
}

bool reaches_channel(const std::vector<StartChannel>& channels, const std::string& channel) {
  for (const StartChannel& c : channels)
    if (c.name == channel) return true;
  return false;
}

}  // namespace parley::web
