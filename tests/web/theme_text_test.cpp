// The workspace's look natively: every text colour of both themes at WCAG AA contrast, bidi layout
// and Arabic joining by FriBidi, the glyph cache's stand-ins and packing, the emoji catalogue.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>
#include <string>

#include "bidi_text.hpp"
#include "emoji_catalog.hpp"
#include "emoji_sequences.hpp"
#include "font_atlas.hpp"
#include "glyph_cache.hpp"
#include "theme.hpp"

using namespace parley::web;

namespace {

std::string read_file(const char* path) {
  std::string out;
  if (std::FILE* in = std::fopen(path, "rb")) {
    char block[65536];
    for (std::size_t n; (n = std::fread(block, 1, sizeof block, in)) > 0;) out.append(block, n);
    std::fclose(in);
  }
  return out;
}

std::u32string chars(const std::string& utf8) {
  std::u32string out;
  for (const char* p = utf8.data(); p < utf8.data() + utf8.size();) {
    unsigned int c = 0;
    p += ImTextCharFromUtf8(&c, p, utf8.data() + utf8.size());
    out.push_back(c);
  }
  return out;
}

// A font built from the workspace's TTF, for layouts.
struct TestFont {
  ImFontAtlas atlas;
  ImFont* font = nullptr;
  TestFont() {
    REQUIRE(add_workspace_font(atlas, PARLEY_TEST_FONT));
    REQUIRE(atlas.Build());
    font = atlas.Fonts[0];
  }
};

}  // namespace

TEST_CASE("every text colour of both themes has at least 4.5:1 contrast on its backgrounds") {
  for (const Theme* t : {&light_theme(), &dark_theme()}) {
    const auto pairs = text_pairs(*t);
    REQUIRE(pairs.size() > 40);
    for (const ColorPair& pair : pairs) {
      const double ratio = contrast_ratio(pair.text, pair.background);
      CHECK_MESSAGE(ratio >= 4.5, t->name << ": " << pair.what << " is " << ratio << ":1");
    }
  }
}

