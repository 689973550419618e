// Customers, contacts, cases and leads in the core: a customer is known across sessions by their id on
// the channel, a contact's access follows the groups of its customers' sessions, merges move links,
// bad input changes nothing, erasure drops the customer and the link, and replay rebuilds all of it.
#include <doctest/doctest.h>

#include "audit_entry.hpp"
#include "contact_wire.hpp"
#include "contacts.hpp"
#include "desk_fixture.hpp"
#include "erasure.hpp"

namespace parley::test {

namespace {

struct ContactDesk : Desk {
  ContactDesk() {
    make_group(kT0, "sales");
    make_group(kT0, "support");
    make_agent(kT0, "ann", "sales");
    make_agent(kT0, "rita", "sales", "reader");
    make_agent(kT0, "zed", "support");
    status(kT0, "ann", "online");
    status(kT0, "zed", "online");
  }
  // A widget session of visitor `visitor` whose shown name is `name`.
  void visit(Timestamp at, const std::string& chat, const std::string& group, const std::string& visitor,
             const std::string& name = "Bob") {
    ok(at, R"({"type":"chat.start","chat":")" + chat + R"(","group":")" + group +
               R"(","channel":"Widget","client":")" + name + R"(","customer":")" + visitor + R"(","by":"client"})");
  }
  Login login(const std::string& agent) const { return *login_for(state, agent, 0); }
  ContactAccess access(const std::string& agent, const std::string& contact) const {
    return contact_access(state, login(agent), state.contacts.at(contact));
  }
  std::string chat_contact_id(const std::string& chat_id) const {
    const Contact* contact = chat_contact(state, chat(chat_id));
    return contact ? contact->id : "";
  }
  // Everything the desk keeps, contacts, customers, cases and leads included.
  std::string fingerprint_all() const {
    Json out = Json::parse(fingerprint(state, at_min(60)));
    const Login admin{kNoIndex, kRoleAdmin};
    for (const auto& [id, contact] : state.contacts) out["contacts"][id] = contact_detail_json(state, admin, contact);
    for (const auto& [key, customer] : state.customers)
      out["customers"].push_back(Json::array({key.channel, key.id, customer.chats.size(), customer.contact}));
    out["cases"] = state.cases.size();
    out["leads"] = state.leads.size();
    out["next_contact"] = state.next_contact_number;
    return out.dump();
  }
  std::vector<std::string> earlier(const std::string& chat_id) const {
    std::vector<std::string> ids;
    for (ChatIx c : earlier_sessions(state, chat(chat_id))) ids.push_back(state.chats[c].id);
    return ids;
  }
};

}  // namespace

TEST_CASE("a returning customer: the same id on the same channel, whatever name they give") {
  ContactDesk d;
  d.visit(at_min(1), "c1", "sales", "v-1", "Bob");
  d.act(at_min(2), "chat.close", "c1", "process");
  d.visit(at_min(3), "c2", "support", "v-2", "Bob");  // another visitor with the same name
  d.visit(at_min(4), "c3", "sales", "v-1", "Robert");
  CHECK(d.earlier("c3") == std::vector<std::string>{"c1"});
  CHECK(d.earlier("c1").empty());
  CHECK(d.earlier("c2").empty());
  CHECK(d.chat("c3").customer == "v-1");
  // Without a customer id the shown name is the identity (the runner's and older logs' form).
  d.client_starts(at_min(5), "c4", "sales", "eve");
  d.client_starts(at_min(6), "c5", "sales", "eve");
  CHECK(d.earlier("c5") == std::vector<std::string>{"c4"});
  // The history lists only the sessions the reader may read.
  const Json seen_by_zed = customer_history_json(d.state, d.login("zed"), d.chat("c3"));
  CHECK(seen_by_zed["history"].empty());
  const Json seen_by_ann = customer_history_json(d.state, d.login("ann"), d.chat("c3"));
  REQUIRE(seen_by_ann["history"].size() == 1);
  CHECK(seen_by_ann["history"][0]["chat"] == "c1");
  CHECK(seen_by_ann["customer"] == "v-1");
}

