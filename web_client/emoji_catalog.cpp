// The emoji catalogue (see emoji_catalog.hpp).
#include "emoji_catalog.hpp"

#include <algorithm>
#include <cctype>

namespace parley::web {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

EmojiCatalog& emoji_catalog() {
  static EmojiCatalog catalog;
  return catalog;
}

std::size_t EmojiCatalog::load(std::string_view tsv) {
  emoji_.clear();
  groups_.clear();
  std::size_t start = 0;
  while (start < tsv.size()) {
    std::size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    const std::string_view line = tsv.substr(start, end - start);
    start = end + 1;
    const std::size_t a = line.find('\t');
    const std::size_t b = a == std::string_view::npos ? a : line.find('\t', a + 1);
    if (b == std::string_view::npos || a == 0 || b == a + 1 || b + 1 >= line.size()) continue;
    Emoji e{std::string(line.substr(0, a)), std::string(line.substr(a + 1, b - a - 1)), std::string(line.substr(b + 1))};
    if (groups_.empty() || groups_.back() != e.group) groups_.push_back(e.group);
    emoji_.push_back(std::move(e));
  }
  return emoji_.size();
}

std::vector<std::size_t> EmojiCatalog::in_group(std::string_view group) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < emoji_.size(); ++i)
    if (emoji_[i].group == group) out.push_back(i);
  return out;
}

std::vector<std::size_t> EmojiCatalog::search(std::string_view query) const {
  std::vector<std::string> words;
  const std::string q = lower(query);
  for (std::size_t i = 0; i < q.size();) {
    const std::size_t j = std::min(q.find(' ', i), q.size());
    if (j > i) words.push_back(q.substr(i, j - i));
    i = j + 1;
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < emoji_.size(); ++i) {
    const std::string name = lower(emoji_[i].name);
    if (std::all_of(words.begin(), words.end(), [&](const std::string& w) { return name.find(w) != std::string::npos; }))
      out.push_back(i);
  }
  return out;
}

}  // namespace parley::web
