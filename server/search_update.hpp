// What one event changes in the search index: a session's name and group (chat.started), its group
// (chat.transferred to a group), a message's text and file names (message.sent), or everything of a
// session dropped (chat.content_erased). Texts are folded.
#pragma once
#include <string>
#include <vector>

#include "events.hpp"

namespace parley::server {

struct SearchUpdate {
  enum class Kind { none, name, move, message, erase };
  Kind kind = Kind::none;
  std::string chat;
  std::string group;               // name, move: the session's group from now on
  std::string message;             // message: its id
  std::vector<std::string> texts;  // name: the folded name; message: the folded text, then each file name
};

// The update `event` makes, folded with the core's search folding (core/text_fold.hpp).
SearchUpdate search_update(const Event& event);

}  // namespace parley::server
