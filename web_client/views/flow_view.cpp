// Acts run from the keys and the palette, the demo reset's confirmation, and the flow's snapshot.
#include "views/flow_view.hpp"

#include <imgui.h>

#include "views.hpp"
#include "views/chat_list.hpp"
#include "views/command_palette.hpp"
#include "views/shortcut_help.hpp"
#include "views/shortcuts.hpp"
#include "views/toast.hpp"
#include "views/ui_kit.hpp"

namespace parley::web {

namespace {

constexpr const char* kResetPopup = "##reset_demo";

void draw_reset_confirm(UiState& ui, Outbox& out) {
  FlowState& f = ui.flow;
  if (f.confirm_reset && !ImGui::IsPopupOpen(kResetPopup)) ImGui::OpenPopup(kResetPopup);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                 viewport->WorkPos.y + viewport->WorkSize.y * 0.4f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kResetPopup, nullptr,
                              ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                                  ImGuiWindowFlags_AlwaysAutoResize)) {
    f.confirm_reset = false;
    return;
  }
  heading("Reset the demo?");
  ImGui::TextUnformatted("Every session, message and statistic of this demo desk is deleted,");
  ImGui::TextUnformatted("and a new desk starts. This cannot be undone.");
  ImGui::Spacing();
  bool done = false;
  if (ImGui::Button("Reset the demo")) {
    out.ask(ResetDemo{});
    done = true;
  }
  ui.widgets.record_last_item("demo.reset.confirm");
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) done = true;
  ui.widgets.record_last_item("demo.reset.cancel");
  if (done) {
    f.confirm_reset = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

const char* list_name(ListView view) {
  switch (view) {
    case ListView::mine: return "mine";
    case ListView::queue: return "queue";
    case ListView::active: return "active";
    case ListView::closed: return "closed";
    case ListView::spam: return "spam";
  }
  return "";
}

}  // namespace

void run_act(const ViewContext& view, UiState& ui, Outbox& out, const ActContext& context, Act act) {
  if (act == Act::pause && !act_available(context, Act::pause)) act = Act::resume;  // one key for both
  if (!act_available(context, act)) return;
  const Actor me{ActorKind::agent, view.agent_id};
  const std::string open = context.open == kNoIndex ? std::string() : view.state.chats[context.open].id;
  switch (act) {
    case Act::next_session: step_session(view, ui, 1); break;
    case Act::previous_session: step_session(view, ui, -1); break;
    case Act::accept: {
      const std::string chat = view.state.chats[context.accept].id;
      out.send(AcceptChat{chat, view.agent_id});
      open_chat(ui, chat);
      break;
    }
    case Act::pause: out.send(PauseChat{open, me}); break;
    case Act::resume: out.send(ResumeChat{open, me}); break;
    case Act::transfer: ui.flow.open_transfer = true; break;
    case Act::close: out.send(CloseChat{open, me}); break;
    case Act::reopen: out.send(ReopenChat{open, me}); break;
    case Act::search: ui.search.focus = true; break;
    case Act::templates: ui.tools.open_templates = true; break;
    case Act::palette: ui.flow.palette_open = true; break;
    case Act::help: ui.flow.help_open = true; break;
  }
}

void draw_flow(const ViewContext& view, UiState& ui, Outbox& out) {
  ui.flow.open_transfer = false;  // a request of the last frame the views did not take
  if (view.agent != kNoIndex) {
    const ChatIx open = ui.current_chat.empty() ? kNoIndex : view.state.chat_ix(ui.current_chat);
    const auto size = session_list_size(view.state, view.agent, ui.tab);
    const ActContext context = act_context(view.state, view.agent, open, view.now, size.ok() && size.value() > 0);
    if (const std::optional<Act> act = pressed_act()) run_act(view, ui, out, context, *act);
    if (undo_pressed())  // the newest close still held back
      for (auto t = ui.flow.toasts.shown().rbegin(); t != ui.flow.toasts.shown().rend(); ++t)
        if (t->held) {
          if (std::optional<Toast> undone = ui.flow.toasts.undo(t->id); undone && !undone->chat.empty())
            open_chat(ui, undone->chat);
          break;
        }
    if (const std::optional<PaletteEntry> chosen = draw_command_palette(view, ui, context)) {
      if (chosen->is_session) show_session(view, ui, chosen->chat);
      else run_act(view, ui, out, context, chosen->act);
    }
    draw_shortcut_help(ui);
  }
  draw_reset_confirm(ui, out);
  draw_toasts(view, ui);
}

void flow_snapshot(const UiState& ui, Json& out) {
  out["tab"] = list_name(ui.tab);
  Json toasts = Json::array();
  for (const Toast& toast : ui.flow.toasts.shown())
    toasts.push_back(Json{{"text", toast.text}, {"undo", toast.held.has_value()}});
  out["toasts"] = std::move(toasts);
  out["search"] = Json{{"query", ui.search.query}, {"scope", ui.search.in_session ? "session" : "all"},
                       {"active", ui.search.active}};
  out["palette"] = ui.flow.palette_open;
  out["help"] = ui.flow.help_open;
}

}  // namespace parley::web
