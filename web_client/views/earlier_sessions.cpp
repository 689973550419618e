// The earlier sessions strip (see earlier_sessions.hpp): the timelines as chat_to_json gives them,
// separators dimmed, messages as "who: text".
#include "views/earlier_sessions.hpp"

#include <imgui.h>

#include <algorithm>

#include "format.hpp"
#include "glyph_cache.hpp"
#include "views/contact_section.hpp"

namespace parley::web {

namespace {

std::string speaker(const State& state, const std::string& from, const Chat& chat) {
  if (from == "client") return chat.client.empty() ? "Customer" : chat.client;
  if (from.rfind("agent:", 0) == 0) {
    const Agent* agent = state.find_agent(from.substr(6));
    return agent ? agent_display_name(*agent) : from.substr(6);
  }
  return from;
}

void draw_items(const State& state, const Json& timeline, const Chat& chat) {
  for (const Json& item : record_list(timeline, "timeline")) {
    const std::string type = record_text(item, "type");
    const std::string text = record_text(item, "text");
    if (type == "separator") {
      glyph_cache().want(Face::regular, text);
      ImGui::TextDisabled("— %s", text.c_str());
    } else if (type == "message") {
      const std::string line = speaker(state, record_text(item, "from"), chat) + ": " + text;
      glyph_cache().want(Face::regular, line);
      ImGui::TextWrapped("%s", line.c_str());
    }
  }
}

}  // namespace

void draw_earlier_sessions(const ViewContext& view, const Chat& chat, UiState& ui, Outbox& out) {
  ask_customer_record(chat, ui, out);
  CustomerState& c = ui.customer;
  const Json& history = record_list(c.record, "history");
  if (history.empty()) return;
  const std::string count = std::to_string(history.size()) + (history.size() == 1 ? " earlier session" : " earlier sessions");
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s with this customer", count.c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton(c.earlier_open ? "Hide" : "Show")) c.earlier_open = !c.earlier_open;
  ui.widgets.record_last_item("chat.earlier.toggle");
  if (!c.earlier_open) return;
  const float height = std::max(ImGui::GetTextLineHeightWithSpacing() * 4, ImGui::GetContentRegionAvail().y * 0.35f);
  ImGui::BeginChild("##earlier", ImVec2(0, height), ImGuiChildFlags_Border);
  for (const Json& row : history) {
    const std::string id = record_text(row, "chat");
    ImGui::PushID(id.c_str());
    ImGui::TextUnformatted(session_row_line(row).c_str());
    ui.widgets.record_last_item("chat.earlier." + id);
    const auto loaded = c.earlier.find(id);
    if (loaded == c.earlier.end()) {
      ImGui::SameLine();
      if (ImGui::SmallButton("Messages")) out.ask(ReadCustomer{ReadCustomer::earlier, id});
      ui.widgets.record_last_item("chat.earlier.load." + id);
    } else if (loaded->second.is_null()) {
      ImGui::TextDisabled("Reading…");
    } else {
      ImGui::Indent();
      draw_items(view.state, loaded->second, chat);
      ImGui::Unindent();
    }
    ImGui::Separator();
    ImGui::PopID();
  }
  ImGui::EndChild();
  ui.widgets.record_last_item("chat.earlier.list");
}

}  // namespace parley::web
