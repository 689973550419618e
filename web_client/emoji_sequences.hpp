// Emoji written with several code points (ZWJ sequences, flags, keycaps, skin tones, tag flags) are one
// picture: each distinct sequence gets a private-use code point that the glyph cache asks the browser to draw whole.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace parley::web {

// Whether a grapheme cluster of several code points is an emoji sequence the browser draws as one glyph.
bool is_emoji_sequence(const std::uint32_t* cluster, std::size_t count);

class EmojiSequences {
 public:
  // Replaces every emoji sequence in `chars` by its private-use code point (assigned on first sight,
  // the same ever after). When the private-use plane is used up, new sequences stay as their parts.
  void fold(std::vector<std::uint32_t>& chars);
  // The UTF-8 text of a code point `fold` gave out; empty for any other code point.
  std::string_view text_of(std::uint32_t code) const;
  static bool is_sequence_code(std::uint32_t code);
  std::size_t size() const { return texts_.size(); }

 private:
  std::uint32_t code_for(const std::uint32_t* cluster, std::size_t count);
  std::unordered_map<std::string, std::uint32_t> codes_;
  std::vector<std::string> texts_;
};

// The workspace's one table (layout and the browser's glyph drawing share it).
EmojiSequences& emoji_sequences();

}  // namespace parley::web
