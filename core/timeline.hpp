// Timeline separators of SPEC §6: the kind each separator reads as (only the latest manual-action
// close reads "by manual action") and its display text; on request, the missed SLA deadlines. Pure.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "model.hpp"

namespace parley {

struct TimelineItem {
  enum class Kind : std::uint8_t { message, separator, note, sla_mark, action };
  Kind kind = Kind::separator;
  MessageIx message = kNoIndex;  // into chat.messages, for a message
  SeparatorKind separator{};     // the separator's kind as shown
  Timestamp at = 0;
  std::string text;              // separator or SLA mark text; for a note, "Note by <name>"
  std::string reason;            // transfer reason, shown when expanded
  std::size_t note = 0;          // into chat.notes, for a note
  std::size_t mark = 0;          // into chat.sla_marks, for an SLA mark
  std::size_t run = 0;           // into chat.action_runs, for an action run
};

std::vector<SeparatorKind> separator_kinds(const Chat& chat);
// Targets::named (the workspace) adds where a transfer went to SPEC's texts: "Transferred by Ann
// to Zed • 10:02", "… to the Sales queue • …"; Targets::spec keeps SPEC §6's texts as they are.
enum class Targets { spec, named };
// SlaMarks::shown (the workspace) adds a mark where each SLA deadline passed; SlaMarks::hidden keeps
// the timeline of SCENARIO.md's query.timeline and REST as it is.
enum class SlaMarks { hidden, shown };
std::vector<TimelineItem> timeline(const State& state, const Chat& chat, Targets targets = Targets::spec,
                                   SlaMarks marks = SlaMarks::hidden);
std::string separator_text(const State& state, const Chat& chat, const Separator& separator, SeparatorKind shown,
                           Targets targets = Targets::spec);

// "First response deadline missed · 5 min · policy Gold", "… · 10 min in business hours · …",
// "… · group setting" (the group's own first/next response minutes); without the time.
std::string sla_mark_text(const SlaMark& mark);

}  // namespace parley
