// parley-search-bench: the search benchmark (a measuring program, not a test). Two steps:
//
//   parley-search-bench seed --db FILE [--messages N]
//     Generates a desk day of N messages (bench/day_generator; 20 per session on average), gives the
//     sessions customer names in several scripts and 1 message in 100 a rare reference code, and writes
//     the events through SqliteStore::append in batches (the server's own log and index writes), so
//     parley-server can then start on FILE. Writes FILE.plan.json (the agent searching and the queries)
//     and times the core's in-memory search on the same State and queries, for comparison.
//   parley-search-bench measure --db FILE --port P --admin-password PW [--rounds R]
//     Against parley-server on FILE: GET /api/v1/search p50/p95/p99 per kind of query, with two floors
//     measured in the same run: a trivial GET (/livez) and the index alone (SearchIndex on the file,
//     no HTTP, no State).
// Prints Markdown tables on stdout, progress on stderr.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "apply.hpp"
#include "day_generator.hpp"
#include "engine.hpp"
#include "event_keys.hpp"
#include "search_index.hpp"
#include "sqlite_store.hpp"
#include "text_fold.hpp"
#include "views.hpp"
#include "wire.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using parley::Json;

double since_s(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

void progress(const std::string& text) { std::fprintf(stderr, "[parley-search-bench] %s\n", text.c_str()); }

[[noreturn]] void die(const std::string& text) {
  progress("FATAL: " + text);
  std::exit(1);
}

// Latencies in microseconds, as one table row.
struct Samples {
  std::vector<double> us;
  double at(double q) {
    std::sort(us.begin(), us.end());
    return us.empty() ? 0 : us[std::min(us.size() - 1, static_cast<std::size_t>(q * static_cast<double>(us.size())))];
  }
};

void print_header(const char* first) {
  std::printf("| %s | n | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n", first);
}

void print_row(const std::string& name, Samples s) {
  std::printf("| %s | %zu | %.2f | %.2f | %.2f | %.2f |\n", name.c_str(), s.us.size(), s.at(0.50) / 1000,
              s.at(0.95) / 1000, s.at(0.99) / 1000, s.at(1.0) / 1000);
  std::fflush(stdout);
}

template <class F>
double time_us(F&& f) {
  const auto t = Clock::now();
  f();
  return std::chrono::duration<double, std::micro>(Clock::now() - t).count();
}

// splitmix64: deterministic names and codes.
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

const char* kFirst[] = {"Maria",   "José",  "Zoë",    "Дмитрий", "Анна",  "Mohammed", "Søren", "Łukasz",
                        "Ngozi",   "Chloé", "Giulia", "Ahmet",   "Yuki",  "Олег",     "Aoife", "Nguyễn Văn",
                        "Fatima",  "Lars",  "Priya",  "Ελένη"};
const char* kLast[] = {"García", "Müller", "Иванов",  "Dubois",  "中村", "Kowalski", "Smith", "Öztürk",
                       "Petrova", "O'Brien", "Rossi", "田中",    "Andersen", "Silva", "Nakamura", "Παπαδόπουλος"};

std::string rare_word(Rng& rng, std::size_t letters) {
  std::string out;
  for (std::size_t i = 0; i < letters; ++i) out += static_cast<char>('a' + rng.below(26));
  out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

struct Options {
  std::string step, db, admin_password;
  std::int64_t messages = 1'000'000;
  int port = 0, rounds = 200;
};

Options parse(int argc, char** argv) {
  if (argc < 2) die("usage: parley-search-bench seed|measure --db FILE [...]");
  Options o;
  o.step = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--db") o.db = value;
    else if (key == "--messages") o.messages = std::stoll(value);
    else if (key == "--port") o.port = std::stoi(value);
    else if (key == "--admin-password") o.admin_password = value;
    else if (key == "--rounds") o.rounds = std::stoi(value);
    else die("unknown option " + key);
  }
  if (o.db.empty()) die("--db is required");
  return o;
}

// The queries both steps run: names (common, rare, short), and within sessions the agent may read
// (a common word, a session's rare code, two letters).
struct Plan {
  std::string agent;
  std::vector<std::string> groups;  // the groups the agent may read
  std::vector<std::string> common_names, rare_names, short_names;
  std::vector<std::pair<std::string, std::string>> chat_common, chat_rare, chat_short;  // chat, query
};

Json plan_json(const Plan& p) {
  const auto pairs = [](const std::vector<std::pair<std::string, std::string>>& v) {
    Json out = Json::array();
    for (const auto& [chat, q] : v) out.push_back(Json::array({chat, q}));
    return out;
  };
  return Json{{"agent", p.agent}, {"groups", p.groups}, {"common_names", p.common_names}, {"rare_names", p.rare_names},
              {"short_names", p.short_names}, {"chat_common", pairs(p.chat_common)}, {"chat_rare", pairs(p.chat_rare)},
              {"chat_short", pairs(p.chat_short)}};
}

Plan plan_from(const Json& j) {
  Plan p;
  p.agent = j["agent"];
  p.groups = j["groups"].get<std::vector<std::string>>();
  p.common_names = j["common_names"].get<std::vector<std::string>>();
  p.rare_names = j["rare_names"].get<std::vector<std::string>>();
  p.short_names = j["short_names"].get<std::vector<std::string>>();
  const auto pairs = [](const Json& v) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Json& e : v) out.emplace_back(e[0].get<std::string>(), e[1].get<std::string>());
    return out;
  };
  p.chat_common = pairs(j["chat_common"]);
  p.chat_rare = pairs(j["chat_rare"]);
  p.chat_short = pairs(j["chat_short"]);
  return p;
}

