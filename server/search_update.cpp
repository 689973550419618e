// Events to search index updates: only the events that carry searchable text, or take it away.
#include "search_update.hpp"

#include "text_fold.hpp"

namespace parley::server {

SearchUpdate search_update(const Event& event) {
  SearchUpdate update;
  if (const auto* started = std::get_if<ChatStarted>(&event.body)) {
    update.kind = SearchUpdate::Kind::name;
    update.chat = started->chat;
    update.group = started->group;
    update.texts.push_back(fold_for_search(started->client));
  } else if (const auto* moved = std::get_if<ChatTransferred>(&event.body); moved && !moved->to_group.empty()) {
    update.kind = SearchUpdate::Kind::move;
    update.chat = moved->chat;
    update.group = moved->to_group;
  } else if (const auto* sent = std::get_if<MessageSent>(&event.body)) {
    update.kind = SearchUpdate::Kind::message;
    update.chat = sent->chat;
    update.message = sent->message;
    update.texts.push_back(fold_for_search(sent->text));
    for (const Attachment& file : sent->attachments) update.texts.push_back(fold_for_search(file.name));
  } else if (const auto* erased = std::get_if<ContentErased>(&event.body)) {
    update.kind = SearchUpdate::Kind::erase;
    update.chat = erased->chat;
  }
  return update;
}

}  // namespace parley::server
