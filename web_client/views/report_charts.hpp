// The Reports screen's charts, drawn with ImGui's draw list: sessions by hour (24 columns), horizontal
// bars with a 90th-percentile tick per name, and stacked status time per agent. Each takes the width
// it is given, reserves its height as one item (recorded under `widget`) and explains itself on hover.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "model.hpp"
#include "widgets.hpp"

namespace parley::web {

struct ChartTitle {
  std::string title, tip, widget;
};

// Sessions started per hour of the day.
void chart_by_hour(const ChartTitle& title, const std::array<std::int64_t, 24>& counts, float width, Widgets& widgets);

// One bar per series per name: the average as the bar, the 90th percentile as a tick; no value, no bar.
struct BarSeries {
  std::string label;
  ImU32 color;
};
struct BarValue {
  std::optional<Duration> avg, p90;
};
struct BarRow {
  std::string name;
  std::vector<BarValue> values;  // one per series
};
void chart_duration_bars(const ChartTitle& title, const std::vector<BarSeries>& series, const std::vector<BarRow>& rows,
                         float width, Widgets& widgets);

// Online, do not disturb and offline time per agent as one stacked bar each, to a common scale.
struct StatusRow {
  std::string name;
  Duration online = 0, dnd = 0, offline = 0;
};
void chart_status_time(const ChartTitle& title, const std::vector<StatusRow>& rows, float width, Widgets& widgets);

}  // namespace parley::web