std::int64_t file_size(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  return in ? static_cast<std::int64_t>(in.tellg()) : 0;
}

void print_sizes(const std::string& db) {
  sqlite3* raw = nullptr;
  sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  parley::server::Statement sizes(raw, "SELECT CASE WHEN name LIKE 'message_search%' THEN 'message_search (FTS5)' "
                                       "WHEN name LIKE 'name_search%' THEN 'name_search (FTS5)' "
                                       "WHEN name LIKE 'events%' THEN 'events' ELSE name END AS part, "
                                       "SUM(pgsize) FROM dbstat GROUP BY part ORDER BY 2 DESC LIMIT 6");
  std::printf("\n| part of the file | MB |\n|---|---:|\n");
  while (sizes.step() == SQLITE_ROW)
    std::printf("| %s | %.1f |\n", sizes.text(0).c_str(), static_cast<double>(sizes.integer(1)) / 1e6);
  std::printf("| whole file | %.1f |\n", static_cast<double>(file_size(db)) / 1e6);
  sqlite3_close(raw);
}

int seed(const Options& o) {
  using namespace parley;
  using namespace parley::server;
  bench::DayParams params;
  params.messages = o.messages;
  params.sessions = static_cast<int>(std::max<std::int64_t>(1, o.messages / 20));
  auto t = Clock::now();
  bench::Day day = bench::generate_day(params);
  std::printf("- generated %zu commands (%" PRId64 " sessions, %" PRId64 " messages) in %.1f s\n", day.commands.size(),
              day.summary.sessions_started, day.summary.client_messages + day.summary.agent_messages, since_s(t));

  std::string error;
  std::remove(o.db.c_str());
  auto store = SqliteStore::open(o.db, error);
  if (!store) die("cannot open " + o.db + ": " + error);
  auto handled = std::make_unique<State>();
  auto shadow = std::make_unique<State>();  // the log as written (names and codes rewritten), before each batch
  Rng rng{0x5EA2C4B3E7C41234ull};
  std::vector<std::string> rare_names;
  std::map<std::string, std::string> rare_codes;  // chat -> one of its codes
  std::vector<EventRecord> batch;
  std::uint64_t last = 0;
  std::int64_t messages = 0, chats = 0;
  double append_s = 0;
  const auto flush = [&] {
    const double us = time_us([&] {
      const AppendResult r = store->append(last, batch);
      if (!r.ok()) die("append failed: " + r.error);
    });
    append_s += us / 1e6;
    last += batch.size();
    batch.clear();
  };
  t = Clock::now();
  for (const bench::TimedCommand& c : day.commands) {
    Outcome outcome = handle(*handled, c.command, c.at);
    const std::vector<EventKeys> keys = event_keys(*shadow, outcome.events);
    for (std::size_t i = 0; i < outcome.events.size(); ++i) {
      Event& e = outcome.events[i];
      if (auto* started = std::get_if<ChatStarted>(&e.body)) {
        started->client = std::string(kFirst[rng.below(std::size(kFirst))]) + " " + kLast[rng.below(std::size(kLast))];
        if (++chats % 50 == 0) {
          rare_names.push_back(rare_word(rng, 9));
          started->client += " " + rare_names.back();
        }
      } else if (auto* sent = std::get_if<MessageSent>(&e.body)) {
        if (++messages % 100 == 0) {
          std::string code = rare_word(rng, 2) + "-" + std::to_string(100000 + rng.below(900000));
          code[1] = static_cast<char>(code[1] - 'a' + 'A');
          sent->text += " ref " + code;
          rare_codes[sent->chat] = code;
        }
      }
      apply(*shadow, e);
      const Json wire = event_to_json(e);
      batch.push_back(EventRecord{wire.dump(-1, ' ', false, Json::error_handler_t::replace), e.at, keys[i].type,
                                  keys[i].chat, keys[i].group, keys[i].agent, "", search_update(e)});
    }
    if (batch.size() >= 20000) flush();
  }
  if (!batch.empty()) flush();
  std::vector<bench::TimedCommand>().swap(day.commands);
  handled.reset();
  std::printf("- wrote %" PRIu64 " events (%" PRId64 " messages, %" PRId64
              " sessions) in %.1f s, of which SqliteStore::append (log + index) %.1f s\n",
              last, messages, chats, since_s(t), append_s);

  // The agent: the first operator with one group; the queries: sessions it may read.
  const State& s = *shadow;
  AgentIx agent = kNoIndex;
  for (AgentIx a : s.agents.indices())
    if (has_role(s.agents[a], kRoleOperator) && s.agents[a].groups.size() == 1) {
      agent = a;
      break;
    }
  if (agent == kNoIndex) die("no operator with one group");
  Plan plan;
  plan.agent = s.agents[agent].id;
  for (GroupIx g : s.groups.indices())
    if (may_read(s.agents[agent], g)) plan.groups.push_back(s.groups[g].id);
  plan.common_names = {"maria", "García", "дмитрий", "zoe", "中村", "o'brien", "nguyen van", "παπαδοπουλος"};
  plan.short_names = {"ma", "y", "田", "ol"};
  for (std::size_t i = 0; i < rare_names.size() && plan.rare_names.size() < 40; i += rare_names.size() / 40 + 1)
    plan.rare_names.push_back(rare_names[i]);
  const char* words[] = {"order", "refund", "thanks", "the app", "invoice"};
  const char* shorts[] = {"ok", "a", "no"};
  for (const auto& [chat, code] : rare_codes) {
    const Chat* c = s.find_chat(chat);
    if (!c || !may_read(s.agents[agent], c->group)) continue;
    plan.chat_rare.emplace_back(chat, code);
    plan.chat_common.emplace_back(chat, words[plan.chat_common.size() % std::size(words)]);
    plan.chat_short.emplace_back(chat, shorts[plan.chat_short.size() % std::size(shorts)]);
    if (plan.chat_rare.size() == 60) break;
  }
  std::ofstream(o.db + ".plan.json") << plan_json(plan).dump(1) << "\n";

  // The core's in-memory search on the same State, for comparison (what the route ran before).
  std::printf("\nThe core's in-memory search (parley::search_sessions / search_messages) on the same State, in-process:\n\n");
  print_header("query (core, no HTTP)");
  const auto core_names = [&](const std::vector<std::string>& qs) {
    Samples samples;
    for (int r = 0; r < 5; ++r)
      for (const std::string& q : qs) samples.us.push_back(time_us([&] { search_sessions(s, agent, q); }));
    return samples;
  };
  const auto core_messages = [&](const std::vector<std::pair<std::string, std::string>>& qs) {
    Samples samples;
    for (int r = 0; r < 5; ++r)
      for (const auto& [chat, q] : qs) samples.us.push_back(time_us([&] { search_messages(*s.find_chat(chat), q); }));
    return samples;
  };
  print_row("names, common", core_names(plan.common_names));
  print_row("names, rare", core_names(plan.rare_names));
  print_row("names, 1-2 letters", core_names(plan.short_names));
  print_row("in a session, common word", core_messages(plan.chat_common));
  print_row("in a session, rare code", core_messages(plan.chat_rare));
  print_row("in a session, 1-2 letters", core_messages(plan.chat_short));
  store.reset();
  print_sizes(o.db);
  return 0;
}

