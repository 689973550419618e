// The command palette (Ctrl+K): a field over the workspace listing the acts the core allows now and
// the sessions whose customer's name matches what is typed; Up/Down choose, Enter or a click runs,
// Escape closes. Records "palette.input", "palette.entry.<i>", "palette.session.<chat>" and
// "palette.act.<i>" (i: the act's place in acts()).
#pragma once
#include <optional>

#include "app.hpp"
#include "flow.hpp"

namespace parley::web {

// The entry chosen this frame (the palette has closed), if any.
std::optional<PaletteEntry> draw_command_palette(const ViewContext& view, UiState& ui, const ActContext& context);

}  // namespace parley::web
