// The emoji picker's catalogue: every emoji drawn as one code point, with its Unicode group and
// name, read from the data file generated at build time from Unicode's emoji-test.txt
// (tools/emoji_data.py). Search matches every word of a query against the names.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace parley::web {

struct Emoji {
  std::string group, glyph, name;
};

class EmojiCatalog {
 public:
  // Reads "group<TAB>emoji<TAB>name" lines; malformed lines are skipped. Returns how many were read.
  std::size_t load(std::string_view tsv);
  const std::vector<Emoji>& all() const { return emoji_; }
  const std::vector<std::string>& groups() const { return groups_; }
  // Indexes of the emoji of a group, or of those whose name contains every word of `query`
  // (ASCII case-insensitive), in catalogue order.
  std::vector<std::size_t> in_group(std::string_view group) const;
  std::vector<std::size_t> search(std::string_view query) const;

 private:
  std::vector<Emoji> emoji_;
  std::vector<std::string> groups_;
};

EmojiCatalog& emoji_catalog();

}  // namespace parley::web
