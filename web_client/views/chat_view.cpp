// Session view: header with the chat actions, the timeline (only visible rows drawn, positioned
// from a cache of item heights with prefix sums, so 10 000 wrapped messages cost what a screenful
// does) with its files, pending sends, and the composer under its tool row.
#include "views/chat_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "actions.hpp"
#include "format.hpp"
#include "links.hpp"
#include "overlay_holes.hpp"
#include "views/composer_tools.hpp"
#include "views/earlier_sessions.hpp"
#include "views/start_session.hpp"
#include "theme.hpp"
#include "views/message_bubble.hpp"
#include "views/together_view.hpp"

namespace parley::web {

int composer_lines(const std::string& text, float width);

namespace {

constexpr float kItemGap = 8.0f;
constexpr Duration kRevealOutline = 1500;
constexpr ImU32 kRevealColor = IM_COL32(20, 89, 199, 255);
constexpr float kMarkPadX = 10.0f, kMarkPadY = 3.0f;

bool blank(const std::string& text) { return blank_text(text); }

std::string separator_key(const Chat& chat, std::size_t item) { return chat.id + "#" + std::to_string(item); }

// What an action run's box says under its title: waiting, the answer, or what went wrong.
std::string action_run_body(const ActionRun& run) {
  switch (run.outcome) {
    case ActionOutcome::pending: return "Waiting for the answer\u2026";
    case ActionOutcome::ok: return run.text.empty() ? std::string("Done (no answer text)") : run.text;
    case ActionOutcome::error: return "Failed: " + run.text;
  }
  return {};
}

std::size_t finished_runs(const Chat& chat) {
  return static_cast<std::size_t>(std::count_if(chat.action_runs.begin(), chat.action_runs.end(),
                                                [](const ActionRun& r) { return r.outcome != ActionOutcome::pending; }));
}

float item_height(const Chat& chat, const TimelineItem& item, std::size_t index, float wrap, const UiState& ui) {
  const float line = ImGui::GetTextLineHeight();
  if (item.kind == TimelineItem::Kind::note) {
    const Note& note = chat.notes[item.note];
    return line + ImGui::CalcTextSize(note.text.c_str(), nullptr, false, wrap - 16).y + 12 + kItemGap;
  }
  if (item.kind == TimelineItem::Kind::action) {
    const std::string body = action_run_body(chat.action_runs[item.run]);
    return line + ImGui::CalcTextSize(body.c_str(), nullptr, false, wrap - 16).y + 12 + kItemGap;
  }
  if (item.kind == TimelineItem::Kind::sla_mark) return line + kMarkPadY * 2 + kItemGap;
  if (item.kind == TimelineItem::Kind::separator) {
    float h = line + kItemGap;
    if (!item.reason.empty() && ui.expanded_separators.count(separator_key(chat, index))) h += line + 2;
    return h;
  }
  return bubble_height(chat, chat.messages[item.message], wrap);
}

// Keeps ui.timeline in step with the chat: items rebuilt when the chat grows, heights measured for
// new items only, all of them again when the width changes.
TimelineCache& timeline_for(const ViewContext& view, const Chat& chat, ChatIx chat_ix, float width, UiState& ui) {
  TimelineCache& tc = ui.timeline;
  const std::uint64_t version = (static_cast<std::uint64_t>(chat.messages.size()) << 24) ^
                                (static_cast<std::uint64_t>(chat.notes.size()) << 48) ^
                                (static_cast<std::uint64_t>(chat.sla_marks.size()) << 56) ^ chat.separators.size() ^
                                (static_cast<std::uint64_t>(chat.action_runs.size()) << 32) ^
                                (static_cast<std::uint64_t>(finished_runs(chat)) << 40);
  if (tc.chat != chat_ix || tc.version != version) {
    const std::size_t count =
        chat.messages.size() + chat.separators.size() + chat.notes.size() + chat.sla_marks.size() +
        chat.action_runs.size();
    if (tc.chat != chat_ix || count < tc.items.size()) tc.measured = 0;
    tc.chat = chat_ix;
    tc.version = version;
    tc.items = timeline(view.state, chat, Targets::named, SlaMarks::shown);
    tc.measured = std::min(tc.measured, tc.items.size());
  }
  if (tc.width != width || bubble_metrics_changed()) {
    tc.width = width;
    tc.measured = 0;
  }
  tc.tops.resize(tc.items.size() + 1);
  tc.tops[0] = 0;
  for (std::size_t i = tc.measured; i < tc.items.size(); ++i)
    tc.tops[i + 1] = tc.tops[i] + item_height(chat, tc.items[i], i, width, ui);
  tc.measured = tc.items.size();
  return tc;
}

// A private note: a tinted box across the timeline, "Note by <name>" over its text (staff only).
void draw_note(const Chat& chat, const TimelineItem& item, float width) {
  const Note& note = chat.notes[item.note];
  const float line = ImGui::GetTextLineHeight();
  const float text_h = ImGui::CalcTextSize(note.text.c_str(), nullptr, false, width - 16).y;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(p, ImVec2(p.x + width, p.y + line + text_h + 12), ImGui::GetColorU32(ImGuiCol_FrameBg), 6.0f);
  draw->AddRect(p, ImVec2(p.x + width, p.y + line + text_h + 12), ImGui::GetColorU32(ImGuiCol_Border), 6.0f);
  ImGui::SetCursorScreenPos(ImVec2(p.x + 8, p.y + 4));
  ImGui::TextDisabled("✎ %s · %s", item.text.c_str(), format_clock(note.at).c_str());
  ImGui::SetCursorScreenPos(ImVec2(p.x + 8, p.y + 6 + line));
  ImGui::PushTextWrapPos(p.x + width - 8 - ImGui::GetWindowPos().x + ImGui::GetScrollX());
  ImGui::TextUnformatted(note.text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + line + text_h + 12 + kItemGap));
  ImGui::Dummy(ImVec2(1, 1));
}

// An action run (staff only): a box like a note, "Action: <action> · run by <name> · time" over its outcome.
void draw_action_run(const Chat& chat, const TimelineItem& item, float width) {
  const ActionRun& run = chat.action_runs[item.run];
  const std::string body = action_run_body(run);
  const float line = ImGui::GetTextLineHeight();
  const float text_h = ImGui::CalcTextSize(body.c_str(), nullptr, false, width - 16).y;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(p.x + width, p.y + line + text_h + 12);
  draw->AddRectFilled(p, end, ImGui::GetColorU32(ImGuiCol_FrameBg), 6.0f);
  draw->AddRect(p, end, run.outcome == ActionOutcome::error ? IM_COL32(200, 40, 40, 255) : ImGui::GetColorU32(ImGuiCol_Border),
                6.0f);
  ImGui::SetCursorScreenPos(ImVec2(p.x + 8, p.y + 4));
  ImGui::TextDisabled("Action: %s \u00b7 %s", item.text.c_str(), format_clock(run.at).c_str());
  ImGui::SetCursorScreenPos(ImVec2(p.x + 8, p.y + 6 + line));
  ImGui::PushTextWrapPos(p.x + width - 8 - ImGui::GetWindowPos().x + ImGui::GetScrollX());
  ImGui::TextUnformatted(body.c_str());
  ImGui::PopTextWrapPos();
  ImGui::SetCursorScreenPos(ImVec2(p.x, end.y + kItemGap));
  ImGui::Dummy(ImVec2(1, 1));
}

// A missed SLA deadline: a centred outlined pill in the danger colour, "⚠ First response deadline
// missed · 5 min · policy Gold • 10:07".
void draw_sla_mark(const TimelineItem& item, float width) {
  const Theme& t = theme();
  const std::string text = "\u26a0 " + item.text;
  const float line = ImGui::GetTextLineHeight();
  const float text_w = ImGui::CalcTextSize(text.c_str()).x;
  const float pill_w = std::min(width, text_w + kMarkPadX * 2);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 a(p.x + std::max(0.0f, (width - pill_w) * 0.5f), p.y);
  const ImVec2 b(a.x + pill_w, p.y + line + kMarkPadY * 2);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(a, b, t.sunken, line);
  draw->AddRect(a, b, t.danger, line);
  ImGui::PushClipRect(a, b, true);
  draw->AddText(ImVec2(a.x + kMarkPadX, a.y + kMarkPadY), t.danger, text.c_str());
  ImGui::PopClipRect();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(pill_w, b.y - a.y));  // the pill is the item (the test hook's rectangle)
}

