// The demo simulator: customers arrive, write and go quiet; Ann and Nikos accept, answer, close
// and take breaks; the user's messages get delivery reports (now and then a failure to resend).
#include "demo.hpp"

#include <algorithm>
#include <array>

#include "routing.hpp"

namespace parley::web {

namespace {

constexpr std::array<const char*, 2> kSimAgents{"ann", "niko"};

constexpr std::array<const char*, 12> kCustomers{
    "Bob Stone",     "María García",   "Jürgen Weiß",      "Ольга Петрова", "Иван Смирнов", "Ελένη Παπαδάκη",
    "Γιώργος Νικολάου", "Chloé Martin", "Олександр Коваль", "Zoë Baker",     "Ahmed Khan",   "Aiko Tanaka"};
constexpr std::array<const char*, 3> kChannels{"Widget", "Telegram", "WhatsApp"};
constexpr std::array<const char*, 10> kOpeners{
    "Hello, is the blue one in stock?",
    "Hi! My order hasn't arrived yet.",
    "Здравствуйте! Можно изменить адрес доставки?",
    "Γεια σας, πώς μπορώ να επιστρέψω ένα προϊόν;",
    "Do you ship to Norway?",
    "I was charged twice for the same order.",
    "Can I change my subscription plan?",
    "Guten Tag, funktioniert der Gutschein noch?",
    "Hi, the app says my card was declined but the bank says it's fine.",
    "Bonjour ! Is there a store near Lyon?"};
constexpr std::array<const char*, 10> kFollowUps{
    "Thanks! And how long does delivery take?",
    "OK, what do you need from me?",
    "Спасибо, а сколько это стоит?",
    "Ευχαριστώ πολύ!",
    "It's order 4471, placed last Tuesday.",
    "Great, that works for me.",
    "Hmm, could you check again?",
    "Perfect, thank you!",
    "Can you send me the tracking link?",
    "And if it doesn't fit, can I exchange it?"};
constexpr std::array<const char*, 8> kAgentReplies{
    "Hi! Let me check that for you.",
    "Thanks for waiting — I've found your order.",
    "It ships today; you'll get a tracking link by email.",
    "I've refunded the duplicate charge, it shows in 3–5 days.",
    "Sure, I've updated it for you.",
    "Anything else I can help with?",
    "Yes, that's in stock in all sizes.",
    "Of course — exchanges are free within 30 days."};

bool is_sim_agent(const std::string& id) {
  return std::find(kSimAgents.begin(), kSimAgents.end(), id) != kSimAgents.end();
}

Actor agent_actor(const std::string& id) { return Actor{ActorKind::agent, id}; }

GroupSettings sales_settings() {
  GroupSettings s;
  s.routing = Routing::automatic;
  s.max_active = 3;
  s.close_silent = true;
  s.close_silent_after_min = 6;
  s.transfer_unanswered = true;
  s.transfer_unanswered_after_min = 3;
  s.first_response_min = 2;
  s.next_response_min = 4;
  return s;
}

GroupSettings support_settings() {
  GroupSettings s;
  s.routing = Routing::accept;
  s.max_active = 4;
  s.close_silent = true;
  s.close_silent_after_min = 8;
  s.transfer_unanswered = true;
  s.transfer_unanswered_after_min = 4;
  s.first_response_min = 3;
  return s;
}

// Unclosed sessions of the simulated groups (a big desk's backlog does not count).
int open_chats(const State& state) {
  int n = 0;
  for (const char* id : {"sales", "support"}) {
    const auto g = state.group_ix(id);
    if (state.lists.groups.contains(g)) n += static_cast<int>(state.lists.groups[g].unclosed.size());
  }
  return n;
}

GroupSettings backlog_settings() {
  GroupSettings s;
  s.routing = Routing::accept;
  return s;
}

}  // namespace

std::uint64_t Rng::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

long Rng::range(long lo, long hi) {
  if (hi <= lo) return lo;
  return lo + static_cast<long>(next() % static_cast<std::uint64_t>(hi - lo + 1));
}

Demo Demo::create(std::uint64_t seed, Timestamp start, State& state) {
  Demo demo;
  demo.rng_ = Rng(seed);
  demo.clock_ = start - start % kSecond;
  state = State{};
  const Timestamp t = demo.clock_;
  demo.add_desk(state, t, false);
  for (const char* agent : {kUser, "ann", "niko"})
    demo.run(state, SetAgentStatus{agent, AgentStatus::online}, t, nullptr);
  demo.start_simulation(t);
  return demo;
}

Demo Demo::create_big(std::uint64_t seed, Timestamp start, State& state) {
  Demo demo;
  demo.persistent_ = false;
  demo.rng_ = Rng(seed);
  demo.clock_ = start - start % kSecond;
  state = State{};
  const Timestamp t = demo.clock_, long_start = t - 2 * kHour, t0 = long_start - kBigSessions * kSecond;
  demo.add_desk(state, t0, true);
  // The past is seeded through the core only: the simulator does not act on it.
  const auto seed_command = [&](const Command& command, Timestamp at) { return handle(state, command, at).events; };
  for (int i = 0; i < kBigSessions; ++i) {
    const auto n = static_cast<std::size_t>(i);
    const std::string client = std::string(kCustomers[n % kCustomers.size()]) + " " + std::to_string(1000 + i);
    const std::string channel = kChannels[n % kChannels.size()];
    seed_command(StartChat{"b" + std::to_string(i), "backlog", channel, client, Actor{ActorKind::client, {}}},
                 t0 + i * kSecond);
  }
  seed_command(SetAgentStatus{kUser, AgentStatus::online}, long_start);
  seed_command(StartChat{"long", "backlog", "Widget", "Marta Long", agent_actor(kUser)}, long_start);
  std::string paragraph;
  for (int i = 0; i < 5; ++i) paragraph += " The parcel left our warehouse on Monday; the carrier scanned it twice.";
  for (int i = 0; i < kBigTimeline; ++i) {
    const Timestamp at = long_start + (i + 1) * 500;
    const auto line = [&](auto& texts) { return std::string(texts[static_cast<std::size_t>(i) % texts.size()]); };
    std::string text = i % 2 == 0 ? line(kFollowUps) : line(kAgentReplies);
    if (i % 9 == 0) text += paragraph;
    if (i % 2 == 0) {
      seed_command(SendMessage{"long", Actor{ActorKind::client, {}}, text, {}}, at);
      continue;
    }
    for (const Event& event : seed_command(SendMessage{"long", agent_actor(kUser), text, {}}, at))
      if (const auto* message = std::get_if<MessageSent>(&event.body))
        seed_command(SetDelivery{"long", message->message, Delivery::delivered}, at);
  }
  for (const char* agent : kSimAgents) demo.run(state, SetAgentStatus{agent, AgentStatus::online}, t, nullptr);
  demo.start_simulation(t);
  return demo;
}

// Groups and agents; with a backlog, also the user's "Backlog" group (accept routing, no timers).
void Demo::add_desk(State& state, Timestamp t, bool backlog) {
  run(state, CreateGroup{"sales", "Sales", sales_settings()}, t, nullptr);
  run(state, CreateGroup{"support", "Support", support_settings()}, t, nullptr);
  // A messenger conversation is slower than a live widget chat: an agent carries two for one.
  run(state, SetChannel{"WhatsApp", kDefaultChannelWeight / 2, Priority::normal}, t, nullptr);
  std::vector<std::string> groups{"sales", "support"};
  if (backlog) {
    run(state, CreateGroup{"backlog", "Backlog", backlog_settings()}, t, nullptr);
    groups.push_back("backlog");
  }
  run(state, CreateAgent{kUser, "Demo Agent", "You", groups, kRoleOperator | kRoleSupervisor}, t, nullptr);
  run(state, CreateAgent{"ann", "Ann Lee", "Ann", {"sales", "support"}, kRoleOperator}, t, nullptr);
  run(state, CreateAgent{"niko", "Νίκος Παππάς", "Nikos", {"sales", "support"}, kRoleOperator}, t, nullptr);
}

void Demo::start_simulation(Timestamp t) {
  schedule(SimKind::arrival, t + 5 * kSecond);
  for (const char* agent : kSimAgents)
    schedule(SimKind::agent_status, t + rng_.range(15, 40) * kMinute, {}, agent, {},
             static_cast<int>(AgentStatus::dnd));
}

void Demo::set_speed(int speed) { speed_ = std::clamp(speed, kMinSpeed, kMaxSpeed); }

void Demo::schedule(SimKind kind, Timestamp at, std::string chat, std::string agent, std::string message, int value) {
  actions_.insert(SimAction{at, next_seq_++, kind, std::move(chat), std::move(agent), std::move(message), value});
}

void Demo::run(State& state, const Command& command, Timestamp at, Outcome* out) {
  Outcome outcome = handle(state, command, std::max(at, state.last_event_at));
  record(outcome.events);
  observe(state, outcome.events);
  if (out) *out = std::move(outcome);
}

Outcome Demo::submit(State& state, const Command& command) {
  Outcome out;
  run(state, command, clock_, &out);
  return out;
}

void Demo::record(const Events& events) {
  if (persistent_) log_.insert(log_.end(), events.begin(), events.end());
}

std::size_t Demo::step(State& state, Duration real_ms) {
  const std::uint64_t before = state.applied_events;
  const Timestamp target = clock_ + std::max<Duration>(real_ms, 0) * speed_;
  while (!actions_.empty() && actions_.begin()->at <= target) {
    const SimAction action = *actions_.begin();
    actions_.erase(actions_.begin());
    clock_ = std::max(clock_, action.at);
    Events fired = advance(state, std::max(action.at, state.last_event_at));  // timers due first: the action sees their effect
    record(fired);
    observe(state, fired);
    perform(state, action);
  }
  clock_ = target;
  Events fired = advance(state, clock_);
  record(fired);
  observe(state, fired);
  return static_cast<std::size_t>(state.applied_events - before);
}

void Demo::perform(State& state, const SimAction& a) {
  const Timestamp t = std::max(a.at, state.last_event_at);
  const Chat* chat = a.chat.empty() ? nullptr : state.find_chat(a.chat);
  switch (a.kind) {
    case SimKind::arrival: {
      if (open_chats(state) >= 14) {
        schedule(SimKind::arrival, t + rng_.range(60, 180) * kSecond);
        return;
      }
      const std::string id = "d" + std::to_string(next_customer_++);
      const std::string group = rng_.range(0, 9) < 6 ? "sales" : "support";
      const std::string channel = kChannels[static_cast<std::size_t>(rng_.range(0, kChannels.size() - 1))];
      const std::string client = kCustomers[static_cast<std::size_t>(rng_.range(0, kCustomers.size() - 1))];
      plans_[id] = static_cast<int>(rng_.range(1, 3));
      run(state, StartChat{id, group, channel, client, Actor{ActorKind::client, {}}}, t, nullptr);
      run(state, SendMessage{id, Actor{ActorKind::client, {}}, kOpeners[static_cast<std::size_t>(rng_.range(0, kOpeners.size() - 1))], {}},
          t, nullptr);
      schedule(SimKind::arrival, t + rng_.range(40, 240) * kSecond);
      return;
    }
    case SimKind::client_message: {
      if (!chat || chat->state == ChatState::closed) return;
      auto plan = plans_.find(a.chat);
      if (plan == plans_.end() || plan->second <= 0) return;
      --plan->second;
      run(state,
          SendMessage{a.chat, Actor{ActorKind::client, {}}, kFollowUps[static_cast<std::size_t>(rng_.range(0, kFollowUps.size() - 1))], {}},
          t, nullptr);
      return;
    }
    case SimKind::agent_reply: {
      const auto agent = state.agent_ix(a.agent);
      if (!chat || agent == kNoIndex || chat->assignee != agent || chat->state != ChatState::open ||
          chat->last_speaker != Speaker::client)
        return;
      run(state, MarkChatRead{a.chat, a.agent}, t, nullptr);
      run(state,
          SendMessage{a.chat, agent_actor(a.agent), kAgentReplies[static_cast<std::size_t>(rng_.range(0, kAgentReplies.size() - 1))], {}},
          t, nullptr);
      return;
    }
    case SimKind::agent_close: {
      const auto agent = state.agent_ix(a.agent);
      if (!chat || agent == kNoIndex || chat->assignee != agent || chat->state == ChatState::closed) return;
      run(state, CloseChat{a.chat, agent_actor(a.agent)}, t, nullptr);
      return;
    }
    case SimKind::agent_accept: {
      if (!chat || chat->state != ChatState::queued) return;
      for (const char* id : kSimAgents) {
        const auto agent = state.agent_ix(id);
        if (agent == kNoIndex) continue;
        if (!is_member(state.agents[agent], chat->group) ||
            !takes_routed_session(state, agent, chat->group, chat_weight(state, *chat)))
          continue;
        run(state, AcceptChat{a.chat, id}, t, nullptr);
        return;
      }
      schedule(SimKind::agent_accept, t + rng_.range(60, 120) * kSecond, a.chat);
      return;
    }
    case SimKind::delivery: {
      if (!chat) return;
      const auto found = chat->message_index.find(a.message);
      if (found == chat->message_index.end()) return;
      const Delivery now = chat->messages[found->second].delivery;
      const auto wanted = static_cast<Delivery>(a.value);
      if (now == Delivery::error || now == Delivery::read || now == Delivery::none) return;
      if (wanted == Delivery::read && now != Delivery::delivered) return;
      run(state, SetDelivery{a.chat, a.message, wanted}, t, nullptr);
      if (wanted == Delivery::delivered)
        schedule(SimKind::delivery, t + rng_.range(5, 40) * kSecond, a.chat, {}, a.message,
                 static_cast<int>(Delivery::read));
      return;
    }
    case SimKind::agent_status: {
      const auto status = static_cast<AgentStatus>(a.value);
      run(state, SetAgentStatus{a.agent, status}, t, nullptr);
      if (status == AgentStatus::dnd)
        schedule(SimKind::agent_status, t + rng_.range(4, 12) * kMinute, {}, a.agent, {},
                 static_cast<int>(AgentStatus::online));
      else
        schedule(SimKind::agent_status, t + rng_.range(25, 60) * kMinute, {}, a.agent, {},
                 static_cast<int>(AgentStatus::dnd));
      return;
    }
  }
}

void Demo::observe(const State& state, const Events& events) {
  for (const Event& event : events) {
    const Timestamp t = event.at;
    std::visit(
        [&](const auto& e) {
          using E = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<E, ChatStarted>) {
            const Group* group = state.find_group(e.group);
            if (e.by.kind == ActorKind::client && group && group->settings.routing == Routing::accept)
              schedule(SimKind::agent_accept, t + rng_.range(60, 180) * kSecond, e.chat);
          } else if constexpr (std::is_same_v<E, ChatAssigned>) {
            if (is_sim_agent(e.agent)) schedule(SimKind::agent_reply, t + rng_.range(15, 45) * kSecond, e.chat, e.agent);
          } else if constexpr (std::is_same_v<E, ChatTransferred>) {
            if (is_sim_agent(e.to_agent))
              schedule(SimKind::agent_reply, t + rng_.range(15, 45) * kSecond, e.chat, e.to_agent);
          } else if constexpr (std::is_same_v<E, MessageSent>) {
            const Chat* chat = state.find_chat(e.chat);
            if (!chat) return;
            if (e.from.kind == ActorKind::client) {
              if (chat->assignee != kNoIndex && is_sim_agent(state.agents[chat->assignee].id))
                schedule(SimKind::agent_reply, t + rng_.range(20, 70) * kSecond, e.chat, state.agents[chat->assignee].id);
              return;
            }
            if (!e.from.is_agent()) return;
            const auto plan = plans_.find(e.chat);
            if (plan != plans_.end() && plan->second > 0)
              schedule(SimKind::client_message, t + rng_.range(20, 90) * kSecond, e.chat);
            else if (is_sim_agent(e.from.id))
              schedule(SimKind::agent_close, t + rng_.range(20, 60) * kSecond, e.chat, e.from.id);
            {  // the channel reports on every agent message; now and then one of the user's fails
              const bool fails = e.from.id == kUser && rng_.range(0, 9) == 0;
              schedule(SimKind::delivery, t + rng_.range(1, 3) * kSecond, e.chat, {}, e.message,
                       static_cast<int>(fails ? Delivery::error : Delivery::delivered));
            }
          } else if constexpr (std::is_same_v<E, DeliveryChanged>) {
            if (e.status == Delivery::sending)  // a resend: this time it goes through
              schedule(SimKind::delivery, t + 2 * kSecond, e.chat, {}, e.message, static_cast<int>(Delivery::delivered));
          } else if constexpr (std::is_same_v<E, ChatReopened>) {
            plans_[e.chat] += static_cast<int>(rng_.range(1, 2));
          } else if constexpr (std::is_same_v<E, ChatClosed>) {
            plans_.erase(e.chat);
          }
        },
        event.body);
  }
}

