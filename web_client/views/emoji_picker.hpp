// The emoji picker's popup contents: a search field, the Unicode groups as tabs and a grid of the
// group's (or the search's) emoji; a click picks one. Names show as tooltips.
#pragma once
#include <string>

#include "widgets.hpp"

namespace parley::web {

// Draws inside an open popup; returns the picked emoji's UTF-8, or "" while none is picked.
std::string draw_emoji_picker(Widgets& widgets);

}  // namespace parley::web
