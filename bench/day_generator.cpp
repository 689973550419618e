// The day generator: a small discrete-event simulation. Agents follow planned shifts (breaks in
// dnd, lunch offline, hand-over at the end), sessions arrive in proportion to the agents at work,
// and each session plays out a planned number of messages, one pending "turn" at a time. Every
// command is put through parley::handle on a private State first; the events it produces tell the
// simulation who got which session (routing, timers), and refused commands are not kept.
#include "day_generator.hpp"

#include <algorithm>
#include <cstdio>
#include <queue>
#include <string>
#include <utility>

#include "engine.hpp"
#include "routing.hpp"

namespace parley::bench {

namespace {

// splitmix64: tiny, fast, and the same sequence on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::int64_t between(std::int64_t lo, std::int64_t hi) {  // inclusive; the modulo bias is negligible here
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(int per_mille) { return static_cast<int>(next() % 1000) < per_mille; }

 private:
  std::uint64_t state_;
};

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

constexpr const char* kClientTexts[] = {
    "Hi",
    "Hello, I need some help with my order",
    "My parcel has not arrived yet, the tracking page says it left the warehouse on Monday",
    "Order number 4471-2209",
    "Can I change the delivery address?",
    "ok",
    "Thanks!",
    "I was charged twice for the same subscription this month, can you check please?",
    "It says my card was declined but the money is gone from my account",
    "How long does a refund usually take?",
    "yes",
    "no, that's not it",
    "The app crashes every time I open the settings screen on Android 14",
    "Is there a way to export my invoices as PDF?",
    "I already tried logging out and in again",
    "Could you send me the link again? The last one expired",
    "Perfect, that worked",
    "hmm still the same error",
    "What are your opening hours on Saturday?",
    "Great, thanks a lot for your help, have a nice day",
};
constexpr const char* kAgentTexts[] = {
    "Hello! Thanks for contacting us, how can I help you today?",
    "Let me check that for you, one moment please.",
    "Could you give me your order number?",
    "Thank you. I can see the order; it is with the courier and should arrive tomorrow.",
    "I have updated the delivery address for you.",
    "I'm sorry about the double charge. I have started a refund of the second payment.",
    "Refunds usually take 3 to 5 business days to show on your statement.",
    "Could you try clearing the app cache under Settings > Apps > Storage?",
    "Sure, here is a fresh link: https://example.com/reset/8d1f2a",
    "You can export invoices as PDF from Account > Billing > Invoices.",
    "Is there anything else I can help you with?",
    "Great to hear!",
    "I will pass this to our technical team and we will email you within 24 hours.",
    "We are open on Saturdays from 9:00 to 14:00.",
    "Thanks for your patience.",
    "Have a nice day!",
};
constexpr const char* kChannels[] = {"widget", "whatsapp", "messenger", "telegram"};

enum class Turn : std::uint8_t { client, agent, close, transfer, none };

struct ChatPlan {
  std::string id, client, channel;
  GroupIx group{0};  // the group it starts in
  Timestamp start = 0;
  int first_part = 0, second_part = 0;  // messages before and after the planned reopen (0: none)
  int part = 0, sent = 0;               // current part, messages sent in it
  int pause_at = -1, transfer_at = -1;  // after this many messages of part 0 (-1: never)
  bool supervisor_close = false;
  bool paused = false;
  Turn turn = Turn::none, resume_turn = Turn::client;
  std::uint32_t epoch = 0;  // a turn intent is stale unless it carries the current epoch
};

struct AgentPlan {
  std::string id;
  std::vector<GroupIx> groups;
};

struct GroupPlan {
  std::string id;
  GroupSettings settings;
  AgentIx supervisor = kNoIndex;
};

struct DeliveryNote {
  ChatIx chat;
  AgentIx agent;
  std::string message;
  Delivery next;
};

enum class IntentKind : std::uint8_t { start, turn, resume, reopen, delivery, resend, sweep, status, handover, tick, cleanup };

struct Intent {
  Timestamp at;
  std::uint64_t seq;
  IntentKind kind;
  std::uint32_t subject;  // a chat, agent, group or delivery note, by kind
  std::uint32_t aux;
};
struct Later {
  bool operator()(const Intent& a, const Intent& b) const { return a.at != b.at ? a.at > b.at : a.seq > b.seq; }
};

struct WorkWindow {
  Timestamp from, to;
  AgentIx agent;
};

std::string numbered(const char* prefix, long n, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%s%0*ld", prefix, width, n);
  return buffer;
}

class Generator {
 public:
  explicit Generator(const DayParams& params) : p_(params), rng_(params.seed) {
    day_.params = params;
    day_.summary.event_digest = kDigestSeed;
    day_start_ = days_from_civil(CivilDate{2024, 3, 4}) * kDay;  // a Monday, 00:00 UTC
    day_end_ = day_start_ + kDay;
  }

