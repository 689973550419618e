// What the page's accessible mirror shows and what its live region announces, decided from the
// replica: the open list's sessions, the open session's messages and missed SLA deadlines, and news
// worth announcing. Pure.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "model.hpp"
#include "views.hpp"
#include "wire.hpp"

namespace parley::web {

constexpr std::size_t kMirrorRows = 200;      // the list's first rows
constexpr std::size_t kMirrorMessages = 300;  // the session's latest messages

struct MirrorRow {
  std::string id, label;
  bool current = false;
};
struct MirrorLine {
  std::string id, who, at, text;
  bool sla = false;  // a missed SLA deadline rather than a message
};
struct A11yMirror {
  std::string list;  // the list's name
  std::size_t total = 0;  // rows in the whole list
  std::vector<MirrorRow> sessions;
  std::string chat, title;  // the open session, "" when none
  std::vector<MirrorLine> messages;  // the latest messages, and the SLA marks among them in timeline order
};

A11yMirror build_mirror(const State& state, AgentIx agent, ListView list, const std::string& current_chat);
Json mirror_to_json(const A11yMirror& mirror);

// The mirror as last pushed to the page: built again when the list or the open session changed, and
// when the replica changed, at most every kMirrorEvery of wall clock (a busy desk changes many times
// a second; a build costs about 3 ms with a 10 000-message session open). refresh() is true when the
// page's copy must be replaced with `json`.
constexpr Duration kMirrorEvery = 500;
struct MirrorCache {
  Timestamp built_at = 0;
  std::uint64_t version = ~0ull;
  std::size_t chats = 0;
  ListView list = ListView::mine;
  std::string chat;
  AgentIx agent = kNoIndex;
  std::string json;
  int built = 0;
  bool refresh(const State& state, AgentIx agent, ListView list, const std::string& current_chat, Timestamp wall);
};

// Between frames: what was already seen, so only news is announced.
struct AnnounceWatch {
  bool primed = false;
  AgentIx agent = kNoIndex;
  std::uint64_t queue_sequence = 0;
  std::set<std::string> assigned;
  std::string chat;
  std::size_t messages = 0;
};

// New waiting sessions in the agent's groups, sessions given to the agent, and new customer
// messages in the open session, as sentences for a polite live region. The first look, another
// agent or a replica started afresh announce nothing; opening a session does not read it out.
std::vector<std::string> announcements(AnnounceWatch& watch, const State& state, AgentIx agent,
                                       const std::string& current_chat);

}  // namespace parley::web
