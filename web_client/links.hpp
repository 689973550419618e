// Links in message text: where each web address starts and ends, and the address to open. Pure;
// shared by the canvas (link buttons under a message) and the reading view (clickable text).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace parley::web {

struct LinkSpan {
  std::size_t begin = 0, end = 0;  // bytes of the text
  std::string href;                // https:// added to a bare www. address
};

// http://, https:// and www. addresses, ending before whitespace, quotes and angle brackets, and
// without trailing sentence punctuation (.,;:!?) or a closing bracket that was not opened inside.
std::vector<LinkSpan> find_links(std::string_view text);

// Text split into runs: [text, href] with href empty for plain text.
std::vector<std::pair<std::string, std::string>> link_runs(std::string_view text);

}  // namespace parley::web
