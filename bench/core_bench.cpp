// parley-core-bench: measures the core on a generated desk day (bench/day_generator.hpp):
// (a) parley::handle over the day's commands, (b) parley::replay of the events it produced (and the
// same events through the server's routed apply),
// (c) parley::agent_stats for one agent and for all agents, (d) event JSON out and back, and on
// demand (e) both reports over many days (bench/multi_day.hpp).
// Same source natively and in wasm (node). Prints one line per figure, then one JSON line.
// Usage: parley-core-bench [--small] [--agents=N] [--groups=N] [--sessions=N] [--messages=N]
//                          [--seed=N] [--json-sample=N (0: skip JSON)] [--days=N (e: N > 1)]
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#else
#include <ctime>
#endif

#include "day_generator.hpp"
#include "multi_day.hpp"
#include "engine.hpp"
#include "reports.hpp"
#include "stats.hpp"
#include "stream_routing.hpp"
#include "wire.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using parley::bench::DayParams;

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU time of the whole process in seconds, next to the wall clock: on a shared machine the ratio
// tells how much of a phase the process actually ran (under node it includes V8's helper threads).
#ifdef __EMSCRIPTEN__
EM_JS(double, node_cpu_seconds, (), {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
});
double cpu_seconds() { return node_cpu_seconds(); }
#else
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
#endif

struct Figure {
  const char* key;
  double value;
  const char* unit;  // "/s": higher is better; s, ms, us, ns: lower is better
  int decimals;
};

struct Options {
  DayParams day;
  long json_sample = 200'000;  // events encoded and decoded in (d), spread over the whole log
  int days = 1;                // (e) runs when more than one
};

bool read_arg(const char* arg, const char* name, long long& out) {
  const std::size_t n = std::strlen(name);
  if (std::strncmp(arg, name, n) != 0 || arg[n] != '=') return false;
  char* end = nullptr;
  out = std::strtoll(arg + n + 1, &end, 10);
  return end && *end == '\0';
}

bool parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    long long v = 0;
    if (std::strcmp(a, "--small") == 0) {
      o.day.agents = 50;
      o.day.groups = 5;
      o.day.sessions = 2'000;
      o.day.messages = 40'000;
      o.json_sample = 20'000;
    } else if (read_arg(a, "--agents", v) && v > 0) o.day.agents = static_cast<int>(v);
    else if (read_arg(a, "--groups", v) && v > 0) o.day.groups = static_cast<int>(v);
    else if (read_arg(a, "--sessions", v) && v >= 0) o.day.sessions = static_cast<int>(v);
    else if (read_arg(a, "--messages", v) && v >= 0) o.day.messages = v;
    else if (read_arg(a, "--seed", v)) o.day.seed = static_cast<std::uint64_t>(v);
    else if (read_arg(a, "--json-sample", v) && v >= 0) o.json_sample = static_cast<long>(v);
    else if (read_arg(a, "--days", v) && v >= 1 && v <= 366) o.days = static_cast<int>(v);
    else {
      std::fprintf(stderr, "parley-core-bench: unknown or bad argument %s\n", a);
      return false;
    }
  }
  return true;
}

const char* platform() {
#ifdef __EMSCRIPTEN__
  return "wasm";
#else
  return "native";
#endif
}

std::string compiler() {
#if defined(__clang__)
  std::string name = "clang " __clang_version__;
#elif defined(__GNUC__)
  std::string name = "gcc " __VERSION__;
#else
  std::string name = "unknown compiler";
#endif
  while (!name.empty() && name.back() == ' ') name.pop_back();
  return name;
}

std::uint64_t digest_log(const parley::Events& events) {
  std::uint64_t digest = parley::bench::kDigestSeed;
  for (const parley::Event& e : events) parley::bench::digest_event(digest, e);
  return digest;
}

// Items agent_stats has to look at: status changes and credited closes and misses in the session.
long stats_items(const parley::State& state, parley::AgentIx a, const parley::AgentStats& stats) {
  const long start = parley::shift_start(state.agents[a], state.settings.shift_gap);
  if (start < 0) return 0;
  return static_cast<long>(state.agents[a].history.size()) - start + stats.closed + stats.missed;
}

