// Search folding: maps UTF-8 text to a key in which case, accents and compatibility variants no
// longer differ, so "γιώργος" finds "Γιώργος", "strasse" finds "Straße" and "cafe" finds "Café".
// Pure and deterministic (utf8proc's Unicode 15 tables, the same natively and in wasm); no exceptions.
#pragma once
#include <string>
#include <string_view>

namespace parley {

// The folded form of `text`, written into `out` (cleared first; its capacity is reused, so a caller
// folding many strings allocates only when a string is longer than any before). Per code point:
// NFKD compatibility decomposition, Unicode full case folding (ß → ss, Σ/ς → σ), then combining marks
// (categories Mn, Mc, Me) dropped, except variation selectors (emoji keep their presentation).
// Rules that are decisions rather than Unicode's: the default (non-Turkic) folding, so I and İ fold
// to i while dotless ı stays apart; Hangul syllables are kept whole (not split into jamo); each
// invalid UTF-8 byte becomes U+FFFD. ASCII-only text takes a byte-wise path with the same result.
void fold_for_search(std::string_view text, std::string& out);
std::string fold_for_search(std::string_view text);

// Whether folded `haystack` contains folded `needle`; an empty needle is contained in everything.
bool contains_folded(std::string_view haystack, std::string_view needle);

// One needle tested against many haystacks: the needle is folded once, and haystacks are folded into
// a buffer the matcher owns (not thread-safe; one matcher per thread).
class TextMatcher {
 public:
  explicit TextMatcher(std::string_view needle);
  bool matches(std::string_view haystack);
  bool empty() const { return needle_.empty(); }

 private:
  std::string needle_;
  std::string scratch_;
};

}  // namespace parley
