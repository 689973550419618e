// Attachment routes. Uploads are the raw bytes of one file (at most Config::max_attachment_bytes),
// from staff who may work the chat (and the chat's visitor through POST /widget/v1/attachments);
// downloads go to staff who may read it and to the chat's widget visitor (its token as the bearer,
// from a widget page by CORS), and only for files a message showed them.
//
//   POST /api/v1/chats/:id/attachments?name=<file name>  (body: the bytes)  → 201 {"id","name","type","size"}
//   GET  /api/v1/attachments/:id                                         → 200 the bytes
#include "attachment_routes.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "http_util.hpp"
#include "permissions.hpp"
#include "webhook_common.hpp"
#include "widget_routes.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kMaxTokenBytes = 128;
constexpr const char* kDefaultType = "application/octet-stream";
constexpr auto npos = std::string_view::npos;

ChatAccess staff_access(const State& state, const Principal& p, const Chat& chat) {
  const auto login = login_of(state, p);
  return login ? chat_access(state, *login, chat) : ChatAccess::none;
}

bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > text.size()) return false;
    std::uint32_t code = n == 1 ? c : c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    const std::uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < least[n] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

// The last path component, trimmed, with control characters replaced.
std::string clean_file_name(std::string name) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name.erase(0, slash + 1);
  for (char& c : name)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '_';
  const auto first = name.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return name.substr(first, name.find_last_not_of(' ') - first + 1);
}

// "type/subtype" from a Content-Type header, lower-cased, parameters dropped; the default if malformed.
std::string mime_type(const std::string& header) {
  std::string type = lowercase(header.substr(0, header.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  while (!type.empty() && type.front() == ' ') type.erase(0, 1);
  const auto slash = type.find('/');
  const auto token = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$&^_.+-").find(c) != npos;
  };
  if (slash == std::string::npos || slash == 0 || slash + 1 == type.size() || type.size() > kMaxAttachmentFieldBytes ||
      type.find('/', slash + 1) != std::string::npos)
    return kDefaultType;
  for (std::size_t i = 0; i < type.size(); ++i)
    if (i != slash && !token(type[i])) return kDefaultType;
  return type;
}

// Types a browser shows without running anything; everything else is offered as a download.
bool shown_inline(const std::string& type) {
  static constexpr std::string_view kInline[] = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp",
                                                 "application/pdf", "text/plain"};
  for (std::string_view t : kInline)
    if (type == t) return true;
  return type.rfind("audio/", 0) == 0 || type.rfind("video/", 0) == 0;
}

// RFC 6266: an ASCII fallback name plus the exact UTF-8 name in RFC 5987 encoding.
std::string content_disposition(const std::string& type, const std::string& name) {
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) ascii += c != '"' && c != '\\' ? ch : '_';
    else if ((c & 0xC0) == 0xC0) ascii += '_';  // one per character, at its first byte
    if (std::isalnum(c) || std::string_view("!#$&+-.^_`|~").find(ch) != npos) {
      encoded += ch;
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0xF];
    }
  }
  return std::string(shown_inline(type) ? "inline" : "attachment") + "; filename=\"" + ascii +
         "\"; filename*=UTF-8''" + encoded;
}

void upload(App& app, const Request& req, Response& res) {
  const auto p = require_auth(app, req, res);
  if (!p) return;
  const std::string chat_id = req.path_params.at("id");
  const auto refusal = app.desk->read([&](const State& state, Timestamp) -> std::optional<Error> {
    const Chat* chat = state.find_chat(chat_id);
    const ChatAccess access = chat ? staff_access(state, *p, *chat) : ChatAccess::none;
    if (access == ChatAccess::none) return fail(ErrorCode::unknown_chat, "no chat " + chat_id);
    if (access == ChatAccess::read) return fail(ErrorCode::forbidden, "this login may not change the desk");
    if (chat->state == ChatState::closed) return fail(ErrorCode::bad_state, "chat " + chat_id + " is closed");
    return std::nullopt;
  });
  if (refusal) return send_refusal(res, *refusal);
  store_upload(app, req, res, chat_id, p->agent.empty() ? p->login : p->agent);
}