TEST_CASE("contacts: who may see and change them follows the groups of their customers' sessions") {
  ContactDesk d;
  d.visit(at_min(1), "c1", "sales", "v-1");
  d.ok(at_min(2), R"({"type":"contact.create","name":"Bob Ray","email":"bob@example.com","by":"agent:ann"})");
  REQUIRE(d.state.contacts.count("contact-1"));
  // Not linked yet: everyone who works sessions may see and change it.
  CHECK(d.access("zed", "contact-1") == ContactAccess::work);
  CHECK(d.access("rita", "contact-1") == ContactAccess::read);
  // zed may not link a sales session; ann may.
  CHECK(d.refusal(at_min(3), R"({"type":"customer.link","chat":"c1","contact":"contact-1","by":"agent:zed"})") ==
        "not_member");
  d.ok(at_min(3), R"({"type":"customer.link","chat":"c1","contact":"contact-1","by":"agent:ann"})");
  CHECK(d.access("ann", "contact-1") == ContactAccess::work);
  CHECK(d.access("rita", "contact-1") == ContactAccess::read);
  CHECK(d.access("zed", "contact-1") == ContactAccess::none);
  CHECK(d.refusal(at_min(4), R"({"type":"contact.update","contact":"contact-1","name":"X","by":"agent:zed"})") ==
        "unknown_contact");
  CHECK(d.refusal(at_min(4), R"({"type":"contact.update","contact":"contact-1","name":"X","by":"agent:rita"})") ==
        "forbidden");
  CHECK(search_contacts(d.state, d.login("zed"), "bob", 10).empty());
  CHECK(search_contacts(d.state, d.login("rita"), "BOB", 10).size() == 1);
  CHECK(search_contacts(d.state, d.login("ann"), "example.com", 10).size() == 1);
  // A support session of the same customer opens it to zed as well.
  d.visit(at_min(5), "c2", "support", "v-1");
  CHECK(d.access("zed", "contact-1") == ContactAccess::work);
  CHECK(d.chat_contact_id("c2") == "contact-1");
}

TEST_CASE("bad input is refused with a clear error and changes nothing") {
  ContactDesk d;
  d.visit(at_min(1), "c1", "sales", "v-1");
  const std::string before = d.fingerprint_all();
  CHECK(d.refusal(at_min(2), R"({"type":"contact.create","name":"  ","by":"agent:ann"})") == "bad_command");
  CHECK(d.refusal(at_min(2), R"({"type":"contact.create","name":"Bob","email":"not-an-address","by":"agent:ann"})") ==
        "bad_command");
  CHECK(d.refusal(at_min(2), R"({"type":"contact.create","name":"Bob","phone":"call me","by":"agent:ann"})") ==
        "bad_command");
  CHECK(d.refusal(at_min(2), R"({"type":"contact.create","name":"Bob","by":"ann"})") == "bad_command");
  CHECK(d.refusal(at_min(2), R"({"type":"contact.create","name":"Bob","by":"agent:nobody"})") == "unknown_agent");
  CHECK(d.refusal(at_min(2), R"({"type":"contact.create","name":"Bob","by":"agent:rita"})") == "forbidden");
  CHECK(d.refusal(at_min(2), R"({"type":"case.create","chat":"c1","subject":"","by":"agent:ann"})") == "bad_command");
  const auto unknown_status =
      command_from_json(*parse_json(R"({"type":"case.create","chat":"c1","subject":"x","status":"lost","by":"agent:ann"})"));
  REQUIRE_FALSE(unknown_status.ok());
  CHECK(unknown_status.error().message == "field 'status' must be one of open, pending, resolved, closed");
  CHECK(d.refusal(at_min(2), R"({"type":"case.create","chat":"nope","subject":"x","by":"agent:ann"})") == "unknown_chat");
  CHECK(d.refusal(at_min(2), R"({"type":"lead.create","chat":"c1","subject":"x","value":-1,"by":"agent:ann"})") ==
        "bad_command");
  CHECK(d.refusal(at_min(2), R"({"type":"lead.create","chat":"c1","subject":"x","by":"agent:zed"})") == "not_member");
  CHECK(d.refusal(at_min(2), R"({"type":"customer.link","chat":"c1","contact":"none","by":"agent:ann"})") ==
        "unknown_contact");
  CHECK(d.fingerprint_all() == before);
}