void draw_separator(const Chat& chat, const TimelineItem& item, std::size_t index, float width, UiState& ui) {
  const float line = ImGui::GetTextLineHeight();
  const bool has_reason = !item.reason.empty();
  const std::string key = separator_key(chat, index);
  const bool expanded = has_reason && ui.expanded_separators.count(key);
  std::string text = item.text;
  if (has_reason) text = std::string(expanded ? "▾ " : "▸ ") + text;
  const float text_w = ImGui::CalcTextSize(text.c_str()).x;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float x = p.x + std::max(0.0f, (width - text_w) * 0.5f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 rule = ImGui::GetColorU32(ImGuiCol_Separator);
  if (x - p.x > 12) {
    draw->AddLine(ImVec2(p.x, p.y + line * 0.5f), ImVec2(x - 8, p.y + line * 0.5f), rule);
    draw->AddLine(ImVec2(x + text_w + 8, p.y + line * 0.5f), ImVec2(p.x + width, p.y + line * 0.5f), rule);
  }
  ImGui::SetCursorScreenPos(ImVec2(x, p.y));
  if (has_reason) {
    ImGui::PushID(key.c_str());
    if (ImGui::InvisibleButton("##sep", ImVec2(text_w, line))) {
      if (expanded) ui.expanded_separators.erase(key);
      else ui.expanded_separators.insert(key);
      ui.timeline.measured = std::min(ui.timeline.measured, index);
    }
    ImGui::PopID();
    draw->AddText(ImVec2(x, p.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), text.c_str());
    if (expanded) {
      ImGui::SetCursorScreenPos(ImVec2(x, p.y + line + 2));
      ImGui::TextDisabled("Reason: %s", item.reason.c_str());
    }
  } else {
    ImGui::TextDisabled("%s", text.c_str());
  }
}

// The popup lists only targets the core would accept now (core/actions.hpp).
void draw_transfer_popup(const ViewContext& view, ChatIx chat_ix, UiState& ui, Outbox& out) {
  if (!ImGui::BeginPopup("##transfer")) return;
  const Chat& chat = view.state.chats[chat_ix];
  const std::vector<AgentIx> agents = transfer_agents(view.state, view.agent, chat_ix, view.now);
  const std::vector<GroupIx> groups = transfer_groups(view.state, view.agent, chat_ix, view.now);
  if (agents.empty()) ui.transfer_to_group = true;
  if (groups.empty()) ui.transfer_to_group = false;
  ImGui::TextUnformatted("Transfer this session");
  if (!agents.empty()) {
    if (ImGui::RadioButton("To an agent", !ui.transfer_to_group)) ui.transfer_to_group = false;
    ui.widgets.record_last_item("transfer.to_agent");
    ImGui::SameLine();
  }
  if (!groups.empty()) {
    if (ImGui::RadioButton("To a group", ui.transfer_to_group)) ui.transfer_to_group = true;
    ui.widgets.record_last_item("transfer.to_group");
  }
  ImGui::SetNextItemWidth(260);
  if (!ui.transfer_to_group) {
    const Agent* chosen = view.state.find_agent(ui.transfer_agent);
    if (ImGui::BeginCombo("##transfer_agent", chosen ? chosen->name.c_str() : "Choose an agent")) {
      for (AgentIx member : agents) {
        const Agent& agent = view.state.agents[member];
        if (member == view.agent) continue;
        const std::string label = agent.name + "  (" + status_label(agent.status) + ")";
        if (ImGui::Selectable(label.c_str(), agent.id == ui.transfer_agent)) ui.transfer_agent = agent.id;
        ui.widgets.record_last_item("transfer.agent." + agent.id);
      }
      ImGui::EndCombo();
    }
    ui.widgets.record_last_item("transfer.agent");
  } else {
    const Group* chosen = view.state.find_group(ui.transfer_group);
    if (ImGui::BeginCombo("##transfer_group", chosen ? chosen->name.c_str() : "Choose a group")) {
      for (GroupIx g : groups) {
        const Group& group = view.state.groups[g];
        if (ImGui::Selectable(group.name.c_str(), group.id == ui.transfer_group)) ui.transfer_group = group.id;
        ui.widgets.record_last_item("transfer.group." + group.id);
      }
      ImGui::EndCombo();
    }
    ui.widgets.record_last_item("transfer.group");
  }
  ImGui::SetNextItemWidth(260);
  ImGui::InputTextWithHint("##transfer_reason", "Reason (optional)", &ui.transfer_reason);
  ui.widgets.record_last_item("transfer.reason");
  const bool ready = ui.transfer_to_group ? !ui.transfer_group.empty() : !ui.transfer_agent.empty();
  ImGui::BeginDisabled(!ready);
  if (ImGui::Button("Transfer")) {
    TransferChat command{chat.id, Actor{ActorKind::agent, view.agent_id}, {}, {}, ui.transfer_reason};
    if (ui.transfer_to_group) command.to_group = ui.transfer_group;
    else command.to_agent = ui.transfer_agent;
    out.send(std::move(command));
    ui.transfer_reason.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndDisabled();
  ui.widgets.record_last_item("transfer.submit");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

// "Priority ▾": the four priorities, the session's own checked.
void draw_priority_menu(const Chat& chat, const Actor& actor, UiState& ui, Outbox& out) {
  if (ImGui::Button("Priority…")) ImGui::OpenPopup("##priority");
  ui.widgets.record_last_item("action.priority");
  if (!ImGui::BeginPopup("##priority")) return;
  for (Priority p : {Priority::urgent, Priority::high, Priority::normal, Priority::low}) {
    if (ImGui::MenuItem(priority_label(p).c_str(), nullptr, chat.priority == p) && chat.priority != p)
      out.send(SetChatPriority{chat.id, p, actor});
    ui.widgets.record_last_item(std::string("priority.") + std::string(priority_name(p)));
  }
  ImGui::EndPopup();
}

// The header offers exactly the actions the core accepts now; a reader gets none.
void draw_header(const ViewContext& view, ChatIx chat_ix, ChatActions actions, UiState& ui, Outbox& out) {
  const Chat& chat = view.state.chats[chat_ix];
  const Actor actor{ActorKind::agent, view.agent_id};
  ImGui::Text("#%lld  %s", static_cast<long long>(chat.number), chat.client.empty() ? "Client" : chat.client.c_str());
  ui.widgets.record_last_item("chat.title");
  ImGui::SameLine(0, 16);
  const std::string who = chat.assignee == kNoIndex ? std::string("waiting in the queue")
                                                    : "with " + view.state.agents[chat.assignee].name;
  // Channel, group, state, who has it, a priority other than normal; on a narrow pane the first ones give way.
  std::vector<std::string> parts{chat.channel, view.state.groups[chat.group].name,
                                 std::string(chat_state_name(chat.state)), who};
  if (chat.priority != Priority::normal) parts.push_back(priority_label(chat.priority) + " priority");
  const auto joined = [&] {
    std::string line;
    for (const std::string& part : parts) {
      if (!line.empty()) line += " · ";
      line += part;
    }
    return line;
  };
  const float room = ImGui::GetContentRegionAvail().x;
  while (parts.size() > 2 && ImGui::CalcTextSize(joined().c_str()).x > room) parts.erase(parts.begin());
  ImGui::TextDisabled("%s", joined().c_str());
  int buttons = 0;
  const auto button = [&](ChatAction action, const char* label, const char* widget, Command command) {
    if (!allows(actions, action)) return;
    if (buttons++ > 0) ImGui::SameLine();
    if (ImGui::Button(label)) out.send(std::move(command));
    ui.widgets.record_last_item(widget);
  };
  button(kActionAccept, "Accept", "chat.accept", AcceptChat{chat.id, view.agent_id});
  button(kActionPause, "Pause", "action.pause", PauseChat{chat.id, actor});
  button(kActionResume, "Resume", "action.resume", ResumeChat{chat.id, actor});
  if (allows(actions, kActionTransfer)) {
    if (buttons++ > 0) ImGui::SameLine();
    if (ImGui::Button("Transfer…") || std::exchange(ui.flow.open_transfer, false)) {
      ui.transfer_agent.clear();
      ui.transfer_group.clear();
      ImGui::OpenPopup("##transfer");
    }
    ui.widgets.record_last_item("action.transfer");
  }
  button(kActionClose, "Close", "action.close", CloseChat{chat.id, actor});
  button(kActionReopen, "Reopen", "action.reopen", ReopenChat{chat.id, actor});
  button(kActionMarkSpam, "Spam", "action.spam", MarkSpam{chat.id, "agent:" + view.agent_id});
  button(kActionUnmarkSpam, "Not spam", "action.unspam", UnmarkSpam{chat.id, "agent:" + view.agent_id});
  draw_continue_button(view, chat, ui, out);
  if (allows(actions, kActionSetPriority)) {
    if (buttons++ > 0) ImGui::SameLine();
    draw_priority_menu(chat, actor, ui, out);
  }
  if (actions == 0) ImGui::TextDisabled("Read only");
  if (ui.dom_composer) {  // the reading view needs the browser's page text
    ImGui::SameLine(0, 16);
    if (ImGui::SmallButton(ui.reader_open ? "Back to the timeline" : "Select text…")) ui.reader_open = !ui.reader_open;
    if (ImGui::IsItemHovered() && !ui.reader_open)
      ImGui::SetTooltip("Shows the messages as page text: select, copy, Ctrl+F, links and image previews");
    ui.widgets.record_last_item("chat.reader");
  }
  draw_transfer_popup(view, chat_ix, ui, out);
}

// A message the search bar asked for is scrolled to, then outlined for a moment; returns the item
// to outline, or npos.
std::size_t reveal_search_result(const ViewContext& view, UiState& ui, const TimelineCache& tc, float origin,
                                 float height) {
  SearchState& s = ui.search;
  const auto item_of = [&](MessageIx message) {
    for (std::size_t i = 0; i < tc.items.size(); ++i)
      if (tc.items[i].kind == TimelineItem::Kind::message && tc.items[i].message == message) return i;
    return std::string::npos;
  };
  if (s.reveal) {
    if (const std::size_t i = item_of(*s.reveal); i != std::string::npos) {
      ImGui::SetScrollY(std::max(0.0f, origin + tc.tops[i] - height * 0.3f));
      ui.stick_to_bottom = false;
      s.revealed = *s.reveal;
      s.revealed_until = view.wall + kRevealOutline;
    }
    s.reveal.reset();
  }
  if (s.revealed == kNoIndex || view.wall > s.revealed_until) return std::string::npos;
  return item_of(s.revealed);
}

void outline_item(const TimelineCache& tc, std::size_t i, float origin) {
  const ImVec2 window = ImGui::GetWindowPos();
  const float y = window.y + origin + tc.tops[i] - ImGui::GetScrollY();
  ImGui::GetWindowDrawList()->AddRect(ImVec2(window.x + 1, y - 2),
                                      ImVec2(window.x + ImGui::GetWindowWidth() - 2, y + tc.tops[i + 1] - tc.tops[i] - 4),
                                      kRevealColor, 4.0f, 0, 2.0f);
}

void draw_timeline(const ViewContext& view, const Chat& chat, ChatIx chat_ix, UiState& ui, Outbox& out) {
  const float width = ImGui::GetContentRegionAvail().x;
  const float wrap = std::max(40.0f, width - 8);
  TimelineCache& tc = timeline_for(view, chat, chat_ix, wrap, ui);
  const float origin = ImGui::GetCursorPosY();
  const float scroll = ImGui::GetScrollY(), height = ImGui::GetWindowHeight();
  const bool revealing = ui.search.reveal.has_value();
  const std::size_t revealed = reveal_search_result(view, ui, tc, origin, height);
  const bool at_bottom = !revealing && (ui.stick_to_bottom || scroll >= ImGui::GetScrollMaxY() - 4);
  const std::size_t n = tc.items.size();
  // First visible item: the last whose top is at or above the scroll position.
  std::size_t first = static_cast<std::size_t>(std::upper_bound(tc.tops.begin(), tc.tops.end() - 1, scroll - origin) -
                                               tc.tops.begin());
  first = first > 0 ? first - 1 : 0;
  bool resend_recorded = false;
  for (std::size_t i = first; i < n && origin + tc.tops[i] < scroll + height; ++i) {
    ImGui::SetCursorPosY(origin + tc.tops[i]);
    const TimelineItem& item = tc.items[i];
    switch (item.kind) {
      case TimelineItem::Kind::message:
        draw_bubble(view, chat, chat.messages[item.message], wrap, ui, out, resend_recorded);
        break;
      case TimelineItem::Kind::note: draw_note(chat, item, wrap); break;
      case TimelineItem::Kind::action:
        draw_action_run(chat, item, wrap);
        ui.widgets.record_last_item("timeline.action." + chat.action_runs[item.run].id);
        break;
      case TimelineItem::Kind::separator: draw_separator(chat, item, i, wrap, ui); break;
      case TimelineItem::Kind::sla_mark:
        draw_sla_mark(item, wrap);
        ui.widgets.record_last_item("timeline.sla." + std::to_string(item.mark));
        break;
    }
    if (i == revealed) outline_item(tc, i, origin);
  }
  ImGui::SetCursorPosY(origin + tc.tops[n]);
  if (view.pending)
    for (const PendingSend& p : *view.pending) {
      if (p.chat != chat.id) continue;
      ImGui::PushID(p.message.c_str());
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme().link));
      ImGui::TextUnformatted(view.state.agents[view.agent].name.c_str());
      ImGui::PopStyleColor();
      ImGui::SameLine();
      if (p.failed) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme().danger), "not sent: %s", p.error.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("↻ Retry")) out.ask(RetrySend{p.message});
        ui.widgets.record_last_item("message.retry");
      } else {
        ImGui::TextDisabled("sending…");
      }
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
      if (!p.text.empty()) ImGui::TextUnformatted(p.text.c_str());
      for (const Attachment& file : p.attachments) ImGui::TextDisabled("▤ %s", file.name.c_str());
      ImGui::PopTextWrapPos();
      ImGui::PopID();
    }
  ImGui::Dummy(ImVec2(1, 1));
  if (at_bottom) ImGui::SetScrollHereY(1.0f);
  ui.stick_to_bottom = false;
}

