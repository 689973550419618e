// Unit tests of core/text_fold: Unicode case folding and accent-insensitive matching for search
// (Greek, German, accents, the Turkish i decision, CJK, emoji, invalid UTF-8). Native and wasm.
#include "text_fold.hpp"

#include <doctest/doctest.h>

#include <string>

#include "desk_fixture.hpp"
#include "views.hpp"

using namespace parley;

TEST_CASE("fold: Greek case and tonos, final sigma") {
  CHECK(fold_for_search("Γιώργος") == fold_for_search("γιωργος"));
  CHECK(fold_for_search("ΓΙΏΡΓΟΣ") == "γιωργοσ");
  CHECK(contains_folded("Γιώργος Παπαδόπουλος", "γιώργος"));
  CHECK(contains_folded("Γιώργος Παπαδόπουλος", "ΠΑΠΑΔΟΠΟΥΛΟΣ"));
  CHECK_FALSE(contains_folded("Γιώργος", "γιάννης"));
}

TEST_CASE("fold: German sharp s folds to ss, both ways") {
  CHECK(fold_for_search("Straße") == "strasse");
  CHECK(fold_for_search("STRAẞE") == "strasse");  // capital sharp s
  CHECK(contains_folded("Hauptstraße 5", "STRASSE"));
  CHECK(contains_folded("HAUPTSTRASSE 5", "straße"));
  CHECK(contains_folded("Müller", "muller"));
}

TEST_CASE("fold: accents, precomposed or combining, and compatibility forms") {
  CHECK(fold_for_search("Café") == "cafe");
  CHECK(fold_for_search("Cafe\xCC\x81") == "cafe");  // e + U+0301
  CHECK(contains_folded("Crème brûlée", "CREME BRULEE"));
  CHECK(contains_folded("São Paulo", "sao"));
  CHECK(contains_folded("Ångström", "angstrom"));
  CHECK(fold_for_search("Ｆｕｌｌ") == "full");  // full-width letters
  CHECK(fold_for_search("ﬁle") == "file");      // ligature
  CHECK(contains_folded("Иванов", "ИВАНОВ"));
  CHECK(contains_folded("Ёлка", "елка"));
}

TEST_CASE("fold: Turkish i uses the default folding (documented decision)") {
  CHECK(fold_for_search("I") == "i");
  CHECK(fold_for_search("İstanbul") == "istanbul");  // İ → i + dot above, the mark dropped
  CHECK(fold_for_search("ı") == "ı");                // dotless i stays apart
  CHECK(fold_for_search("Işık") == "isık");         // ş → s (cedilla dropped); ı kept
  CHECK_FALSE(contains_folded("Işık", "isik"));
  CHECK(contains_folded("Işık", "ŞIK") == false);     // I folds to i, not to ı
  CHECK(contains_folded("Işık", "şık"));
}

TEST_CASE("fold: CJK and Hangul are kept as they are") {
  CHECK(fold_for_search("王小明") == "王小明");
  CHECK(contains_folded("客户 王小明 来电", "小明"));
  CHECK(fold_for_search("한국어") == "한국어");
  CHECK(contains_folded("カタカナ", "タカ"));
  CHECK_FALSE(contains_folded("한", "하"));  // syllables are not split into jamo
}

TEST_CASE("fold: emoji pass through, with their variation selectors and joiners") {
  CHECK(fold_for_search("👍🏽") == "👍🏽");
  CHECK(fold_for_search("❤️") == "❤️");
  CHECK(fold_for_search("👩‍💻") == "👩‍💻");
  CHECK(contains_folded("Thanks 🎉 Ana", "🎉 ANA"));
  CHECK_FALSE(contains_folded("🎉", "🎊"));
}

TEST_CASE("fold: ASCII behaves as before, empty needles match, invalid bytes never fail") {
  CHECK(fold_for_search("Hello World") == "hello world");
  CHECK(contains_folded("Hello World", "o w"));
  CHECK_FALSE(contains_folded("Hello", "hello!"));
  CHECK(contains_folded("anything", ""));
  CHECK(contains_folded("", ""));
  CHECK(fold_for_search("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(fold_for_search("\xC3") == "\xEF\xBF\xBD");  // truncated sequence
  CHECK(contains_folded("Ma\xFFria", "ria"));
}

TEST_CASE("fold: a matcher reuses its buffer and gives the same answers as contains_folded") {
  TextMatcher matcher("ΣΟΦΊΑ");
  CHECK(matcher.matches("Σοφία Κ."));
  CHECK_FALSE(matcher.matches("Sofia"));
  CHECK(matcher.matches("η σοφια"));
  TextMatcher empty("");
  CHECK(empty.empty());
  CHECK(empty.matches("x"));
}

TEST_CASE("search: sessions and messages found across scripts and accents") {
  parley::test::Desk desk;
  using parley::test::at_min;
  desk.make_group(at_min(0), "sales", R"({"routing":"accept"})");
  desk.make_agent(at_min(0), "ann", "sales");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "g1", "sales", "Γιώργος");
  desk.client_starts(at_min(2), "z1", "sales", "Zoë Straße");
  desk.say(at_min(3), "z1", "client", "Grüße aus Köln");
  desk.say(at_min(4), "z1", "client", "Danke");
  const auto ids = [&](const std::vector<ChatIx>& chats) {
    std::vector<std::string> out;
    for (ChatIx c : chats) out.push_back(desk.state.chats[c].id);
    return out;
  };
  CHECK(ids(search_sessions(desk.state, desk.agent("ann"), "γιώργος")) == std::vector<std::string>{"g1"});
  CHECK(ids(search_sessions(desk.state, desk.agent("ann"), "zoe strasse")) == std::vector<std::string>{"z1"});
  CHECK(search_sessions(desk.state, desk.agent("ann"), "γιάννης").empty());
  CHECK(search_messages(desk.chat("z1"), "GRUSSE AUS KOLN") == std::vector<MessageIx>{MessageIx{0}});
  CHECK(contains_ignoring_case(desk.chat("g1").client, "ΓΙΏΡΓΟΣ"));
}
