// The knowledge base in the page: the articles loaded once (the server's, or the demo's own), the
// query typed in the composer's Articles popup, and reading REST's answer.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "articles.hpp"
#include "wire.hpp"

namespace parley::web {

enum class ArticlesLoad { none, asked, loaded };

struct ArticlesState {
  std::vector<Article> articles;
  ArticlesLoad load = ArticlesLoad::none;
  std::uint64_t request = 0;  // the GET under way, 0 when none
  std::string query;
  bool open = false;  // open the popup this frame
  // The last search's result, kept while the query and the articles stay the same (it folds every
  // body, too much to redo each frame).
  std::uint64_t version = 0;  // bumped when `articles` is replaced
  std::optional<std::pair<std::string, std::uint64_t>> searched;
  std::vector<std::size_t> found;
};

// search_articles over `kb.articles` for `kb.query`, done again only when either changed.
const std::vector<std::size_t>& found_articles(ArticlesState& kb);

// {"articles":[{"id","title","link","body","tags"}]}; nullopt if malformed.
std::optional<std::vector<Article>> articles_from_json(const Json& json);
// The offline demo's knowledge base.
std::vector<Article> demo_articles();

}  // namespace parley::web