struct ReportTiming {
  double median_s = 0;
  std::size_t operators = 0, live_chats = 0;
  std::int64_t replies = 0;
};

// Both reports over `query`, five times; the median run.
ReportTiming time_reports(const parley::State& state, const parley::ReportQuery& query, parley::Timestamp now) {
  ReportTiming timing;
  std::vector<double> runs;
  for (int r = 0; r < 5; ++r) {
    const auto start = Clock::now();
    const parley::Reports reports = parley::compute_reports(state, query, now);
    runs.push_back(since(start));
    timing.operators = reports.operators.size();
    timing.live_chats = reports.live_chats.size();
    timing.replies = 0;
    for (const parley::OperatorRow& row : reports.operators) timing.replies += row.replies;
  }
  std::sort(runs.begin(), runs.end());
  timing.median_s = runs[runs.size() / 2];
  return timing;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse_options(argc, argv, options)) return 2;
  const auto run_start = Clock::now();
  const double run_cpu = cpu_seconds();
  std::vector<Figure> figures;
  bool ok = true;

  std::printf("parley-core-bench %s (%s%s)\n", platform(), compiler().c_str(),
#ifdef NDEBUG
              ""
#else
              ", ASSERTIONS ON: not a release build"
#endif
  );

  // ---- the day ------------------------------------------------------------------------------
  auto t = Clock::now();
  parley::bench::Day day = parley::bench::generate_day(options.day);
  const double generate_s = since(t);
  const parley::bench::DaySummary& sum = day.summary;
  std::printf("# day agents=%d groups=%d sessions=%" PRId64 " messages=%" PRId64 " (client %" PRId64 ", agent %" PRId64
              ")\n",
              options.day.agents, options.day.groups, sum.sessions_started, sum.client_messages + sum.agent_messages,
              sum.client_messages, sum.agent_messages);
  std::printf("# day accepts=%" PRId64 " assigns=%" PRId64 " transfers=%" PRId64 " pauses=%" PRId64 " closes=%" PRId64
              " reopens=%" PRId64 " reads=%" PRId64 " deliveries=%" PRId64 " resends=%" PRId64 " status=%" PRId64
              " ticks=%" PRId64 " dropped=%" PRId64 "\n",
              sum.accepts, sum.assigns, sum.transfers, sum.pauses, sum.closes, sum.reopens, sum.reads, sum.deliveries,
              sum.resends, sum.status_changes, sum.ticks, sum.dropped);
  std::printf("# day commands=%" PRId64 " events=%" PRId64 " digest=%016" PRIx64 "\n", sum.commands, sum.events,
              sum.event_digest);
  figures.push_back({"generate_s", generate_s, "s", 3});

  // ---- (a) decide + apply through handle ------------------------------------------------------
  auto handled = std::make_unique<parley::State>();
  parley::Events log;
  log.reserve(static_cast<std::size_t>(sum.events) + 16);
  long refused = 0;
  double cpu = cpu_seconds();
  t = Clock::now();
  for (const parley::bench::TimedCommand& c : day.commands) {
    parley::Outcome outcome = parley::handle(*handled, c.command, c.at);
    if (outcome.error) ++refused;
    for (parley::Event& e : outcome.events) log.push_back(std::move(e));
  }
  const double handle_s = since(t);
  const double handle_cpu_s = cpu_seconds() - cpu;
  const std::size_t commands = day.commands.size();
  std::vector<parley::bench::TimedCommand>().swap(day.commands);
  const std::uint64_t digest = digest_log(log);
  const bool reproduced = digest == sum.event_digest && static_cast<std::int64_t>(log.size()) == sum.events;
  if (!reproduced || refused) ok = false;
  std::printf("# handle commands=%zu events=%zu refused=%ld reproduced=%s cpu_s=%.3f (%.0f%% of wall)\n", commands,
              log.size(), refused, reproduced ? "yes" : "NO", handle_cpu_s, 100 * handle_cpu_s / handle_s);
  figures.push_back({"handle_s", handle_s, "s", 3});
  figures.push_back({"handle_commands_per_s", static_cast<double>(commands) / handle_s, "/s", 0});
  figures.push_back({"handle_events_per_s", static_cast<double>(log.size()) / handle_s, "/s", 0});
  figures.push_back({"handle_events_per_cpu_s", static_cast<double>(log.size()) / handle_cpu_s, "/s", 0});

  const parley::Timestamp now = sum.last_at;
  std::vector<parley::AgentStats> expected;
  for (parley::AgentIx a : handled->agents.indices()) expected.push_back(parley::agent_stats(*handled, a, now));
  handled.reset();

  // ---- (b) replay ---------------------------------------------------------------------------
  auto replayed = std::make_unique<parley::State>();
  cpu = cpu_seconds();
  t = Clock::now();
  parley::replay(*replayed, log);
  const double replay_s = since(t);
  const double replay_cpu_s = cpu_seconds() - cpu;
  bool replay_matches = replayed->applied_events == log.size() && replayed->agents.size() == expected.size();
  for (parley::AgentIx a : replayed->agents.indices())
    replay_matches = replay_matches && parley::agent_stats(*replayed, a, now) == expected[a.value()];
  if (!replay_matches) ok = false;
  std::printf("# replay events=%zu matches_handle=%s cpu_s=%.3f (%.0f%% of wall)\n", log.size(),
              replay_matches ? "yes" : "NO", replay_cpu_s, 100 * replay_cpu_s / replay_s);
  figures.push_back({"replay_s", replay_s, "s", 3});
  figures.push_back({"replay_events_per_s", static_cast<double>(log.size()) / replay_s, "/s", 0});
  figures.push_back({"replay_events_per_cpu_s", static_cast<double>(log.size()) / replay_cpu_s, "/s", 0});

  // ---- (b2) routed replay: what the server's committed State costs per event (apply plus the
  // stream routing of core/stream_routing), against plain replay above as its floor.
  {
    auto routed = std::make_unique<parley::State>();
    std::size_t deliveries = 0, snapshots = 0;
    t = Clock::now();
    for (const parley::Event& event : log) {
      const parley::RoutedEvent r = parley::apply_routed(*routed, event);
      deliveries += r.audience.everyone ? routed->agents.size() : r.viewers.size();
      for (const auto& p : r.preludes) snapshots += p.viewers.size();
    }
    const double routed_s = since(t);
    std::printf("# routed events=%zu deliveries=%zu snapshots=%zu ratio_to_replay=%.2f\n", log.size(), deliveries,
                snapshots, routed_s / replay_s);
    figures.push_back({"routed_replay_s", routed_s, "s", 3});
    figures.push_back({"routed_replay_events_per_s", static_cast<double>(log.size()) / routed_s, "/s", 0});
  }

  // ---- (b3) reports: both reports (SPEC §9) over the whole day, from the facts apply() kept in
  // the replayed State; the replay above is their floor. Median of a few runs.
  {
    const parley::ReportQuery day{log.front().at, now + 1, "", std::nullopt};
    const ReportTiming timing = time_reports(*replayed, day, now);
    std::printf("# reports rows=%zu+%zu replies=%" PRId64 " ratio_to_replay=%.4f\n", timing.operators,
                timing.live_chats, timing.replies, timing.median_s / replay_s);
    figures.push_back({"reports_day_ms", timing.median_s * 1e3, "ms", 3});
  }

  // ---- (c) agent stats ------------------------------------------------------------------------
  // Passes over all agents, as a desk-wide panel computes them, so each call is "cold" (all other
  // agents ran since the agent's previous call). The working agents are visited in order of the
  // items their session holds and timed in tenths (a clock read per call would cost more than a
  // small call in wasm); a least-squares line of time against items tells whether the cost
  // follows the agent or the log (a log scan would be flat, at the cost of a whole pass).
  // "Warm" repeats one agent many times in a row. Medians over passes keep stray pauses out.
  const parley::State& state = *replayed;
  const std::size_t agents = state.agents.size();
  std::int64_t sink = 0;
  std::vector<long> items(agents);
  std::vector<parley::AgentIx> idle, order;
  for (parley::AgentIx a : state.agents.indices()) {
    items[a.value()] = stats_items(state, a, expected[a.value()]);
    (items[a.value()] > 0 ? order : idle).push_back(a);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](parley::AgentIx x, parley::AgentIx y) { return items[x.value()] < items[y.value()]; });
  const std::size_t tenths = std::min<std::size_t>(10, order.size());
  const auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
  };
  constexpr int kPasses = 21;
  std::vector<std::vector<double>> tenth_s(tenths);
  std::vector<double> pass_s, working_s;
  for (int r = 0; r < kPasses; ++r) {
    const auto pass = Clock::now();
    for (parley::AgentIx a : idle) sink += parley::agent_stats(state, a, now - r).online_ms;
    const auto working = Clock::now();
    for (std::size_t d = 0; d < tenths; ++d) {
      const auto part = Clock::now();
      for (std::size_t k = order.size() * d / tenths; k < order.size() * (d + 1) / tenths; ++k)
        sink += parley::agent_stats(state, order[k], now - r).online_ms;
      tenth_s[d].push_back(since(part));
    }
    working_s.push_back(since(working));
    pass_s.push_back(since(pass));
  }
  double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
  std::string table;
  for (std::size_t d = 0; d < tenths; ++d) {
    const std::size_t from = order.size() * d / tenths, to = order.size() * (d + 1) / tenths;
    double x = 0;
    for (std::size_t k = from; k < to; ++k) x += static_cast<double>(items[order[k].value()]);
    x /= static_cast<double>(to - from);
    const double y = median(tenth_s[d]) * 1e6 / static_cast<double>(to - from);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
    char part[48];
    std::snprintf(part, sizeof part, " %.0f:%.3f", x, y);
    table += part;
  }
  const double w = static_cast<double>(tenths);
  const double cov = w * sxy - sx * sy, varx = w * sxx - sx * sx, vary = w * syy - sy * sy;
  const double slope_us = tenths > 1 && varx > 0 ? cov / varx : 0;
  const double intercept_us = tenths ? (sy - slope_us * sx) / w : 0;
  const double r2 = varx > 0 && vary > 0 ? cov * cov / (varx * vary) : 0;
  const double one_us = order.empty() ? 0 : median(working_s) * 1e6 / static_cast<double>(order.size());
  constexpr int kWarmReps = 200;
  double warm_sum = 0;
  for (parley::AgentIx a : order) {
    t = Clock::now();
    for (int r = 0; r < kWarmReps; ++r) sink += parley::agent_stats(state, a, now - r).closed;
    warm_sum += since(t) * 1e6 / kWarmReps;
  }
  std::printf("# stats agents=%zu working=%zu items_per_agent=%ld..%ld fit_us=%.3f+%.4f*items r2=%.2f "
              "log_pass_us=%.0f sink=%" PRId64 "\n",
              agents, order.size(), order.empty() ? 0L : items[order.front().value()],
              order.empty() ? 0L : items[order.back().value()], intercept_us, slope_us, r2, replay_s * 1e6, sink);
  std::printf("# stats items:us_per_agent by tenth%s\n", table.c_str());
  figures.push_back({"stats_one_agent_us", one_us, "us", 3});
  figures.push_back({"stats_one_agent_warm_us", order.empty() ? 0 : warm_sum / static_cast<double>(order.size()), "us", 3});
  figures.push_back({"stats_ns_per_item", slope_us * 1e3, "ns", 1});
  figures.push_back({"stats_all_agents_ms", median(pass_s) * 1e3, "ms", 3});

  // ---- (d) JSON out and back ------------------------------------------------------------------
  long json_failures = 0;
  if (options.json_sample > 0 && !log.empty()) {
    const std::size_t stride = std::max<std::size_t>(1, log.size() / static_cast<std::size_t>(options.json_sample));
    std::vector<std::string> texts;
    texts.reserve(log.size() / stride + 1);
    std::size_t bytes = 0;
    t = Clock::now();
    for (std::size_t i = 0; i < log.size(); i += stride) {
      texts.push_back(parley::event_to_json(log[i]).dump());
      bytes += texts.back().size();
    }
    const double encode_s = since(t);
    std::vector<parley::Event> decoded;
    decoded.reserve(texts.size());
    t = Clock::now();
    for (const std::string& text : texts) {
      std::optional<parley::Json> json = parley::parse_json(text);
      if (!json) {
        ++json_failures;
        continue;
      }
      parley::Result<parley::Event> event = parley::event_from_json(*json);
      if (!event) {
        ++json_failures;
        continue;
      }
      decoded.push_back(std::move(event.value()));
    }
    const double decode_s = since(t);
    for (std::size_t k = 0; k < decoded.size() && k < texts.size(); ++k)  // round trip, untimed
      if (parley::event_to_json(decoded[k]).dump() != texts[k]) ++json_failures;
    if (json_failures) ok = false;
    const double n = static_cast<double>(texts.size());
    std::printf("# json events=%zu bytes_per_event=%.1f roundtrip_failures=%ld\n", texts.size(),
                static_cast<double>(bytes) / n, json_failures);
    figures.push_back({"json_encode_events_per_s", n / encode_s, "/s", 0});
    figures.push_back({"json_decode_events_per_s", n / decode_s, "/s", 0});
  }
  // ---- (e) reports over many days: the day's events applied again day after day into one State
  // (the one-day States above are freed first); the days' replay is the floor.
  if (options.days > 1 && !log.empty()) {
    replayed.reset();
    auto many = std::make_unique<parley::State>();
    t = Clock::now();
    parley::bench::apply_days(*many, log, options.days);
    const double days_replay_s = since(t);
    const parley::Timestamp last = many->last_event_at;
    const parley::ReportQuery all{log.front().at, last + 1, "", std::nullopt};
    const ReportTiming whole = time_reports(*many, all, last);
    const parley::ReportQuery last_day{log.front().at + (options.days - 1) * parley::kDay, last + 1, "", std::nullopt};
    const ReportTiming one = time_reports(*many, last_day, last);
    std::printf("# days days=%d events=%" PRIu64 " chats=%zu replies=%" PRId64 " last_day_replies=%" PRId64
                " ratio_to_days_replay=%.4f\n",
                options.days, many->applied_events, many->chats.size(), whole.replies, one.replies,
                whole.median_s / days_replay_s);
    figures.push_back({"days_replay_s", days_replay_s, "s", 3});
    figures.push_back({"reports_days_ms", whole.median_s * 1e3, "ms", 3});
    figures.push_back({"reports_last_day_ms", one.median_s * 1e3, "ms", 3});
  }
  figures.push_back({"total_s", since(run_start), "s", 3});
  figures.push_back({"total_cpu_s", cpu_seconds() - run_cpu, "s", 3});

  // ---- report -----------------------------------------------------------------------------------
  for (const Figure& f : figures) std::printf("%-26s %16.*f %s\n", f.key, f.decimals, f.value, f.unit);
  std::string json = "{\"bench\":\"parley-core\",\"platform\":\"";
  json += platform();
  json += "\",\"compiler\":\"";
  json += compiler();
  char buffer[512];
  std::snprintf(buffer, sizeof buffer,
                "\",\"day\":{\"agents\":%d,\"groups\":%d,\"sessions\":%" PRId64 ",\"messages\":%" PRId64
                ",\"commands\":%zu,\"events\":%zu,\"digest\":\"%016" PRIx64
                "\"},\"checks\":{\"refused\":%ld,\"reproduced\":%s,\"replay_matches\":%s,\"json_failures\":%ld},"
                "\"figures\":{",
                options.day.agents, options.day.groups, sum.sessions_started, sum.client_messages + sum.agent_messages,
                commands, log.size(), digest, refused, reproduced ? "true" : "false",
                replay_matches ? "true" : "false", json_failures);
  json += buffer;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    std::snprintf(buffer, sizeof buffer, "%s\"%s\":%.*f", i ? "," : "", figures[i].key, figures[i].decimals,
                  figures[i].value);
    json += buffer;
  }
  json += "}}";
  std::printf("%s\n", json.c_str());
  std::fflush(stdout);
  return ok ? 0 : 1;
}
