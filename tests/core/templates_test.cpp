// Response templates' rules in the core: which templates a login may use and change by scope, the
// `/shortcut` typed in the composer, and placeholders filled from the desk's state.
#include <doctest/doctest.h>

#include "desk_fixture.hpp"
#include "templates.hpp"

namespace parley::test {

namespace {

struct TemplateDesk : Desk {
  TemplateDesk() {
    make_group(kT0, "sales");
    make_group(kT0, "support");
    make_agent(kT0, "ann", "sales");
    make_agent(kT0, "sue", "sales", "operator,supervisor");
    make_agent(kT0, "zed", "support");
    make_agent(kT0, "boss", "", "admin");
    ok(kT0, R"({"type":"agent.update","agent":"ann","name":"Ann Lee","nickname":"Annie","groups":["sales"],"roles":["operator"]})");
    ok(kT0, R"({"type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"Bob Stone","by":"client"})");
  }
  Login login(const std::string& agent) const { return *login_for(state, agent, 0); }
};

const TemplateScope kDesk{};
const TemplateScope kSales{"sales", ""};
const TemplateScope kAnns{"", "ann"};

}  // namespace

TEST_CASE_FIXTURE(TemplateDesk, "who may use a template: desk-wide all, a group's its readers, one's own its agent") {
  CHECK(may_use_template(state, login("ann"), kDesk));
  CHECK(may_use_template(state, login("zed"), kDesk));
  CHECK(may_use_template(state, login("ann"), kSales));
  CHECK_FALSE(may_use_template(state, login("zed"), kSales));
  CHECK(may_use_template(state, login("boss"), kSales));
  CHECK(may_use_template(state, login("ann"), kAnns));
  CHECK_FALSE(may_use_template(state, login("sue"), kAnns));
  CHECK_FALSE(may_use_template(state, login("boss"), kAnns));  // someone's own stays theirs
  CHECK_FALSE(may_use_template(state, login("ann"), TemplateScope{"gone", ""}));
}

TEST_CASE_FIXTURE(TemplateDesk, "who may change a template: admins, a group's supervisors, an agent their own") {
  CHECK(may_change_template(state, login("boss"), kDesk));
  CHECK_FALSE(may_change_template(state, login("sue"), kDesk));
  CHECK(may_change_template(state, login("sue"), kSales));
  CHECK_FALSE(may_change_template(state, login("ann"), kSales));
  CHECK_FALSE(may_change_template(state, login("sue"), TemplateScope{"support", ""}));
  CHECK(may_change_template(state, login("ann"), kAnns));
  CHECK_FALSE(may_change_template(state, login("zed"), kAnns));
}

TEST_CASE_FIXTURE(TemplateDesk, "a scope names a known group or agent, not both") {
  CHECK_FALSE(template_scope_refusal(state, kDesk));
  CHECK_FALSE(template_scope_refusal(state, kSales));
  CHECK_FALSE(template_scope_refusal(state, kAnns));
  CHECK(template_scope_refusal(state, TemplateScope{"sales", "ann"}).value() ==
        "a template belongs to a group or to an agent, not both");
  CHECK(template_scope_refusal(state, TemplateScope{"nope", ""}).value() == "no group nope");
  CHECK(template_scope_refusal(state, TemplateScope{"", "nobody"}).value() == "no agent nobody");
}

TEST_CASE("shortcuts: what may be one, what the composer is typing, and what it matches") {
  CHECK(valid_shortcut(""));
  CHECK(valid_shortcut("ship"));
  CHECK(valid_shortcut("re-fund_2"));
  CHECK_FALSE(valid_shortcut("Ship"));
  CHECK_FALSE(valid_shortcut("ship it"));
  CHECK_FALSE(valid_shortcut("/ship"));
  CHECK_FALSE(valid_shortcut("größe"));
  CHECK_FALSE(valid_shortcut(std::string(kMaxShortcutBytes + 1, 'a')));
  CHECK(typed_shortcut("/").value().empty());
  CHECK(typed_shortcut("/sh").value() == "sh");
  CHECK(typed_shortcut("/SH").value() == "SH");
  CHECK_FALSE(typed_shortcut("sh"));
  CHECK_FALSE(typed_shortcut("/sh it"));
  CHECK_FALSE(typed_shortcut("a /sh"));
  CHECK(shortcut_matches("ship", ""));
  CHECK(shortcut_matches("ship", "sh"));
  CHECK(shortcut_matches("ship", "SHIP"));
  CHECK_FALSE(shortcut_matches("ship", "ships"));
  CHECK_FALSE(shortcut_matches("ship", "hi"));
  CHECK_FALSE(shortcut_matches("", ""));
}

TEST_CASE_FIXTURE(TemplateDesk, "placeholders are filled from the session, its group and the agent") {
  const AgentIx ann = state.agent_ix("ann");
  const Chat& c1 = chat("c1");
  CHECK(fill_placeholders(state, &c1, ann, "Hi {customer.name}, {agent.nickname} ({agent.name}) here about #{chat.number} "
                                          "in {group.name}.") == "Hi Bob Stone, Annie (Ann Lee) here about #1 in sales.");
  CHECK(fill_placeholders(state, &c1, state.agent_ix("zed"), "{agent.nickname}") == "zed Name");  // no nickname: the name
  CHECK(fill_placeholders(state, &c1, ann, "{customer.email} {agent.name") == "{customer.email} {agent.name");
  CHECK(fill_placeholders(state, nullptr, ann, "Hi {customer.name}, {agent.name}") == "Hi {customer.name}, Ann Lee");
  CHECK(fill_placeholders(state, &c1, kNoIndex, "{agent.name}: {chat.number}") == "{agent.name}: 1");
  CHECK(fill_placeholders(state, &c1, ann, "") == "");
}

}  // namespace parley::test