TEST_CASE("merging moves every customer link; cases and leads follow their sessions") {
  ContactDesk d;
  d.visit(at_min(1), "c1", "sales", "v-1");
  d.visit(at_min(2), "c2", "sales", "v-2");
  d.ok(at_min(3), R"({"type":"contact.create","contact":"bob","name":"Bob","by":"agent:ann"})");
  d.ok(at_min(3), R"({"type":"contact.create","contact":"bobby","name":"Bobby","by":"agent:ann"})");
  d.ok(at_min(4), R"({"type":"customer.link","chat":"c1","contact":"bob","by":"agent:ann"})");
  d.ok(at_min(4), R"({"type":"customer.link","chat":"c2","contact":"bobby","by":"agent:ann"})");
  d.ok(at_min(5), R"({"type":"case.create","chat":"c2","subject":"Refund","priority":"high","by":"agent:ann"})");
  d.ok(at_min(5), R"({"type":"lead.create","chat":"c1","subject":"Upgrade","value":4900,"by":"agent:ann"})");
  CHECK(d.refusal(at_min(6), R"({"type":"contact.merge","contact":"bob","from":"bob","by":"agent:ann"})") ==
        "bad_command");
  d.ok(at_min(6), R"({"type":"contact.merge","contact":"bob","from":"bobby","by":"agent:ann"})");
  const Json detail = contact_detail_json(d.state, Login{kNoIndex, kRoleAdmin}, d.state.contacts.at("bob"));
  CHECK(detail["sessions"].size() == 2);
  REQUIRE(detail["cases"].size() == 1);
  CHECK(detail["cases"][0]["id"] == "case-1");
  CHECK(detail["cases"][0]["priority"] == "high");
  CHECK(detail["cases"][0]["status"] == "open");
  REQUIRE(detail["leads"].size() == 1);
  CHECK(detail["leads"][0]["value"] == 4900);
  CHECK(live_contact(d.state, "bobby") == nullptr);
  CHECK(d.refusal(at_min(7), R"({"type":"customer.link","chat":"c1","contact":"bobby","by":"agent:ann"})") ==
        "bad_state");
  CHECK(d.refusal(at_min(7), R"({"type":"contact.create","contact":"bobby","name":"B","by":"agent:ann"})") ==
        "already_exists");
  // Replaying the log rebuilds the same contacts, links, cases and leads.
  State replayed;
  replay(replayed, d.log);
  CHECK(contact_detail_json(replayed, Login{kNoIndex, kRoleAdmin}, replayed.contacts.at("bob")) == detail);
}

TEST_CASE("erasing a customer removes their identity and their contact link; the contact stays") {
  ContactDesk d;
  d.visit(at_min(1), "c1", "sales", "v-1", "Bob Secret");
  d.act(at_min(2), "chat.close", "c1", "process");
  d.ok(at_min(3), R"({"type":"contact.create","contact":"bob","name":"Bob","by":"agent:ann"})");
  d.ok(at_min(3), R"({"type":"customer.link","chat":"c1","contact":"bob","by":"agent:ann"})");
  d.ok(at_min(4), R"({"type":"customer.erase","channel":"Widget","client":"v-1"})");
  CHECK(d.chat("c1").customer.empty());
  CHECK(d.chat("c1").client.empty());
  CHECK(d.state.customers.empty());
  CHECK(d.state.contacts.at("bob").customers.empty());
  CHECK(contact_sessions(d.state, d.state.contacts.at("bob")).empty());
  CHECK(d.refusal(at_min(5), R"({"type":"case.create","chat":"c1","subject":"x","by":"agent:ann"})") == "bad_state");
  Event started = d.log.front();
  for (Event& e : d.log)
    if (std::holds_alternative<ChatStarted>(e.body)) started = e;
  CHECK(redact_event_content(started));
  CHECK(std::get<ChatStarted>(started.body).customer.empty());
}

TEST_CASE("audit rows name who changed which contact, case or lead") {
  ContactDesk d;
  d.visit(at_min(1), "c1", "sales", "v-1");
  d.ok(at_min(2), R"({"type":"contact.create","name":"Bob Ray","company":"Acme","chat":"c1","by":"agent:ann"})");
  d.ok(at_min(3), R"({"type":"case.create","chat":"c1","subject":"Refund","by":"agent:ann"})");
  std::vector<AuditRow> rows;
  for (const Event& e : d.log)
    if (event_type(e.body) == "contact.created" || event_type(e.body) == "customer.linked" ||
        event_type(e.body) == "case.created")
      rows.push_back(audit_row(e, ""));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].actor == "agent:ann");
  CHECK(rows[0].kind == "contact");
  CHECK(rows[0].record == "contact-1");
  CHECK(rows[0].summary == "\"Bob Ray\" · Acme");
  CHECK(rows[1].record == "contact-1");
  CHECK(rows[1].chat == "c1");
  CHECK(rows[2].kind == "case");
  CHECK(rows[2].summary == "\"Refund\" · open · normal");
}

}  // namespace parley::test