// Enter sends (Shift+Enter, and Ctrl+Enter, add a line). The Enter key is taken in the character filter so the
// field stays active after sending (no focus request that could race a click), and the field's own
// buffer is emptied from its callback on the next frame. Text the tools insert reaches the active
// field the same way, with the caret placed after it; the caret is remembered for the next insert.
int composer_callback(ImGuiInputTextCallbackData* data) {
  auto* ui = static_cast<UiState*>(data->UserData);
  if (data->EventFlag == ImGuiInputTextFlags_CallbackCharFilter) {
    if (data->EventChar == '\n' && !ImGui::GetIO().KeyCtrl && !ImGui::GetIO().KeyShift) {
      ui->composer_send = true;
      return 1;
    }
    return 0;
  }
  if (data->EventFlag != ImGuiInputTextFlags_CallbackAlways) return 0;
  if (ui->composer_clear) {
    ui->composer_clear = false;
    data->DeleteChars(0, data->BufTextLen);
  }
  ComposerState& tools = ui->tools;
  if (tools.replace) {
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, tools.replace->c_str());
    tools.replace.reset();
  }
  if (tools.caret_to) {
    data->CursorPos = std::min(static_cast<int>(*tools.caret_to), data->BufTextLen);
    data->SelectionStart = data->SelectionEnd = data->CursorPos;
    tools.caret_to.reset();
  }
  tools.cursor = static_cast<std::size_t>(data->CursorPos);
  return 0;
}