  Day run() {
    plan_groups();
    plan_agents();
    plan_sessions();
    day_.commands.reserve(static_cast<std::size_t>(p_.sessions) * 4 + static_cast<std::size_t>(p_.messages) * 3 / 2 +
                          static_cast<std::size_t>(p_.agents) * 16 + 4096);
    setup();
    for (Timestamp t = day_start_ + kMinute; t <= day_end_; t += kMinute) push(t, IntentKind::tick, 0);
    push(day_end_ - kMinute, IntentKind::cleanup, 0);
    while (!intents_.empty()) {
      const Intent intent = intents_.top();
      intents_.pop();
      if (intent.at > day_end_) continue;
      now_ = intent.at;
      dispatch(intent);
    }
    DaySummary& s = day_.summary;
    s.commands = static_cast<std::int64_t>(day_.commands.size());
    if (!day_.commands.empty()) {
      s.first_at = day_.commands.front().at;
      s.last_at = day_.commands.back().at;
    }
    return std::move(day_);
  }

 private:
  // ---- planning -------------------------------------------------------------------------------

  void plan_groups() {
    const int n = std::max(1, p_.groups);
    for (int g = 0; g < n; ++g) {
      GroupPlan plan;
      plan.id = numbered("g", g + 1, 2);
      GroupSettings& s = plan.settings;
      s.routing = g % 5 == 4 ? Routing::accept : Routing::automatic;
      s.max_active = 3 + g % 4;
      s.close_silent = g % 3 == 0;
      s.close_silent_after_min = 10 + (g % 3) * 10;
      s.transfer_unanswered = g % 4 == 1;
      s.transfer_unanswered_after_min = 3 + g % 3;
      if (g % 5 == 0 || g % 5 == 2) {
        s.first_response_min = 1 + g % 3;
        s.next_response_min = 3;
      }
      groups_.push_back(std::move(plan));
    }
    sweep_pending_.assign(groups_.size(), false);
  }

  void plan_agents() {
    const std::size_t groups = groups_.size();
    for (int i = 0; i < p_.agents; ++i) {
      AgentPlan plan;
      plan.id = numbered("a", i + 1, 4);
      const GroupIx primary{static_cast<std::size_t>(i) % groups};
      plan.groups.push_back(primary);
      const GroupIx secondary{(static_cast<std::size_t>(i) * 7 + 3) % groups};
      if (secondary != primary && rng_.chance(300)) plan.groups.push_back(secondary);
      if (groups_[primary].supervisor == kNoIndex) groups_[primary].supervisor = agents_.next_index();
      agents_.push_back(std::move(plan));
    }
    for (AgentIx a : agents_.indices()) plan_shift(a);
  }