TEST_CASE("contrast ratios follow WCAG 2's formula") {
  CHECK(contrast_ratio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(21.0));
  CHECK(contrast_ratio(IM_COL32(119, 119, 119, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(4.48).epsilon(0.01));
  CHECK(contrast_ratio(IM_COL32(90, 90, 90, 255), IM_COL32(90, 90, 90, 255)) == doctest::Approx(1.0));
}

TEST_CASE("avatars show one or two initials") {
  CHECK(initials("Ann Smith") == "AS");
  CHECK(initials("bo") == "B");
  CHECK(initials("maría josé garcía") == "MG");
  CHECK(initials("Иван Петров") == "ИП");
  CHECK(initials("  ") == "?");
  CHECK(avatar_color("Ann") == avatar_color("Ann"));
}

TEST_CASE("right-to-left text is put in display order and Arabic is joined") {
  TestFont f;
  // Hebrew: the letters of a word come out reversed (display order is left to right).
  const TextLayout hebrew = layout_text(f.font, "שלום", 1000);
  REQUIRE(hebrew.lines.size() == 1);
  CHECK(hebrew.lines[0].rtl);
  CHECK(chars(hebrew.lines[0].text) == std::u32string{0x05DD, 0x05D5, 0x05DC, 0x05E9});
  // Latin text keeps its order; a Latin word inside Hebrew stays readable left to right.
  const TextLayout mixed = layout_text(f.font, "שלום Parley", 1000);
  CHECK(mixed.lines[0].rtl);
  CHECK(mixed.lines[0].text.find("Parley") != std::string::npos);
  const TextLayout latin = layout_text(f.font, "Hello", 1000);
  CHECK_FALSE(latin.lines[0].rtl);
  CHECK(latin.lines[0].text == "Hello");
  // Arabic "سلام": joined presentation forms (isolated meem on the left, the lam-alef ligature, initial
  // seen on the right), no base letters left.
  const TextLayout arabic = layout_text(f.font, "سلام", 1000);
  const std::u32string shown = chars(arabic.lines[0].text);
  REQUIRE_FALSE(shown.empty());
  for (char32_t c : shown) CHECK_MESSAGE((c >= 0xFE70 && c <= 0xFEFF), static_cast<unsigned>(c));
  CHECK(shown == std::u32string{0xFEE1, 0xFEFC, 0xFEB3});
}

TEST_CASE("laid-out text wraps at the width, keeps paragraphs and drops invisible format characters") {
  TestFont f;
  const TextLayout wrapped = layout_text(f.font, "one two three four five six seven eight nine ten", 80);
  CHECK(wrapped.lines.size() > 2);
  for (const TextLine& line : wrapped.lines) CHECK(line.width <= 80.5f);
  CHECK(wrapped.height == doctest::Approx(f.font->FontSize * static_cast<float>(wrapped.lines.size())));
  const TextLayout paragraphs = layout_text(f.font, "first\nsecond\n\nfourth", 1000);
  REQUIRE(paragraphs.lines.size() == 4);
  CHECK(paragraphs.lines[2].text.empty());
  const TextLayout joined = layout_text(f.font, "a\xE2\x80\x8D" "b\xEF\xB8\x8F", 1000);  // ZWJ, VS16
  CHECK(joined.lines[0].text == "ab");
  // A Hebrew paragraph wrapped over lines: each line is in display order on its own.
  const TextLayout long_rtl = layout_text(f.font, "אחת שתיים שלוש ארבע חמש שש שבע שמונה תשע עשר", 90);
  CHECK(long_rtl.lines.size() > 2);
  for (const TextLine& line : long_rtl.lines) CHECK(line.rtl);
}

TEST_CASE("emoji sequences become one private-use code point each, the same every time") {
  TestFont f;
  EmojiSequences table;
  const std::string coder = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB";  // woman, ZWJ, laptop
  const std::string flag = "\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA";              // regional D, E
  const std::string thumbs = "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD";            // thumbs up, medium skin
  const std::string keycap = "1\xEF\xB8\x8F\xE2\x83\xA3";                     // 1, VS16, keycap
  const std::string text = "a" + coder + "b " + flag + flag + " " + thumbs + keycap + " \xF0\x9F\x98\x80\xEF\xB8\x8F e\xCC\x81";
  const TextLayout laid = layout_text(f.font, text, 1000, &table);
  const std::u32string shown = chars(laid.lines[0].text);
  REQUIRE(table.size() == 4);
  const char32_t c = 0xF0000, d = 0xF0001, t = 0xF0002, k = 0xF0003;
  // The lone pictograph drops its variation selector; e + combining acute is not an emoji and stays.
  CHECK(shown == std::u32string{U'a', c, U'b', U' ', d, d, U' ', t, k, U' ', 0x1F600, U' ', U'e', 0x301});
  CHECK(table.text_of(0xF0000) == coder);
  CHECK(table.text_of(0xF0001) == flag);
  CHECK(table.text_of(0xF0003) == keycap);
  CHECK(table.text_of(0xF0004).empty());
  CHECK(table.text_of('a').empty());
  // Laid out again, the same sequences keep their codes; without a table they stay as their parts.
  CHECK(chars(layout_text(f.font, flag + coder, 1000, &table).lines[0].text) == std::u32string{d, c});
  CHECK(table.size() == 4);
  CHECK(chars(layout_text(f.font, flag, 1000).lines[0].text) == chars(flag));
  // Inside right-to-left text too.
  const TextLayout rtl = layout_text(f.font, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D " + coder, 1000, &table);
  CHECK(chars(rtl.lines[0].text).find(c) != std::u32string::npos);
}

TEST_CASE("the glyph cache asks for what the fonts lack, stands in at other scales and stays bounded") {
  TestFont f;
  const std::string baked = bake_font_atlas(f.atlas);
  ImFontAtlas atlas;
  REQUIRE(restore_font_atlas(atlas, baked));
  GlyphCache cache;
  cache.attach(atlas, 64);
  REQUIRE(cache.attached());
  REQUIRE(atlas.Fonts.Size == 3);
  CHECK(cache.texture_height() > atlas.TexHeight);
  // At scale 1 the text face has the baked glyphs: only CJK and emoji are wanted.
  cache.want(Face::regular, "Hello 你好 😀");
  auto wants = cache.take_wants();
  REQUIRE(wants.size() == 3);
  CHECK(wants[0].codepoint == 0x4F60);
  CHECK(wants[2].codepoint == 0x1F600);
  // A glyph placed is found; its pixels go to the spare rows.
  const auto slot = cache.place(wants[2], 20, 19.5f, true);
  REQUIRE(slot.has_value());
  CHECK(slot->y >= cache.spare_top());
  const std::uint64_t before = cache.generation();
  cache.finish();
  CHECK(cache.generation() != before);
  const ImFontGlyph* emoji = atlas.Fonts[0]->FindGlyphNoFallback(0x1F600);
  REQUIRE(emoji != nullptr);
  CHECK(emoji->Colored);
  CHECK(emoji->AdvanceX == doctest::Approx(19.5f));
  // The bold face starts with stand-ins: drawing them asks for them.
  const ImFontGlyph* stand_in = atlas.Fonts[1]->FindGlyphNoFallback('A');
  REQUIRE(stand_in != nullptr);
  CHECK(stand_in->U0 < 0);
  CHECK(cache.missing(Face::regular, "Hello") == 0);
  // Failing glyphs are not asked again; filling the spare rows empties them (bounded).
  cache.fail(wants[0]);
  cache.want(Face::regular, "你");
  CHECK_FALSE(cache.has_wants());
  std::size_t resets = cache.stats().resets;
  for (std::uint32_t c = 0x4E00; c < 0x4E00 + 2000 && cache.stats().resets == resets; ++c)
    cache.place(GlyphWant{0, c}, 18, 16, false);
  CHECK(cache.stats().resets == resets + 1);
  // Another scale: every text-face glyph is a stand-in until drawn by the browser at that scale.
  cache.set_scale(2.0f);
  const ImFontGlyph* a = atlas.Fonts[0]->FindGlyphNoFallback('a');
  REQUIRE(a != nullptr);
  CHECK(a->U0 < 0);
  CHECK(cache.cell_height_px(0) > 2 * 16);
}

TEST_CASE("the emoji catalogue is Unicode's, with groups and name search") {
  EmojiCatalog catalog;
  REQUIRE(catalog.load(read_file(PARLEY_EMOJI_DATA)) > 1000);
  CHECK(catalog.all().front().glyph == "😀");
  CHECK(catalog.groups().front() == "Smileys & Emotion");
  CHECK(catalog.groups().size() >= 8);
  const auto hearts = catalog.search("red HEART");
  REQUIRE_FALSE(hearts.empty());
  CHECK(catalog.all()[hearts.front()].glyph == "❤");
  CHECK(catalog.search("no such emoji name").empty());
  CHECK(catalog.load("broken line\nSmileys\t🙂\tslightly smiling face\n") == 1);
}
