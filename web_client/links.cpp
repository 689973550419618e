// Link detection over UTF-8 text: ASCII scheme prefixes, then any byte up to a separator.
#include "links.hpp"

#include <cctype>

namespace parley::web {

namespace {

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != prefix[i]) return false;
  return true;
}

bool ends_link(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`';
}

// A link starts at a word boundary.
bool boundary_before(std::string_view text, std::size_t at) {
  if (at == 0) return true;
  const unsigned char c = static_cast<unsigned char>(text[at - 1]);
  return c < 0x80 && !std::isalnum(c) && c != '/' && c != '.' && c != '@';
}

}  // namespace

std::vector<LinkSpan> find_links(std::string_view text) {
  std::vector<LinkSpan> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t prefix = 0;
    bool bare = false;
    if (boundary_before(text, i)) {
      if (starts_with_ci(text, i, "https://")) prefix = 8;
      else if (starts_with_ci(text, i, "http://")) prefix = 7;
      else if (starts_with_ci(text, i, "www.")) prefix = 4, bare = true;
    }
    if (prefix == 0) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !ends_link(text[end])) ++end;
    // Trailing punctuation belongs to the sentence; a closing bracket only if it was opened inside.
    while (end > i + prefix) {
      const char last = text[end - 1];
      if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?') {
        --end;
        continue;
      }
      if (last == ')' || last == ']') {
        const char open = last == ')' ? '(' : '[';
        int depth = 0;
        for (std::size_t k = i; k < end; ++k) depth += text[k] == open ? 1 : text[k] == last ? -1 : 0;
        if (depth < 0) {
          --end;
          continue;
        }
      }
      break;
    }
    if (end > i + prefix) {
      const std::string_view address = text.substr(i, end - i);
      out.push_back(LinkSpan{i, end, bare ? "https://" + std::string(address) : std::string(address)});
      i = end;
    } else {
      i += prefix;
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> link_runs(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> runs;
  std::size_t at = 0;
  for (const LinkSpan& link : find_links(text)) {
    if (link.begin > at) runs.emplace_back(std::string(text.substr(at, link.begin - at)), "");
    runs.emplace_back(std::string(text.substr(link.begin, link.end - link.begin)), link.href);
    at = link.end;
  }
  if (at < text.size() || runs.empty()) runs.emplace_back(std::string(text.substr(at)), "");
  return runs;
}

}  // namespace parley::web
