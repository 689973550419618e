// Unit tests of core/session_search and core/session_wire: who may search, every filter, both sort
// orders in both directions against a plain reference sort, offset and cursor paging, and the wire forms.
#include "session_search.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "../../bench/day_generator.hpp"
#include "desk_fixture.hpp"
#include "session_wire.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

// sales and support, both accept routing. ann: operator of sales; bo: operator of support;
// sue: supervisor of sales; zed: supervisor of support and sales; root: admin of no group;
// rita: reader of sales.
Desk sessions_desk() {
  Desk desk;
  desk.make_group(at_min(0), "sales", R"({"routing":"accept"})");
  desk.make_group(at_min(0), "support", R"({"routing":"accept"})");
  desk.make_agent(at_min(0), "ann", "sales");
  desk.make_agent(at_min(0), "bo", "support");
  desk.make_agent(at_min(0), "sue", "sales", "supervisor");
  desk.make_agent(at_min(0), "zed", "support,sales", "supervisor");
  desk.make_agent(at_min(0), "root", "", "admin");
  desk.make_agent(at_min(0), "rita", "sales", "reader");
  desk.status(at_min(0), "ann", "online");
  desk.status(at_min(0), "bo", "online");
  // s1 sales Widget "Jörg Müller": ann accepted, closed. s2 support Telegram "bob": bo, open.
  // s3 sales Widget "Carol": waiting. s4 support Widget "dave": bo, paused. s5 sales Telegram "Eve": ann, open.
  desk.ok(at_min(1), R"({"type":"chat.start","chat":"s1","group":"sales","channel":"Widget","client":"Jörg Müller","by":"client"})");
  desk.say(at_min(1), "s1", "client", "My INVOICE is wrong");
  desk.accept(at_min(2), "s1", "ann");
  desk.say(at_min(3), "s1", "agent:ann", "Let me check");
  desk.ok(at_min(4), R"({"type":"chat.start","chat":"s2","group":"support","channel":"Telegram","client":"bob","by":"client"})");
  desk.say(at_min(4), "s2", "client", "password reset please");
  desk.accept(at_min(5), "s2", "bo");
  desk.ok(at_min(6), R"({"type":"chat.start","chat":"s3","group":"sales","channel":"Widget","client":"Carol","by":"client"})");
  desk.say(at_min(6), "s3", "client", "pricing?");
  desk.ok(at_min(7), R"({"type":"chat.start","chat":"s4","group":"support","channel":"widget","client":"dave","by":"client"})");
  desk.accept(at_min(8), "s4", "bo");
  desk.act(at_min(9), "chat.pause", "s4", "agent:bo");
  desk.ok(at_min(10), R"({"type":"chat.start","chat":"s5","group":"sales","channel":"Telegram","client":"Eve","by":"client"})");
  desk.accept(at_min(11), "s5", "ann");
  desk.say(at_min(12), "s1", "client", "thanks, the invoice is fine now");
  desk.act(at_min(13), "chat.close", "s1", "agent:ann");
  desk.say(at_min(14), "s2", "agent:bo", "done");
  return desk;
}

Login as(const Desk& desk, const std::string& agent) {
  const auto login = login_for(desk.state, agent, 0);
  REQUIRE(login.has_value());
  return *login;
}

const Login kBootstrapAdmin{kNoIndex, kRoleAdmin};

// The ids of the page's rows, in order.
std::vector<std::string> ids(const SessionPage& page) {
  std::vector<std::string> out;
  for (const SessionRow& r : page.rows) out.push_back(r.id);
  return out;
}

SessionPage find(const Desk& desk, const Login& login, SessionQuery query) {
  const auto page = find_sessions(desk.state, login, query);
  REQUIRE_MESSAGE(page.ok(), (page.ok() ? "" : page.error().message));
  return page.value();
}

std::string refusal(const Desk& desk, const Login& login, const SessionQuery& query) {
  const auto page = find_sessions(desk.state, login, query);
  return page.ok() ? "accepted" : std::string(error_code_name(page.error().code));
}

