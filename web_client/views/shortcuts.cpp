// Key chords → acts, read from ImGui's key state (not repeating).
#include "views/shortcuts.hpp"

#include <imgui.h>

namespace parley::web {

namespace {

struct Key {
  ImGuiKeyChord chord;
  Act act;
  bool while_typing;  // also while a text field has the keyboard
};

// Alt+Left/Right, Alt+D, Alt+E and Alt+F belong to the browser; Ctrl+K and Ctrl+/ pages may take.
constexpr Key kKeys[] = {
    {ImGuiMod_Alt | ImGuiKey_DownArrow, Act::next_session, true},
    {ImGuiMod_Alt | ImGuiKey_UpArrow, Act::previous_session, true},
    {ImGuiMod_Alt | ImGuiKey_A, Act::accept, true},
    {ImGuiMod_Alt | ImGuiKey_P, Act::pause, true},  // or Resume: the one the session allows
    {ImGuiMod_Alt | ImGuiKey_T, Act::transfer, true},
    {ImGuiMod_Alt | ImGuiKey_C, Act::close, true},
    {ImGuiMod_Alt | ImGuiKey_O, Act::reopen, true},
    {ImGuiMod_Alt | ImGuiKey_S, Act::search, true},
    {ImGuiMod_Alt | ImGuiKey_R, Act::templates, true},
    {ImGuiMod_Ctrl | ImGuiKey_K, Act::palette, true},
    {ImGuiMod_Ctrl | ImGuiKey_Slash, Act::help, true},
    {ImGuiKey_J, Act::next_session, false},
    {ImGuiKey_K, Act::previous_session, false},
    {ImGuiKey_Slash, Act::search, false},
    {ImGuiMod_Shift | ImGuiKey_Slash, Act::help, false},
    {ImGuiKey_F1, Act::help, false},
};

}  // namespace

std::optional<Act> pressed_act() {
  if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return std::nullopt;
  const bool typing = ImGui::GetIO().WantTextInput;
  for (const Key& key : kKeys)
    if ((key.while_typing || !typing) && ImGui::IsKeyChordPressed(key.chord)) return key.act;
  return std::nullopt;
}

bool undo_pressed() {
  return !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel) &&
         ImGui::IsKeyChordPressed(ImGuiMod_Alt | ImGuiKey_Z);
}

}  // namespace parley::web