  // Status intents for one agent's day, and the windows in which it takes new sessions.
  void plan_shift(AgentIx a) {
    const Timestamp six = day_start_ + 6 * kHour;
    if (rng_.chance(80)) return;  // not working today
    if (rng_.chance(40)) {        // split shift: the two halves are separate shifts (gap > 6 h)
      const Timestamp s1 = six + rng_.between(0, 60) * kMinute + rng_.between(0, 59) * kSecond;
      const Timestamp e1 = s1 + rng_.between(225, 255) * kMinute;
      const Timestamp s2 = e1 + rng_.between(420, 480) * kMinute;
      const Timestamp e2 = s2 + rng_.between(180, 200) * kMinute;
      status(s1, a, AgentStatus::online);
      status(e1 - 10 * kMinute, a, AgentStatus::dnd);
      push(e1, IntentKind::handover, a);
      status(s2, a, AgentStatus::online);
      status(e2 - 10 * kMinute, a, AgentStatus::dnd);
      push(e2, IntentKind::handover, a);
      window(s1, e1 - 10 * kMinute, a);
      window(s2, e2 - 10 * kMinute, a);
      return;
    }
    const Timestamp start = six + rng_.between(0, 510) * kMinute + rng_.between(0, 59) * kSecond;
    const Timestamp end = start + rng_.between(450, 510) * kMinute;
    status(start, a, AgentStatus::online);
    const Timestamp break1 = start + rng_.between(100, 140) * kMinute;
    status(break1, a, AgentStatus::dnd);
    status(break1 + rng_.between(8, 15) * kMinute, a, AgentStatus::online);
    const Timestamp lunch = start + rng_.between(220, 260) * kMinute;
    if (rng_.chance(700)) {  // lunch offline: hands its sessions over first
      const Timestamp back = lunch + rng_.between(30, 45) * kMinute;
      push(lunch, IntentKind::handover, a);
      status(back, a, AgentStatus::online);
      window(start, lunch, a);
      window(back, end - 15 * kMinute, a);
    } else {
      status(lunch, a, AgentStatus::dnd);
      status(lunch + rng_.between(20, 30) * kMinute, a, AgentStatus::online);
      window(start, end - 15 * kMinute, a);
    }
    const Timestamp break2 = start + rng_.between(340, 380) * kMinute;
    status(break2, a, AgentStatus::dnd);
    status(break2 + rng_.between(8, 15) * kMinute, a, AgentStatus::online);
    status(end - 15 * kMinute, a, AgentStatus::dnd);  // wrap-up: no new sessions
    push(end, IntentKind::handover, a);
  }

  void status(Timestamp at, AgentIx agent, AgentStatus to) {
    push(at, IntentKind::status, agent, static_cast<std::uint32_t>(to));
  }

  void window(Timestamp from, Timestamp to, AgentIx agent) {
    // New sessions arrive from 5 minutes into a window until 40 minutes before its end.
    from += 5 * kMinute;
    to -= 40 * kMinute;
    if (to > from) windows_.push_back(WorkWindow{from, to, agent});
  }

  void plan_sessions() {
    const std::int64_t sessions = std::max(0, p_.sessions);
    if (sessions == 0) return;
    if (windows_.empty()) window(day_start_ + 8 * kHour, day_start_ + 20 * kHour, AgentIx{0});
    std::vector<Timestamp> prefix;  // cumulative window length: arrivals follow the agents at work
    Timestamp total = 0;
    for (const WorkWindow& w : windows_) prefix.push_back(total += w.to - w.from);
    struct Arrival {
      Timestamp at;
      GroupIx group;
      std::int64_t draw;
    };
    std::vector<Arrival> arrivals;
    arrivals.reserve(static_cast<std::size_t>(sessions));
    for (std::int64_t s = 0; s < sessions; ++s) {
      const Timestamp u = rng_.between(0, total - 1);
      const std::size_t w = static_cast<std::size_t>(std::upper_bound(prefix.begin(), prefix.end(), u) - prefix.begin());
      const WorkWindow& win = windows_[w];
      const Timestamp at = win.to - (prefix[w] - u);
      const auto& groups = agents_[win.agent].groups;
      const GroupIx group = groups[static_cast<std::size_t>(rng_.between(0, static_cast<std::int64_t>(groups.size()) - 1))];
      arrivals.push_back(Arrival{at / kSecond * kSecond, group, s});
    }
    std::sort(arrivals.begin(), arrivals.end(),
              [](const Arrival& x, const Arrival& y) { return x.at != y.at ? x.at < y.at : x.draw < y.draw; });

    // Messages per session: 2 + three uniform draws (mean = messages / sessions), then nudged so the
    // plan adds up to exactly `messages`.
    const std::int64_t mean = std::max<std::int64_t>(1, p_.messages / sessions);
    const std::int64_t floor_n = std::min<std::int64_t>(2, p_.messages / sessions);
    const std::int64_t spread = std::max<std::int64_t>(0, 2 * (mean - floor_n) / 3);
    std::vector<std::int64_t> count(static_cast<std::size_t>(sessions));
    std::int64_t planned = 0;
    for (auto& n : count) {
      n = floor_n + rng_.between(0, spread) + rng_.between(0, spread) + rng_.between(0, spread);
      planned += n;
    }
    for (std::size_t i = static_cast<std::size_t>(rng_.between(0, sessions - 1)); planned != p_.messages;
         i = (i + 1) % count.size()) {
      if (planned < p_.messages) {
        ++count[i];
        ++planned;
      } else if (count[i] > floor_n) {
        --count[i];
        --planned;
      }
    }

    std::int64_t clients = 0;
    chats_.resize(static_cast<std::size_t>(sessions));
    for (std::size_t i = 0; i < chats_.size(); ++i) {
      ChatPlan& c = chats_[ChatIx{i}];
      c.id = numbered("s", static_cast<long>(i + 1), 6);
      c.group = arrivals[i].group;
      c.start = arrivals[i].at;
      const int n = static_cast<int>(count[i]);
      c.first_part = n;
      if (n >= 6 && rng_.chance(8)) {
        c.second_part = static_cast<int>(rng_.between(2, 4));
        c.first_part = n - c.second_part;
      }
      if (c.first_part >= 5 && rng_.chance(50)) c.pause_at = static_cast<int>(rng_.between(2, c.first_part - 2));
      if (c.first_part >= 5 && rng_.chance(40)) c.transfer_at = static_cast<int>(rng_.between(2, c.first_part - 2));
      c.supervisor_close = rng_.chance(10);
      const int ch = static_cast<int>(rng_.between(0, 99));
      c.channel = kChannels[ch < 50 ? 0 : ch < 75 ? 1 : ch < 90 ? 2 : 3];
      const bool returning = clients > 0 && rng_.chance(50);
      c.client = numbered("client-", returning ? static_cast<long>(rng_.between(1, clients)) : static_cast<long>(++clients), 6);
      push(c.start, IntentKind::start, ChatIx{i});
    }
  }

