// The App's side of attention: the login's alert settings (the server's /api/v1/me/settings, or the
// demo's own storage), the demo's first-run hint, and the alerts decided after each update.
#include "app.hpp"

namespace parley::web {

namespace {
constexpr const char* kDemoSettingsKey = "parley.demo.settings";
constexpr const char* kDemoHintKey = "parley.demo.hint_read";
}  // namespace

void App::load_settings() {
  AttentionUi& a = ui_.attention;
  if (mode_ == Mode::demo) {
    a.hint = host_.load(Store::durable, kDemoHintKey).value_or("") != "1";
    const auto text = host_.load(Store::durable, kDemoSettingsKey);
    const auto json = text ? parse_json(*text) : std::nullopt;
    if (const auto settings = json ? attention_settings_from_json(*json) : std::nullopt) a.settings = *settings;
    a.settings_loaded = true;
    return;
  }
  if (!token_.empty()) host_.get_settings(token_);
}

void App::save_settings() {
  AttentionUi& a = ui_.attention;
  const std::string body = Json{{"attention", attention_settings_to_json(a.settings)}}.dump();
  if (mode_ == Mode::demo) {
    host_.save(Store::durable, kDemoSettingsKey, attention_settings_to_json(a.settings).dump());
    return;
  }
  a.settings_loaded = true;  // what the user chose wins over a late answer to the first GET
  if (!token_.empty()) host_.put_settings(token_, body);
}

void App::dismiss_hint() {
  ui_.attention.hint = false;
  if (mode_ == Mode::demo) host_.save(Store::durable, kDemoHintKey, "1");
}

void App::on_settings_reply(int status, std::string_view body) {
  if (screen_ != Screen::workspace || mode_ != Mode::server) return;
  AttentionUi& a = ui_.attention;
  if (status != 200) {
    a.settings_error = status == 0 ? "Cannot reach the server to keep the alert settings."
                                   : "The alert settings were not kept (" + std::to_string(status) + ").";
    return;
  }
  a.settings_error.clear();
  const auto json = parse_json(body);
  if (!json || !json->is_object()) return;
  const auto attention = json->find("attention");
  if (attention == json->end()) {
    a.settings_loaded = true;  // nothing kept yet: the defaults
    return;
  }
  std::string why;
  if (const auto settings = attention_settings_from_json(*attention, &why); settings && !a.settings_loaded) {
    a.settings = *settings;
    a.settings_loaded = true;
  } else if (!settings) {
    a.settings_error = "The kept alert settings were not understood (" + why + "); the defaults apply.";
    a.settings_loaded = true;
  }
}

}  // namespace parley::web