// The filtered ids, oldest start first (the query's own walk is in descending order by default).
std::vector<std::string> matching(const Desk& desk, const Login& login, const SessionFilter& filter) {
  SessionQuery query;
  query.filter = filter;
  query.descending = false;
  query.limit = kMaxSessionPage;
  const SessionPage page = find(desk, login, query);
  CHECK(page.total == page.rows.size());
  return ids(page);
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("sessions: admins see every session, supervisors their groups', operators and readers none") {
  const Desk desk = sessions_desk();
  CHECK(matching(desk, kBootstrapAdmin, {}) == Ids{"s1", "s2", "s3", "s4", "s5"});
  CHECK(matching(desk, as(desk, "root"), {}) == Ids{"s1", "s2", "s3", "s4", "s5"});
  CHECK(matching(desk, as(desk, "sue"), {}) == Ids{"s1", "s3", "s5"});
  CHECK(matching(desk, as(desk, "zed"), {}) == Ids{"s1", "s2", "s3", "s4", "s5"});
  CHECK(refusal(desk, as(desk, "ann"), {}) == "forbidden");
  CHECK(refusal(desk, as(desk, "rita"), {}) == "forbidden");
  CHECK(refusal(desk, Login{kNoIndex, kRoleOperator | kRoleSupervisor}, {}) == "forbidden");
  CHECK(may_search_sessions(desk.state, as(desk, "sue")) == std::nullopt);
  CHECK(may_search_sessions(desk.state, as(desk, "bo")).has_value());

  SessionQuery other_group;
  other_group.filter.group = "support";
  CHECK(refusal(desk, as(desk, "sue"), other_group) == "forbidden");
  other_group.filter.group = "nowhere";
  CHECK(refusal(desk, as(desk, "sue"), other_group) == "unknown_group");
  SessionQuery unknown_agent;
  unknown_agent.filter.agent = "nobody";
  CHECK(refusal(desk, as(desk, "sue"), unknown_agent) == "bad_command");
}

TEST_CASE("sessions: each filter narrows to the sessions it names") {
  Desk desk = sessions_desk();
  const Login admin = kBootstrapAdmin;
  const auto with = [](auto set) {
    SessionFilter f;
    set(f);
    return f;
  };
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.group = "sales"; })) == Ids{"s1", "s3", "s5"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.agent = "bo"; })) == Ids{"s2", "s4"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.agent = "ann"; })) == Ids{"s1", "s5"});  // s1: closed, kept its agent
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.state = ChatState::queued; })) == Ids{"s3"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.state = ChatState::open; })) == Ids{"s2", "s5"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.state = ChatState::paused; })) == Ids{"s4"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.state = ChatState::closed; })) == Ids{"s1"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.channel = "WIDGET"; })) == Ids{"s1", "s3", "s4"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.channel = "Widg"; })).empty());  // the whole name
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.customer = "muller"; })) == Ids{"s1"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.customer = "E"; })) == Ids{"s1", "s4", "s5"});  // Müller, dave, Eve
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.from = at_min(4); })) == Ids{"s2", "s3", "s4", "s5"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.to = at_min(6); })) == Ids{"s1", "s2"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) {
          f.from = at_min(4);
          f.to = at_min(7);
        })) == Ids{"s2", "s3"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.text = "invoice"; })) == Ids{"s1"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.text = "DONE"; })) == Ids{"s2"});  // an agent's message too
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.text = "nothing like it"; })).empty());
  CHECK(matching(desk, admin, with([](SessionFilter& f) {
          f.group = "sales";
          f.channel = "widget";
          f.state = ChatState::queued;
        })) == Ids{"s3"});

  desk.state.chats[desk.state.chat_ix("s3")].spam = true;
  desk.state.chats[desk.state.chat_ix("s4")].spam = true;
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.spam = SpamFilter::yes; })) == Ids{"s3", "s4"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.spam = SpamFilter::no; })) == Ids{"s1", "s2", "s5"});
  CHECK(matching(desk, admin, with([](SessionFilter& f) { f.spam = SpamFilter::any; })).size() == 5);
  CHECK(matching(desk, as(desk, "sue"), with([](SessionFilter& f) { f.spam = SpamFilter::yes; })) == Ids{"s3"});

  SessionQuery backwards;
  backwards.filter.from = at_min(5);
  backwards.filter.to = at_min(4);
  CHECK(refusal(desk, admin, backwards) == "bad_command");
}