  void setup() {
    now_ = day_start_;
    emit(SetDeskSettings{6 * kHour});
    for (const GroupPlan& g : groups_) emit(CreateGroup{g.id, "Group " + g.id, g.settings});
    for (AgentIx a : agents_.indices()) {
      CreateAgent c;
      c.agent = agents_[a].id;
      c.name = "Agent " + std::to_string(a.value() + 1);
      c.nickname = "A" + std::to_string(a.value() + 1);
      for (GroupIx g : agents_[a].groups) c.groups.push_back(groups_[g].id);
      c.roles = kRoleOperator;
      for (const GroupPlan& g : groups_)
        if (g.supervisor == a) c.roles |= kRoleSupervisor;
      emit(std::move(c));
    }
  }

  // ---- simulation -----------------------------------------------------------------------------

  void push(Timestamp at, IntentKind kind, std::uint32_t subject, std::uint32_t aux = 0) {
    intents_.push(Intent{std::max(at, now_), seq_++, kind, subject, aux});
  }
  template <class Tag>
  void push(Timestamp at, IntentKind kind, Ix<Tag> subject, std::uint32_t aux = 0) {
    push(at, kind, subject.value(), aux);
  }

  // Puts the command through the core at now_; keeps it if accepted. The events (timer firings
  // included, which happen even when the command is refused) drive the simulation.
  bool emit(Command command) {
    Outcome outcome = handle(state_, command, now_);
    DaySummary& s = day_.summary;
    for (const Event& e : outcome.events) digest_event(s.event_digest, e);
    s.events += static_cast<std::int64_t>(outcome.events.size());
    last_events_ = std::move(outcome.events);
    for (const Event& e : last_events_) observe(e);
    if (outcome.error) {
      if (s.dropped++ < 5)
        std::fprintf(stderr, "day generator: refused %s\n", outcome.error->message.c_str());
      return false;
    }
    day_.commands.push_back(TimedCommand{now_, std::move(command)});
    return true;
  }

  void observe(const Event& event) {
    std::visit(Overloaded{
                   [&](const ChatStarted& e) {
                     if (!e.by.is_agent()) maybe_sweep(state_.chats[state_.chat_ix(e.chat)].group);
                   },
                   [&](const ChatAssigned& e) { on_assigned(state_.chat_ix(e.chat)); },
                   [&](const ChatTransferred& e) {
                     const ChatIx c = state_.chat_ix(e.chat);
                     if (!e.to_agent.empty()) on_assigned(c);
                     else if (state_.chats[c].state == ChatState::queued) maybe_sweep(state_.chats[c].group);
                   },
                   [&](const ChatClosed& e) { on_closed(state_.chat_ix(e.chat), e); },
                   [](const auto&) {},
               },
               event.body);
  }

