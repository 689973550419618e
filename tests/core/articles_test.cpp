// Knowledge-base articles in the core: field checks, the composer's search (every word, folded,
// title hits first) and what an insertion writes.
#include <doctest/doctest.h>

#include "articles.hpp"

namespace parley::test {

namespace {

const std::vector<Article> kArticles = {
    {"returns", "Returns and refunds", "https://help.example.com/returns", "Send the parcel back within 30 days.", {"refund"}},
    {"shipping", "Shipping times", "", "Parcels leave the warehouse within a day; Größe and Café orders too.", {"delivery", "parcel"}},
    {"parcel", "Lost parcel", "https://help.example.com/lost", "Ask the carrier first.", {}},
    {"zh", "退货政策", "", "七天无理由退货", {"退货"}},
};

std::vector<std::string> ids(std::string_view query) {
  std::vector<std::string> out;
  for (std::size_t i : search_articles(kArticles, query)) out.push_back(kArticles[i].id);
  return out;
}

}  // namespace

TEST_CASE("articles are searched by every word, folded, with title hits first") {
  CHECK(ids("").size() == kArticles.size());
  CHECK(ids("parcel") == std::vector<std::string>{"parcel", "shipping", "returns"});  // title, tag, body
  CHECK(ids("PARCEL lost") == std::vector<std::string>{"parcel"});
  CHECK(ids("parcel 30") == std::vector<std::string>{"returns"});  // words may sit in different fields
  CHECK(ids("grosse cafe") == std::vector<std::string>{"shipping"});  // case and accents fold
  CHECK(ids("退货") == std::vector<std::string>{"zh"});
  CHECK(ids("  refund  ") == std::vector<std::string>{"returns"});
  CHECK(ids("nothing-like-this").empty());
}

TEST_CASE("an article's fields are checked before it is stored") {
  Article a{"a", "Title", "https://example.com/a", "Body", {"one", "two"}};
  CHECK_FALSE(article_refusal(a));
  a.link = "";
  CHECK_FALSE(article_refusal(a));
  a.link = "javascript:alert(1)";
  CHECK(article_refusal(a).value() == "link must be an http:// or https:// address without spaces");
  a.link = "https://example.com/a b";
  CHECK(article_refusal(a));
  a.link = "http://intranet/a";
  CHECK_FALSE(article_refusal(a));
  a.title = "";
  CHECK(article_refusal(a).value() == "title must be 1–200 bytes");
  a.title = "T";
  a.tags = {"One", "one"};
  CHECK(article_refusal(a).value() == "tag one is there twice");
  a.tags = {""};
  CHECK(article_refusal(a).value() == "a tag must be 1–40 bytes");
  a.tags = std::vector<std::string>(kMaxArticleTags + 1, "x");
  CHECK(article_refusal(a).value() == "at most 20 tags");
  a.tags = {};
  a.body = std::string(kMaxArticleBodyBytes + 1, 'b');
  CHECK(article_refusal(a).value() == "body must be at most 20000 bytes");
}

TEST_CASE("an article goes into the reply as its title and link, or as its text") {
  CHECK(article_as_link(kArticles[0]) == "Returns and refunds: https://help.example.com/returns");
  CHECK(article_as_link(kArticles[1]) == "Shipping times");
  CHECK(article_as_text(kArticles[0]) == "Send the parcel back within 30 days.");
  CHECK(article_as_text(Article{"x", "Only a title", "https://e.com/x", "", {}}) == "Only a title: https://e.com/x");
}

}  // namespace parley::test