constexpr float kSendWidth = 80;

float composer_input_width(float avail) { return avail - kSendWidth - ImGui::GetStyle().ItemSpacing.x; }

// The ImGui field, for hosts without a browser text area (the native view tests).
bool draw_imgui_composer(bool mine, float input_width, float height, UiState& ui) {
  if (ui.tools.focus > 0 && mine) {
    // The field takes the keyboard a frame or two late and drops what was typed meanwhile: keep it.
    ImGuiIO& io = ImGui::GetIO();
    if (!io.InputQueueCharacters.empty()) {
      std::string typed;
      for (ImWchar c : io.InputQueueCharacters) append_utf8(typed, c);
      io.InputQueueCharacters.resize(0);
      insert_into_composer(ui.composer, ui.tools, typed);
    }
    ImGui::SetWindowFocus();  // the request is scoped to the focused window: the lists may have it
    ImGui::SetKeyboardFocusHere();
  }
  ImGui::InputTextMultiline("##composer", &ui.composer, ImVec2(input_width, height),
                            ImGuiInputTextFlags_CallbackCharFilter | ImGuiInputTextFlags_CallbackAlways,
                            composer_callback, &ui);
  const bool active = ImGui::IsItemActive();
  ui.tools.focus = active || !mine ? 0 : std::max(0, ui.tools.focus - 1);
  if (!active && ui.tools.focus == 0) {  // nothing to hand to an inactive field: it reads ui.composer when activated
    ui.composer_clear = false;
    ui.tools.replace.reset();
    ui.tools.caret_to.reset();
  }
  ui.widgets.record_last_item("composer.input");
  return ui.composer_send;
}

