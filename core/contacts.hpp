// Customers, contacts, cases and leads (SPEC §12): who may see and change a contact (the groups of the
// sessions of its customers), the checks on their fields, and the queries REST and the runner answer.
// Pure and deterministic; every list comes back in a fixed order.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"
#include "permissions.hpp"
#include "result.hpp"

namespace parley {

constexpr std::size_t kMaxContactNameBytes = 200;
constexpr std::size_t kMaxContactEmailBytes = 254;
constexpr std::size_t kMaxContactPhoneBytes = 40;
constexpr std::size_t kMaxContactCompanyBytes = 200;
constexpr std::size_t kMaxContactNotesBytes = 8192;
constexpr std::size_t kMaxSubjectBytes = 200;
constexpr std::int64_t kMaxLeadValue = 1'000'000'000'000'000;  // minor units

// The login a staff actor acts as: "agent:<id>" that agent; "login:<name>" a login without an agent,
// which the server lets act only when it is an admin. nullopt for an unknown or disabled agent.
std::optional<Login> staff_login(const State& state, std::string_view staff);

CustomerKey customer_key(const Chat& chat);
const Customer* chat_customer(const State& state, const Chat& chat);
// The contact a session's customer is linked to; nullptr when none.
const Contact* chat_contact(const State& state, const Chat& chat);
// A contact that exists and was not merged away; nullptr otherwise.
const Contact* live_contact(const State& state, std::string_view id);

// The sessions of the customer of `chat` that started before it, oldest first.
std::vector<ChatIx> earlier_sessions(const State& state, const Chat& chat);
// Every session of the contact's customers, oldest first.
std::vector<ChatIx> contact_sessions(const State& state, const Contact& contact);

// What a login may do with a contact: admins work every contact; others as the sessions of its
// customers allow (work if they may work one of them, read if they may read one); a contact without
// sessions is open to every login that works sessions (read for readers).
enum class ContactAccess : std::uint8_t { none, read, work };
ContactAccess contact_access(const State& state, const Login& login, const Contact& contact);

// bad_command naming the field for a name that is empty or too long, a malformed e-mail or phone.
std::optional<Error> check_contact_fields(const ContactFields& fields);
std::optional<Error> check_subject(std::string_view subject);

// Live contacts the login may see whose name, e-mail, phone or company contains `text` (folded, any
// script; empty matches all), by folded name then id, at most `limit`.
std::vector<const Contact*> search_contacts(const State& state, const Login& login, std::string_view text,
                                            std::size_t limit);

}  // namespace parley
