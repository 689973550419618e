// One page of the audit trail: the query's parameters read and checked, logged events (made into rows
// by the core's audit_row) and record changes merged newest first, and the cursor of the next page.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit_store.hpp"
#include "result.hpp"

namespace parley::server {

constexpr std::size_t kAuditDefaultLimit = 100, kAuditMaxLimit = 500;

struct AuditQuery {
  AuditFilter filter;
  std::size_t limit = kAuditDefaultLimit;
  std::optional<AuditCursor> after;  // none: from the newest row
};

struct AuditQueryText {
  std::string_view from, to, actor, chat, limit, cursor;
};

// bad_command naming the parameter when one is malformed (limit: 1–500; cursor: as next_cursor gave it).
Result<AuditQuery> audit_query(const AuditQueryText& text);

// "<at>.<e|r>.<seq or id>"
std::string cursor_text(const AuditCursor& cursor);
std::optional<AuditCursor> parse_cursor(std::string_view text);

struct AuditPageRow {
  AuditCursor place;
  AuditRow row;
};

struct AuditPage {
  std::vector<AuditPageRow> rows;       // newest first
  std::optional<AuditCursor> next;      // more rows follow this one's place
};

Stored<AuditPage> audit_page(AuditStore& store, const AuditQuery& query);

}  // namespace parley::server
