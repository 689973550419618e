// Response templates' rules (SPEC §13): who may use and change a template by its scope (desk-wide, one
// group's, one agent's own), its `/shortcut`, and the placeholders filled from the desk's state.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "model.hpp"
#include "permissions.hpp"

namespace parley {

constexpr std::size_t kMaxShortcutBytes = 32;

// Desk-wide when both are empty; one group's when `group` names it; an agent's own when `owner` does.
struct TemplateScope {
  std::string group, owner;
};

// A staff login uses desk-wide templates, those of the groups it reads, and its own agent's.
bool may_use_template(const State& state, const Login& login, const TemplateScope& scope);
// Admins change every template; a group's supervisors that group's; an agent its own.
bool may_change_template(const State& state, const Login& login, const TemplateScope& scope);
// Why a scope cannot be stored: both a group and an owner, or one the desk does not know; nullopt if fine.
std::optional<std::string> template_scope_refusal(const State& state, const TemplateScope& scope);

// Empty (no shortcut) or 1–32 lower-case ASCII letters, digits, '-' and '_'.
bool valid_shortcut(std::string_view shortcut);
// The composer's text is a shortcut being typed ("/" and the start of a shortcut, nothing else):
// the part after the slash; nullopt otherwise.
std::optional<std::string_view> typed_shortcut(std::string_view composer_text);
bool shortcut_matches(std::string_view shortcut, std::string_view typed);

// The text with {customer.name}, {agent.name}, {agent.nickname} (the name when none is set),
// {chat.number} and {group.name} filled in; other braces stay as written. `chat` may be null
// (no session open): its placeholders stay as written too.
std::string fill_placeholders(const State& state, const Chat* chat, AgentIx agent, std::string_view text);

}  // namespace parley
