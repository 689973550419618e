// Sessions app wire forms: parameter parsing with named errors, page JSON both ways, cursor text, CSV.
#include "session_wire.hpp"

#include <charconv>
#include <set>

#include "report_wire.hpp"
#include "time.hpp"

namespace parley {

namespace {

const std::set<std::string, std::less<>> kParams = {"group", "agent", "state", "channel", "customer", "spam", "from",
                                                    "to",    "text",  "sort",  "order",   "offset",   "limit", "after"};

template <class T>
std::optional<T> parse_number(std::string_view text) {
  T value{};
  if (text.empty() || text.size() > 19) return std::nullopt;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Error bad_param(const std::string& key, const std::string& what) {
  return fail(ErrorCode::bad_command, "parameter '" + key + "' must be " + what);
}

}  // namespace

std::string_view spam_filter_name(SpamFilter spam) {
  switch (spam) {
    case SpamFilter::yes: return "yes";
    case SpamFilter::no: return "no";
    case SpamFilter::any: break;
  }
  return "any";
}

std::string_view session_sort_name(SessionSort sort) { return sort == SessionSort::started ? "started" : "last_activity"; }

std::string session_cursor_text(const SessionCursor& cursor) {
  return std::to_string(cursor.at) + "." + std::to_string(cursor.number);
}

std::optional<SessionCursor> parse_session_cursor(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto at = parse_number<Timestamp>(text.substr(0, dot));
  const auto number = parse_number<std::int64_t>(text.substr(dot + 1));
  if (!at || !number || *at < 0 || *number < 0) return std::nullopt;
  return SessionCursor{*at, *number};
}

Result<SessionQuery> session_query_from_params(const Json& params) {
  if (!params.is_object()) return fail(ErrorCode::bad_command, "parameters must be an object");
  for (auto it = params.begin(); it != params.end(); ++it) {
    if (!kParams.contains(it.key())) return fail(ErrorCode::bad_command, "unknown parameter '" + it.key() + "'");
    if (!it->is_string()) return bad_param(it.key(), "a string");
  }
  const auto value = [&](const char* key) -> std::string {
    const auto it = params.find(key);
    return it == params.end() ? std::string() : it->get<std::string>();
  };
  SessionQuery query;
  SessionFilter& f = query.filter;
  f.group = value("group");
  f.agent = value("agent");
  f.channel = value("channel");
  f.customer = value("customer");
  f.text = value("text");
  if (const std::string state = value("state"); !state.empty()) {
    f.state = parse_chat_state(state);
    if (!f.state) return bad_param("state", "queued, open, paused or closed");
  }
  if (const std::string spam = value("spam"); !spam.empty()) {
    if (spam == "yes") f.spam = SpamFilter::yes;
    else if (spam == "no") f.spam = SpamFilter::no;
    else if (spam != "any") return bad_param("spam", "yes, no or any");
  }
  for (const char* key : {"from", "to"}) {
    const std::string text = value(key);
    if (text.empty()) continue;
    const auto at = parse_rfc3339(text);
    if (!at) return bad_param(key, "an RFC 3339 time");
    (std::string_view(key) == "from" ? f.from : f.to) = *at;
  }
  if (f.from && f.to && *f.to < *f.from) return fail(ErrorCode::bad_command, "'to' is earlier than 'from'");
  if (const std::string sort = value("sort"); !sort.empty()) {
    if (sort == "last_activity") query.sort = SessionSort::last_activity;
    else if (sort != "started") return bad_param("sort", "started or last_activity");
  }
  if (const std::string order = value("order"); !order.empty()) {
    if (order == "asc") query.descending = false;
    else if (order != "desc") return bad_param("order", "asc or desc");
  }
  if (const std::string offset = value("offset"); !offset.empty()) {
    const auto n = parse_number<std::size_t>(offset);
    if (!n) return bad_param("offset", "a whole number");
    query.offset = *n;
  }
  if (const std::string limit = value("limit"); !limit.empty()) {
    const auto n = parse_number<std::size_t>(limit);
    if (!n || *n == 0 || *n > kMaxSessionPage) return bad_param("limit", "1 to " + std::to_string(kMaxSessionPage));
    query.limit = *n;
  }
  if (const std::string after = value("after"); !after.empty()) {
    query.after = parse_session_cursor(after);
    if (!query.after) return bad_param("after", "a cursor from a page's 'next'");
  }
  return query;
}

Json session_query_to_params(const SessionQuery& query) {
  const SessionFilter& f = query.filter;
  Json out = Json::object();
  const auto put = [&](const char* key, const std::string& text) {
    if (!text.empty()) out[key] = text;
  };
  put("group", f.group);
  put("agent", f.agent);
  if (f.state) out["state"] = chat_state_name(*f.state);
  put("channel", f.channel);
  put("customer", f.customer);
  if (f.spam != SpamFilter::any) out["spam"] = spam_filter_name(f.spam);
  if (f.from) out["from"] = format_rfc3339(*f.from);
  if (f.to) out["to"] = format_rfc3339(*f.to);
  put("text", f.text);
  if (query.sort != SessionSort::started) out["sort"] = session_sort_name(query.sort);
  if (!query.descending) out["order"] = "asc";
  if (query.offset) out["offset"] = std::to_string(query.offset);
  if (query.limit != kDefaultSessionPage) out["limit"] = std::to_string(query.limit);
  if (query.after) out["after"] = session_cursor_text(*query.after);
  return out;
}

Json session_page_to_json(const SessionPage& page) {
  Json rows = Json::array();
  for (const SessionRow& r : page.rows)
    rows.push_back(Json{{"id", r.id},
                        {"number", r.number},
                        {"group", r.group},
                        {"agent", r.agent.empty() ? Json(nullptr) : Json(r.agent)},
                        {"state", chat_state_name(r.state)},
                        {"channel", r.channel},
                        {"customer", r.customer},
                        {"started", format_rfc3339(r.started)},
                        {"last_activity", format_rfc3339(r.last_activity)},
                        {"messages", r.messages},
                        {"spam", r.spam}});
  return Json{{"rows", std::move(rows)},
              {"total", page.total},
              {"next", page.next ? Json(session_cursor_text(*page.next)) : Json(nullptr)}};
}

Result<SessionPage> session_page_from_json(const Json& json) {
  if (!json.is_object()) return fail(ErrorCode::bad_command, "a sessions page must be an object");
  const auto rows = json.find("rows");
  const auto total = json.find("total");
  const auto next = json.find("next");
  if (rows == json.end() || !rows->is_array()) return fail(ErrorCode::bad_command, "field 'rows' must be an array");
  if (total == json.end() || !total->is_number_unsigned()) return fail(ErrorCode::bad_command, "field 'total' must be a count");
  SessionPage page;
  page.total = total->get<std::size_t>();
  if (next != json.end() && !next->is_null()) {
    page.next = next->is_string() ? parse_session_cursor(next->get<std::string>()) : std::nullopt;
    if (!page.next) return fail(ErrorCode::bad_command, "field 'next' must be a cursor or null");
  }
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const Json& r = (*rows)[i];
    const auto wrong = [&](const char* key, const char* what) {
      return fail(ErrorCode::bad_command, "rows[" + std::to_string(i) + "]: field '" + key + "' must be " + what);
    };
    if (!r.is_object()) return fail(ErrorCode::bad_command, "rows[" + std::to_string(i) + "] must be an object");
    SessionRow row;
    for (auto [key, into] : {std::pair{"id", &row.id}, std::pair{"group", &row.group}, std::pair{"channel", &row.channel},
                             std::pair{"customer", &row.customer}}) {
      const auto it = r.find(key);
      if (it == r.end() || !it->is_string()) return wrong(key, "a string");
      *into = it->get<std::string>();
    }
    const auto agent = r.find("agent");
    if (agent == r.end() || !(agent->is_null() || agent->is_string())) return wrong("agent", "a string or null");
    if (agent->is_string()) row.agent = agent->get<std::string>();
    const auto number = r.find("number");
    if (number == r.end() || !number->is_number_integer()) return wrong("number", "an integer");
    row.number = number->get<std::int64_t>();
    const auto messages = r.find("messages");
    if (messages == r.end() || !messages->is_number_unsigned()) return wrong("messages", "a count");
    row.messages = messages->get<std::size_t>();
    const auto spam = r.find("spam");
    if (spam == r.end() || !spam->is_boolean()) return wrong("spam", "true or false");
    row.spam = spam->get<bool>();
    const auto state = r.find("state");
    const auto state_value = state != r.end() && state->is_string() ? parse_chat_state(state->get<std::string>()) : std::nullopt;
    if (!state_value) return wrong("state", "a session state");
    row.state = *state_value;
    for (auto [key, into] : {std::pair{"started", &row.started}, std::pair{"last_activity", &row.last_activity}}) {
      const auto it = r.find(key);
      const auto at = it != r.end() && it->is_string() ? parse_rfc3339(it->get<std::string>()) : std::nullopt;
      if (!at) return wrong(key, "an RFC 3339 time");
      *into = *at;
    }
    page.rows.push_back(std::move(row));
  }
  return page;
}

std::string session_csv_header() {
  return "id,number,group,agent,state,channel,customer,started,last_activity,messages,spam\r\n";
}

std::string session_csv_line(const SessionRow& r) {
  const std::string cells[] = {r.id,
                               std::to_string(r.number),
                               r.group,
                               r.agent,
                               std::string(chat_state_name(r.state)),
                               r.channel,
                               r.customer,
                               format_rfc3339(r.started),
                               format_rfc3339(r.last_activity),
                               std::to_string(r.messages),
                               r.spam ? "yes" : "no"};
  std::string line;
  for (std::size_t i = 0; i < std::size(cells); ++i) {
    if (i) line += ',';
    line += csv_field(cells[i]);
  }
  return line + "\r\n";
}

}  // namespace parley
