// What the search bar keeps between frames: the query, whether its results show, the results of the
// core's search functions with what they were computed from, and a message to bring into view.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"

namespace parley::web {

struct SearchState {
  std::string query;
  bool open = false;  // results shown under the field
  // The scope the user chose: the open session's messages, or every session by name (also when a
  // session is open; this session's scope needs one open).
  bool in_session = false;
  bool focus = false;   // a shortcut asks the field to take the keyboard
  bool active = false;  // the field had the keyboard in the last frame
  // Frames until the reply gets the keyboard back after Escape: once the field has let go of it (the
  // page gives the keyboard to the canvas's text input while the field still counts as active).
  int give_back = 0;
  // results of parley::search_sessions (no session open) or search_messages (in `chat`)
  std::string for_query, for_chat;
  std::uint64_t for_version = ~0ull;
  Timestamp computed_at = 0;
  bool name_matches = false;
  std::vector<ChatIx> sessions;
  std::vector<MessageIx> messages;
  // a message result that was clicked: scrolled to on the next frame, then outlined for a moment
  std::optional<MessageIx> reveal;
  MessageIx revealed = kNoIndex;
  Timestamp revealed_until = 0;
};

}  // namespace parley::web
