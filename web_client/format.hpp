// Display text for durations, times and names shown by the views. Pure, integer-only.
#pragma once
#include <cstddef>
#include <string>

#include "model.hpp"

namespace parley::web {

std::string format_duration(Duration ms);     // "H:MM:SS" (hours grow past 24), "0:00:00" for ≤ 0
std::string format_wait(Duration ms);         // "now", "45 s", "12 min", "3 h 05 min", "2 d 4 h"
std::string shortened(std::string text, std::size_t max_bytes);  // cut at a UTF-8 character boundary, + "…"
std::string format_clock(Timestamp at);       // "HH:MM" UTC
std::string format_clock_seconds(Timestamp at);  // "HH:MM:SS" UTC
std::string agent_display_name(const Agent& agent);  // nickname, else name, else id
std::string status_label(AgentStatus status);        // "Online", "Do not disturb", "Offline"
std::string priority_label(Priority priority);       // "Urgent", "High", "Normal", "Low"
std::string actor_display(const State& state, const Chat& chat, const Actor& actor);

}  // namespace parley::web
