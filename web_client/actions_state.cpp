// Actions in the page: REST's listing read, the run request after the core's check, the demo's actions
// (see actions_state.hpp).
#include "actions_state.hpp"

#include "action_wire.hpp"

namespace parley::web {

std::optional<std::vector<ActionDefinition>> actions_from_json(const Json& json) {
  if (!json.is_object()) return std::nullopt;
  const auto list = json.find("actions");
  if (list == json.end() || !list->is_array()) return std::nullopt;
  std::vector<ActionDefinition> out;
  for (const Json& item : *list) {
    if (!item.is_object()) return std::nullopt;
    const auto id = item.find("id");
    const auto name = item.find("name");
    if (id == item.end() || !id->is_string() || name == item.end() || !name->is_string()) return std::nullopt;
    ActionDefinition d;
    d.id = id->get<std::string>();
    d.form.name = name->get<std::string>();
    if (const auto fields = item.find("fields"); fields != item.end())
      if (read_action_fields(*fields, d.form.fields)) return std::nullopt;
    out.push_back(std::move(d));
  }
  return out;
}

const ActionDefinition* picked_action(const ActionsState& state) {
  for (const ActionDefinition& d : state.actions)
    if (d.id == state.picked) return &d;
  return nullptr;
}

void pick_action(ActionsState& state, const std::string& id) {
  state.picked = id;
  state.values.clear();
  state.problem.reset();
  state.error.clear();
  state.done = false;
  if (const ActionDefinition* d = picked_action(state))
    for (const ActionField& f : d->form.fields) state.values[f.name] = "";
}

std::optional<RunRequest> prepare_run(ActionsState& state, const std::string& chat) {
  const ActionDefinition* d = picked_action(state);
  if (!d) return std::nullopt;
  ActionValues filled;
  for (const auto& entry : state.values)
    if (!entry.second.empty()) filled.insert(entry);
  state.problem = check_action_form(d->form, filled);
  if (state.problem) return std::nullopt;
  return RunRequest{"api/v1/chats/" + chat + "/actions/" + d->id, Json{{"fields", filled}}.dump(), filled};
}

std::vector<ActionDefinition> demo_actions() {
  ActionDefinition order{"order-status", {"Order status", {}}, "https://shop.example.com/actions/order-status", "POST", {}};
  order.form.fields.push_back(ActionField{"order", "Order number", ActionFieldType::text, true, "ORD-#####", {}});
  order.form.fields.push_back(ActionField{"email", "Customer e-mail", ActionFieldType::email, false, "", {}});
  ActionDefinition refund{"refund", {"Refund an order", {}}, "https://shop.example.com/actions/refund", "POST", {}};
  refund.form.fields.push_back(ActionField{"order", "Order number", ActionFieldType::text, true, "ORD-#####", {}});
  refund.form.fields.push_back(ActionField{"amount", "Amount (EUR)", ActionFieldType::number, true, "", {}});
  refund.form.fields.push_back(
      ActionField{"reason", "Reason", ActionFieldType::choice, true, "", {"damaged", "late", "not as described"}});
  return {order, refund};
}

std::string demo_answer(const std::string& action, const ActionValues& values) {
  const auto value = [&](const char* key) {
    const auto found = values.find(key);
    return found == values.end() ? std::string() : found->second;
  };
  if (action == "order-status")
    return value("order") + " left the warehouse yesterday; the carrier expects to deliver it within 2 working days.";
  if (action == "refund")
    return "Refund of " + value("amount") + " EUR for " + value("order") + " (" + value("reason") +
           ") approved; it reaches the customer's account in 3–5 working days.";
  return "Done.";
}

}  // namespace parley::web
