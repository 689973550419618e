// Bidirectional layout of message text with FriBidi (see bidi_text.hpp).
#include "bidi_text.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>

#include "emoji_sequences.hpp"

extern "C" {
#include <fribidi.h>
}

namespace parley::web {

namespace {

bool rtl_script(std::uint32_t c) {
  return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE) ||
         (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0x200F;
}

std::vector<std::uint32_t> decode(std::string_view utf8) {
  std::vector<std::uint32_t> out;
  out.reserve(utf8.size());
  const char* p = utf8.data();
  const char* end = p + utf8.size();
  while (p < end) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, p, end);
    p += n > 0 ? n : 1;
    out.push_back(c);
  }
  return out;
}

void append_utf8(std::string& out, std::uint32_t c) {
  char buffer[5] = {};
  out += ImTextCharToUtf8(buffer, c);
}

// Line breaks of a paragraph as [begin, end) byte ranges of `text`, as ImGui wraps text.
std::vector<std::pair<std::size_t, std::size_t>> wrap_lines(const ImFont* font, const std::string& text, float wrap) {
  std::vector<std::pair<std::size_t, std::size_t>> lines;
  const char* begin = text.data();
  const char* end = begin + text.size();
  const char* s = begin;
  if (s == end) lines.emplace_back(0, 0);
  while (s < end) {
    const char* eol = font->CalcWordWrapPositionA(1.0f, s, end, std::max(wrap, 1.0f));
    if (eol <= s) {
      unsigned int c = 0;
      eol = s + std::max(1, ImTextCharFromUtf8(&c, s, end));
    }
    lines.emplace_back(static_cast<std::size_t>(s - begin), static_cast<std::size_t>(eol - begin));
    s = eol;
    while (s < end && (*s == ' ' || *s == '\t')) ++s;
  }
  return lines;
}

float text_width(const ImFont* font, const std::string& text) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

void add_line(TextLayout& layout, const ImFont* font, std::string text, bool rtl) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  TextLine line{std::move(text), 0, rtl};
  line.width = text_width(font, line.text);
  layout.width = std::max(layout.width, line.width);
  layout.lines.push_back(std::move(line));
}

void layout_plain(TextLayout& layout, const ImFont* font, const std::vector<std::uint32_t>& chars, float wrap) {
  std::string text;
  for (std::uint32_t c : chars)
    if (!zero_width(c)) append_utf8(text, c);
  for (const auto& [b, e] : wrap_lines(font, text, wrap)) add_line(layout, font, text.substr(b, e - b), false);
}

void layout_bidi(TextLayout& layout, const ImFont* font, std::vector<std::uint32_t> chars, float wrap) {
  const auto len = static_cast<FriBidiStrIndex>(chars.size());
  std::vector<FriBidiCharType> types(chars.size());
  std::vector<FriBidiBracketType> brackets(chars.size());
  std::vector<FriBidiLevel> levels(chars.size());
  std::vector<FriBidiArabicProp> arabic(chars.size());
  FriBidiChar* str = chars.data();
  fribidi_get_bidi_types(str, len, types.data());
  fribidi_get_bracket_types(str, len, types.data(), brackets.data());
  FriBidiParType base = FRIBIDI_PAR_ON;
  if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), len, &base, levels.data()) == 0) {
    layout_plain(layout, font, chars, wrap);
    return;
  }
  fribidi_get_joining_types(str, len, arabic.data());
  fribidi_join_arabic(types.data(), len, levels.data(), arabic.data());
  fribidi_shape(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, levels.data(), len, arabic.data(), str);
  const bool rtl = FRIBIDI_IS_RTL(base);

  // Wrap the shaped text in logical order, then put each line in display order.
  std::string logical;
  std::vector<std::size_t> byte_of(chars.size() + 1);
  for (std::size_t i = 0; i < chars.size(); ++i) {
    byte_of[i] = logical.size();
    append_utf8(logical, chars[i]);
  }
  byte_of[chars.size()] = logical.size();
  std::vector<FriBidiChar> visual(chars.begin(), chars.end());
  for (const auto& [b, e] : wrap_lines(font, logical, wrap)) {
    const auto first = static_cast<FriBidiStrIndex>(std::lower_bound(byte_of.begin(), byte_of.end(), b) - byte_of.begin());
    const auto last = static_cast<FriBidiStrIndex>(std::lower_bound(byte_of.begin(), byte_of.end(), e) - byte_of.begin());
    if (fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT, types.data(), last - first, first, base, levels.data(),
                             visual.data(), nullptr) == 0)
      std::copy(chars.begin() + first, chars.begin() + last, visual.begin() + first);  // left as written
    std::string text;
    for (FriBidiStrIndex i = first; i < last; ++i)
      if (!zero_width(visual[static_cast<std::size_t>(i)])) append_utf8(text, visual[static_cast<std::size_t>(i)]);
    if (rtl) {  // the line's trailing blanks (logically) end up on its left
      const std::size_t start = text.find_first_not_of(" \t");
      text.erase(0, start == std::string::npos ? text.size() : start);
    }
    add_line(layout, font, std::move(text), rtl);
  }
}

}  // namespace

bool zero_width(std::uint32_t c) {
  return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) ||
         (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || (c >= 0xE0000 && c <= 0xE007F) || c == 0x00AD || c == '\r';
}

bool has_rtl(std::string_view utf8) {
  for (std::uint32_t c : decode(utf8))
    if (rtl_script(c)) return true;
  return false;
}

TextLayout layout_text(const ImFont* font, std::string_view utf8, float wrap_width, EmojiSequences* sequences) {
  TextLayout layout;
  std::size_t start = 0;
  while (true) {
    const std::size_t newline = utf8.find('\n', start);
    const std::string_view paragraph = utf8.substr(start, newline == std::string_view::npos ? utf8.npos : newline - start);
    std::vector<std::uint32_t> chars = decode(paragraph);
    if (sequences) sequences->fold(chars);
    const bool bidi = std::any_of(chars.begin(), chars.end(), rtl_script);
    if (bidi) layout_bidi(layout, font, std::move(chars), wrap_width);
    else layout_plain(layout, font, chars, wrap_width);
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  layout.height = static_cast<float>(layout.lines.size()) * font->FontSize;
  return layout;
}

}  // namespace parley::web
