// The customer panel's records and the contact drawer (see contact_section.hpp). What it offers is
// asked of the core (customer_work_refusal, check_contact_fields, check_subject) before it is sent.
#include "views/contact_section.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "contact_decide.hpp"
#include "contacts.hpp"
#include "format.hpp"
#include "glyph_cache.hpp"
#include "views/ui_kit.hpp"

namespace parley::web {

namespace {

constexpr const char* kPriorities[] = {"low", "normal", "high", "urgent"};

const Json& member(const Json& json, const char* key) {
  static const Json none;
  if (!json.is_object()) return none;
  const auto found = json.find(key);
  return found != json.end() ? *found : none;
}

void wrapped(const std::string& text) {
  glyph_cache().want(Face::regular, text);
  ImGui::TextWrapped("%s", text.c_str());
}

void dim(const std::string& text) {
  glyph_cache().want(Face::regular, text);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

// A labelled input across the panel's width (the panel is narrow: the label goes above).
void stacked_field(const char* label, const char* hint, std::string& value, const std::string& widget, UiState& ui) {
  ImGui::TextDisabled("%s", label);
  ImGui::SetNextItemWidth(-FLT_MIN);
  glyph_cache().want(Face::regular, value);
  ImGui::InputTextWithHint(("##" + widget).c_str(), hint, &value);
  ui.widgets.record_last_item(widget);
}

bool button(const char* label, const std::string& widget, UiState& ui) {
  const bool clicked = ImGui::SmallButton(label);
  ui.widgets.record_last_item(widget);
  return clicked;
}

std::string case_line(const Json& item) {
  return record_text(item, "subject") + "  (" + record_text(item, "status") + ", " + record_text(item, "priority") + ")";
}

std::string lead_line(const Json& item) {
  return record_text(item, "subject") + "  (" + format_money(record_number(item, "value")) + ")";
}

// One line per item, each recorded as `widget` + the item's `key`.
void list_items(const Json& items, std::string (*line)(const Json&), const char* widget, const char* key,
                UiState& ui) {
  for (const Json& item : items) {
    ImGui::Bullet();
    ImGui::SameLine();
    wrapped(line(item));
    ui.widgets.record_last_item(std::string(widget) + record_text(item, key));
  }
}

void close_form(CustomerState& c) {
  c.form = CustomerForm::none;
  c.form_error.clear();
}

void open_form(CustomerState& c, CustomerForm form) {
  c.form = c.form == form ? CustomerForm::none : form;
  c.form_error.clear();
}

void form_error(const CustomerState& c) {
  if (c.form_error.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.25f, 0.2f, 1.0f));
  ImGui::TextWrapped("%s", c.form_error.c_str());
  ImGui::PopStyleColor();
}

void link_form(const Chat& chat, const std::string& staff, UiState& ui, Outbox& out) {
  CustomerState& c = ui.customer;
  stacked_field("Find a contact", "name, e-mail, phone or company", c.query, "customer.link.query", ui);
  if ((c.found.is_null() || c.query != c.searched) && c.search_request == 0)
    out.ask(ReadCustomer{ReadCustomer::search});
  const Json& found = record_list(c.found, "contacts");
  if (found.empty() && c.search_request == 0) dim("No contact matches.");
  for (const Json& contact : found) {
    const std::string id = record_text(contact, "id");
    const std::string email = record_text(contact, "email");
    const std::string label = record_text(contact, "name") + (email.empty() ? "" : "  ·  " + email) + "###link." + id;
    glyph_cache().want(Face::regular, label);
    if (ImGui::Selectable(label.c_str())) {
      out.send(LinkCustomer{chat.id, id, staff});
      close_form(c);
    }
    ui.widgets.record_last_item("customer.link." + id);
  }
  if (button("Cancel", "customer.link.cancel", ui)) close_form(c);
}

void create_form(const Chat& chat, const std::string& staff, UiState& ui, Outbox& out) {
  CustomerState& c = ui.customer;
  stacked_field("Name", "required", c.draft.name, "customer.contact.name", ui);
  stacked_field("E-mail", "", c.draft.email, "customer.contact.email", ui);
  stacked_field("Phone", "", c.draft.phone, "customer.contact.phone", ui);
  stacked_field("Company", "", c.draft.company, "customer.contact.company", ui);
  form_error(c);
  if (button("Create contact", "customer.contact.create", ui)) {
    if (const auto refusal = check_contact_fields(c.draft)) {
      c.form_error = refusal->message;
    } else {
      out.send(CreateContact{"", c.draft, staff, chat.id});
      c.draft = {};
      close_form(c);
    }
  }
  ImGui::SameLine();
  if (button("Cancel", "customer.contact.cancel", ui)) close_form(c);
}

void case_form(const Chat& chat, const std::string& staff, UiState& ui, Outbox& out) {
  CustomerState& c = ui.customer;
  stacked_field("Subject", "what the case is about", c.subject, "customer.case.subject", ui);
  ImGui::TextDisabled("Priority");
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::Combo("##case.priority", &c.priority, kPriorities, IM_ARRAYSIZE(kPriorities));
  ui.widgets.record_last_item("customer.case.priority");
  form_error(c);
  if (button("Create case", "customer.case.create", ui)) {
    if (const auto refusal = check_subject(c.subject)) {
      c.form_error = refusal->message;
    } else {
      out.send(CreateCase{"", chat.id, c.subject, CaseStatus::open, static_cast<Priority>(c.priority), staff});
      c.subject.clear();
      close_form(c);
    }
  }
  ImGui::SameLine();
  if (button("Cancel", "customer.case.cancel", ui)) close_form(c);
}

void lead_form(const Chat& chat, const std::string& staff, UiState& ui, Outbox& out) {
  CustomerState& c = ui.customer;
  stacked_field("Subject", "what the customer may buy", c.subject, "customer.lead.subject", ui);
  stacked_field("Value", "0.00", c.value, "customer.lead.value", ui);
  form_error(c);
  if (button("Create lead", "customer.lead.create", ui)) {
    const auto value = c.value.empty() ? std::optional<std::int64_t>(0) : parse_money(c.value);
    if (const auto refusal = check_subject(c.subject)) {
      c.form_error = refusal->message;
    } else if (!value || *value > kMaxLeadValue) {
      c.form_error = "The value is an amount such as 120 or 120.50.";
    } else {
      out.send(CreateLead{"", chat.id, c.subject, *value, staff});
      c.subject.clear();
      c.value.clear();
      close_form(c);
    }
  }
  ImGui::SameLine();
  if (button("Cancel", "customer.lead.cancel", ui)) close_form(c);
}

void contact_card(const Json& contact, UiState& ui) {
  wrapped(record_text(contact, "name"));
  ui.widgets.record_last_item("customer.contact");
  for (const char* key : {"email", "phone", "company"})
    if (const std::string v = record_text(contact, key); !v.empty()) dim(v);
  if (const std::string notes = record_text(contact, "notes"); !notes.empty()) wrapped(notes);
}

}  // namespace

void ask_customer_record(const Chat& chat, UiState& ui, Outbox& out) {
  CustomerState& c = ui.customer;
  customer_switch_to(c, chat.id);
  if (c.record_asked && !(c.stale && c.request == 0)) return;
  c.record_asked = true;  // the view asks once per frame at most: the intent runs after the frame
  c.stale = false;
  out.ask(ReadCustomer{ReadCustomer::record});
}

void draw_contact_section(const ViewContext& view, const Chat& chat, UiState& ui, Outbox& out) {
  ask_customer_record(chat, ui, out);
  CustomerState& c = ui.customer;
  const std::string staff = "agent:" + view.agent_id;
  const bool may_work = !customer_work_refusal(view.state, staff, chat.id).has_value();
  const Json& contact = member(c.record, "contact");

  ImGui::TextDisabled("Contact");
  if (!c.record.is_object()) {
    dim(c.request ? "Reading…" : "");
  } else if (contact.is_object()) {
    contact_card(contact, ui);
    if (button("Open record", "customer.drawer.open", ui))
      out.ask(ReadCustomer{ReadCustomer::contact, record_text(contact, "id")});
    if (may_work) {
      ImGui::SameLine();
      if (button("Link another…", "customer.link.open", ui)) open_form(c, CustomerForm::link);
    }
  } else {
    dim("Not linked to a contact.");
    if (may_work) {
      if (button("Link…", "customer.link.open", ui)) open_form(c, CustomerForm::link);
      ImGui::SameLine();
      if (button("New contact", "customer.contact.new", ui)) {
        open_form(c, CustomerForm::create);
        if (c.draft.name.empty()) c.draft.name = chat.client;
      }
    }
  }
  if (may_work && c.form == CustomerForm::link) link_form(chat, staff, ui, out);
  if (may_work && c.form == CustomerForm::create) create_form(chat, staff, ui, out);
  if (!c.record.is_object()) return;

  ImGui::Separator();
  const Json& cases = record_list(c.record, "cases");
  ImGui::TextDisabled("Cases (%zu)", cases.size());
  list_items(cases, case_line, "customer.case.", "id", ui);
  if (may_work && c.form != CustomerForm::new_case && button("New case", "customer.case.new", ui))
    open_form(c, CustomerForm::new_case);
  if (may_work && c.form == CustomerForm::new_case) case_form(chat, staff, ui, out);

  ImGui::Separator();
  const Json& leads = record_list(c.record, "leads");
  ImGui::TextDisabled("Leads (%zu)", leads.size());
  list_items(leads, lead_line, "customer.lead.", "id", ui);
  if (may_work && c.form != CustomerForm::new_lead && button("New lead", "customer.lead.new", ui))
    open_form(c, CustomerForm::new_lead);
  if (may_work && c.form == CustomerForm::new_lead) lead_form(chat, staff, ui, out);

  const Json& history = record_list(c.record, "history");
  if (history.empty()) return;
  ImGui::Separator();
  ImGui::TextDisabled("Earlier sessions (%zu)", history.size());
  for (const Json& row : history) {
    const std::string id = record_text(row, "chat");
    if (ImGui::Selectable((session_row_line(row) + "###earlier." + id).c_str())) {
      c.earlier_open = true;
      if (!c.earlier.count(id)) out.ask(ReadCustomer{ReadCustomer::earlier, id});
    }
    ui.widgets.record_last_item("customer.earlier." + id);
  }
}

bool contact_drawer_open(const UiState& ui) { return !ui.customer.drawer.empty(); }

void draw_contact_drawer(const ViewContext& /*view*/, UiState& ui, Outbox& /*out*/) {
  CustomerState& c = ui.customer;
  if (button("Back to the session", "customer.drawer.close", ui) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
    c.drawer.clear();
    c.drawer_record = nullptr;
    return;
  }
  ImGui::Separator();
  const Json& record = c.drawer_record;
  if (!record.is_object()) {
    dim("Reading…");
    return;
  }
  contact_card(member(record, "contact"), ui);
  ImGui::Separator();
  const Json& cases = record_list(record, "cases");
  ImGui::TextDisabled("Cases (%zu)", cases.size());
  list_items(cases, case_line, "drawer.case.", "id", ui);
  ImGui::Separator();
  const Json& leads = record_list(record, "leads");
  ImGui::TextDisabled("Leads (%zu)", leads.size());
  list_items(leads, lead_line, "drawer.lead.", "id", ui);
  ImGui::Separator();
  const Json& sessions = record_list(record, "sessions");
  ImGui::TextDisabled("Sessions (%zu)", sessions.size());
  list_items(sessions, session_row_line, "drawer.session.", "chat", ui);
  ui.widgets.record_last_item("customer.drawer");
}

}  // namespace parley::web
