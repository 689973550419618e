// The Reports screen's state between frames: the picker (range, group), what is shown (both reports,
// their query, when they were made), the requests awaited from the server, the tables' order, and
// what the view asks the App for (new numbers, a CSV download). Who gets the screen is decided here.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report_range.hpp"
#include "report_table.hpp"

namespace parley::web {

enum class ReportsStatus { none, loading, ready, failed };

struct ReportsUi {
  bool open = false;  // the screen shows in place of the lists and the session
  std::string opened_over;  // the session open when it was shown: opening another one closes the screen
  // the picker
  RangeKind range = RangeKind::today;
  std::string first_day, last_day;  // custom range, YYYY-MM-DD (filled with today's date when first chosen)
  std::string group;                // "" every group the viewer may see
  // asked of the App by the view
  bool want = false;                        // get the reports again (opened, picker changed, Refresh)
  std::optional<ReportKind> download;       // save this report as CSV
  // what is shown
  ReportsStatus status = ReportsStatus::none;
  std::string error;
  ReportQuery query;  // the query of what is shown (or being fetched)
  Reports data;
  Timestamp as_of = 0;          // desk time when they were made
  std::size_t log_events = 0;   // the demo's log size when computed in the page
  int computed = 0;             // times they were made or received whole (for tests)
  std::uint64_t version = 0;    // changes whenever data or order changes
  Timestamp made_wall = 0;      // wall time when they were made or asked for
  std::uint64_t awaiting[2] = {0, 0};  // request ids of the operators' and live chats' answers awaited
  Reports incoming;                    // answers received while the other is awaited
  // the tables, in the order shown
  std::array<TableSort, 2> sort{};
  std::array<std::vector<ReportRow>, 2> rows;
};

inline std::size_t report_index(ReportKind kind) { return kind == ReportKind::operators ? 0 : 1; }

// Supervisors (of some group) and admins get the Reports screen; operators and readers do not.
bool shows_reports(const State& state, AgentIx agent);
// The groups the group filter offers: every group for admins, the groups a supervisor supervises; by name.
std::vector<GroupIx> report_groups(const State& state, AgentIx agent);

// The picker's query at `now`; an error says what to fix in a custom range.
Result<ReportQuery> picked_query(const ReportsUi& ui, Timestamp now);

// Installs new numbers for both reports (as of `at`) and lays out their rows in the current order.
void show_reports(ReportsUi& ui, const State& state, Reports data, Timestamp at);
// Orders one table again after its header was clicked.
void sort_report(ReportsUi& ui, ReportKind kind, TableSort sort);
// The screen's content for the accessible mirror: {"open":false}, or both tables with captions.
Json reports_mirror(const ReportsUi& ui);

}  // namespace parley::web
