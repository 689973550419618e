// The knowledge base in the page: REST's answer read, and the demo's articles (see articles_state.hpp).
#include "articles_state.hpp"

namespace parley::web {

std::optional<std::vector<Article>> articles_from_json(const Json& json) {
  if (!json.is_object()) return std::nullopt;
  const auto list = json.find("articles");
  if (list == json.end() || !list->is_array()) return std::nullopt;
  std::vector<Article> out;
  for (const Json& item : *list) {
    if (!item.is_object()) return std::nullopt;
    Article a;
    for (auto [key, field] : {std::pair{"id", &a.id}, {"title", &a.title}, {"link", &a.link}, {"body", &a.body}}) {
      const auto value = item.find(key);
      if (value == item.end() || !value->is_string()) return std::nullopt;
      *field = value->get<std::string>();
    }
    if (const auto tags = item.find("tags"); tags != item.end() && tags->is_array())
      for (const Json& tag : *tags)
        if (tag.is_string()) a.tags.push_back(tag.get<std::string>());
    out.push_back(std::move(a));
  }
  return out;
}

const std::vector<std::size_t>& found_articles(ArticlesState& kb) {
  if (!kb.searched || kb.searched->first != kb.query || kb.searched->second != kb.version) {
    kb.found = search_articles(kb.articles, kb.query);
    kb.searched = std::pair{kb.query, kb.version};
  }
  return kb.found;
}

std::vector<Article> demo_articles() {
  return {
      {"delivery", "Delivery times", "https://help.example.com/delivery",
       "Orders ship within 1 working day. Delivery takes 2–4 working days in the EU and 5–8 elsewhere.",
       {"shipping", "parcel"}},
      {"returns", "Returns and refunds", "https://help.example.com/returns",
       "You can send an order back within 30 days. The refund reaches your account 3–5 working days after we receive it.",
       {"refund", "money back"}},
      {"lost-parcel", "A parcel that has not arrived", "https://help.example.com/lost",
       "If tracking has not moved for 5 working days, we send a replacement or refund it — no need to wait for the carrier.",
       {"parcel", "tracking"}},
      {"password", "Resetting a password", "https://help.example.com/password",
       "Use “Forgot password” on the sign-in page; the link in the e-mail works for one hour.", {"account", "login"}},
  };
}

}  // namespace parley::web
