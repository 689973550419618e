// A message of the timeline as a bubble: the customer's and colleagues' on the left under an avatar
// with initials, the agent's own on the right in the accent colour; name, time and delivery on top,
// the text laid out for every script (bidi_text.hpp), files below with their Open buttons.
#pragma once
#include "app.hpp"

namespace parley::web {

// The timeline height of a message's bubble at a timeline width, gap below included.
float bubble_height(const Chat& chat, const Message& message, float width);
// Draws it at the cursor (the timeline positions each item); records the test hook's widgets.
void draw_bubble(const ViewContext& view, const Chat& chat, const Message& message, float width, UiState& ui,
                 Outbox& out, bool& resend_recorded);
// True once after the fonts changed (glyphs arrived): measured heights are stale.
bool bubble_metrics_changed();

// Characters of the bubbles drawn in the last frame that the fonts could not draw yet (the test hook).
struct BubbleCoverage {
  int frame = -1;
  int bubbles = 0;
  int missing = 0;
};
const BubbleCoverage& bubble_coverage();

}  // namespace parley::web