// The browser's text area's place: reserved and framed here, laid over by the host (composer_box),
// which sends what Enter hands over at once (App::send_composer), between frames.
void draw_dom_composer(bool mine, float input_width, float height, const char* placeholder, UiState& ui, ImU32 fill) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##composer", ImVec2(input_width, height));
  if (ImGui::IsItemClicked()) ui.tools.focus = 1;
  ui.widgets.record_last_item("composer.input");
  const ImVec2 q(p.x + input_width, p.y + height);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(p, q, fill, ImGui::GetStyle().FrameRounding);
  const bool covered = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
  if (covered && !ui.composer.empty()) {  // the text area steps aside for a popup: show its text here
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    ImGui::PushClipRect(p, q, true);
    draw->AddText(nullptr, 0, ImVec2(p.x + pad.x, p.y + pad.y), ImGui::GetColorU32(ImGuiCol_Text), ui.composer.c_str(),
                  nullptr, input_width - pad.x * 2);
    ImGui::PopClipRect();
  }
  ui.composer_box =
      UiState::ComposerBox{true, mine, covered, p.x, p.y, input_width, height, placeholder, overlay_host()};
  if (ui.composer_files_handed) {
    ui.composer_files_handed = false;
    if (mine) ui.tools.handed_files = true;
  }
}

