// JSON forms of a widget channel's theme and pre-chat form (widget_look.hpp): strict reading of an
// admin's channel body (a clear message, nothing changed, on any bad value), writing, and the check
// of a visitor's pre-chat answers against the form. Stateless; thread-safe.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "channel_store.hpp"
#include "wire.hpp"

namespace parley::server {

constexpr std::size_t kMaxPrechatFields = 10;
constexpr std::size_t kMaxPrechatAnswerBytes = 500;

// Reads the body's "theme" and "prechat" into `channel`: an object replaces, null clears, and an
// absent key keeps what `stored` (the record being replaced, if any) has. Returns what is wrong,
// naming the field, or nullopt when both were good.
std::optional<std::string> read_widget_look(const Json& body, ChannelRecord& channel,
                                            const ChannelRecord* stored = nullptr);
// Adds "theme" and "prechat" to a channel's JSON object.
void add_widget_look(const ChannelRecord& channel, Json& out);
Json with_widget_look(const ChannelRecord& channel, Json out);

// A visitor's pre-chat answers: their name and the other fields by id, in the form's order.
struct PrechatAnswers {
  std::string name;
  std::vector<std::pair<std::string, std::string>> fields;  // (label, answer), answered ones only
};
// Checks a session start's "name" and "fields" ({id: text}) against the channel's form: an unknown
// id, a non-string, an over-long answer, a malformed e-mail or a missing required answer is refused
// with what is wrong. The id "email" is always known (the leave-a-message form asks it).
std::optional<std::string> read_prechat_answers(const ChannelRecord& channel, const Json& body, PrechatAnswers& out);
// The answers as the session's first message ("Label: answer" lines); "" when there are none.
std::string prechat_message(const PrechatAnswers& answers);

}  // namespace parley::server
