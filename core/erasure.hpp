// Erasure of session content (a customer's right to erasure, and retention): which sessions a request
// covers, what an erased session keeps (every time, state and count; no text, files or customer id).
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "events.hpp"
#include "model.hpp"

namespace parley {

constexpr std::size_t kMaxExpiredPerRun = 500;  // sessions one content.expire erases at most
constexpr int kMaxRetentionDays = 36500;

// The sessions of the customer `client` (their customer id on the channel, or the name the sessions
// show) on `channel` whose content is not erased yet, oldest first.
std::vector<ChatIx> customer_chats(const State& state, std::string_view channel, std::string_view client);
// Whether any of them is still open (erasure waits until the customer's sessions are closed).
bool any_open(const State& state, const std::vector<ChatIx>& chats);

// Closed sessions whose last activity is at least the desk's retention ago (none when it keeps
// content forever), at most `limit`, in the order they became due.
std::vector<ChatIx> chats_due_for_expiry(const State& state, Timestamp now, std::size_t limit = kMaxExpiredPerRun);

// Removes what identifies the customer or says anything: message texts and files, note texts,
// transfer reasons, the customer's name and id. Numbers and times stay. (apply() also takes the
// session off its customer, and a customer left without sessions, with their contact link, is gone.)
void erase_chat_content(Chat& chat);

// The same for a stored event of an erased session, so the log the desk replays holds no content
// either. True when the event changed.
bool redact_event_content(Event& event);

}  // namespace parley
