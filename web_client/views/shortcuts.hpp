// The workspace's keys: which act a key press this frame asks for. Alt+ chords and Ctrl+K / Ctrl+/
// work everywhere, the composer's text area included (it passes them on); single keys (J, K, /, ?,
// F1) only while no text field has the keyboard. Nothing while a popup or modal is open.
#pragma once
#include <optional>

#include "flow.hpp"

namespace parley::web {

std::optional<Act> pressed_act();
// Alt+Z: undo the newest close still held back (a toast's Undo).
bool undo_pressed();

}  // namespace parley::web
