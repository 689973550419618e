// The id rule, checked by decide() for every id a command creates and by the server for channel ids.
#include "ids.hpp"

#include <algorithm>
#include <string>

namespace parley {

namespace {

bool id_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '~' || c == '-';
}

}  // namespace

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdBytes || id == "." || id == "..") return false;
  return std::all_of(id.begin(), id.end(), id_char);
}

std::optional<Error> check_id(std::string_view what, std::string_view id) {
  if (valid_id(id)) return std::nullopt;
  return Error{ErrorCode::bad_command, std::string(what) + " must be 1–" + std::to_string(kMaxIdBytes) +
                                           " characters of A–Z a–z 0–9 . _ ~ - (not . or ..)"};
}

std::vector<std::string> mentioned_ids(std::string_view text) {
  const auto id_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '~' || c == '-';
  };
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '@' || (i > 0 && id_char(text[i - 1]))) continue;
    std::size_t end = i + 1;
    while (end < text.size() && id_char(text[end])) ++end;
    while (end > i + 1 && (text[end - 1] == '.' || text[end - 1] == '~')) --end;
    const std::string_view id = text.substr(i + 1, end - i - 1);
    if (valid_id(id)) ids.emplace_back(id);
    i = end - 1;
  }
  return ids;
}

}  // namespace parley
