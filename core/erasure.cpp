// Erasure (see erasure.hpp): finding the sessions an erasure covers and removing their content from
// State and from stored events alike.
#include "erasure.hpp"

#include <algorithm>

#include "overloaded.hpp"

namespace parley {

std::vector<ChatIx> customer_chats(const State& state, std::string_view channel, std::string_view client) {
  std::vector<ChatIx> found;
  if (client.empty()) return found;
  for (ChatIx c : state.chats.indices()) {
    const Chat& chat = state.chats[c];
    const bool theirs = chat.customer == client || chat.client == client;  // the customer id or the name shown
    if (!chat.content_erased && chat.channel == channel && theirs) found.push_back(c);
  }
  return found;
}

bool any_open(const State& state, const std::vector<ChatIx>& chats) {
  return std::any_of(chats.begin(), chats.end(),
                     [&](ChatIx c) { return state.chats[c].state != ChatState::closed; });
}

std::vector<ChatIx> chats_due_for_expiry(const State& state, Timestamp now, std::size_t limit) {
  std::vector<ChatIx> due;
  const Duration keep = state.settings.retention;
  if (keep <= 0) return due;
  for (ChatIx c : state.chats.indices()) {
    const Chat& chat = state.chats[c];
    if (chat.state == ChatState::closed && !chat.content_erased && chat.last_activity + keep <= now) due.push_back(c);
  }
  std::sort(due.begin(), due.end(), [&](ChatIx a, ChatIx b) {
    const Chat &x = state.chats[a], &y = state.chats[b];
    return x.last_activity != y.last_activity ? x.last_activity < y.last_activity : x.number < y.number;
  });
  if (due.size() > limit) due.resize(limit);
  return due;
}

void erase_chat_content(Chat& chat) {
  for (MessageIx m : chat.messages.indices()) {
    Message& message = chat.messages[m];
    message.text.clear();
    message.attachments.clear();
  }
  for (Note& note : chat.notes) note.text.clear();
  for (ActionRun& run : chat.action_runs) {
    run.fields.clear();
    run.text.clear();
  }
  for (Separator& separator : chat.separators) separator.reason.clear();
  chat.client.clear();
  chat.customer.clear();
  chat.content_erased = true;
}

bool redact_event_content(Event& event) {
  return std::visit(Overloaded{
                        [](MessageSent& e) {
                          const bool had = !e.text.empty() || !e.attachments.empty();
                          e.text.clear();
                          e.attachments.clear();
                          return had;
                        },
                        [](NoteAdded& e) {
                          const bool had = !e.text.empty();
                          e.text.clear();
                          return had;
                        },
                        [](ActionStarted& e) {
                          const bool had = !e.fields.empty();
                          e.fields.clear();
                          return had;
                        },
                        [](ActionFinished& e) {
                          const bool had = !e.text.empty();
                          e.text.clear();
                          return had;
                        },
                        [](ChatTransferred& e) {
                          const bool had = !e.reason.empty();
                          e.reason.clear();
                          return had;
                        },
                        [](ChatStarted& e) {
                          const bool had = !e.client.empty() || !e.customer.empty();
                          e.client.clear();
                          e.customer.clear();
                          return had;
                        },
                        [](auto&) { return false; },
                    },
                    event.body);
}

}  // namespace parley