void store_file(App& app, const Request& req, Response& res, const std::string& chat_id,
                const std::string& uploaded_by) {
  const std::string name = clean_file_name(req.get_param_value("name"));
  if (name.empty()) return send_error(res, ServerError::bad_command, "the query parameter name (the file name) is required");
  if (name.size() > kMaxAttachmentNameBytes || !valid_utf8(name))
    return send_error(res, ServerError::bad_command, "the file name must be UTF-8 of at most 255 bytes");
  if (req.is_multipart_form_data())
    return send_error(res, ServerError::unsupported_media_type, "send the file's bytes as the body, not a form");
  if (req.body.empty()) return send_error(res, ServerError::bad_command, "the body (the file's bytes) is empty");
  if (req.body.size() > app.config.max_attachment_bytes)
    return send_error(res, ServerError::too_large,
                      "a file may be at most " + std::to_string(app.config.max_attachment_bytes) + " bytes");
  AttachmentRecord record{"att-" + random_hex(16), chat_id, name, mime_type(req.get_header_value("Content-Type")),
                          uploaded_by, static_cast<std::int64_t>(req.body.size()), req.body};
  if (const auto put = app.attachments->put(record, wall_ms()); !put.ok())
    return send_store_failure(res, "the file could not be stored", put);
  send_json(res, 201, Json{{"id", record.id}, {"name", record.name}, {"type", record.type}, {"size", record.size}});
}

void download(App& app, const Request& req, Response& res) {
  const std::string token = request_token(req);  // never ?access_token=: links would leak it
  const auto principal = token.empty() ? std::nullopt : app.auth->authenticate(token, wall_ms());
  std::optional<WidgetVisitor> visitor;
  auto channel = Stored<ChannelRecord>::refused(StoreStatus::not_found);
  if (!principal && !token.empty() && token.size() <= kMaxTokenBytes) {
    const auto found = app.visitors->find(sha256_hex(token));
    if (found.ok()) channel = app.channels->find(found->channel);
    if (found.failed() || channel.failed())
      return send_store_failure(res, "the visitor could not be read", found.failed() ? found.error : channel.error);
    if (channel.ok() && channel->kind == "widget") visitor = *found;
  }
  if (!principal && !visitor) return send_error(res, ServerError::unauthorized, "a valid bearer token is required");
  if (!principal && !widget_cors(app, req, res, &*channel)) return;
  const std::string id = req.path_params.at("id");
  const auto meta = app.attachments->find(id, false);
  if (meta.failed()) return send_store_failure(res, "the attachment could not be read", meta);
  const bool visible = meta.ok() && app.desk->read([&](const State& state, Timestamp) {
    const Chat* chat = state.find_chat(meta->chat);
    if (!chat) return false;
    if (principal) return staff_access(state, *principal, *chat) != ChatAccess::none;
    return visitor->chat == chat->id && customer_may_download(*chat, id);
  });
  auto file = visible ? app.attachments->find(id, true) : Stored<AttachmentRecord>::refused(StoreStatus::not_found);
  if (file.failed()) return send_store_failure(res, "the attachment could not be read", file);
  if (!file.ok()) return send_error(res, ServerError::unknown_attachment, "no attachment " + id);
  res.set_header("Content-Disposition", content_disposition(file->type, file->name));
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Cache-Control", "private, max-age=3600");
  res.status = 200;
  res.set_content(std::move(file->data), file->type);
}

}  // namespace

void store_upload(App& app, const Request& req, Response& res, const std::string& chat, const std::string& uploaded_by) {
  store_file(app, req, res, chat, uploaded_by);
}

std::vector<Attachment> attachment_ids(const Json& body) {
  std::vector<Attachment> out;
  const auto list = body.find("attachments");
  if (list == body.end() || !list->is_array()) return out;
  for (const Json& item : *list) {
    Attachment a;
    if (item.is_string()) a.id = item.get<std::string>();
    else if (item.is_object()) a.id = string_field(item, "id");
    out.push_back(std::move(a));
  }
  return out;
}

bool resolve_attachments(App& app, Command& command, UnknownFiles unknown, Response& res) {
  auto* send = std::get_if<SendMessage>(&command);
  if (!send || send->attachments.empty() || send->attachments.size() > kMaxAttachments) return true;
  for (const Attachment& a : send->attachments)
    if (a.id.empty() || a.id.size() > kMaxAttachmentFieldBytes) return true;
  for (Attachment& a : send->attachments) {
    const auto stored = app.attachments->find(a.id, false);
    if (stored.failed()) {
      send_store_failure(res, "the attachment could not be read", stored);
      return false;
    }
    if (stored.not_found() && unknown == UnknownFiles::keep) continue;
    if (!stored.ok() || stored->chat != send->chat) {
      send_error(res, ServerError::unknown_attachment, "no attachment " + a.id + " uploaded to chat " + send->chat);
      return false;
    }
    a = Attachment{stored->id, stored->name, stored->type, stored->size};
  }
  return true;
}

void register_attachment_routes(App& app) {
  app.http->Post("/api/v1/chats/:id/attachments", [&app](const Request& req, Response& res) { upload(app, req, res); });
  app.http->Get("/api/v1/attachments/:id", [&app](const Request& req, Response& res) { download(app, req, res); });
  app.http->Options("/api/v1/attachments/:id", [&app](const Request& req, Response& res) {
    widget_preflight(app, req, res, nullptr);
  });
}

}  // namespace parley::server