void draw_composer(const ViewContext& view, const Chat& chat, ChatActions actions, UiState& ui, Outbox& out) {
  if (!allows(actions, kActionNote)) ui.together.note_mode = false;
  const bool noting = ui.together.note_mode;
  const bool mine = allows(actions, noting ? kActionNote : kActionMessage);
  draw_composer_tools(view, chat, mine && !noting, ui, out);
  if (ui.tools.handed_files) {
    ui.tools.handed_files = false;
    out.ask(PickFiles{chat.id, true});
  }
  const std::vector<Attachment> files = attachments_of(ui.tools, chat.id);
  const float input_width = composer_input_width(ImGui::GetContentRegionAvail().x);
  const float height = ImGui::GetTextLineHeight() * static_cast<float>(composer_lines(ui.composer, input_width)) +
                       ImGui::GetStyle().FramePadding.y * 2;
  const char* hint = nullptr;
  if (mine && ui.tools.uploading > 0) hint = "Sending waits for the upload to finish.";
  else if (mine && noting) hint = "Enter adds the note · only colleagues see it · @ mentions";
  else if (mine) hint = "Enter sends · Shift+Enter: new line · / templates · drop files here";
  else if (allows(actions, kActionReopen)) hint = "This session is closed; reopen it to write.";
  else if (allows(actions, kActionAccept)) hint = "Accept the session (or be assigned it) to reply.";
  else hint = "You may read this session, not write in it.";
  ImGui::BeginDisabled(!mine);
  ui.composer_send = false;
  std::optional<std::string> entered;
  const char* placeholder = !mine ? hint : noting ? "Write a private note for colleagues…" : "Write a reply…";
  if (noting) ImGui::PushStyleColor(ImGuiCol_FrameBg, note_tint());
  if (ui.dom_composer) draw_dom_composer(mine, input_width, height, placeholder, ui, ImGui::GetColorU32(ImGuiCol_FrameBg));
  else if (draw_imgui_composer(mine, input_width, height, ui)) entered = ui.composer;
  if (noting) ImGui::PopStyleColor();
  if (ui.composer == "/" && !ui.tools.slash_typed && mine) {
    ui.tools.slash_typed = true;
    ui.tools.open_templates = true;
  }
  ImGui::SameLine();
  const auto sendable = [&](const std::string& t) { return noting ? !blank(t) : ready_to_send(ui.tools, chat.id, t); };
  const bool ready = mine && sendable(ui.composer);
  ImGui::BeginDisabled(!ready);
  const bool clicked = ImGui::Button(noting ? "Note" : "Send", ImVec2(kSendWidth, height));
  ImGui::EndDisabled();
  ui.widgets.record_last_item("composer.send");
  ImGui::EndDisabled();
  draw_composer_mode(actions, ui);
  if (!draw_mention_choices(view, view.state.chat_ix(chat.id), ui) && !draw_presence_line(view, chat, ui)) {
    std::string shown = hint;  // beside the Reply / Note switch: drop trailing " · " parts that do not fit
    const float room = ImGui::GetContentRegionAvail().x;
    for (std::size_t cut; ImGui::CalcTextSize(shown.c_str()).x > room && (cut = shown.rfind(" · ")) != std::string::npos;)
      shown.resize(cut);
    ImGui::TextDisabled("%s", shown.c_str());
  }
  std::optional<std::string> text;
  if (entered && mine && sendable(*entered)) text = *entered;
  else if (clicked && ready) text = ui.composer;
  if (text && noting) {
    out.send(AddNote{chat.id, Actor{ActorKind::agent, view.agent_id}, *text});
    ui.together.typed_at = 0;
  } else if (text) {
    out.send(SendMessage{chat.id, Actor{ActorKind::agent, view.agent_id}, blank(*text) ? std::string() : *text, {}, files});
  }
  if (text) {
    if (!noting) forget_attachments(ui.tools, chat.id);
    if (ui.dom_composer) {
      replace_composer(ui.composer, ui.tools, "");  // Send clicked: empty the text area, give it the keyboard
    } else {
      ui.composer_clear = ui.composer_send;  // still active after Enter: empty its buffer next frame
      ui.composer.clear();
      ui.tools.cursor = 0;
    }
    ui.stick_to_bottom = true;
  }
  ui.composer_send = false;
}

}  // namespace

