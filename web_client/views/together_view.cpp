// Reply / Note switch, mention choices and the presence line, drawn on the composer's hint line.
#include "views/together_view.hpp"

#include <imgui.h>

#include "theme.hpp"

namespace parley::web {

namespace {
constexpr int kMaxChoices = 6;

// A switch segment: filled when on.
bool segment(const char* label, bool on) {
  ImGui::PushStyleColor(ImGuiCol_Button, on ? theme().accent : ImGui::GetColorU32(ImGuiCol_FrameBg));
  ImGui::PushStyleColor(ImGuiCol_Text, on ? theme().on_accent : theme().text);
  const bool clicked = ImGui::SmallButton(label);
  ImGui::PopStyleColor(2);
  return clicked;
}
}  // namespace

ImU32 note_tint() { return theme().dark ? IM_COL32(78, 66, 24, 255) : IM_COL32(255, 243, 196, 255); }

void draw_composer_mode(ChatActions actions, UiState& ui) {
  TogetherUi& t = ui.together;
  const bool may_note = allows(actions, kActionNote), may_reply = allows(actions, kActionMessage);
  if (!may_note) t.note_mode = false;
  if (!may_note) return;
  if (segment("Reply", !t.note_mode) && may_reply) {
    t.note_mode = false;
    ui.tools.focus = 2;
  }
  ui.widgets.record_last_item("composer.mode.reply");
  ImGui::SameLine(0, 2);
  if (segment("✎ Note", t.note_mode)) {
    t.note_mode = true;
    ui.tools.focus = 2;
  }
  ui.widgets.record_last_item("composer.mode.note");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A private note for colleagues: the customer never sees it. @ mentions.");
  ImGui::SameLine(0, 12);
}

bool draw_mention_choices(const ViewContext& view, ChatIx chat, UiState& ui) {
  if (!ui.together.note_mode) return false;
  const auto query = mention_query(ui.composer, ui.tools.cursor);
  if (!query) return false;
  const std::vector<AgentIx> found = mention_candidates(view.state, view.agent, chat, query->prefix, view.now);
  ImGui::TextDisabled(found.empty() ? "Nobody here by that name may read this session" : "Mention:");
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  for (std::size_t i = 0; i < found.size() && i < kMaxChoices; ++i) {
    const Agent& agent = view.state.agents[found[i]];
    const std::string label = "@" + agent.id + " · " + (agent.nickname.empty() ? agent.name : agent.nickname);
    const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + w > right) break;
    ImGui::PushID(agent.id.c_str());
    if (ImGui::SmallButton(label.c_str())) {
      auto [text, caret] = complete_mention(ui.composer, ui.tools.cursor, *query, agent.id);
      replace_composer(ui.composer, ui.tools, text);
      ui.tools.caret_to = caret;
      ui.tools.cursor = caret;
    }
    ImGui::PopID();
    ui.widgets.record_last_item("mention." + agent.id);
  }
  return true;
}

bool draw_presence_line(const ViewContext& view, const Chat& chat, UiState& ui) {
  const std::string line = presence_line(ui.together, view.state, chat.id, view.wall);
  if (line.empty()) return false;
  ImGui::PushStyleColor(ImGuiCol_Text, theme().link);
  ImGui::TextUnformatted(("● " + line).c_str());
  ImGui::PopStyleColor();
  ui.widgets.record_last_item("chat.presence");
  return true;
}

}  // namespace parley::web
