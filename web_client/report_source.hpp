// Where the Reports screen's numbers come from: computed in the page by the core (the offline demo,
// whose State is the whole desk's) or asked of the server's REST routes. The one place the workspace
// calls the core's report computation. Pure.
#pragma once
#include <string>
#include <string_view>

#include "model.hpp"
#include "report_wire.hpp"

namespace parley::web {

// The reports the page computes itself from the State's report facts, cut to the rows the viewer may
// see (as the server cuts them).
Reports reports_in_page(const State& state, AgentIx viewer, const ReportQuery& query, Timestamp now);

// Percent-encodes everything but RFC 3986's unreserved characters (a query parameter's value).
std::string query_encode(std::string_view text);

// What a failed answer of the server says: its error message, else its status (0: not reached).
std::string answer_error(int status, std::string_view body);

// The server's route of a report for the query, relative to the page ("api/v1/reports/operators.csv?from=…").
std::string report_route(ReportKind kind, const ReportQuery& query, bool csv);

// The name a downloaded CSV is saved under: "operators_2026-01-05_2026-01-06.csv" (the last day included).
std::string report_file_name(ReportKind kind, const ReportQuery& query);

}  // namespace parley::web
