// The App's side of the customer panel: reading the open session's customer record, contacts for a
// link, a contact for the drawer and an earlier session's timeline: over REST, or from the demo's State
// through the same core functions REST answers with (core/contact_wire.hpp).
#include "app.hpp"
#include "contact_wire.hpp"
#include "report_source.hpp"

namespace parley::web {

namespace {

constexpr std::size_t kContactsListed = 20;

std::string route_of(const ReadCustomer& intent, const CustomerState& customer) {
  switch (intent.kind) {
    case ReadCustomer::record: return "api/v1/chats/" + query_encode(customer.chat) + "/history";
    case ReadCustomer::search:
      return "api/v1/contacts?limit=" + std::to_string(kContactsListed) + "&q=" + query_encode(customer.query);
    case ReadCustomer::contact: return "api/v1/contacts/" + query_encode(intent.id);
    case ReadCustomer::earlier: return "api/v1/chats/" + query_encode(intent.id);
  }
  return "";
}

// What the demo's desk answers, as REST would for the same login; null for what it may not see.
Json demo_answer(const State& state, const std::string& agent, const ReadCustomer& intent,
                 const CustomerState& customer) {
  const auto login = staff_login(state, "agent:" + agent);
  if (!login) return nullptr;
  const auto readable = [&](const std::string& id) -> const Chat* {
    const Chat* chat = state.find_chat(id);
    return chat && chat_access(state, *login, *chat) != ChatAccess::none ? chat : nullptr;
  };
  switch (intent.kind) {
    case ReadCustomer::record: {
      const Chat* chat = readable(customer.chat);
      return chat ? customer_history_json(state, *login, *chat) : Json(nullptr);
    }
    case ReadCustomer::search: return contact_list_json(state, *login, customer.query, kContactsListed);
    case ReadCustomer::contact: {
      const Contact* contact = live_contact(state, intent.id);
      if (!contact || contact_access(state, *login, *contact) == ContactAccess::none) return nullptr;
      return contact_detail_json(state, *login, *contact);
    }
    case ReadCustomer::earlier: {
      const Chat* chat = readable(intent.id);
      return chat ? chat_to_json(state, *chat, ChatDetail::with_timeline) : Json(nullptr);
    }
  }
  return nullptr;
}

}  // namespace

void App::read_customer(const ReadCustomer& intent) {
  CustomerState& customer = ui_.customer;
  if (intent.kind == ReadCustomer::record) {
    customer.stale = false;
    customer.record_asked = true;
  }
  if (intent.kind == ReadCustomer::contact) customer.drawer = intent.id;
  if (intent.kind == ReadCustomer::search) customer.searched = customer.query;
  if (mode_ == Mode::demo) {
    const Json answer = demo_answer(state_, agent_id_, intent, customer);
    switch (intent.kind) {
      case ReadCustomer::record: customer.record = answer; break;
      case ReadCustomer::search: customer.found = answer; break;
      case ReadCustomer::contact: customer.drawer_record = answer; break;
      case ReadCustomer::earlier: customer.earlier[intent.id] = answer; break;
    }
    return;
  }
  if (token_.empty()) return;
  const std::uint64_t request = next_request_++;
  switch (intent.kind) {
    case ReadCustomer::record: customer.request = request; break;
    case ReadCustomer::search: customer.search_request = request; break;
    case ReadCustomer::contact:
      customer.drawer_request = request;
      customer.drawer_record = nullptr;
      break;
    case ReadCustomer::earlier:
      customer.earlier_requests[request] = intent.id;
      customer.earlier[intent.id] = nullptr;
      break;
  }
  host_.request(request, token_, "GET", route_of(intent, customer), "");
}

bool App::on_customer_reply(std::uint64_t request, int status, std::string_view body) {
  CustomerState& customer = ui_.customer;
  Json* target = nullptr;
  if (request == customer.request) {
    customer.request = 0;
    target = &customer.record;
  } else if (request == customer.search_request) {
    customer.search_request = 0;
    target = &customer.found;
  } else if (request == customer.drawer_request) {
    customer.drawer_request = 0;
    target = &customer.drawer_record;
  } else if (const auto earlier = customer.earlier_requests.find(request); earlier != customer.earlier_requests.end()) {
    target = &customer.earlier[earlier->second];
    customer.earlier_requests.erase(earlier);
  } else {
    return false;
  }
  const auto json = status == 200 ? parse_json(body) : std::nullopt;
  if (!json || !json->is_object()) {
    set_notice("Cannot read the customer's records: " + reply_error(status, body));
    if (target == &customer.drawer_record) customer.drawer.clear();
    if (target == &customer.found) customer.found = Json::object();  // not asked again until the text changes
    return true;
  }
  *target = *json;
  return true;
}

void App::customer_snapshot(Json& out) {
  const CustomerState& customer = ui_.customer;
  Json record = customer.record.is_object() ? customer.record : Json(nullptr);
  out["customer"] = Json{{"chat", customer.chat},
                         {"record", std::move(record)},
                         {"drawer", customer.drawer_record.is_object() ? customer.drawer_record : Json(nullptr)},
                         {"earlier_open", customer.earlier_open},
                         {"earlier_loaded", Json::array()}};
  for (const auto& [chat, timeline] : customer.earlier)
    if (timeline.is_object()) out["customer"]["earlier_loaded"].push_back(chat);
}

}  // namespace parley::web
