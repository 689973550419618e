// The reports' reference fold for tests: replays the whole log (every event the desk applied, in
// order) into its own State and measures what falls in the range; slow, simple, independent of State::report_facts.
#pragma once
#include "events.hpp"
#include "reports.hpp"

namespace parley::test {

Reports oracle_reports(const Events& log, const ReportQuery& query, Timestamp now);

}  // namespace parley::test
