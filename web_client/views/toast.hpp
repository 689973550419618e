// The toast stack at the bottom right of the workspace: opaque cards in the theme's popup colours,
// newest at the bottom, each with its text and, while a command is held back, Undo. Records
// "toast.<i>" (0 = newest), "toast.undo" (the newest Undo) and "toast.dismiss.<i>".
#pragma once
#include "app.hpp"

namespace parley::web {

void draw_toasts(const ViewContext& view, UiState& ui);

}  // namespace parley::web
