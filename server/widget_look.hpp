// A widget channel's look and pre-chat form, kept on its channel record: the theme (accent colour,
// title, greeting) and the fields asked before a chat starts. Plain data; see widget_look_wire.hpp.
#pragma once
#include <string>
#include <vector>

namespace parley::server {

struct WidgetTheme {
  std::string accent;    // "#rgb" or "#rrggbb"; empty: the widget's own
  std::string title;     // the panel's header; empty: the widget's own
  std::string greeting;  // shown above an empty conversation; empty: none
  friend bool operator==(const WidgetTheme&, const WidgetTheme&) = default;
};

// One pre-chat field. Id "name" is the customer's name (the session's client name); every other
// answer goes into the session's first message.
struct PrechatField {
  std::string id, label, type;  // type: text | email | tel | textarea
  bool required = false;
  friend bool operator==(const PrechatField&, const PrechatField&) = default;
};

struct PrechatForm {
  bool enabled = false;
  std::vector<PrechatField> fields;
  friend bool operator==(const PrechatForm&, const PrechatForm&) = default;
};

}  // namespace parley::server
