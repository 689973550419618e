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