TEST_CASE("sessions: rows carry the session's fields") {
  const Desk desk = sessions_desk();
  SessionQuery query;
  query.filter.customer = "jörg";
  const SessionPage page = find(desk, kBootstrapAdmin, query);
  REQUIRE(page.rows.size() == 1);
  const SessionRow& r = page.rows[0];
  CHECK(r.id == "s1");
  CHECK(r.number == desk.chat("s1").number);
  CHECK(r.group == "sales");
  CHECK(r.agent == "ann");
  CHECK(r.state == ChatState::closed);
  CHECK(r.channel == "Widget");
  CHECK(r.customer == "Jörg Müller");
  CHECK(r.started == at_min(1));
  CHECK(r.last_activity == at_min(13));
  CHECK(r.messages == 3);
  CHECK(!r.spam);
  query.filter.customer = "carol";
  CHECK(find(desk, kBootstrapAdmin, query).rows.at(0).agent.empty());
}

TEST_CASE("sessions: sorted by start or last activity, both ways") {
  const Desk desk = sessions_desk();
  SessionQuery query;
  query.limit = 10;
  CHECK(ids(find(desk, kBootstrapAdmin, query)) == Ids{"s5", "s4", "s3", "s2", "s1"});
  query.descending = false;
  CHECK(ids(find(desk, kBootstrapAdmin, query)) == Ids{"s1", "s2", "s3", "s4", "s5"});
  // Last activity: s2 14, s1 13 (closed), s5 11 (accepted), s4 9 (paused), s3 6.
  query.sort = SessionSort::last_activity;
  query.descending = true;
  Ids latest_first;
  for (const SessionRow& r : find(desk, kBootstrapAdmin, query).rows) latest_first.push_back(r.id);
  std::vector<const Chat*> reference;
  for (const Chat& c : desk.state.chats) reference.push_back(&c);
  std::sort(reference.begin(), reference.end(), [](const Chat* a, const Chat* b) {
    return std::pair(a->last_activity, a->number) > std::pair(b->last_activity, b->number);
  });
  Ids expected;
  for (const Chat* c : reference) expected.push_back(c->id);
  CHECK(latest_first == expected);
  CHECK(latest_first.front() == "s2");
  query.descending = false;
  std::reverse(expected.begin(), expected.end());
  CHECK(ids(find(desk, kBootstrapAdmin, query)) == expected);
}

TEST_CASE("sessions: offset and limit page; the total counts every match; bad limits are refused") {
  const Desk desk = sessions_desk();
  SessionQuery query;
  query.limit = 2;
  SessionPage first = find(desk, kBootstrapAdmin, query);
  CHECK(ids(first) == Ids{"s5", "s4"});
  CHECK(first.total == 5);
  REQUIRE(first.next.has_value());
  query.offset = 2;
  CHECK(ids(find(desk, kBootstrapAdmin, query)) == Ids{"s3", "s2"});
  query.offset = 4;
  const SessionPage last = find(desk, kBootstrapAdmin, query);
  CHECK(ids(last) == Ids{"s1"});
  CHECK(!last.next.has_value());
  CHECK(last.total == 5);
  query.offset = 9;
  CHECK(find(desk, kBootstrapAdmin, query).rows.empty());
  query.count_total = false;
  query.offset = 0;
  CHECK(find(desk, kBootstrapAdmin, query).total == 0);
  query.limit = 0;
  CHECK(refusal(desk, kBootstrapAdmin, query) == "bad_command");
  query.limit = kMaxSessionPage + 1;
  CHECK(refusal(desk, kBootstrapAdmin, query) == "bad_command");
}

