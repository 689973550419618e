// The Sessions app's query: who may search, the filter as a matcher over one chat, and the two walks
// (table order for start, the lists' index for last activity) from a cursor.
#include "session_search.hpp"

#include <algorithm>
#include <functional>
#include <utility>

#include "text_fold.hpp"

namespace parley {

namespace {

// Whether the login supervises at least one group (or is an admin).
bool supervises_any(const State& state, const Login& login) {
  if (login_has(login, kRoleAdmin)) return true;
  if (login.agent == kNoIndex || !login_has(login, kRoleSupervisor)) return false;
  return !state.agents[login.agent].groups.empty();
}

// The filter, ready to test chats: ids resolved, needles folded once.
class Matcher {
 public:
  Matcher(const State& state, const Login& login, const SessionFilter& filter)
      : state_(state), login_(login), filter_(filter), customer_(filter.customer), text_(filter.text) {
    group_ = filter.group.empty() ? kNoIndex : state.group_ix(filter.group);
    agent_ = filter.agent.empty() ? kNoIndex : state.agent_ix(filter.agent);
    fold_for_search(filter.channel, channel_);
  }

  bool matches(const Chat& chat) {
    if (chat.forgotten || chat.group == kNoIndex) return false;
    if (!filter_.group.empty() && chat.group != group_) return false;
    if (!filter_.agent.empty() && chat.assignee != agent_) return false;
    if (filter_.state && chat.state != *filter_.state) return false;
    if (filter_.spam == SpamFilter::yes && !chat.spam) return false;
    if (filter_.spam == SpamFilter::no && chat.spam) return false;
    if (filter_.from && chat.started_at < *filter_.from) return false;
    if (filter_.to && chat.started_at >= *filter_.to) return false;
    if (!may_see_session(state_, login_, chat)) return false;
    if (!channel_.empty()) {
      fold_for_search(chat.channel, scratch_);
      if (scratch_ != channel_) return false;
    }
    if (!customer_.empty() && !customer_.matches(chat.client)) return false;
    if (!text_.empty()) {
      for (const Message& message : chat.messages)
        if (text_.matches(message.text)) return true;
      return false;
    }
    return true;
  }

