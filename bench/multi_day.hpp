// Many desk days from one generated day, for measuring the reports over a long log: day d is the
// day's events d days later, with its sessions renamed and renumbered, applied into one State.
#pragma once
#include "events.hpp"
#include "model.hpp"

namespace parley::bench {

// Applies `days` copies of `day` (day 0 as it is; the desk's setup events only once). Message texts
// and attachments are left out (no report reads them) so that many days fit in memory.
void apply_days(State& state, const Events& day, int days);

}  // namespace parley::bench
