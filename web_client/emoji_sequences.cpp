// Emoji sequences as single private-use code points (see emoji_sequences.hpp).
#include "emoji_sequences.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <utf8proc.h>

namespace parley::web {

namespace {

constexpr std::uint32_t kFirstCode = 0xF0000;  // Supplementary Private Use Area-A
constexpr std::uint32_t kLastCode = 0xFFFFD;

bool regional_indicator(std::uint32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }
bool pictographic(std::uint32_t c) {
  const int bound = utf8proc_get_property(static_cast<utf8proc_int32_t>(c))->boundclass;
  return bound == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC || bound == UTF8PROC_BOUNDCLASS_E_ZWG;
}
bool keycap_base(std::uint32_t c) { return (c >= '0' && c <= '9') || c == '#' || c == '*'; }

}  // namespace

bool is_emoji_sequence(const std::uint32_t* cluster, std::size_t count) {
  if (count < 2) return false;
  const std::uint32_t first = cluster[0];
  if (regional_indicator(first)) return regional_indicator(cluster[1]);
  if (keycap_base(first)) return cluster[count - 1] == 0x20E3;
  if (!pictographic(first)) return false;
  for (std::size_t i = 1; i < count; ++i) {
    const std::uint32_t c = cluster[i];
    const bool joins = c == 0x200D || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F) || c == 0x20E3;
    if (joins) return true;
  }
  return false;  // a pictograph and its variation selector: drawn as the pictograph
}

void EmojiSequences::fold(std::vector<std::uint32_t>& chars) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < chars.size();) {
    std::size_t end = i + 1;
    utf8proc_int32_t state = 0;
    while (end < chars.size() &&
           !utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(chars[end - 1]),
                                             static_cast<utf8proc_int32_t>(chars[end]), &state))
      ++end;
    const std::uint32_t code = is_emoji_sequence(chars.data() + i, end - i) ? code_for(chars.data() + i, end - i) : 0;
    if (code != 0) {
      chars[out++] = code;
    } else {
      for (std::size_t k = i; k < end; ++k) chars[out++] = chars[k];
    }
    i = end;
  }
  chars.resize(out);
}

std::uint32_t EmojiSequences::code_for(const std::uint32_t* cluster, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    char buffer[5] = {};
    text += ImTextCharToUtf8(buffer, cluster[i]);
  }
  const auto found = codes_.find(text);
  if (found != codes_.end()) return found->second;
  if (kFirstCode + texts_.size() > kLastCode) return 0;
  const auto code = static_cast<std::uint32_t>(kFirstCode + texts_.size());
  texts_.push_back(text);
  codes_.emplace(std::move(text), code);
  return code;
}

std::string_view EmojiSequences::text_of(std::uint32_t code) const {
  if (!is_sequence_code(code) || code - kFirstCode >= texts_.size()) return {};
  return texts_[code - kFirstCode];
}

bool EmojiSequences::is_sequence_code(std::uint32_t code) { return code >= kFirstCode && code <= kLastCode; }

EmojiSequences& emoji_sequences() {
  static EmojiSequences table;
  return table;
}

}  // namespace parley::web