 private:
  const State& state_;
  const Login& login_;
  const SessionFilter& filter_;
  GroupIx group_ = kNoIndex;
  AgentIx agent_ = kNoIndex;
  std::string channel_, scratch_;
  TextMatcher customer_, text_;
};

SessionRow row_of(const State& state, const Chat& chat) {
  SessionRow row;
  row.id = chat.id;
  row.number = chat.number;
  row.group = state.groups[chat.group].id;
  row.agent = chat.assignee == kNoIndex ? std::string() : state.agents[chat.assignee].id;
  row.state = chat.state;
  row.channel = chat.channel;
  row.customer = chat.client;
  row.started = chat.started_at;
  row.last_activity = chat.last_activity;
  row.messages = chat.messages.size();
  row.spam = chat.spam;
  return row;
}

// Calls `visit` with chats in start order from just after `after`, until it returns false.
void walk_started(const State& state, bool descending, const std::optional<SessionCursor>& after,
                  const std::function<bool(ChatIx)>& visit) {
  const std::size_t n = state.chats.size();
  const auto key_below = [&](std::size_t i, const SessionCursor& c) {
    const Chat& chat = state.chats[ChatIx{i}];
    return std::pair(chat.started_at, chat.number) < std::pair(c.at, c.number);
  };
  // First position whose key is not below the cursor (table order is start order).
  const auto first_not_below = [&](const SessionCursor& c) {
    std::size_t lo = 0, hi = n;
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (key_below(mid, c)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  if (!descending) {
    std::size_t i = 0;
    if (after) {
      i = first_not_below(*after);
      if (i < n && state.chats[ChatIx{i}].started_at == after->at && state.chats[ChatIx{i}].number == after->number)
        ++i;
    }
    for (; i < n; ++i)
      if (!visit(ChatIx{i})) return;
  } else {
    std::size_t end = after ? first_not_below(*after) : n;
    for (std::size_t i = end; i > 0; --i)
      if (!visit(ChatIx{i - 1})) return;
  }
}

// Calls `visit` with chats in last-activity order from just after `after`, until it returns false.
// Every filed chat is in exactly one of the two lists, each latest first (RecentEntry's order).
void walk_last_activity(const State& state, bool descending, const std::optional<SessionCursor>& after,
                        const std::function<bool(ChatIx)>& visit) {
  const OrderedRows<RecentEntry>* lists[2] = {&state.lists.unclosed, &state.lists.closed};
  std::size_t pos[2], stop[2];
  for (int s = 0; s < 2; ++s) {
    const OrderedRows<RecentEntry>& rows = *lists[s];
    if (!descending) {
      // Oldest first: walk positions downward from those strictly more recent than the cursor.
      pos[s] = after ? rows.count_less(RecentEntry{after->at, after->number, ChatIx{0xFFFFFFFEu}}) : rows.size();
      stop[s] = 0;
    } else {
      // Latest first: from the first entry older than the cursor (same time, lower number counts as older).
      pos[s] = after ? rows.count_less(RecentEntry{after->at, after->number - 1, ChatIx{0xFFFFFFFEu}}) : 0;
      stop[s] = rows.size();
    }
  }
  const auto has = [&](int s) { return descending ? pos[s] < stop[s] : pos[s] > stop[s]; };
  const auto peek = [&](int s) -> const RecentEntry& { return lists[s]->at(descending ? pos[s] : pos[s] - 1); };
  while (has(0) || has(1)) {
    int s = has(0) ? 0 : 1;
    if (has(0) && has(1)) {
      const bool first_before = peek(0) < peek(1);
      s = (first_before == descending) ? 0 : 1;
    }
    const ChatIx chat = peek(s).chat;
    if (descending) ++pos[s];
    else --pos[s];
    if (!visit(chat)) return;
  }
}

}  // namespace

std::optional<Error> may_search_sessions(const State& state, const Login& login) {
  if (supervises_any(state, login)) return std::nullopt;
  return fail(ErrorCode::forbidden, "only admins and supervisors may search sessions");
}

bool may_see_session(const State& state, const Login& login, const Chat& chat) {
  if (login_has(login, kRoleAdmin)) return true;
  if (login.agent == kNoIndex || chat.group == kNoIndex) return false;
  return may_supervise(state.agents[login.agent], chat.group);
}

SessionCursor session_cursor(const Chat& chat, SessionSort sort) {
  return SessionCursor{sort == SessionSort::started ? chat.started_at : chat.last_activity, chat.number};
}

Result<SessionPage> find_sessions(const State& state, const Login& login, const SessionQuery& query) {
  if (auto refusal = may_search_sessions(state, login)) return *refusal;
  const SessionFilter& filter = query.filter;
  if (query.limit == 0 || query.limit > kMaxSessionPage)
    return fail(ErrorCode::bad_command, "limit must be 1 to " + std::to_string(kMaxSessionPage));
  if (filter.from && filter.to && *filter.to < *filter.from)
    return fail(ErrorCode::bad_command, "'to' is earlier than 'from'");
  if (!filter.agent.empty() && state.agent_ix(filter.agent) == kNoIndex)
    return fail(ErrorCode::bad_command, "no agent " + filter.agent);
  if (!filter.group.empty()) {
    const GroupIx group = state.group_ix(filter.group);
    if (group == kNoIndex) return fail(ErrorCode::unknown_group, "no group " + filter.group);
    if (!login_has(login, kRoleAdmin) && !may_supervise(state.agents[login.agent], group))
      return fail(ErrorCode::forbidden, "this login does not supervise group " + filter.group);
  }

  SessionPage page;
  Matcher matcher(state, login, filter);
  if (query.count_total)
    for (const Chat& chat : state.chats)
      if (matcher.matches(chat)) ++page.total;

  std::size_t skip = query.offset;
  std::optional<ChatIx> last;
  bool more = false;
  const auto visit = [&](ChatIx ix) {
    const Chat& chat = state.chats[ix];
    if (!matcher.matches(chat)) return true;
    if (skip > 0) {
      --skip;
      return true;
    }
    if (page.rows.size() == query.limit) {
      more = true;
      return false;
    }
    page.rows.push_back(row_of(state, chat));
    last = ix;
    return true;
  };
  if (query.sort == SessionSort::started) walk_started(state, query.descending, query.after, visit);
  else walk_last_activity(state, query.descending, query.after, visit);
  if (more && last) page.next = session_cursor(state.chats[*last], query.sort);
  return page;
}

}  // namespace parley
