// Customer panel: who the customer is, where the session stands, the assign control, and the
// customer's records (views/contact_section.cpp).
#include "views/customer_panel.hpp"

#include <imgui.h>

#include <algorithm>

#include "actions.hpp"
#include "format.hpp"
#include "views/contact_section.hpp"
#include "views/ui_kit.hpp"

namespace parley::web {

namespace {

const Chat* open_chat_of(const ViewContext& view, const UiState& ui) {
  if (view.agent == kNoIndex || ui.current_chat.empty()) return nullptr;
  return view.state.find_chat(ui.current_chat);
}

void field(const char* label, const std::string& value) {
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine(96);
  ImGui::TextWrapped("%s", value.c_str());
}

// The agents the core would accept the session being assigned to now (core/actions.hpp).
void assign_control(const ViewContext& view, ChatIx chat_ix, const std::vector<AgentIx>& targets, UiState& ui,
                    Outbox& out) {
  const Chat& chat = view.state.chats[chat_ix];
  const std::string preview = chat.assignee == kNoIndex ? std::string("Assign to…") : std::string("Reassign to…");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##assign", preview.c_str())) {
    for (AgentIx member : targets) {
      const Agent& agent = view.state.agents[member];
      const std::string label = agent_display_name(agent) + "  (" + status_label(agent.status) + ", " +
                                std::to_string(agent.assigned.size()) + " active)###" + agent.id;
      if (ImGui::Selectable(label.c_str(), false))
        out.send(AssignChat{chat.id, agent.id, Actor{ActorKind::agent, view.agent_id}});
      ui.widgets.record_last_item("customer.assign." + agent.id);
    }
    ImGui::EndCombo();
  }
  ui.widgets.record_last_item("customer.assign");
}

}  // namespace

float customer_panel_width(const ViewContext& view, const UiState& ui) {
  if (!open_chat_of(view, ui)) return 0.0f;
  return std::clamp(ImGui::GetContentRegionAvail().x * 0.26f, 220.0f, 320.0f);
}

void draw_customer_panel(const ViewContext& view, UiState& ui, Outbox& out) {
  const Chat* chat = open_chat_of(view, ui);
  if (!chat) return;
  ImGui::BeginChild("##customer", ImVec2(0, 0), ImGuiChildFlags_Border);
  if (contact_drawer_open(ui)) {
    draw_contact_drawer(view, ui, out);
    ImGui::EndChild();
    ui.widgets.record_last_item("customer.panel");
    return;
  }
  const std::string name = chat->client.empty() ? "Client" : chat->client;
  {
    const float r = 20.0f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    draw_avatar(ImVec2(p.x + r, p.y + r), r, name);
    ImGui::Dummy(ImVec2(r * 2, r * 2));
  }
  heading(name);
  ui.widgets.record_last_item("customer.name");
  ImGui::TextDisabled("via %s", chat->channel.c_str());
  ImGui::Separator();

  ImGui::TextDisabled("Session");
  field("Number", "#" + std::to_string(chat->number));
  field("Group", view.state.groups[chat->group].name);
  field("State", std::string(chat_state_name(chat->state)));
  const bool waiting = chat->assignee == kNoIndex;
  field("Agent", waiting ? std::string("—") : agent_display_name(view.state.agents[chat->assignee]));
  field("Started", format_display_time(chat->started_at));
  field("Messages", std::to_string(chat->messages.size()));
  const auto chat_ix = view.state.chat_ix(chat->id);
  const std::vector<AgentIx> targets = assign_agents(view.state, view.agent, chat_ix, view.now);
  if (!targets.empty()) {
    ImGui::Spacing();
    assign_control(view, chat_ix, targets, ui, out);
  }
  ImGui::Separator();

  draw_contact_section(view, *chat, ui, out);
  ImGui::EndChild();
  ui.widgets.record_last_item("customer.panel");
}

}  // namespace parley::web