  void on_assigned(ChatIx c) {
    ChatPlan& p = chats_[c];
    if (p.paused) {  // moved on while on hold: the new agent carries on
      p.paused = false;
      p.turn = p.resume_turn;
      schedule(c, p.turn, rng_.between(10, 40) * kSecond);
      return;
    }
    if (p.turn == Turn::agent || p.turn == Turn::close || p.turn == Turn::transfer)
      schedule(c, p.turn, rng_.between(5, 30) * kSecond);
  }

  void on_closed(ChatIx c, const ChatClosed& e) {
    ChatPlan& p = chats_[c];
    p.turn = Turn::none;
    p.paused = false;
    ++p.epoch;
    if (p.part == 0 && p.second_part > 0 && e.by.kind != ActorKind::process)
      push(now_ + rng_.between(3, 30) * kMinute, IntentKind::reopen, c, p.epoch);
  }

  void schedule(ChatIx c, Turn turn, Duration delay) {
    ChatPlan& p = chats_[c];
    p.turn = turn;
    ++p.epoch;
    push(now_ + delay, IntentKind::turn, c, p.epoch);
  }

  // Sets the turn; schedules it now only if the session is with an agent (else the assignment does).
  void schedule_or_park(ChatIx c, Turn turn, Duration delay) {
    if (state_.chats[c].state == ChatState::open) {
      schedule(c, turn, delay);
    } else {
      chats_[c].turn = turn;
      ++chats_[c].epoch;
    }
  }

  void maybe_sweep(GroupIx g, Duration delay = -1) {
    if (groups_[g].settings.routing != Routing::accept || sweep_pending_[g.value()]) return;
    sweep_pending_[g.value()] = true;
    push(now_ + (delay < 0 ? rng_.between(10, 30) * kSecond : delay), IntentKind::sweep, g);
  }

  Duration agent_think() {
    return rng_.chance(10) ? rng_.between(240, 480) * kSecond : rng_.between(5, 40) * kSecond;
  }
  Duration client_think() {
    return rng_.chance(20) ? rng_.between(120, 400) * kSecond : rng_.between(8, 60) * kSecond;
  }
  template <std::size_t N>
  std::string text(const char* const (&pool)[N]) {
    return pool[rng_.between(0, static_cast<std::int64_t>(N) - 1)];
  }

  void dispatch(const Intent& it) {
    switch (it.kind) {
      case IntentKind::start: return start_chat(ChatIx{it.subject});
      case IntentKind::turn:
        if (chats_[ChatIx{it.subject}].epoch == it.aux) take_turn(ChatIx{it.subject});
        return;
      case IntentKind::resume: return resume(ChatIx{it.subject}, it.aux);
      case IntentKind::reopen: return reopen(ChatIx{it.subject}, it.aux);
      case IntentKind::delivery: return deliver(it.subject);
      case IntentKind::resend: return resend(it.subject);
      case IntentKind::sweep: return sweep(GroupIx{it.subject});
      case IntentKind::status: return set_status(AgentIx{it.subject}, static_cast<AgentStatus>(it.aux));
      case IntentKind::handover: return handover(AgentIx{it.subject});
      case IntentKind::tick:
        if (emit(Tick{})) ++day_.summary.ticks;
        return;
      case IntentKind::cleanup: return cleanup();
    }
  }

  void start_chat(ChatIx c) {
    ChatPlan& p = chats_[c];
    schedule(c, Turn::client, rng_.between(1, 4) * kSecond);
    if (emit(StartChat{p.id, groups_[p.group].id, p.channel, p.client, Actor{ActorKind::client, ""}}))
      ++day_.summary.sessions_started;
    if (state_.chat_ix(p.id) != c) std::fprintf(stderr, "day generator: session %s out of order\n", p.id.c_str());
  }

  bool part_done(const ChatPlan& p) const { return p.sent >= (p.part == 0 ? p.first_part : p.second_part); }

  void take_turn(ChatIx c) {
    ChatPlan& p = chats_[c];
    const Chat& chat = state_.chats[c];
    if (chat.state == ChatState::closed || p.turn == Turn::none) return;
    if (p.turn == Turn::client) return client_says(c);
    if (chat.state != ChatState::open) return;  // queued: the assignment reschedules; paused: the resume does
    if (state_.agents[chat.assignee].status == AgentStatus::offline) {
      schedule(c, p.turn, rng_.between(60, 120) * kSecond);
      return;
    }
    switch (p.turn) {
      case Turn::agent: return agent_says(c);
      case Turn::close: return agent_closes(c);
      case Turn::transfer: return transfer(c);
      default: return;
    }
  }

