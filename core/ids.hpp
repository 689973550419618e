// Ids of the desk (groups, agents, chats, messages, channels): 1–128 bytes of the URL-safe alphabet
// A–Z a–z 0–9 . _ ~ -, and not "." or "..", so every id is one path segment of every route as it is.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "result.hpp"

namespace parley {

inline constexpr std::size_t kMaxIdBytes = 128;

bool valid_id(std::string_view id);
// nullopt for a valid id; otherwise a bad_command naming `what` ("chat id") and the rule.
std::optional<Error> check_id(std::string_view what, std::string_view id);
// The ids written as `@id` in a text (an `@` at the start or after a character that cannot be part
// of an id, so e-mail addresses do not mention anyone), in order of appearance; a trailing `.` or
// `~` is punctuation, not part of the id.
std::vector<std::string> mentioned_ids(std::string_view text);

}  // namespace parley