TEST_CASE("sessions: cursor pages of a generated day visit each match once, in the reference order") {
  bench::DayParams params;
  params.agents = 12;
  params.groups = 3;
  params.sessions = 300;
  params.messages = 2500;
  params.seed = 77;
  const bench::Day day = bench::generate_day(params);
  State state;
  for (const bench::TimedCommand& c : day.commands) handle(state, c.command, c.at);
  REQUIRE(state.chats.size() > 200);
  const Login admin = kBootstrapAdmin;
  for (const SessionSort sort : {SessionSort::started, SessionSort::last_activity})
    for (const bool descending : {true, false})
      for (const std::optional<ChatState> state_filter : {std::optional<ChatState>(), std::optional(ChatState::closed)}) {
        CAPTURE(static_cast<int>(sort));
        CAPTURE(descending);
        std::vector<const Chat*> reference;
        for (const Chat& c : state.chats)
          if (!state_filter || c.state == *state_filter) reference.push_back(&c);
        std::sort(reference.begin(), reference.end(), [&](const Chat* a, const Chat* b) {
          const auto ka = std::pair(sort == SessionSort::started ? a->started_at : a->last_activity, a->number);
          const auto kb = std::pair(sort == SessionSort::started ? b->started_at : b->last_activity, b->number);
          return descending ? ka > kb : ka < kb;
        });
        SessionQuery query;
        query.sort = sort;
        query.descending = descending;
        query.limit = 17;
        if (state_filter) query.filter.state = *state_filter;
        std::vector<std::string> walked;
        std::size_t pages = 0;
        for (;;) {
          const auto page = find_sessions(state, admin, query);
          REQUIRE(page.ok());
          CHECK(page.value().total == reference.size());
          for (const SessionRow& r : page.value().rows) walked.push_back(r.id);
          ++pages;
          if (!page.value().next) break;
          query.after = page.value().next;
          REQUIRE(pages < 100);
        }
        REQUIRE(walked.size() == reference.size());
        for (std::size_t i = 0; i < walked.size(); ++i) CHECK(walked[i] == reference[i]->id);
      }
}

TEST_CASE("sessions: a cursor keeps its place when sessions start between pages") {
  Desk desk = sessions_desk();
  SessionQuery query;
  query.limit = 2;
  query.descending = false;
  const SessionPage first = find(desk, kBootstrapAdmin, query);
  CHECK(ids(first) == Ids{"s1", "s2"});
  desk.client_starts(at_min(20), "s6", "sales");
  query.after = first.next;
  const SessionPage second = find(desk, kBootstrapAdmin, query);
  CHECK(ids(second) == Ids{"s3", "s4"});
  CHECK(second.total == 6);
  query.after = second.next;
  CHECK(ids(find(desk, kBootstrapAdmin, query)) == Ids{"s5", "s6"});
}

