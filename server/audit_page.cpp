// Merging the event log and the record changes into one page, newest first.
#include "audit_page.hpp"

#include <algorithm>
#include <charconv>

namespace parley::server {

namespace {

constexpr std::size_t kEventChunk = 500;

template <class T>
std::optional<T> number(std::string_view text) {
  T value{};
  if (text.empty() || text.size() > 19 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Newest first: later time, then a record change before an event, then the larger id.
bool before_in_page(const AuditCursor& a, const AuditCursor& b) {
  if (a.at != b.at) return a.at > b.at;
  if (a.record != b.record) return a.record;
  return a.id > b.id;
}

// Up to `wanted` events matching the filter, reading the log in chunks from the query's cursor.
Stored<std::vector<AuditPageRow>> matching_events(AuditStore& store, const AuditQuery& query, std::size_t wanted) {
  std::vector<AuditPageRow> out;
  std::optional<AuditCursor> position = query.after;
  for (;;) {
    auto chunk = store.events(query.filter.from, query.filter.to, query.filter.chat, position, kEventChunk);
    if (!chunk.ok()) return Stored<std::vector<AuditPageRow>>::refused(chunk.status, chunk.error);
    for (const LoggedEvent& logged : *chunk) {
      position = AuditCursor{logged.at, false, logged.seq};
      const auto json = parse_json(logged.json);
      const auto event = json ? event_from_json(*json) : Result<Event>(fail(ErrorCode::bad_command, "not JSON"));
      if (!event) continue;
      AuditRow row = audit_row(event.value(), logged.login);
      if (!audit_matches(row, query.filter)) continue;
      out.push_back(AuditPageRow{*position, std::move(row)});
      if (out.size() == wanted) return Stored<std::vector<AuditPageRow>>::done(std::move(out));
    }
    if (chunk->size() < kEventChunk) return Stored<std::vector<AuditPageRow>>::done(std::move(out));
  }
}

}  // namespace

std::string cursor_text(const AuditCursor& cursor) {
  return std::to_string(cursor.at) + (cursor.record ? ".r." : ".e.") + std::to_string(cursor.id);
}

std::optional<AuditCursor> parse_cursor(std::string_view text) {
  const auto first = text.find('.');
  if (first == std::string_view::npos || first + 3 > text.size() || text[first + 2] != '.') return std::nullopt;
  const char source = text[first + 1];
  if (source != 'e' && source != 'r') return std::nullopt;
  const auto at = number<Timestamp>(text.substr(0, first));
  const auto id = number<std::int64_t>(text.substr(first + 3));
  if (!at || !id) return std::nullopt;
  return AuditCursor{*at, source == 'r', *id};
}

Result<AuditQuery> audit_query(const AuditQueryText& text) {
  Result<AuditFilter> filter = audit_filter(text.from, text.to, text.actor, text.chat);
  if (!filter) return filter.error();
  AuditQuery query;
  query.filter = std::move(filter.value());
  if (!text.limit.empty()) {
    const auto limit = number<std::size_t>(text.limit);
    if (!limit || *limit < 1 || *limit > kAuditMaxLimit)
      return fail(ErrorCode::bad_command, "limit must be a whole number from 1 to 500");
    query.limit = *limit;
  }
  if (!text.cursor.empty()) {
    query.after = parse_cursor(text.cursor);
    if (!query.after) return fail(ErrorCode::bad_command, "cursor must be a next_cursor this route gave");
  }
  return query;
}

Stored<AuditPage> audit_page(AuditStore& store, const AuditQuery& query) {
  const std::size_t wanted = query.limit + 1;
  auto events = matching_events(store, query, wanted);
  if (!events.ok()) return Stored<AuditPage>::refused(events.status, events.error);
  std::vector<AuditPageRow> rows = std::move(*events);
  // Record changes concern no session: a chat filter leaves only events.
  if (query.filter.chat.empty()) {
    auto changes = store.changes(query.filter.from, query.filter.to, query.filter.actor, query.after, wanted);
    if (!changes.ok()) return Stored<AuditPage>::refused(changes.status, changes.error);
    for (RecordChange& change : *changes)
      rows.push_back(AuditPageRow{AuditCursor{change.row.at, true, change.id}, std::move(change.row)});
  }
  std::sort(rows.begin(), rows.end(), [](const AuditPageRow& a, const AuditPageRow& b) {
    return before_in_page(a.place, b.place);
  });
  AuditPage page;
  if (rows.size() > query.limit) {
    rows.resize(query.limit);
    page.next = rows.back().place;
  }
  page.rows = std::move(rows);
  return Stored<AuditPage>::done(std::move(page));
}

}  // namespace parley::server