  void client_says(ChatIx c) {
    ChatPlan& p = chats_[c];
    if (!emit(SendMessage{p.id, Actor{ActorKind::client, ""}, text(kClientTexts), ""})) return;
    ++day_.summary.client_messages;
    ++p.sent;
    if (part_done(p)) schedule_or_park(c, Turn::close, rng_.between(15, 90) * kSecond);
    else if (rng_.chance(250)) schedule(c, Turn::client, rng_.between(5, 20) * kSecond);
    else schedule_or_park(c, Turn::agent, agent_think());
  }

  void agent_says(ChatIx c) {
    ChatPlan& p = chats_[c];
    const AgentIx a = state_.chats[c].assignee;
    const std::string agent = state_.agents[a].id;
    if ((state_.chats[c].unread > 0 || !state_.chats[c].opened) && rng_.chance(700)) {
      if (emit(MarkChatRead{p.id, agent})) ++day_.summary.reads;
      if (state_.chats[c].state != ChatState::open || state_.chats[c].assignee != a) return;  // a timer moved it on
    }
    if (!emit(SendMessage{p.id, Actor{ActorKind::agent, agent}, text(kAgentTexts), ""})) return;
    ++day_.summary.agent_messages;
    ++p.sent;
    if (p.channel != kChannels[0] && rng_.chance(600)) {
      std::string message;
      for (const Event& e : last_events_)
        if (const auto* sent = std::get_if<MessageSent>(&e.body)) message = sent->message;
      notes_.push_back(DeliveryNote{c, a, std::move(message), rng_.chance(4) ? Delivery::error : Delivery::delivered});
      push(now_ + rng_.between(1, 4) * kSecond, IntentKind::delivery, static_cast<std::uint32_t>(notes_.size() - 1));
    }
    const GroupSettings& settings = state_.groups[state_.chats[c].group].settings;
    if (part_done(p)) {
      if (settings.close_silent && rng_.chance(600)) {  // left to the silent-client timer
        p.turn = Turn::none;
        ++p.epoch;
      } else {
        schedule(c, Turn::close, rng_.between(15, 90) * kSecond);
      }
    } else if (p.part == 0 && p.pause_at >= 0 && p.sent >= p.pause_at) {
      p.pause_at = -1;
      if (emit(PauseChat{p.id, Actor{ActorKind::agent, agent}})) {
        ++day_.summary.pauses;
        p.paused = true;
        p.resume_turn = Turn::client;
        p.turn = Turn::none;
        ++p.epoch;
        push(now_ + rng_.between(2, 10) * kMinute, IntentKind::resume, c, p.epoch);
      } else {
        schedule(c, Turn::client, client_think());
      }
    } else if (p.part == 0 && p.transfer_at >= 0 && p.sent >= p.transfer_at) {
      p.transfer_at = -1;
      schedule(c, Turn::transfer, rng_.between(10, 40) * kSecond);
    } else if (rng_.chance(150)) {
      schedule(c, Turn::agent, rng_.between(4, 12) * kSecond);
    } else {
      schedule(c, Turn::client, client_think());
    }
  }

  void agent_closes(ChatIx c) {
    ChatPlan& p = chats_[c];
    const Chat& chat = state_.chats[c];
    Actor by{ActorKind::agent, state_.agents[chat.assignee].id};
    const AgentIx supervisor = groups_[chat.group].supervisor;
    if (p.supervisor_close && supervisor != kNoIndex) by = Actor{ActorKind::manual, agents_[supervisor].id};
    if (emit(CloseChat{p.id, by})) ++day_.summary.closes;
  }

