// The App's side of the composer tools: picking, uploading and opening files (on the server, or
// kept in the page in the demo) and loading response templates (the server's, or the demo's own).
#include "app.hpp"

namespace parley::web {

std::string reply_error(int status, std::string_view body) {
  if (status == 0) return "Cannot reach the server.";
  if (const auto json = parse_json(body); json && json->is_object()) {
    const auto error = json->find("error");
    if (error != json->end() && error->is_object()) {
      const auto message = error->find("message");
      if (message != error->end() && message->is_string()) return message->get<std::string>();
    }
  }
  return "The server answered " + std::to_string(status) + ".";
}

void App::handle_file_intent(const PickFiles& intent) {
  if (attachments_of(ui_.tools, intent.chat).size() >= kMaxAttachments) {
    set_notice("A message carries at most " + std::to_string(kMaxAttachments) + " files.");
    return;
  }
  const FileStore store = mode_ == Mode::demo ? FileStore::page : FileStore::server;
  if (intent.handed) host_.upload_handed_files(store, token_, intent.chat);
  else host_.pick_files(store, token_, intent.chat);
}

void App::handle_file_intent(const OpenFile& intent) {
  host_.open_file(mode_ == Mode::demo ? FileStore::page : FileStore::server, token_, intent.file);
}

void App::handle_file_intent(const LoadTemplates&) {
  if (mode_ == Mode::demo) {
    ui_.tools.templates = demo_templates();
    ui_.tools.templates_load = TemplatesLoad::loaded;
    return;
  }
  if (ui_.tools.templates_load == TemplatesLoad::asked || token_.empty()) return;
  ui_.tools.templates_load = TemplatesLoad::asked;
  host_.get_templates(token_);
}

void App::handle_file_intent(const SaveOwnTemplate&) {
  ComposerState::OwnTemplate& own = ui_.tools.own;
  ResponseTemplate saved{"", own.title, ui_.composer, own.shortcut, "", agent_id_};
  if (mode_ == Mode::demo) {
    saved.id = "own-" + std::to_string(ui_.tools.templates.size() + 1);
    ui_.tools.templates.push_back(std::move(saved));
    own = {};
    return;
  }
  if (own.request != 0 || token_.empty()) return;
  Json body{{"title", saved.title}, {"text", saved.text}, {"owner", saved.owner}};
  if (!saved.shortcut.empty()) body["shortcut"] = saved.shortcut;
  own.request = next_request_++;
  host_.request(own.request, token_, "POST", "api/v1/templates", body.dump());
}

void App::on_own_template_reply(int status, std::string_view body) {
  ComposerState::OwnTemplate& own = ui_.tools.own;
  own.request = 0;
  if (status != 201) {
    own.error = reply_error(status, body);
    return;
  }
  own = {};
  ui_.tools.templates_load = TemplatesLoad::none;
  handle_file_intent(LoadTemplates{});
}

void App::handle_file_intent(const LoadArticles&) {
  ArticlesState& kb = ui_.articles;
  if (mode_ == Mode::demo) {
    kb.articles = demo_articles();
    ++kb.version;
    kb.load = ArticlesLoad::loaded;
    return;
  }
  if (kb.load == ArticlesLoad::asked || token_.empty()) return;
  kb.load = ArticlesLoad::asked;
  kb.request = next_request_++;
  host_.request(kb.request, token_, "GET", "api/v1/articles", "");
}

void App::on_articles_reply(int status, std::string_view body) {
  ArticlesState& kb = ui_.articles;
  kb.request = 0;
  const auto json = status == 200 ? parse_json(body) : std::nullopt;
  auto articles = json ? articles_from_json(*json) : std::nullopt;
  kb.load = articles ? ArticlesLoad::loaded : ArticlesLoad::none;  // asked again next time when it failed
  if (!articles) return set_notice("Cannot load the knowledge base: " + reply_error(status, body));
  kb.articles = std::move(*articles);
  ++kb.version;
}

void App::on_file_reply(const std::string& chat, int status, std::string_view body) {
  if (screen_ != Screen::workspace) return;
  if (status == 102) {
    ++ui_.tools.uploading;
    return;
  }
  if (!chat.empty() && ui_.tools.uploading > 0) --ui_.tools.uploading;
  if (status == 201) {
    const auto json = parse_json(body);
    const auto file = json ? attachment_from_json(*json) : std::nullopt;
    if (!file) return set_notice("The server's answer to an upload was not understood.");
    if (attachments_of(ui_.tools, chat).size() >= kMaxAttachments)
      return set_notice("A message carries at most " + std::to_string(kMaxAttachments) + " files.");
    ui_.tools.attached.emplace_back(chat, *file);
    return;
  }
  if (status == 401 && mode_ == Mode::server) {
    set_notice("Your session has ended; sign in again.");
    return leave_workspace();
  }
  set_notice((chat.empty() ? "Cannot open the file: " : "Cannot attach the file: ") + reply_error(status, body));
}

void App::on_templates_reply(int status, std::string_view body) {
  if (screen_ != Screen::workspace || mode_ != Mode::server) return;
  const auto json = status == 200 ? parse_json(body) : std::nullopt;
  auto templates = json ? templates_from_json(*json) : std::nullopt;
  // Asked again the next time the picker opens, whatever came back.
  ui_.tools.templates_load = templates ? TemplatesLoad::loaded : TemplatesLoad::none;
  if (!templates) return set_notice("Cannot load the response templates: " + reply_error(status, body));
  ui_.tools.templates = std::move(*templates);
}

}  // namespace parley::web
