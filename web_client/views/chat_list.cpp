// Session lists in tabs. Only the visible rows are asked of the core (ImGuiListClipper over
// parley::session_list_rows), so a frame costs the same with 10 or 100 000 sessions in a list.
#include "views/chat_list.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

#include "actions.hpp"
#include "bidi_text.hpp"
#include "format.hpp"
#include "emoji_sequences.hpp"
#include "glyph_cache.hpp"
#include "theme.hpp"
#include "views/admin_view.hpp"
#include "views/audit_view.hpp"
#include "views/reports_view.hpp"
#include "views/sessions_view.hpp"
#include "views/start_session.hpp"
#include "views/team_board_view.hpp"
#include "views/ui_kit.hpp"

namespace parley::web {

namespace {

struct Tab {
  ListView view;
  const char* label;
  const char* widget;
};
constexpr Tab kTabs[] = {{ListView::mine, "My sessions", "tab.mine"},
                         {ListView::queue, "Queue", "tab.queue"},
                         {ListView::active, "Active", "tab.active"},
                         {ListView::closed, "Closed", "tab.closed"},
                         {ListView::spam, "Spam", "tab.spam"}};

std::size_t list_size(const ViewContext& view, ListView which) {
  const auto size = session_list_size(view.state, view.agent, which);
  return size.ok() ? size.value() : 0;
}

// The last message of a session on one line: newlines and runs of blanks as one space, cut with "…".
std::string preview(const ViewContext& view, const Chat& chat) {
  if (chat.messages.empty()) return "No messages yet";
  const Message& last = chat.messages.back();
  std::string text = last.text.empty() && !last.attachments.empty() ? std::string(icon::kFile) + " " + last.attachments[0].name
                                                                     : last.text;
  std::string out;
  bool blank = false;
  for (char c : text) {
    if (out.size() >= 160) break;
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space) blank = !out.empty();
    else {
      if (blank) out += ' ';
      blank = false;
      out += c;
    }
  }
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();  // a cut character
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  if (last.from.is_agent() && last.from.id == view.agent_id) out = "You: " + out;
  else if (last.from.kind != ActorKind::client) out = actor_display(view.state, chat, last.from) + ": " + out;
  return out;
}

// Text cut to a width with "…", at a character boundary: its end cut, or for right-to-left text
// (in display order) its left end.
std::string fit(const std::string& text, Face face, float width, bool rtl = false) {
  if (text_width(face, text) <= width) return text;
  if (rtl) {
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end && text_width(face, std::string("…") + std::string(p, end)) > width) {
      unsigned int c = 0;
      p += std::max(1, ImTextCharFromUtf8(&c, p, end));
    }
    return "…" + std::string(p, end);
  }
  const ImFont* font = workspace_font(face);
  const char* rest = nullptr;
  font->CalcTextSizeA(font->FontSize, std::max(0.0f, width - text_width(face, "…")), 0.0f, text.data(),
                      text.data() + text.size(), &rest);
  return std::string(text.data(), rest ? rest : text.data()) + "…";
}

// How long the customer has waited: for an answer (the first unanswered message) or in the queue.
std::string waited(const ViewContext& view, const Chat& chat) {
  if (chat.state == ChatState::closed) return format_clock(chat.last_activity);
  Timestamp since = chat.waiting_since;
  if (since == kNever && chat.state == ChatState::queued) since = chat.enqueued_at;
  if (since == kNever) return format_clock(chat.last_activity);
  return format_wait(view.now - since);
}

