// Day d of apply_days(): every event moved by d days; session ids get a "d<d>." prefix and numbers
// move past the previous days', so the copies are distinct sessions of one long desk history.
#include "multi_day.hpp"

#include <string>

#include "apply.hpp"

namespace parley::bench {

namespace {

bool is_setup(const EventBody& body) {
  return std::holds_alternative<GroupCreated>(body) || std::holds_alternative<AgentCreated>(body) ||
         std::holds_alternative<SlaPolicySaved>(body) || std::holds_alternative<DeskSettingsChanged>(body);
}

}  // namespace

void apply_days(State& state, const Events& day, int days) {
  std::int64_t numbers = 0;
  for (const Event& e : day)
    if (const auto* started = std::get_if<ChatStarted>(&e.body)) numbers = std::max(numbers, started->number);
  for (int d = 0; d < days; ++d) {
    std::string prefix = "d";
    prefix += std::to_string(d);
    prefix += '.';
    for (const Event& original : day) {
      if (d > 0 && is_setup(original.body)) continue;
      Event e = original;
      e.at += d * kDay;
      std::visit(
          [&](auto& body) {
            if constexpr (requires { body.chat; })
              if (d > 0) body.chat = prefix + body.chat;
            if constexpr (requires { body.number; }) body.number += d * numbers;
            if constexpr (requires { body.text; body.attachments; }) {
              body.text.clear();
              body.attachments.clear();
            }
          },
          e.body);
      apply(state, e);
    }
  }
}

}  // namespace parley::bench
