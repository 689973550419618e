// The desk's SQLite file: the event log (the truth), users, tokens, channels, the channels' own
// records (widget visitors, webhook sessions, seen webhook signatures), attachments and templates.
// WAL with synchronous=FULL. Not thread-safe by itself: the Desk's writer owns the event log,
// other calls are serialised by an internal mutex.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "event_store.hpp"

namespace parley::server {

struct UserRecord {
  std::int64_t id = 0;
  std::string login, password_hash, agent;
  std::vector<std::string> roles;
};

struct ChannelRecord {
  std::string id, kind, name, group;   // kind: widget | webhook
  std::vector<std::string> origins;    // widget CORS allowlist
  std::string secret;                  // webhook HMAC key
  std::string outbound_url;            // webhook delivery target
  bool disabled = false;               // refuses new customer messages
};

// A web widget visitor, found by the SHA-256 of their bearer token; `chat` is their current session.
struct WidgetVisitor {
  std::string visitor, channel, name, chat;
};

// A session of a webhook channel's user (every session ever started, newest is the current one).
struct WebhookChat {
  std::string chat, channel, user;
};

// A file uploaded into a chat (attachment_routes); `data` holds the bytes only when asked for.
struct AttachmentRecord {
  std::string id, chat, name, type, uploaded_by;
  std::int64_t size = 0;
  std::string data;
};

// A response template agents insert into the composer (template_routes).
struct TemplateRecord {
  std::string id, title, text;
};

class SqliteStore final : public EventStore {
 public:
  // Opens or creates the file and its schema; nullopt-style failure through `error`.
  static std::unique_ptr<SqliteStore> open(const std::string& path, std::string& error);
  ~SqliteStore();
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // The event log: one transaction per append, the expected last seq checked inside it.
  AppendResult append(std::uint64_t expected_last_seq, const std::vector<EventRecord>& records) override;
  std::vector<StoredEvent> read(std::uint64_t after_seq, std::size_t limit) override;
  std::uint64_t last_seq() override;
  bool healthy();

  std::optional<UserRecord> user_by_login(const std::string& login);
  std::optional<UserRecord> user_by_id(std::int64_t id);
  std::vector<UserRecord> users();
  std::int64_t create_user(const UserRecord& user, std::string& error);
  bool update_user(const UserRecord& user);
  // Deletes the login and every token it holds, in one transaction; false if there was none.
  bool delete_user(std::int64_t id);
  bool user_count_is_zero();

  bool store_token(const std::string& token_hash, std::int64_t user_id, std::int64_t expires_at_ms);
  std::optional<std::pair<std::int64_t, std::int64_t>> token_user(const std::string& token_hash);  // (user, expiry)
  void revoke_token(const std::string& token_hash);

  bool put_channel(const ChannelRecord& channel);
  std::optional<ChannelRecord> channel(const std::string& id);
  std::vector<ChannelRecord> channels();

  // Webhook replay guard: false if this signature was already seen.
  bool remember_signature(const std::string& signature, std::int64_t now_ms);
  // Undoes remember_signature when the request could not be handled, so the sender may retry it.
  void forget_signature(const std::string& signature);

  // Widget visitors (channel_routes): token hash → visitor, channel, name, current chat.
  bool create_widget_visitor(const std::string& token_hash, const WidgetVisitor& visitor, std::int64_t now_ms);
  std::optional<WidgetVisitor> widget_visitor(const std::string& token_hash);
  bool set_widget_chat(const std::string& visitor, const std::string& chat);

  // Webhook sessions (channel_routes): channel + user → chats, newest first; chat → channel + user.
  bool add_webhook_chat(const WebhookChat& chat, std::int64_t now_ms);
  std::vector<WebhookChat> recent_webhook_chats(const std::string& channel, const std::string& user,
                                                std::size_t limit);
  std::optional<WebhookChat> webhook_chat(const std::string& chat);

  // Attachments (attachment_routes): one row per uploaded file, bytes included.
  bool put_attachment(const AttachmentRecord& attachment, std::int64_t now_ms);
  std::optional<AttachmentRecord> attachment(const std::string& id, bool with_data);

  // Response templates (template_routes), listed by title. The writes return false when no row
  // changed: add_template on an existing id, update/delete on a missing one (or a failure).
  std::vector<TemplateRecord> templates();
  std::optional<TemplateRecord> template_by_id(const std::string& id);
  bool add_template(const TemplateRecord& t, std::int64_t now_ms);
  bool update_template(const TemplateRecord& t, std::int64_t now_ms);
  bool delete_template(const std::string& id);

  // A login's own settings (settings_routes): one JSON object per user, removed with the user.
  std::optional<std::string> user_settings(std::int64_t user_id);
  bool set_user_settings(std::int64_t user_id, const std::string& body);

 private:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  bool exec(const char* sql, std::string& error);

  sqlite3* db_;
  std::mutex mutex_;
};

}  // namespace parley::server
