// The composer's working-together parts: the Reply / Note switch, the colleagues an @mention being
// typed may name (core mention_candidates), and who else is on the session (presence line).
#pragma once
#include <imgui.h>

#include "actions.hpp"
#include "app.hpp"

namespace parley::web {

// The note tint behind the composer in note mode.
ImU32 note_tint();
// [Reply] [Note], when the agent may write either; keeps note mode only while a note is allowed.
void draw_composer_mode(ChatActions actions, UiState& ui);
// "Mention:" and a button per colleague matching the `@prefix` at the caret (note mode); false when
// there is nothing to offer.
bool draw_mention_choices(const ViewContext& view, ChatIx chat, UiState& ui);
// "Customer is typing… · Bo is viewing"; false when nobody else is there.
bool draw_presence_line(const ViewContext& view, const Chat& chat, UiState& ui);

}  // namespace parley::web
