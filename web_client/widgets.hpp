// The named-widget registry behind the test hook: each frame the views record where their named
// controls were drawn (screen = CSS pixels on the canvas), clipped to what is visible.
#pragma once
#include <map>
#include <string>
#include <string_view>

namespace parley::web {

struct WidgetRect {
  float x = 0, y = 0, w = 0, h = 0;
  friend bool operator==(const WidgetRect&, const WidgetRect&) = default;
};

class Widgets {
 public:
  void clear() { rects_.clear(); }
  // Records ImGui's last item under `name` if any of it is visible (clipped to the visible part); not
  // while its window is still hidden (its first frame).
  void record_last_item(std::string_view name);
  void set(std::string_view name, WidgetRect rect) { rects_[std::string(name)] = rect; }
  bool has(std::string_view name) const { return rects_.count(std::string(name)) != 0; }
  const WidgetRect* find(std::string_view name) const;
  const std::map<std::string, WidgetRect>& all() const { return rects_; }

 private:
  std::map<std::string, WidgetRect> rects_;
};

}  // namespace parley::web
