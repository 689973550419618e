// Record-change auditing in SQLite: table, functions the triggers call, and the TEMP triggers.
#include "audit_schema.hpp"

#include "audit_context.hpp"
#include "sqlite_db.hpp"

namespace parley::server {

namespace {

const char* kTables = R"sql(
CREATE TABLE IF NOT EXISTS record_changes (
  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, record TEXT NOT NULL,
  action TEXT NOT NULL, summary TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS record_changes_by_at ON record_changes(at, id);
)sql";

// TEMP triggers live with this connection only: other tools opening the file need no functions.
// Each summary is built from " · "-separated parts; substr(…, 4) drops the first separator.
const char* kTriggers = R"sql(
CREATE TEMP TRIGGER IF NOT EXISTS audit_user_insert AFTER INSERT ON main.users BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'user', NEW.login, 'create', 'roles ' || replace(replace(replace(replace(NEW.roles, '[', ''), ']', ''), '"', ''), ',', ', ')
    || CASE WHEN NEW.agent <> '' THEN ' · agent ' || NEW.agent ELSE '' END);
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_user_update AFTER UPDATE ON main.users BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'user', NEW.login, 'update', coalesce(nullif(substr(
      CASE WHEN OLD.password_hash IS NOT NEW.password_hash THEN ' · password changed' ELSE '' END ||
      CASE WHEN OLD.roles IS NOT NEW.roles THEN ' · roles ' ||
        replace(replace(replace(replace(OLD.roles, '[', ''), ']', ''), '"', ''), ',', ', ') || ' → ' ||
        replace(replace(replace(replace(NEW.roles, '[', ''), ']', ''), '"', ''), ',', ', ') ELSE '' END ||
      CASE WHEN OLD.agent IS NOT NEW.agent THEN ' · agent ' || CASE WHEN OLD.agent = '' THEN 'none' ELSE OLD.agent END
        || ' → ' || CASE WHEN NEW.agent = '' THEN 'none' ELSE NEW.agent END ELSE '' END, 4), ''), 'saved unchanged'));
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_user_delete AFTER DELETE ON main.users BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'user', OLD.login, 'delete', 'roles ' || replace(replace(replace(replace(OLD.roles, '[', ''), ']', ''), '"', ''), ',', ', ')
    || CASE WHEN OLD.agent <> '' THEN ' · agent ' || OLD.agent ELSE '' END);
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_token_insert AFTER INSERT ON main.tokens BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary)
    SELECT parley_audit_now(), login, 'login', login, 'sign_in', 'signed in' FROM users WHERE id = NEW.user_id;
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_token_delete AFTER DELETE ON main.tokens BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary)
    SELECT parley_audit_now(), parley_audit_actor(), 'login', login, 'sign_out',
      CASE WHEN login = parley_audit_actor() THEN 'signed out' ELSE 'token revoked' END FROM users WHERE id = OLD.user_id;
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_channel_insert AFTER INSERT ON main.channels BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'channel', NEW.id, 'create', 'kind ' || ifnull(json_extract(NEW.body, '$.kind'), '') || ' · group '
    || ifnull(json_extract(NEW.body, '$.group'), '') || ' · name "' || ifnull(json_extract(NEW.body, '$.name'), '') || '"'
    || CASE WHEN ifnull(json_extract(NEW.body, '$.secret'), '') <> '' THEN ' · with a secret' ELSE '' END
    || CASE WHEN json_extract(NEW.body, '$.disabled') THEN ' · disabled' ELSE '' END);
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_channel_update AFTER UPDATE ON main.channels BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'channel', NEW.id, 'update', coalesce(nullif(substr(
      CASE WHEN json_extract(OLD.body, '$.kind') IS NOT json_extract(NEW.body, '$.kind')
        THEN ' · kind ' || ifnull(json_extract(NEW.body, '$.kind'), '') ELSE '' END ||
      CASE WHEN json_extract(OLD.body, '$.group') IS NOT json_extract(NEW.body, '$.group')
        THEN ' · group ' || ifnull(json_extract(OLD.body, '$.group'), '') || ' → ' || ifnull(json_extract(NEW.body, '$.group'), '')
        ELSE '' END ||
      CASE WHEN json_extract(OLD.body, '$.name') IS NOT json_extract(NEW.body, '$.name')
        THEN ' · name "' || ifnull(json_extract(NEW.body, '$.name'), '') || '"' ELSE '' END ||
      CASE WHEN json_extract(OLD.body, '$.origins') IS NOT json_extract(NEW.body, '$.origins')
        THEN ' · origins changed' ELSE '' END ||
      CASE WHEN json_extract(OLD.body, '$.outbound_url') IS NOT json_extract(NEW.body, '$.outbound_url')
        THEN ' · outbound URL changed' ELSE '' END ||
      CASE WHEN json_extract(OLD.body, '$.secret') IS NOT json_extract(NEW.body, '$.secret')
        THEN ' · secret changed' ELSE '' END ||
      CASE WHEN json_extract(OLD.body, '$.disabled') IS NOT json_extract(NEW.body, '$.disabled')
        THEN CASE WHEN json_extract(NEW.body, '$.disabled') THEN ' · disabled' ELSE ' · enabled' END ELSE '' END,
      4), ''), 'saved unchanged'));
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_channel_delete AFTER DELETE ON main.channels BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'channel', OLD.id, 'delete', 'kind ' || ifnull(json_extract(OLD.body, '$.kind'), ''));
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_template_insert AFTER INSERT ON main.templates BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'template', NEW.id, 'create', 'title "' || NEW.title || '" · ' || length(NEW.text) || ' characters');
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_template_update AFTER UPDATE ON main.templates BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'template', NEW.id, 'update', coalesce(nullif(substr(
      CASE WHEN OLD.title IS NOT NEW.title THEN ' · title "' || OLD.title || '" → "' || NEW.title || '"' ELSE '' END ||
      CASE WHEN OLD.text IS NOT NEW.text THEN ' · text changed (' || length(NEW.text) || ' characters)' ELSE '' END ||
      CASE WHEN OLD.shortcut IS NOT NEW.shortcut THEN ' · shortcut "' || OLD.shortcut || '" → "' || NEW.shortcut || '"' ELSE '' END ||
      CASE WHEN OLD.grp IS NOT NEW.grp THEN ' · group "' || OLD.grp || '" → "' || NEW.grp || '"' ELSE '' END,
      4), ''), 'saved unchanged'));
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_template_delete AFTER DELETE ON main.templates BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'template', OLD.id, 'delete', 'title "' || OLD.title || '"');
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_article_insert AFTER INSERT ON main.articles BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'article', NEW.id, 'create', 'title "' || NEW.title || '"');
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_article_update AFTER UPDATE ON main.articles BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'article', NEW.id, 'update', CASE WHEN OLD.title IS NOT NEW.title THEN 'title "' || OLD.title || '" → "' || NEW.title || '"'
      WHEN OLD.details IS NOT NEW.details THEN 'link, text or tags changed' ELSE 'saved unchanged' END);
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_article_delete AFTER DELETE ON main.articles BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'article', OLD.id, 'delete', 'title "' || OLD.title || '"');
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_action_insert AFTER INSERT ON main.support_actions BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'action', NEW.id, 'create', 'name "' || NEW.name || '" · endpoint ' || ifnull(json_extract(NEW.details, '$.endpoint'), ''));
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_action_update AFTER UPDATE ON main.support_actions BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'action', NEW.id, 'update', coalesce(nullif(substr(
      CASE WHEN OLD.name IS NOT NEW.name THEN ' · name "' || OLD.name || '" → "' || NEW.name || '"' ELSE '' END ||
      CASE WHEN json_extract(OLD.details, '$.endpoint') IS NOT json_extract(NEW.details, '$.endpoint')
        THEN ' · endpoint ' || ifnull(json_extract(NEW.details, '$.endpoint'), '') ELSE '' END ||
      CASE WHEN json_extract(OLD.details, '$.fields') IS NOT json_extract(NEW.details, '$.fields')
        THEN ' · form changed' ELSE '' END ||
      CASE WHEN json_extract(OLD.details, '$.headers') IS NOT json_extract(NEW.details, '$.headers')
        THEN ' · headers changed' ELSE '' END, 4), ''), 'saved unchanged'));
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_action_delete AFTER DELETE ON main.support_actions BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'action', OLD.id, 'delete', 'name "' || OLD.name || '"');
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_allowlist_insert AFTER INSERT ON main.action_allowlist BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'action_allowlist', NEW.entry, 'create', 'allowed ' || NEW.entry);
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_allowlist_delete AFTER DELETE ON main.action_allowlist BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary) VALUES(parley_audit_now(), parley_audit_actor(),
    'action_allowlist', OLD.entry, 'delete', 'no longer allowed ' || OLD.entry);
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_user_settings_insert AFTER INSERT ON main.user_settings BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary)
    SELECT parley_audit_now(), parley_audit_actor(), 'user_settings', login, 'update', 'workspace settings saved'
    FROM users WHERE id = NEW.user_id;
