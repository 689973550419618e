// The Reports screen's tables as data: each report's columns (every SPEC §9 field, with its definition
// in plain words), each row's cells as shown and as the report's JSON has them, sorting, and the form
// the accessible mirror shows. Pure; the view draws it, the mirror and the tests read it.
#pragma once
#include <string>
#include <vector>

#include "model.hpp"
#include "report_wire.hpp"
#include "wire.hpp"

namespace parley::web {

enum class CellFormat { name, duration, count, samples, milli, breaches, hours };

struct ReportColumn {
  const char* field;  // the report JSON's field
  const char* label;  // the header (two lines where it is long)
  const char* tip;    // what it means, in plain words
  CellFormat format;
};
const std::vector<ReportColumn>& report_columns(ReportKind kind);
const char* report_title(ReportKind kind);  // "Operators' performance", "Live chat performance"

struct ReportCell {
  std::string text;    // as shown ("—" when there is nothing to show)
  std::string detail;  // more on hover ("" when the text says it all)
  Json value;          // the field exactly as the report's JSON has it
};

struct ReportRow {
  std::string key;  // agent or group id
  std::vector<ReportCell> cells;  // one per column
};

struct TableSort {
  int column = 0;
  bool ascending = true;
  friend bool operator==(const TableSort&, const TableSort&) = default;
};

// The rows of one report, named as the desk names its agents and groups, in `sort` order.
std::vector<ReportRow> report_rows(ReportKind kind, const State& state, const Reports& reports, TableSort sort);
// Sorts rows by a column: numbers by value (a sample set by its average), names by text; an empty
// sample set last either way; ties by id.
void sort_rows(ReportKind kind, std::vector<ReportRow>& rows, TableSort sort);

// Readable durations, short enough for a table: "0.4s", "42s", "3m 05s", "2h 05m", "3d 4h".
std::string format_span(Duration ms);

// One table for the accessible mirror: {"id","caption","columns":[{"label","tip"}],"rows":[{"key",
// "cells":[{"text","value"}]}]}; value is the JSON text of the field.
Json table_mirror(ReportKind kind, const std::string& caption, const std::vector<ReportRow>& rows);

}  // namespace parley::web