void draw_row(const ViewContext& view, UiState& ui, Outbox& out, ListView which, ChatIx chat_ix, float row_height,
              bool& accept_recorded) {
  const Theme& t = theme();
  const Chat& chat = view.state.chats[chat_ix];
  const bool mine = chat.assignee == view.agent;
  const ChatActions actions = allowed_actions(view.state, view.agent, chat_ix, view.now);
  const bool accept = which == ListView::queue && allows(actions, kActionAccept);
  const bool current = chat.id == ui.current_chat;
  ImGui::PushID(chat.id.c_str());
  const ImVec2 top_left = ImGui::GetCursorScreenPos();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float row_width = ImGui::GetContentRegionAvail().x;
  const float accept_width = accept ? ImGui::CalcTextSize("Accept").x + style.FramePadding.x * 2 : 0.0f;
  // The row's selectable stops short of the Accept button (overlapping items miss a click that
  // arrives with the pointer in one frame), and the button sits inside the row: never cut off.
  const float select_width = accept ? row_width - accept_width - 16 : row_width;
  if (ImGui::Selectable("##row", current, ImGuiSelectableFlags_None, ImVec2(select_width, row_height)))
    open_chat(ui, chat.id);
  ui.widgets.record_last_item("chat." + chat.id);
  if (ImGui::BeginPopupContextItem("##row_menu")) {
    if (ImGui::MenuItem("Open")) open_chat(ui, chat.id);
    if (allows(actions, kActionCloseManual) && ImGui::MenuItem("Close (manual action)"))
      out.send(CloseChat{chat.id, Actor{ActorKind::manual, view.agent_id}});
    ImGui::EndPopup();
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const float right = top_left.x + row_width - 8;
  if (current) draw->AddRectFilled(top_left, ImVec2(top_left.x + 3, top_left.y + row_height), t.accent);
  const std::string client = chat.client.empty() ? "Client" : chat.client;
  glyph_cache().want(Face::regular, client);  // the session view's header shows it in the text face
  const float radius = 15.0f;
  draw_avatar(ImVec2(top_left.x + 10 + radius, top_left.y + row_height * 0.5f), radius, client);
  float x = top_left.x + 10 + radius * 2 + 10;
  const float y1 = top_left.y + (row_height - line * 2 - 4) * 0.5f, y2 = y1 + line + 4;
  if (mine && !chat.opened && chat.state != ChatState::closed) {  // new, not opened yet
    draw->AddCircleFilled(ImVec2(x + 4, y1 + line * 0.5f), 4.0f, t.accent);
    x += 14;
  }
  // Line 1: name, number, and at the right how long the customer waited and the unread count.
  float line1_right = right;
  if (accept) line1_right -= accept_width + 8;
  if (chat.unread > 0) {
    const std::string count = std::to_string(chat.unread);
    const ImVec2 size = ImGui::CalcTextSize(count.c_str());
    const float r = std::max(size.x * 0.5f + 5, line * 0.5f);
    const float cx = line1_right - r, cy = y1 + line * 0.5f;
    draw->AddCircleFilled(ImVec2(cx, cy), r, t.badge);
    draw->AddText(ImVec2(cx - size.x * 0.5f, y1), t.on_badge, count.c_str());
    line1_right -= r * 2 + 6;
  }
  const std::string wait = waited(view, chat);
  const float wait_w = ImGui::CalcTextSize(wait.c_str()).x;
  draw->AddText(ImVec2(line1_right - wait_w, y1), t.text_secondary, wait.c_str());
  line1_right -= wait_w + 8;
  const std::string number = "#" + std::to_string(chat.number);
  const float number_w = ImGui::CalcTextSize(number.c_str()).x;
  const std::string name = fit(client, Face::bold, std::max(20.0f, line1_right - x - number_w - 8));
  const float name_w = draw_text(draw, Face::bold, ImVec2(x, y1), t.text, name);
  draw->AddText(ImVec2(x + name_w + 6, y1), t.text_secondary, number.c_str());

  // Line 2: paused mark, the last message; the group and agent for the supervisor's lists.
  float dx = x;
  if (chat.state == ChatState::paused) {
    const std::string paused = std::string(icon::kPaused) + " Paused";
    draw->AddText(ImVec2(dx, y2), t.warning, paused.c_str());
    dx += ImGui::CalcTextSize(paused.c_str()).x + 8;
  }
  if (chat.priority != Priority::normal && chat.state != ChatState::closed) {
    const std::string mark = priority_label(chat.priority);
    draw->AddText(ImVec2(dx, y2), priority_color(t, chat.priority), mark.c_str());
    dx += ImGui::CalcTextSize(mark.c_str()).x + 8;
  }
  std::string detail = preview(view, chat);
  if (which == ListView::active || which == ListView::closed)
    detail = (chat.assignee == kNoIndex ? std::string("unassigned") : agent_display_name(view.state.agents[chat.assignee])) +
             " · " + detail;
  detail = view.state.groups[chat.group].name + " · " + detail;
  // In display order (bidi, Arabic joined) on one line.
  const TextLayout laid = layout_text(workspace_font(Face::regular), detail, 1e6f, &emoji_sequences());
  const TextLine& first_line = laid.lines.front();
  glyph_cache().want(Face::regular, first_line.text);
  const std::string shown = fit(first_line.text, Face::regular, std::max(20.0f, right - dx), first_line.rtl);
  const float shown_w = text_width(Face::regular, shown);
  draw->AddText(ImVec2(first_line.rtl ? right - shown_w : dx, y2), t.text_secondary, shown.c_str());
  if (accept) {
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(right - accept_width, y1 + (line - ImGui::GetFrameHeight()) * 0.5f));
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(t.accent));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::ColorConvertU32ToFloat4(t.accent));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(t.on_accent));
    if (ImGui::Button("Accept")) {
      out.send(AcceptChat{chat.id, view.agent_id});
      open_chat(ui, chat.id);
    }
    ImGui::PopStyleColor(3);
    ui.widgets.record_last_item("chat.accept." + chat.id);
    if (!accept_recorded) {
      ui.widgets.record_last_item("chat.accept");
      accept_recorded = true;
    }
    ImGui::SetCursorScreenPos(after);
  }
  ImGui::PopID();
}