END;
CREATE TEMP TRIGGER IF NOT EXISTS audit_user_settings_update AFTER UPDATE ON main.user_settings BEGIN
  INSERT INTO record_changes(at, actor, kind, record, action, summary)
    SELECT parley_audit_now(), parley_audit_actor(), 'user_settings', login, 'update', 'workspace settings saved'
    FROM users WHERE id = NEW.user_id;
END;
)sql";

void actor_function(sqlite3_context* context, int, sqlite3_value**) {
  const std::string& actor = audit_actor();
  sqlite3_result_text(context, actor.data(), static_cast<int>(actor.size()), SQLITE_TRANSIENT);
}

void now_function(sqlite3_context* context, int, sqlite3_value**) { sqlite3_result_int64(context, audit_now_ms()); }

}  // namespace

bool ensure_audit_schema(sqlite3* db, std::string& error) {
  if (!exec_sql(db, kTables, error)) return false;
  if (!has_column(db, "events", "login") &&
      !exec_sql(db, "ALTER TABLE events ADD COLUMN login TEXT NOT NULL DEFAULT ''", error))
    return false;
  // Not deterministic: each call reads the calling thread's request.
  if (sqlite3_create_function(db, "parley_audit_actor", 0, SQLITE_UTF8, nullptr, actor_function, nullptr, nullptr) !=
          SQLITE_OK ||
      sqlite3_create_function(db, "parley_audit_now", 0, SQLITE_UTF8, nullptr, now_function, nullptr, nullptr) !=
          SQLITE_OK) {
    error = sqlite3_errmsg(db);
    return false;
  }
  return exec_sql(db, kTriggers, error);
}

}  // namespace parley::server