Json Demo::meta() const {
  Json actions = Json::array();
  for (const SimAction& a : actions_)
    actions.push_back(Json::array({a.at, a.seq, static_cast<int>(a.kind), a.chat, a.agent, a.message, a.value}));
  Json plans = Json::object();
  for (const auto& [chat, left] : plans_) plans[chat] = left;
  return Json{{"version", 1},        {"rng", rng_.state()},   {"clock", clock_},     {"speed", speed_},
              {"next_customer", next_customer_}, {"next_seq", next_seq_}, {"actions", std::move(actions)},
              {"plans", std::move(plans)},       {"events", log_.size()}};
}

std::optional<Demo> Demo::restore(const Json& meta, const Events& log, State& state) {
  if (!meta.is_object() || meta.value("version", 0) != 1) return std::nullopt;
  const auto number = [&](const char* key) { return meta.contains(key) && meta[key].is_number_integer(); };
  if (!number("rng") || !number("clock") || !number("speed") || !number("next_customer") || !number("next_seq") ||
      !meta.contains("actions") || !meta["actions"].is_array() || !meta.contains("plans") ||
      !meta["plans"].is_object())
    return std::nullopt;
  Demo demo;
  demo.rng_ = Rng(meta["rng"].get<std::uint64_t>());
  demo.clock_ = meta["clock"].get<Timestamp>();
  demo.set_speed(meta["speed"].get<int>());
  demo.next_customer_ = meta["next_customer"].get<std::int64_t>();
  demo.next_seq_ = meta["next_seq"].get<std::uint64_t>();
  for (const Json& a : meta["actions"]) {
    if (!a.is_array() || a.size() != 7 || !a[0].is_number_integer() || !a[1].is_number_integer() ||
        !a[2].is_number_integer() || !a[3].is_string() || !a[4].is_string() || !a[5].is_string() ||
        !a[6].is_number_integer())
      return std::nullopt;
    const int kind = a[2].get<int>();
    if (kind < 0 || kind > static_cast<int>(SimKind::agent_status)) return std::nullopt;
    demo.actions_.insert(SimAction{a[0].get<Timestamp>(), a[1].get<std::uint64_t>(), static_cast<SimKind>(kind),
                                   a[3].get<std::string>(), a[4].get<std::string>(), a[5].get<std::string>(),
                                   a[6].get<int>()});
  }
  for (auto it = meta["plans"].begin(); it != meta["plans"].end(); ++it)
    if (it.value().is_number_integer()) demo.plans_[it.key()] = it.value().get<int>();
  state = State{};
  replay(state, log);
  demo.log_ = log;
  if (state.find_agent(kUser) == nullptr) return std::nullopt;
  if (state.last_event_at > demo.clock_) demo.clock_ = state.last_event_at;
  return demo;
}

std::vector<ResponseTemplate> demo_templates() {
  return {
      {"greeting", "Greeting", "Hello {customer.name}! I'm {agent.nickname} — how can I help you today?", "hi"},
      {"one-moment", "One moment", "Thanks for waiting, I'm checking that for you right now.", "wait"},
      {"order-number", "Ask for the order number", "Could you send me your order number? It starts with #.", "order"},
      {"shipping", "Shipping times", "Orders ship within 1 working day; delivery takes 2–4 days in the EU.", "ship"},
      {"refund", "Refund issued", "I've issued the refund. It shows on your statement within 3–5 working days.", "refund"},
      {"goodbye", "Goodbye", "Is there anything else I can help with? Have a lovely day! ☺", "bye"},
  };
}

}  // namespace parley::web