// Up/Down open the previous/next session of the list while the lists have the focus and no text
// field takes the keys; the list then scrolls to keep it in view.
void step_with_keys(const ViewContext& view, UiState& ui, std::size_t size) {
  if (size == 0 || ImGui::GetIO().WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) ||
      !ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows) || ImGui::GetIO().KeyAlt)
    return;
  const int step = ImGui::IsKeyPressed(ImGuiKey_DownArrow) ? 1 : ImGui::IsKeyPressed(ImGuiKey_UpArrow) ? -1 : 0;
  if (step != 0) step_session(view, ui, step);
}

}  // namespace

void step_session(const ViewContext& view, UiState& ui, int step) {
  const auto listed = session_list_size(view.state, view.agent, ui.tab);
  const std::size_t size = listed.ok() ? listed.value() : 0;
  if (size == 0) return;
  const ChatIx current = ui.current_chat.empty() ? kNoIndex : view.state.chat_ix(ui.current_chat);
  const auto at = current == kNoIndex ? std::nullopt : session_list_position(view.state, view.agent, ui.tab, current);
  std::size_t row = 0;
  if (at) row = step > 0 ? std::min(*at + 1, size - 1) : (*at > 0 ? *at - 1 : 0);
  const auto rows = session_list_rows(view.state, view.agent, ui.tab, row, 1);
  if (!rows.ok() || rows.value().empty()) return;
  open_chat(ui, view.state.chats[rows.value().front()].id);
  ui.list_reveal_row = static_cast<int>(row);
}

void show_session(const ViewContext& view, UiState& ui, ChatIx chat) {
  open_chat(ui, view.state.chats[chat].id);
  const Agent& me = view.state.agents[view.agent];
  for (const Tab& tab : kTabs)
    if (may_list(me, tab.view) && session_list_position(view.state, view.agent, tab.view, chat)) {
      ui.tab = tab.view;
      ui.tab_chosen = true;
      break;
    }
  ui.flow.reveal_current = true;
}

void open_chat(UiState& ui, const std::string& id) {
  if (ui.current_chat == id) return;
  ui.flow.reveal_current = false;
  ui.current_chat = id;
  ui.composer.clear();
  ui.stick_to_bottom = true;
}

