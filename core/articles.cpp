// Knowledge-base articles: checks, search and what gets inserted (see articles.hpp).
#include "articles.hpp"

#include <algorithm>

#include "text_fold.hpp"

namespace parley {

namespace {

bool is_url(std::string_view link) {
  for (std::string_view scheme : {"https://", "http://"})
    if (link.size() > scheme.size() && link.substr(0, scheme.size()) == scheme) return true;
  return false;
}

bool has_space(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; });
}

std::vector<std::string> words_of(std::string_view query) {
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at < query.size()) {
    const std::size_t end = std::min(query.find_first_of(" \t\r\n", at), query.size());
    if (end > at) words.emplace_back(query.substr(at, end - at));
    at = end + 1;
  }
  return words;
}

}  // namespace

std::optional<std::string> article_refusal(const Article& article) {
  if (article.title.empty() || article.title.size() > kMaxArticleTitleBytes) return "title must be 1–200 bytes";
  if (!article.link.empty() && (article.link.size() > kMaxArticleLinkBytes || !is_url(article.link) || has_space(article.link)))
    return "link must be an http:// or https:// address without spaces";
  if (article.body.size() > kMaxArticleBodyBytes) return "body must be at most 20000 bytes";
  if (article.tags.size() > kMaxArticleTags) return "at most 20 tags";
  for (std::size_t i = 0; i < article.tags.size(); ++i) {
    const std::string& tag = article.tags[i];
    if (tag.empty() || tag.size() > kMaxArticleTagBytes) return "a tag must be 1–40 bytes";
    for (std::size_t j = 0; j < i; ++j)
      if (fold_for_search(article.tags[j]) == fold_for_search(tag)) return "tag " + tag + " is there twice";
  }
  return std::nullopt;
}

std::vector<std::size_t> search_articles(const std::vector<Article>& articles, std::string_view query) {
  std::vector<TextMatcher> words;
  for (const std::string& word : words_of(query)) words.emplace_back(word);
  std::vector<std::pair<int, std::size_t>> found;  // (rank, position)
  for (std::size_t i = 0; i < articles.size(); ++i) {
    const Article& a = articles[i];
    bool in_title = true, in_tags = true, anywhere = true;
    for (TextMatcher& word : words) {
      const bool title = word.matches(a.title);
      const bool tag = std::any_of(a.tags.begin(), a.tags.end(), [&](const std::string& t) { return word.matches(t); });
      in_title = in_title && title;
      in_tags = in_tags && tag;
      anywhere = anywhere && (title || tag || word.matches(a.body));
      if (!anywhere) break;
    }
    if (anywhere) found.emplace_back(in_title ? 0 : (in_tags ? 1 : 2), i);
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::size_t> out;
  out.reserve(found.size());
  for (const auto& [rank, position] : found) out.push_back(position);
  return out;
}

std::string article_as_link(const Article& article) {
  return article.link.empty() ? article.title : article.title + ": " + article.link;
}

std::string article_as_text(const Article& article) { return article.body.empty() ? article_as_link(article) : article.body; }

}  // namespace parley
