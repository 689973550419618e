// Knowledge-base articles (core/articles.hpp's Article) kept by the server. add: conflict when the id
// exists; update and remove: not_found when it does not. Listed by title (case-insensitive), then id.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "articles.hpp"
#include "store_result.hpp"

namespace parley::server {

class ArticleStore {
 public:
  virtual ~ArticleStore() = default;
  virtual Stored<std::vector<Article>> list() = 0;
  virtual Stored<Article> find(const std::string& id) = 0;
  virtual Stored<> add(const Article& a, std::int64_t now_ms) = 0;
  virtual Stored<> update(const Article& a, std::int64_t now_ms) = 0;
  virtual Stored<> remove(const std::string& id) = 0;
};

}  // namespace parley::server