void draw_chat_list(const ViewContext& view, UiState& ui, Outbox& out) {
  if (view.agent == kNoIndex) {
    ImGui::TextDisabled("Waiting for the desk…");
    return;
  }
  const Agent& me = view.state.agents[view.agent];
  const Counters c = counters(view.state, view.agent);
  int shown = 0;
  const auto counter = [&](bool show, const char* label, int value, const char* widget) {
    if (!show) return;
    if (shown++ > 0) ImGui::SameLine(0, 12);
    ImGui::Text("%s %d", label, value);
    ui.widgets.record_last_item(widget);
  };
  counter(c.shows_unread, "Unread", c.unread, "counter.unread");
  counter(c.shows_unassigned, "Unassigned", c.unassigned, "counter.unassigned");
  counter(c.shows_new, "New", c.new_unassigned, "counter.new");
  if (shown > 0) {
    ImGui::SameLine(0, 12);
    ImGui::TextDisabled("(total %d)", c.total);
  }
  draw_new_session_button(view, ui, out, shown > 0);
  draw_start_popup(view, ui, out);

  // The tab strip is plain buttons: ImGui's tab items allow overlap, which makes them miss a click
  // whose press arrives in the same frame as the pointer (as synthetic and fast clicks do).
  if (!ui.tab_chosen || !may_list(me, ui.tab)) ui.tab = first_list(me);
  ui.tab_chosen = true;
  bool first = true;
  for (const Tab& tab : kTabs) {
    if (!may_list(me, tab.view)) continue;
    const std::string label =
        std::string(tab.label) + " " + std::to_string(list_size(view, tab.view)) + "###" + tab.widget;
    const float width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    if (!first && ImGui::GetItemRectMax().x + 4 + width <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
      ImGui::SameLine(0, 4);  // else the strip goes on on the next line: no tab is ever cut off
    first = false;
    const bool selected = ui.tab == tab.view;
    const Theme& t = theme();
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(selected ? t.row_selected : t.button));
    if (ImGui::Button(label.c_str())) ui.tab = tab.view;
    ImGui::PopStyleColor();
    if (selected) {
      const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x + 6, b.y - 2), ImVec2(b.x - 6, b.y), t.accent, 1.0f);
    }
    ui.widgets.record_last_item(tab.widget);
  }
  draw_board_tab(view, ui);
  draw_reports_tab(view, ui);
  draw_sessions_tab(view, ui);
  draw_audit_tab(view, ui);
  draw_admin_tab(view, ui);
  ImGui::Separator();

  const std::size_t size = list_size(view, ui.tab);
  step_with_keys(view, ui, size);
  // Arrow keys belong to the list here, not to ImGui's keyboard navigation between widgets.
  ImGui::BeginChild("##rows", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NoNavInputs);
  if (size == 0) ImGui::TextDisabled(ui.tab == ListView::queue ? "Nobody is waiting." : "No sessions.");
  const float row_height = ImGui::GetTextLineHeight() * 2 + 18;
  const float pitch = row_height + ImGui::GetStyle().ItemSpacing.y;
  if (ui.flow.reveal_current && !ui.current_chat.empty()) {  // a landing: scroll to the session once listed
    const ChatIx current = view.state.chat_ix(ui.current_chat);
    if (const auto row = current == kNoIndex ? std::nullopt
                                             : session_list_position(view.state, view.agent, ui.tab, current)) {
      ui.list_reveal_row = static_cast<int>(*row);
      ui.flow.reveal_current = false;
    }
  }
  if (ui.list_reveal_row >= 0) {
    const float top = static_cast<float>(ui.list_reveal_row) * pitch;
    if (top < ImGui::GetScrollY()) ImGui::SetScrollY(top);
    else if (top + pitch > ImGui::GetScrollY() + ImGui::GetWindowHeight())
      ImGui::SetScrollY(top + pitch - ImGui::GetWindowHeight());
    ui.list_reveal_row = -1;
  }
  bool accept_recorded = false;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(size), pitch);
  while (clipper.Step()) {
    const auto rows = session_list_rows(view.state, view.agent, ui.tab, static_cast<std::size_t>(clipper.DisplayStart),
                                        static_cast<std::size_t>(clipper.DisplayEnd - clipper.DisplayStart));
    if (!rows.ok()) continue;
    for (ChatIx chat : rows.value())
      draw_row(view, ui, out, ui.tab, chat, row_height, accept_recorded);
  }
  ImGui::EndChild();
}

}  // namespace parley::web
