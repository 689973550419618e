// The record stores on the desk's SQLite file (tables made by SqliteStore::open), one class per kind
// of record, all on one shared connection. Thread-safe through SqliteDb::mutex.
#pragma once
#include "action_store.hpp"
#include "article_store.hpp"
#include "attachment_store.hpp"
#include "audit_store.hpp"
#include "channel_store.hpp"
#include "cursor_store.hpp"
#include "sqlite_db.hpp"
#include "template_store.hpp"
#include "user_store.hpp"
#include "visitor_store.hpp"
#include "webhook_store.hpp"

namespace parley::server {

class SqliteUserStore final : public UserStore {
 public:
  explicit SqliteUserStore(SqliteDb& db) : db_(db) {}
  Stored<UserRecord> by_login(const std::string& login) override;
  Stored<UserRecord> by_id(std::int64_t id) override;
  Stored<std::vector<UserRecord>> list() override;
  Stored<std::size_t> count() override;
  Stored<std::int64_t> create(const UserRecord& user) override;
  Stored<> update(const UserRecord& user) override;
  Stored<> remove(std::int64_t id) override;
  Stored<> add_token(const std::string& token_hash, const TokenRecord& token) override;
  Stored<TokenRecord> token(const std::string& token_hash) override;
  Stored<> revoke_token(const std::string& token_hash) override;
  Stored<std::string> settings(std::int64_t user_id) override;
  Stored<> set_settings(std::int64_t user_id, const std::string& body) override;

 private:
  Stored<UserRecord> one(const char* sql, const std::string* text, std::int64_t number);
  SqliteDb& db_;
};

class SqliteChannelStore final : public ChannelStore {
 public:
  explicit SqliteChannelStore(SqliteDb& db) : db_(db) {}
  Stored<> put(const ChannelRecord& channel) override;
  Stored<ChannelRecord> find(const std::string& id) override;
  Stored<std::vector<ChannelRecord>> list() override;

 private:
  SqliteDb& db_;
};

class SqliteVisitorStore final : public VisitorStore {
 public:
  explicit SqliteVisitorStore(SqliteDb& db) : db_(db) {}
  Stored<> create(const std::string& token_hash, const WidgetVisitor& visitor, std::int64_t now_ms) override;
  Stored<WidgetVisitor> find(const std::string& token_hash) override;
  Stored<> set_chat(const std::string& visitor, const std::string& chat) override;

 private:
  SqliteDb& db_;
};

class SqliteWebhookStore final : public WebhookStore {
 public:
  explicit SqliteWebhookStore(SqliteDb& db) : db_(db) {}
  Stored<> add_chat(const WebhookChat& chat, std::int64_t now_ms) override;
  Stored<std::vector<WebhookChat>> recent_chats(const std::string& channel, const std::string& user,
                                                std::size_t limit) override;
  Stored<WebhookChat> chat(const std::string& chat) override;
  Stored<> remember_signature(const std::string& signature, std::int64_t now_ms) override;
  Stored<> forget_signature(const std::string& signature) override;

 private:
  SqliteDb& db_;
};

class SqliteAttachmentStore final : public AttachmentStore {
 public:
  explicit SqliteAttachmentStore(SqliteDb& db) : db_(db) {}
  Stored<> put(const AttachmentRecord& attachment, std::int64_t now_ms) override;
  Stored<AttachmentRecord> find(const std::string& id, bool with_data) override;

 private:
  SqliteDb& db_;
};

class SqliteArticleStore final : public ArticleStore {
 public:
  explicit SqliteArticleStore(SqliteDb& db) : db_(db) {}
  Stored<std::vector<Article>> list() override;
  Stored<Article> find(const std::string& id) override;
  Stored<> add(const Article& a, std::int64_t now_ms) override;
  Stored<> update(const Article& a, std::int64_t now_ms) override;
  Stored<> remove(const std::string& id) override;

 private:
  SqliteDb& db_;
};

class SqliteActionStore final : public ActionStore {
 public:
  explicit SqliteActionStore(SqliteDb& db) : db_(db) {}
  Stored<std::vector<ActionDefinition>> list() override;
  Stored<ActionDefinition> find(const std::string& id) override;
  Stored<> add(const ActionDefinition& d, std::int64_t now_ms) override;
  Stored<> update(const ActionDefinition& d, std::int64_t now_ms) override;
  Stored<> remove(const std::string& id) override;
  Stored<std::vector<std::string>> allowlist() override;
  Stored<> set_allowlist(const std::vector<std::string>& entries) override;

 private:
  SqliteDb& db_;
};

class SqliteTemplateStore final : public TemplateStore {
 public:
  explicit SqliteTemplateStore(SqliteDb& db) : db_(db) {}
  Stored<std::vector<TemplateRecord>> list() override;
  Stored<TemplateRecord> find(const std::string& id) override;
  Stored<> add(const TemplateRecord& t, std::int64_t now_ms) override;
  Stored<> update(const TemplateRecord& t, std::int64_t now_ms) override;
  Stored<> remove(const std::string& id) override;

 private:
  SqliteDb& db_;
};

class SqliteAuditStore final : public AuditStore {
 public:
  explicit SqliteAuditStore(SqliteDb& db) : db_(db) {}
  Stored<std::vector<LoggedEvent>> events(Timestamp from, Timestamp to, const std::string& chat,
                                          const std::optional<AuditCursor>& cursor, std::size_t limit) override;
  Stored<std::vector<RecordChange>> changes(Timestamp from, Timestamp to, const std::string& actor,
                                            const std::optional<AuditCursor>& cursor, std::size_t limit) override;

 private:
  SqliteDb& db_;
};

class SqliteCursorStore final : public CursorStore {
 public:
  explicit SqliteCursorStore(SqliteDb& db) : db_(db) {}
  Stored<std::uint64_t> position(const std::string& worker) override;
  Stored<> save(const std::string& worker, std::uint64_t seq) override;

 private:
  SqliteDb& db_;
};

}  // namespace parley::server
