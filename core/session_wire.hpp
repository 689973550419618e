// The Sessions app on the wire: a request's parameters (strings) read into a SessionQuery, a page as
// JSON and back, the cursor's text form, and the CSV export's lines (RFC 4180, via csv_field).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "result.hpp"
#include "session_search.hpp"
#include "wire.hpp"

namespace parley {

// Reads {"group","agent","state","channel","customer","spam","from","to","text","sort","order",
// "offset","limit","after"}, every value a string as in a URL's query. Any other key, a value of another
// type or an unreadable value is bad_command naming the parameter.
Result<SessionQuery> session_query_from_params(const Json& params);
// The same query as parameters (only those that differ from the defaults), for a URL.
Json session_query_to_params(const SessionQuery& query);

std::string session_cursor_text(const SessionCursor& cursor);  // "<ms>.<number>"
std::optional<SessionCursor> parse_session_cursor(std::string_view text);

// {"rows":[…],"total","next"} with next the cursor text or null; times RFC 3339, agent null when none.
Json session_page_to_json(const SessionPage& page);
// Reads session_page_to_json's form back; anything missing or of another type is bad_command.
Result<SessionPage> session_page_from_json(const Json& json);

// The export: one header line, then one line per row (CRLF ends, cells through csv_field).
std::string session_csv_header();
std::string session_csv_line(const SessionRow& row);

std::string_view spam_filter_name(SpamFilter spam);
std::string_view session_sort_name(SessionSort sort);

}  // namespace parley