  void transfer(ChatIx c) {
    ChatPlan& p = chats_[c];
    const Chat& chat = state_.chats[c];
    const AgentIx from = chat.assignee;
    const GroupIx g = chat.group;
    const Actor by{ActorKind::agent, state_.agents[from].id};
    const Group& group = state_.groups[g];
    if (rng_.chance(600)) {  // to a colleague of the group with room
      AgentIx best = kNoIndex;
      for (AgentIx m : group.members) {
        const Agent& agent = state_.agents[m];
        if (m == from || agent.status != AgentStatus::online || !may_work(agent, g) ||
            static_cast<int>(agent.assigned.size()) >= group.settings.max_active)
          continue;
        if (best == kNoIndex || agent.assigned.size() < state_.agents[best].assigned.size()) best = m;
      }
      if (best != kNoIndex) {
        p.turn = Turn::agent;  // the new agent speaks next; its assignment schedules it
        ++p.epoch;
        if (emit(TransferChat{p.id, by, state_.agents[best].id, "", "a colleague knows this customer"})) {
          ++day_.summary.transfers;
          return;
        }
      }
    }
    const std::size_t groups = state_.groups.size();
    const std::size_t first = static_cast<std::size_t>(rng_.between(0, static_cast<std::int64_t>(groups) - 1));
    for (std::size_t k = 0; k < groups; ++k) {  // to another group that has somebody online
      const GroupIx h{(first + k) % groups};
      if (h == g || !is_group_online(state_, h, now_)) continue;
      p.turn = Turn::agent;
      ++p.epoch;
      if (emit(TransferChat{p.id, by, "", state_.groups[h].id, "needs the billing team"})) {
        ++day_.summary.transfers;
        return;
      }
      break;
    }
    schedule(c, Turn::client, client_think());
  }

  void resume(ChatIx c, std::uint32_t epoch) {
    ChatPlan& p = chats_[c];
    const Chat& chat = state_.chats[c];
    if (p.epoch != epoch || !p.paused || chat.state != ChatState::paused) return;
    if (!emit(ResumeChat{p.id, Actor{ActorKind::agent, state_.agents[chat.assignee].id}})) return;
    p.paused = false;
    schedule(c, p.resume_turn, rng_.between(5, 30) * kSecond);
  }

  void reopen(ChatIx c, std::uint32_t epoch) {
    ChatPlan& p = chats_[c];
    const Chat& chat = state_.chats[c];
    if (p.epoch != epoch || chat.state != ChatState::closed) return;
    AgentIx by = chat.credit_agent;
    const auto can = [&](AgentIx a) {
      return a != kNoIndex && state_.agents[a].status == AgentStatus::online && may_work(state_.agents[a], chat.group);
    };
    if (!can(by)) {
      by = kNoIndex;
      for (AgentIx m : state_.groups[chat.group].members)
        if (can(m)) {
          by = m;
          break;
        }
    }
    if (by == kNoIndex) return;
    if (!emit(ReopenChat{p.id, Actor{ActorKind::agent, state_.agents[by].id}})) return;
    ++day_.summary.reopens;
    p.part = 1;
    p.sent = 0;
    schedule(c, Turn::agent, rng_.between(5, 20) * kSecond);
  }

  void deliver(std::uint32_t n) {
    DeliveryNote& note = notes_[n];
    const Delivery status = note.next;
    if (!emit(SetDelivery{state_.chats[note.chat].id, note.message, status})) return;
    ++day_.summary.deliveries;
    if (status == Delivery::error) push(now_ + rng_.between(20, 90) * kSecond, IntentKind::resend, n);
  }

  void resend(std::uint32_t n) {
    DeliveryNote& note = notes_[n];
    const Chat& chat = state_.chats[note.chat];
    if (!may_work(state_.agents[note.agent], chat.group)) return;  // moved to a group the author does not work
    if (!emit(ResendMessage{chat.id, note.message, Actor{ActorKind::agent, state_.agents[note.agent].id}})) return;
    ++day_.summary.resends;
    note.next = Delivery::delivered;
    push(now_ + rng_.between(1, 3) * kSecond, IntentKind::delivery, n);
  }

