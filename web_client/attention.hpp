// What deserves the agent's attention, decided from the replica (core views and counters): a new
// waiting session in the agent's groups, a session given to the agent, and a reminder while an
// assigned session is unread; plus the per-login alert settings and the Missed counter's sessions.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "events.hpp"
#include "model.hpp"
#include "wire.hpp"

namespace parley::web {

struct AttentionSettings {
  bool sound = true;          // a generated chime
  bool notify = true;         // a browser notification
  bool on_waiting = true;     // a new waiting session in the agent's groups
  bool on_assigned = true;    // a session given to the agent
  bool on_mention = true;     // a colleague's note that mentions the agent
  bool on_sla = true;         // an SLA breach in a group the agent supervises
  int volume = 60;            // percent, 0–100
  int repeat_seconds = 30;    // reminder while an assigned session is unread; 0 = never
  friend bool operator==(const AttentionSettings&, const AttentionSettings&) = default;
};
constexpr int kMaxRepeatSeconds = 3600;

Json attention_settings_to_json(const AttentionSettings& s);
// Reads the fields present in `json` over the defaults; nullopt (with `error` set) when a field has the
// wrong type or range, or `json` is not an object. Unknown fields are ignored.
std::optional<AttentionSettings> attention_settings_from_json(const Json& json, std::string* error = nullptr);

enum class AlertKind { waiting, assigned, reminder, mention, sla_breach };

struct Alert {
  AlertKind kind;
  std::string chat;         // the session it is about
  std::string title, body;  // what a notification says
};

// Between frames: the sessions already seen waiting and assigned, and when the last alert went out.
struct AttentionWatch {
  bool primed = false;  // the first look only records what is there
  AgentIx agent = kNoIndex;
  std::uint64_t queue_sequence = 0;  // State::next_queue_sequence at the last look
  std::set<std::string> assigned;
  Timestamp last_alert = 0;  // wall clock, ms
};

struct AttentionFrame {
  std::vector<Alert> alerts;
  int count = 0;  // the core's badge (counters().total): unread own sessions, and waiting ones for supervisors
};

// Compares the replica with what the watch saw last; alerts only while the agent is online (a
// dnd or offline agent gets the count, not the noise). Reminders repeat every repeat_seconds of
// wall clock while an assigned session is unread.
AttentionFrame watch_attention(AttentionWatch& watch, const State& state, AgentIx agent, const AttentionSettings& s,
                               Timestamp wall);

// The workspace's attention state (a member of UiState): settings as loaded for the login, the watch,
// alerts decided this frame for the browser to sound and show, and the popups about them.
struct AttentionUi {
  AttentionSettings settings;
  bool settings_loaded = false;  // until then the defaults apply and nothing is saved
  AttentionWatch watch;
  std::vector<Alert> alerts;     // taken by the browser glue each frame
  int count = 0;
  bool open_settings = false, open_missed = false;  // open the popup this frame
  bool hint = false;             // the demo's first-run hint is showing
  std::string settings_error;
};

// The sessions the agent's Missed counter counts (automatic transfers away from the agent inside
// its current agent session), newest first, with what took them.
struct MissedSession {
  ChatIx chat = kNoIndex;
  Timestamp at = 0;
  std::string reason;  // "no agent reply for 5 min (the group's unanswered timer)"
};
// The alert for a note that mentions the agent, unless mentions are off or the agent is not online
// (dnd and offline get no noise, as for sessions).
std::optional<Alert> mention_alert(const State& state, AgentIx agent, const NoteAdded& note, const AttentionSettings& s);
// An SLA breach, for a supervisor (or admin) of the session's group who is online.
std::optional<Alert> sla_alert(const State& state, AgentIx agent, const SlaBreached& breach, const AttentionSettings& s);

std::vector<MissedSession> missed_sessions(const State& state, AgentIx agent, Timestamp now);

}  // namespace parley::web