TEST_CASE("sessions wire: parameters are read with named errors and written back") {
  const auto parse = [](const Json& params) { return session_query_from_params(params); };
  const auto error = [&](const Json& params) {
    const auto q = parse(params);
    return q.ok() ? std::string("accepted") : q.error().message;
  };
  const auto q = parse(Json{{"group", "sales"}, {"agent", "ann"}, {"state", "paused"}, {"channel", "Widget"},
                            {"customer", "jö"}, {"spam", "no"}, {"from", "2026-01-05T09:00:00Z"},
                            {"to", "2026-01-06T09:00:00Z"}, {"text", "invoice"}, {"sort", "last_activity"},
                            {"order", "asc"}, {"offset", "40"}, {"limit", "20"}, {"after", "1767603600000.7"}});
  REQUIRE(q.ok());
  const SessionQuery& query = q.value();
  CHECK(query.filter.group == "sales");
  CHECK(query.filter.state == ChatState::paused);
  CHECK(query.filter.spam == SpamFilter::no);
  CHECK(query.filter.from == parley::test::utc("2026-01-05T09:00:00Z"));
  CHECK(query.sort == SessionSort::last_activity);
  CHECK(!query.descending);
  CHECK(query.offset == 40);
  CHECK(query.limit == 20);
  CHECK(query.after == SessionCursor{1767603600000, 7});
  const auto again = parse(session_query_to_params(query));
  REQUIRE(again.ok());
  CHECK(session_query_to_params(again.value()) == session_query_to_params(query));
  CHECK(parse(Json::object()).value().limit == kDefaultSessionPage);

  CHECK(error(Json{{"colour", "red"}}) == "unknown parameter 'colour'");
  CHECK(error(Json{{"state", "waiting"}}).find("'state'") != std::string::npos);
  CHECK(error(Json{{"spam", "maybe"}}).find("'spam'") != std::string::npos);
  CHECK(error(Json{{"from", "yesterday"}}).find("'from'") != std::string::npos);
  CHECK(error(Json{{"from", "2026-01-05T09:00:00Z"}, {"to", "2026-01-04T09:00:00Z"}}) == "'to' is earlier than 'from'");
  CHECK(error(Json{{"sort", "number"}}).find("'sort'") != std::string::npos);
  CHECK(error(Json{{"order", "up"}}).find("'order'") != std::string::npos);
  CHECK(error(Json{{"offset", "-1"}}).find("'offset'") != std::string::npos);
  CHECK(error(Json{{"limit", "0"}}).find("'limit'") != std::string::npos);
  CHECK(error(Json{{"limit", "501"}}).find("'limit'") != std::string::npos);
  CHECK(error(Json{{"limit", "12x"}}).find("'limit'") != std::string::npos);
  CHECK(error(Json{{"after", "abc"}}).find("'after'") != std::string::npos);
  CHECK(error(Json{{"group", 3}}).find("'group'") != std::string::npos);
}

TEST_CASE("sessions wire: a page goes to JSON and back; CSV quotes and neutralises cells") {
  const Desk desk = sessions_desk();
  SessionQuery query;
  query.limit = 3;
  const SessionPage page = find(desk, kBootstrapAdmin, query);
  const Json json = session_page_to_json(page);
  CHECK(json["total"] == 5);
  CHECK(json["rows"][0]["state"] == "open");
  CHECK(json["rows"][1]["agent"] == "bo");
  CHECK(json["rows"][2]["agent"].is_null());
  CHECK(json["next"] == session_cursor_text(*page.next));
  const auto back = session_page_from_json(json);
  REQUIRE(back.ok());
  CHECK(back.value().rows == page.rows);
  CHECK(back.value().total == page.total);
  CHECK(back.value().next == page.next);
  Json broken = json;
  broken["rows"][1]["messages"] = "many";
  CHECK(!session_page_from_json(broken).ok());

  CHECK(session_csv_header() == "id,number,group,agent,state,channel,customer,started,last_activity,messages,spam\r\n");
  SessionRow row;
  row.id = "c1";
  row.number = 4;
  row.group = "sales";
  row.state = ChatState::closed;
  row.channel = "Widget";
  row.started = parley::test::utc("2026-01-05T09:00:00Z");
  row.last_activity = parley::test::utc("2026-01-05T09:30:00Z");
  row.messages = 2;
  row.spam = true;
  for (const auto& [customer, cell] : std::vector<std::pair<std::string, std::string>>{
           {"=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
           {"+1 555", "'+1 555"},
           {"-2", "'-2"},
           {"@me", "'@me"},
           {"\tx", "'\tx"},
           {"\rx", "\"'\rx\""},
           {"Smith, Ann", "\"Smith, Ann\""},
           {"line\nbreak", "\"line\nbreak\""},
           {"plain", "plain"}}) {
    row.customer = customer;
    CHECK(session_csv_line(row) ==
          "c1,4,sales,,closed,Widget," + cell + ",2026-01-05T09:00:00Z,2026-01-05T09:30:00Z,2,yes\r\n");
  }
}
