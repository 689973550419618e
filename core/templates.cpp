// Response templates' rules: scopes, shortcuts and placeholders (see templates.hpp).
#include "templates.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace parley {

namespace {

const Agent* login_agent(const State& state, const Login& login) {
  return login.agent != kNoIndex && state.agents.contains(login.agent) ? &state.agents[login.agent] : nullptr;
}

}  // namespace

bool may_use_template(const State& state, const Login& login, const TemplateScope& scope) {
  if (!scope.owner.empty()) {
    const Agent* agent = login_agent(state, login);
    return agent != nullptr && agent->id == scope.owner;
  }
  if (scope.group.empty() || login_has(login, kRoleAdmin)) return true;
  const Agent* agent = login_agent(state, login);
  const GroupIx group = state.group_ix(scope.group);
  return agent != nullptr && group != kNoIndex && may_read(*agent, group);
}

bool may_change_template(const State& state, const Login& login, const TemplateScope& scope) {
  if (!scope.owner.empty()) return may_use_template(state, login, scope);
  if (login_has(login, kRoleAdmin)) return true;
  if (scope.group.empty()) return false;
  const Agent* agent = login_agent(state, login);
  const GroupIx group = state.group_ix(scope.group);
  return agent != nullptr && group != kNoIndex && may_supervise(*agent, group);
}

std::optional<std::string> template_scope_refusal(const State& state, const TemplateScope& scope) {
  if (!scope.group.empty() && !scope.owner.empty()) return "a template belongs to a group or to an agent, not both";
  if (!scope.group.empty() && state.group_ix(scope.group) == kNoIndex) return "no group " + scope.group;
  if (!scope.owner.empty() && state.agent_ix(scope.owner) == kNoIndex) return "no agent " + scope.owner;
  return std::nullopt;
}

bool valid_shortcut(std::string_view shortcut) {
  return shortcut.size() <= kMaxShortcutBytes && std::all_of(shortcut.begin(), shortcut.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
         });
}

std::optional<std::string_view> typed_shortcut(std::string_view composer_text) {
  if (composer_text.empty() || composer_text.front() != '/') return std::nullopt;
  const std::string_view rest = composer_text.substr(1);
  if (rest.size() > kMaxShortcutBytes) return std::nullopt;
  for (char c : rest) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (!valid_shortcut(std::string_view(&lower, 1))) return std::nullopt;
  }
  return rest;
}

bool shortcut_matches(std::string_view shortcut, std::string_view typed) {
  if (shortcut.empty() || typed.size() > shortcut.size()) return false;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    const char c = (typed[i] >= 'A' && typed[i] <= 'Z') ? static_cast<char>(typed[i] - 'A' + 'a') : typed[i];
    if (c != shortcut[i]) return false;
  }
  return true;
}

std::string fill_placeholders(const State& state, const Chat* chat, AgentIx agent, std::string_view text) {
  std::array<std::pair<std::string_view, std::string>, 5> values;
  std::size_t known = 0;
  if (agent != kNoIndex && state.agents.contains(agent)) {
    const Agent& a = state.agents[agent];
    values[known++] = {"{agent.name}", a.name};
    values[known++] = {"{agent.nickname}", a.nickname.empty() ? a.name : a.nickname};
  }
  if (chat != nullptr) {
    values[known++] = {"{customer.name}", chat->client};
    values[known++] = {"{chat.number}", std::to_string(chat->number)};
    if (state.groups.contains(chat->group)) values[known++] = {"{group.name}", state.groups[chat->group].name};
  }
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '{')
      for (std::size_t v = 0; v < known && !replaced; ++v)
        if (text.substr(i, values[v].first.size()) == values[v].first) {
          out += values[v].second;
          i += values[v].first.size();
          replaced = true;
        }
    if (!replaced) out += text[i++];
  }
  return out;
}

}  // namespace parley