  // Accept-routing groups: free online members take the oldest waiting sessions; one waiting
  // for more than two minutes is handed out by the group's supervisor instead.
  void sweep(GroupIx g) {
    sweep_pending_[g.value()] = false;
    const Group& group = state_.groups[g];
    std::vector<QueueEntry> waiting(group.queue.begin(), group.queue.end());
    for (const QueueEntry& entry : waiting) {
      const Chat& chat = state_.chats[entry.chat];
      if (chat.state != ChatState::queued) continue;
      AgentIx best = kNoIndex;
      for (AgentIx m : group.members) {
        const Agent& agent = state_.agents[m];
        if (std::find(chat.missed_by.begin(), chat.missed_by.end(), m) != chat.missed_by.end() || agent.status != AgentStatus::online || !may_work(agent, g) ||
            static_cast<int>(agent.assigned.size()) >= group.settings.max_active)
          continue;
        if (best == kNoIndex || agent.assigned.size() < state_.agents[best].assigned.size() ||
            (agent.assigned.size() == state_.agents[best].assigned.size() &&
             agent.idle_since < state_.agents[best].idle_since))
          best = m;
      }
      if (best == kNoIndex) break;
      const AgentIx supervisor = groups_[g].supervisor;
      if (now_ - entry.enqueued_at > 2 * kMinute && supervisor != kNoIndex &&
          may_work(state_.agents[supervisor], g)) {
        if (emit(AssignChat{chat.id, state_.agents[best].id, Actor{ActorKind::agent, agents_[supervisor].id}}))
          ++day_.summary.assigns;
      } else if (emit(AcceptChat{chat.id, state_.agents[best].id})) {
        ++day_.summary.accepts;
      }
    }
    if (!state_.groups[g].queue.empty()) maybe_sweep(g, rng_.between(15, 30) * kSecond);
  }

  void set_status(AgentIx a, AgentStatus to) {
    if (state_.agents[a].status == to) return;
    if (emit(SetAgentStatus{agents_[a].id, to})) ++day_.summary.status_changes;
  }

  // Leaving (lunch or end of shift): stop taking sessions, pass each one back to its group's
  // queue (or close it when nobody else in the group is online), then go offline.
  void handover(AgentIx a) {
    if (state_.agents[a].status == AgentStatus::online) set_status(a, AgentStatus::dnd);
    const std::vector<ChatIx> assigned(state_.agents[a].assigned.begin(), state_.agents[a].assigned.end());
    const Actor by{ActorKind::agent, agents_[a].id};
    // A session goes to a free colleague of its group (a transfer back into its own group is refused).
    for (ChatIx c : assigned) {
      const Chat& chat = state_.chats[c];
      const AgentIx colleague = best_free_agent(state_, chat.group, a);
      if (colleague != kNoIndex) {
        if (emit(TransferChat{chat.id, by, agents_[colleague].id, "", "end of shift"})) ++day_.summary.transfers;
      } else if (emit(CloseChat{chat.id, by})) {
        ++day_.summary.closes;
      }
    }
    set_status(a, AgentStatus::offline);
  }

  // End of the day: a process closes whatever is still open or waiting.
  void cleanup() {
    for (ChatIx c : state_.chats.indices())
      if (state_.chats[c].state != ChatState::closed)
        if (emit(CloseChat{state_.chats[c].id, Actor{ActorKind::process, ""}})) ++day_.summary.closes;
  }

  DayParams p_;
  Rng rng_;
  Day day_;
  State state_;
  Timestamp day_start_ = 0, day_end_ = 0, now_ = 0;
  Table<GroupPlan, GroupIx> groups_;
  Table<AgentPlan, AgentIx> agents_;
  Table<ChatPlan, ChatIx> chats_;
  std::vector<WorkWindow> windows_;
  std::vector<bool> sweep_pending_;
  std::vector<DeliveryNote> notes_;
  std::priority_queue<Intent, std::vector<Intent>, Later> intents_;
  std::uint64_t seq_ = 0;
  Events last_events_;
};

void mix(std::uint64_t& h, std::uint64_t v) {
  h ^= v;
  h *= 0x100000001B3ull;
  h ^= h >> 29;
}

void mix(std::uint64_t& h, const std::string& s) {
  for (unsigned char ch : s) {
    h ^= ch;
    h *= 0x100000001B3ull;
  }
  mix(h, s.size());
}

}  // namespace

void digest_event(std::uint64_t& digest, const Event& event) {
  mix(digest, static_cast<std::uint64_t>(event.at));
  mix(digest, event.body.index());
  std::visit(
      [&](const auto& e) {
        if constexpr (requires { e.chat; }) mix(digest, e.chat);
        if constexpr (requires { e.agent; }) mix(digest, e.agent);
        if constexpr (requires { e.to_agent; }) mix(digest, e.to_agent);
        if constexpr (requires { e.credited_agent; }) mix(digest, e.credited_agent);
      },
      event.body);
}

Day generate_day(const DayParams& params) {
  Generator generator(params);
  return generator.run();
}

}  // namespace parley::bench
