// Working together in the workspace (a member of UiState): the composer's note mode, the @mention
// being typed, the presence heard on the stream (core PresenceBook) and what this tab last told the
// server about itself. Plain data and pure helpers.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model.hpp"
#include "presence.hpp"
#include "wire.hpp"

namespace parley::web {

inline constexpr Duration kTypingQuiet = 4 * kSecond;      // no keystroke for this long: typing stopped
inline constexpr Duration kPresenceRepeat = 5 * kSecond;   // viewing is said again this often
inline constexpr Duration kTypingRepeat = 2500;            // typing and noting, well within their 5 s
inline constexpr Duration kPresenceMinGap = 400;           // a changed state waits this long after the last post

struct TogetherUi {
  bool note_mode = false;  // the composer writes a private note (chat.note) instead of a reply
  PresenceBook heard;      // wall-clock expiry
  // what this tab last said about itself
  std::string told_chat;
  Presence told = Presence::left;
  Timestamp told_at = 0;
  Timestamp typed_at = 0;  // the composer's last edit (wall clock)
};

// The `@prefix` being typed at the caret: the byte offset of its `@` and the prefix after it.
struct MentionQuery {
  std::size_t at = 0;
  std::string prefix;
  friend bool operator==(const MentionQuery&, const MentionQuery&) = default;
};
std::optional<MentionQuery> mention_query(std::string_view text, std::size_t caret);
// The text with the query replaced by "@id " and the caret after it.
std::pair<std::string, std::size_t> complete_mention(std::string_view text, std::size_t caret, const MentionQuery& query,
                                                     std::string_view id);

// What this tab should say about itself now: nothing open → left; a recent edit of a non-blank
// composer → typing (noting in note mode); otherwise viewing.
Presence wanted_presence(const TogetherUi& t, bool chat_open, bool composer_blank, Timestamp wall);

// A presence item from the stream ({"type":"presence","chat","from","agent","state","ttl_ms"}) into
// the book; false (nothing changed) when it is malformed or about `self`.
bool hear_presence(TogetherUi& t, const Json& item, const std::string& self, Timestamp wall);

// "Customer is typing… · Bo is viewing" for the chat, names from State; empty when nobody is there.
std::string presence_line(const TogetherUi& t, const State& state, const std::string& chat, Timestamp wall);

}  // namespace parley::web
