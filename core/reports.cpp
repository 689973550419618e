// The reports answered from State::report_facts: counts by binary search in time-ordered stamps,
// sample sets from the samples in range, handle time from each agent's held-sessions integral.
#include "reports.hpp"

#include <algorithm>

namespace parley {

SampleSet summarize(std::vector<Duration> samples) {
  SampleSet set;
  set.count = static_cast<std::int64_t>(samples.size());
  if (samples.empty()) return set;
  Duration sum = 0, max = samples.front();
  for (Duration d : samples) {
    sum += d;
    max = std::max(max, d);
  }
  set.avg_ms = sum / set.count;
  const std::size_t rank = (samples.size() * 9 + 9) / 10;  // ceil(0.9 n), 1-based
  std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(rank - 1), samples.end());
  set.p90_ms = samples[rank - 1];
  set.max_ms = max;
  return set;
}

namespace {

// A range as the reports count it: an event counts when from <= at < to and at <= now; spans are
// clipped to [from, end) with end = min(to, now).
class Window {
 public:
  Window(const ReportQuery& query, Timestamp now)
      : from_(query.from), end_(std::min(query.to, now)), upper_(now < query.to ? now + 1 : query.to) {}

  Timestamp from() const { return from_; }
  Timestamp end() const { return end_; }

  std::int64_t count(const std::vector<Timestamp>& stamps) const {
    if (upper_ <= from_) return 0;
    return std::lower_bound(stamps.begin(), stamps.end(), upper_) - std::lower_bound(stamps.begin(), stamps.end(), from_);
  }

  // The items stamped in the range (each has `at`; the vector is in time order).
  template <class T>
  std::pair<const T*, const T*> span(const std::vector<T>& items) const {
    if (upper_ <= from_) return {nullptr, nullptr};
    const auto before = [](const T& item, Timestamp at) { return item.at < at; };
    const auto first = std::lower_bound(items.begin(), items.end(), from_, before);
    const auto last = std::lower_bound(first, items.end(), upper_, before);
    return {items.data() + (first - items.begin()), items.data() + (last - items.begin())};
  }

  SampleSet samples(const std::vector<ReportSample>& items) const {
    const auto [first, last] = span(items);
    std::vector<Duration> values;
    values.reserve(static_cast<std::size_t>(last - first));
    for (const ReportSample* s = first; s != last; ++s) values.push_back(s->value);
    return summarize(std::move(values));
  }

  Duration overlap(Timestamp start, Timestamp stop) const {
    return std::max<Duration>(0, std::min(stop, end_) - std::max(start, from_));
  }

