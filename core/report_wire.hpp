// The reports on the wire: the JSON of SCENARIO.md's query.report (also REST's answer) and the
// CSV export of SPEC §9 (RFC 4180, sample sets flattened, formula-starting cells neutralised).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "reports.hpp"
#include "result.hpp"
#include "wire.hpp"

namespace parley {

enum class ReportKind { operators, live_chats };
std::optional<ReportKind> parse_report_kind(std::string_view name);
const char* report_kind_name(ReportKind kind);

// Reads report/from/to/group/zone of a query line or a request's parameters given as JSON strings.
struct ReportRequest {
  ReportKind kind = ReportKind::operators;
  ReportQuery query;
};
Result<ReportRequest> report_request_from_json(const Json& json);

// {"report","from","to","rows":[…]}; `at` is not included.
Json report_to_json(ReportKind kind, const ReportQuery& query, const Reports& reports);
// Reads report_to_json's form back (a client of REST): the rows of `kind` (the other list stays
// empty). Anything missing or of another type is bad_command naming the row and field.
Result<Reports> reports_from_json(ReportKind kind, const Json& json);
std::string report_to_csv(ReportKind kind, const Reports& reports);
// One CSV field: quoted when needed, and prefixed with ' when it could start a formula.
std::string csv_field(std::string_view text);

}  // namespace parley
