// Knowledge-base articles (SPEC §13): their fields' checks, and the search the composer runs over
// them (every word of the query in the title, tags or body, folded for case and accents; title hits
// rank first). Pure; the same in the server and the page.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

constexpr std::size_t kMaxArticleTitleBytes = 200;
constexpr std::size_t kMaxArticleLinkBytes = 2000;
constexpr std::size_t kMaxArticleBodyBytes = 20000;
constexpr std::size_t kMaxArticleTags = 20;
constexpr std::size_t kMaxArticleTagBytes = 40;

struct Article {
  std::string id, title, link, body;
  std::vector<std::string> tags;
};

// Why the article cannot be stored (title 1–200 bytes; link empty or an http(s) URL; body up to
// 20 000 bytes; at most 20 tags of 1–40 bytes, no two alike), or nullopt.
std::optional<std::string> article_refusal(const Article& article);

// The positions in `articles` of those matching `query`, best first: articles whose title holds
// every word, then those whose tags do, then the rest whose title, tags and body together hold every
// word; ties keep the given order. An empty query matches every article.
std::vector<std::size_t> search_articles(const std::vector<Article>& articles, std::string_view query);

// What the composer inserts: the title and the link ("Title: https://…"), or the body.
std::string article_as_link(const Article& article);
std::string article_as_text(const Article& article);

}  // namespace parley