 private:
  Timestamp from_, end_, upper_;
};

// The integral of a held-sessions count from its first step up to `at`.
std::int64_t area_until(const std::vector<ReportStep>& steps, Timestamp at) {
  const auto after = std::upper_bound(steps.begin(), steps.end(), at,
                                      [](Timestamp t, const ReportStep& step) { return t < step.at; });
  if (after == steps.begin()) return 0;
  const ReportStep& step = *(after - 1);
  return step.area + step.count * (at - step.at);
}

template <class T, class I>
const T& facts_of(const std::vector<T>& facts, I ix) {
  static const T none{};
  return ix.value() < facts.size() ? facts[ix.value()] : none;
}

OperatorRow operator_row(const State& state, AgentIx a, const Window& w) {
  const Agent& who = state.agents[a];
  const AgentReportFacts& f = facts_of(state.report_facts.agents, a);
  OperatorRow row;
  row.agent = who.id;
  Timestamp since = who.created_at;
  AgentStatus status = AgentStatus::offline;
  const auto add = [&](Timestamp until) {
    const Duration span = w.overlap(since, until);
    (status == AgentStatus::online ? row.online_ms : status == AgentStatus::dnd ? row.dnd_ms : row.offline_ms) += span;
  };
  for (const StatusChange& change : who.history) {
    add(change.at);
    since = change.at;
    status = change.status;
  }
  add(w.end());
  const auto [first, last] = w.span(f.gets);
  row.assigned = last - first;
  for (const ReportGet* g = first; g != last; ++g)
    if (g->previous < w.from()) ++row.sessions;
  row.replies = w.count(f.replies);
  row.closed = w.count(f.closed);
  row.missed = w.count(f.missed);
  row.transfers = w.count(f.transfers);
  row.first_response = w.samples(f.first_response);
  row.response = w.samples(f.response);
  if (w.end() > w.from()) row.handle_ms = area_until(f.held, w.end()) - area_until(f.held, w.from());
  const Duration present = row.online_ms + row.dnd_ms;
  row.avg_concurrency_milli = present > 0 ? row.handle_ms * 1000 / present : 0;
  row.sla_breaches = w.count(f.sla_breaches);
  return row;
}

// The longest queue of the range: as `from` finds it (after every event at or before it), and
// after each later moment in the range.
std::int64_t peak_queue(const std::vector<std::pair<Timestamp, std::int64_t>>& steps, const Window& w,
                        Timestamp upper) {
  if (w.from() > w.end()) return 0;
  auto it = std::upper_bound(steps.begin(), steps.end(), w.from(),
                             [](Timestamp t, const std::pair<Timestamp, std::int64_t>& s) { return t < s.first; });
  std::int64_t peak = it == steps.begin() ? 0 : (it - 1)->second;
  for (; it != steps.end() && it->first < upper; ++it) peak = std::max(peak, it->second);
  return peak;
}

LiveChatRow live_chat_row(const State& state, GroupIx g, const Window& w, const ReportQuery& query, Timestamp now) {
  const GroupReportFacts& f = facts_of(state.report_facts.groups, g);
  LiveChatRow row;
  row.group = state.groups[g].id;
  row.started = w.count(f.started);
  row.transferred_in = w.count(f.transferred_in);
  row.transferred_out = w.count(f.transferred_out);
  row.queued = w.count(f.queued);
  row.wait = w.samples(f.wait);
  row.abandoned = w.count(f.abandoned);
  row.closed = w.count(f.closed);
  row.first_response = w.samples(f.first_response);
  row.sla_breaches = SlaBreachCounts{w.count(f.sla_first_response), w.count(f.sla_next_response),
                                     w.count(f.sla_resolution)};
  const auto first = std::lower_bound(f.started.begin(), f.started.end(), w.from());
  const auto last = first + row.started;
  for (auto at = first; at != last; ++at) {
    const Duration local = *at + Duration{query.zone ? utc_offset_min(*query.zone, *at) : 0} * kMinute;
    ++row.by_hour[static_cast<std::size_t>(((local % kDay) + kDay) % kDay / kHour)];
  }
  row.peak_queue = peak_queue(f.queue, w, now < query.to ? now + 1 : query.to);
  return row;
}

}  // namespace

Reports compute_reports(const State& state, const ReportQuery& query, Timestamp now) {
  Reports reports;
  const GroupIx only = query.group.empty() ? kNoIndex : state.group_ix(query.group);
  if (!query.group.empty() && only == kNoIndex) return reports;
  const Window window(query, now);
  std::vector<AgentIx> agents;
  for (AgentIx a : state.agents.indices())
    if (only == kNoIndex || is_member(state.agents[a], only)) agents.push_back(a);
  std::sort(agents.begin(), agents.end(), [&](AgentIx a, AgentIx b) { return state.agents[a].id < state.agents[b].id; });
  for (AgentIx a : agents) reports.operators.push_back(operator_row(state, a, window));
  std::vector<GroupIx> groups;
  for (GroupIx g : state.groups.indices())
    if (only == kNoIndex || g == only) groups.push_back(g);
  std::sort(groups.begin(), groups.end(), [&](GroupIx a, GroupIx b) { return state.groups[a].id < state.groups[b].id; });
  for (GroupIx g : groups) reports.live_chats.push_back(live_chat_row(state, g, window, query, now));
  return reports;
}

Reports visible_reports(const State& state, const Login& login, Reports reports) {
  std::erase_if(reports.operators, [&](const OperatorRow& row) {
    const AgentIx agent = state.agent_ix(row.agent);
    return agent == kNoIndex || !may_view_agent(state, login, agent);
  });
  std::erase_if(reports.live_chats, [&](const LiveChatRow& row) {
    const GroupIx group = state.group_ix(row.group);
    if (group == kNoIndex) return true;
    if (login_has(login, kRoleAdmin)) return false;
    return login.agent == kNoIndex || !login_has(login, kRoleSupervisor) || !is_member(state.agents[login.agent], group);
  });
  return reports;
}

}  // namespace parley