int composer_lines(const std::string& text, float width) {
  const float inner = std::max(40.0f, width - ImGui::GetStyle().FramePadding.x * 2);
  const float h = text.empty() ? 0 : ImGui::CalcTextSize(text.c_str(), nullptr, false, inner).y;
  const int lines = static_cast<int>(h / ImGui::GetTextLineHeight() + 0.5f) + (!text.empty() && text.back() == '\n');
  return std::clamp(lines, 1, 6);
}

void draw_chat_view(const ViewContext& view, UiState& ui, Outbox& out) {
  if (view.agent == kNoIndex) return;
  const ChatIx chat_ix = ui.current_chat.empty() ? kNoIndex : view.state.chat_ix(ui.current_chat);
  if (chat_ix == kNoIndex) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const char* hint = "Choose a session on the left.";
    ImGui::SetCursorPos(ImVec2((avail.x - ImGui::CalcTextSize(hint).x) * 0.5f, avail.y * 0.45f));
    ImGui::TextDisabled("%s", hint);
    return;
  }
  const Chat& chat = view.state.chats[chat_ix];
  if (chat.assignee == view.agent && (chat.unread > 0 || !chat.opened)) {
    const std::string key = chat.id + "#" + std::to_string(chat.messages.size()) + "#" + std::to_string(chat.unread);
    if (ui.read_sent != key) {
      ui.read_sent = key;
      out.send(MarkChatRead{chat.id, view.agent_id});
    }
  }
  const ChatActions actions = allowed_actions(view.state, view.agent, chat_ix, view.now);
  draw_header(view, chat_ix, actions, ui, out);
  ImGui::Separator();
  draw_earlier_sessions(view, chat, ui, out);
  const float line = ImGui::GetTextLineHeight();
  const int lines = composer_lines(ui.composer, composer_input_width(ImGui::GetContentRegionAvail().x));
  const float composer = line * static_cast<float>(lines + 1) + ImGui::GetStyle().FramePadding.y * 2 +
                         ImGui::GetStyle().ItemSpacing.y * 3 +
                         composer_tools_height(chat, ui, ImGui::GetContentRegionAvail().x);
  ImGui::BeginChild("##timeline", ImVec2(0, -composer));
  draw_timeline(view, chat, chat_ix, ui, out);
  ImGui::EndChild();
  if (ui.reader_open) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    std::size_t files = 0;
    for (const Message& m : chat.messages) files += m.attachments.size();
    ui.reader_box = UiState::ReaderBox{true, ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel),
                                       a.x, a.y, b.x - a.x, b.y - a.y, chat_ix, chat.messages.size(), files,
                                       overlay_host()};
    ui.widgets.set("chat.reader.view", WidgetRect{a.x, a.y, b.x - a.x, b.y - a.y});
  }
  draw_composer(view, chat, actions, ui, out);
}

}  // namespace parley::web