int measure(const Options& o) {
  std::ifstream in(o.db + ".plan.json");
  std::stringstream text;
  text << in.rdbuf();
  const auto json = parley::parse_json(text.str());
  if (!json) die("no plan next to " + o.db + " (run seed first)");
  const Plan plan = plan_from(*json);

  httplib::Client http("127.0.0.1", o.port);
  http.set_keep_alive(true);
  http.set_read_timeout(30, 0);
  const auto login = http.Post("/api/v1/auth/login", Json{{"login", "admin"}, {"password", o.admin_password}}.dump(),
                               "application/json");
  if (!login || login->status != 200) die("admin login failed");
  const std::string token = parley::parse_json(login->body)->value("token", "");
  const httplib::Headers auth{{"Authorization", "Bearer " + token}};

  std::size_t found_total = 0;
  const auto get = [&](const std::string& path, const httplib::Params& params) {
    const auto reply = http.Get(path, params, auth);
    if (!reply || reply->status != 200) die(path + " failed: " + (reply ? reply->body : "no answer"));
    found_total += reply->body.size();
  };
  const auto names = [&](const std::vector<std::string>& qs) {
    Samples samples;
    for (int r = 0; r < o.rounds; r += static_cast<int>(qs.size()))
      for (const std::string& q : qs)
        samples.us.push_back(time_us([&] { get("/api/v1/search", {{"q", q}, {"agent", plan.agent}}); }));
    return samples;
  };
  const auto in_chat = [&](const std::vector<std::pair<std::string, std::string>>& qs) {
    Samples samples;
    for (int r = 0; r < o.rounds; r += static_cast<int>(qs.size()))
      for (const auto& [chat, q] : qs)
        samples.us.push_back(
            time_us([&] { get("/api/v1/search", {{"q", q}, {"agent", plan.agent}, {"chat", chat}}); }));
    return samples;
  };

  names(plan.common_names);  // warm the page cache and the connection
  std::printf("\n`GET /api/v1/search` against parley-server (agent %s, one client, keep-alive):\n\n", plan.agent.c_str());
  print_header("query");
  Samples floor;
  for (int i = 0; i < o.rounds; ++i) floor.us.push_back(time_us([&] { get("/livez", {}); }));
  print_row("floor: GET /livez", floor);
  print_row("names, common", names(plan.common_names));
  print_row("names, rare", names(plan.rare_names));
  print_row("names, 1-2 letters (scan)", names(plan.short_names));
  print_row("in a session, common word", in_chat(plan.chat_common));
  print_row("in a session, rare code", in_chat(plan.chat_rare));
  print_row("in a session, 1-2 letters (scan)", in_chat(plan.chat_short));

  // The index alone on the same file: its SQL without HTTP, the State or the permission filter.
  parley::server::SearchIndex index;
  std::string error;
  if (!index.open(o.db, error)) die("cannot open the index: " + error);
  const auto index_names = [&](const std::vector<std::string>& qs) {
    Samples samples;
    for (int r = 0; r < o.rounds; r += static_cast<int>(qs.size()))
      for (const std::string& q : qs)
        samples.us.push_back(time_us([&] { index.chats_named(parley::fold_for_search(q), &plan.groups); }));
    return samples;
  };
  const auto index_chat = [&](const std::vector<std::pair<std::string, std::string>>& qs) {
    Samples samples;
    for (int r = 0; r < o.rounds; r += static_cast<int>(qs.size()))
      for (const auto& [chat, q] : qs)
        samples.us.push_back(time_us([&] { index.messages(chat, parley::fold_for_search(q)); }));
    return samples;
  };
  std::printf("\nFloor: the index alone (SearchIndex on the same file, in this process, while the server runs):\n\n");
  print_header("query (index only)");
  print_row("names, common", index_names(plan.common_names));
  print_row("names, rare", index_names(plan.rare_names));
  print_row("names, 1-2 letters (scan)", index_names(plan.short_names));
  print_row("in a session, common word", index_chat(plan.chat_common));
  print_row("in a session, rare code", index_chat(plan.chat_rare));
  print_row("in a session, 1-2 letters (scan)", index_chat(plan.chat_short));
  progress("answers read: " + std::to_string(found_total) + " bytes");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  if (o.step == "seed") return seed(o);
  if (o.step == "measure") return measure(o);
  die("the step is seed or measure");
}
