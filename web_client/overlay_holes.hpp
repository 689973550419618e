// Where the page's own elements laid over the canvas (the composer's text area, the reading view)
// must let the canvas through: the parts of their rectangle that ImGui windows drawn in front of
// their window cover (toasts, search results, popups), so those windows get the clicks. Read at the
// end of a frame, after every window was submitted.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "widgets.hpp"

namespace parley::web {

// The ImGui ID of the top-level window the current item lies in (where an overlay is reserved).
ImGuiID overlay_host();

// The visible windows drawn in front of `host` this frame, each clipped to `box` where it overlaps
// it (screen coordinates); empty when nothing covers the box or the host is unknown.
std::vector<WidgetRect> windows_over(ImGuiID host, WidgetRect box);

// The rectangles as "x y w h,x y w h" for the page's scripts.
std::string holes_text(const std::vector<WidgetRect>& holes);

}  // namespace parley::web
