// The Audit screen: filter fields, the rows as an ImGui table, and page buttons.
#include "views/audit_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "glyph_cache.hpp"
#include "theme.hpp"
#include "views/side_screens.hpp"
#include "views/ui_kit.hpp"

namespace parley::web {

namespace {

// A labelled text field; true when Enter was pressed in it.
bool filter_field(const char* label, const char* hint, std::string& text, float width, const std::string& widget,
                  Widgets& widgets) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width);
  const bool enter =
      ImGui::InputTextWithHint(("##" + widget).c_str(), hint, &text, ImGuiInputTextFlags_EnterReturnsTrue);
  widgets.record_last_item(widget);
  return enter;
}

void draw_filters(UiState& ui) {
  AuditUi& a = ui.audit;
  const float em = ImGui::GetFontSize();
  bool apply = filter_field("From", "YYYY-MM-DD", a.from, em * 11, "audit.from", ui.widgets);
  ImGui::SameLine(0, 12);
  apply = filter_field("to", "YYYY-MM-DD", a.to, em * 11, "audit.to", ui.widgets) || apply;
  ImGui::SameLine(0, 12);
  apply = filter_field("Actor", "login or agent", a.actor, em * 9, "audit.actor", ui.widgets) || apply;
  ImGui::SameLine(0, 12);
  apply = filter_field("Session", "id", a.chat, em * 6, "audit.chat", ui.widgets) || apply;
  ImGui::SameLine(0, 12);
  if (ImGui::Button("Apply###audit.apply") || apply) a.want = true;
  ui.widgets.record_last_item("audit.apply");
  ImGui::SameLine();
  if (ImGui::Button("Clear###audit.clear")) {
    a.from.clear();
    a.to.clear();
    a.actor.clear();
    a.chat.clear();
    a.want = true;
  }
  ui.widgets.record_last_item("audit.clear");
}

void draw_paging(const ViewContext& view, UiState& ui) {
  AuditUi& a = ui.audit;
  const bool first = a.page_starts.size() <= 1;
  ImGui::BeginDisabled(first || a.status == AuditStatus::loading);
  if (ImGui::Button("Newer###audit.newer")) a.step = -1;
  ImGui::EndDisabled();
  ui.widgets.record_last_item("audit.newer");
  ImGui::SameLine();
  ImGui::BeginDisabled(a.next_cursor.empty() || a.status == AuditStatus::loading);
  if (ImGui::Button("Older###audit.older")) a.step = 1;
  ImGui::EndDisabled();
  ui.widgets.record_last_item("audit.older");
  ImGui::SameLine();
  if (ImGui::Button("Refresh###audit.refresh")) a.want = true;
  ui.widgets.record_last_item("audit.refresh");
  ImGui::SameLine(0, 12);
  const Theme& t = theme();
  switch (a.status) {
    case AuditStatus::none:
    case AuditStatus::loading: ImGui::TextUnformatted("Loading the audit trail…"); break;
    case AuditStatus::failed:
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(t.danger));
      ImGui::TextWrapped("%s", a.error.c_str());
      ImGui::PopStyleColor();
      break;
    case AuditStatus::ready: {
      const std::size_t page = a.page_starts.empty() ? 1 : a.page_starts.size();
      const std::string line = "Page " + std::to_string(page) + " · " + std::to_string(a.rows.size()) +
                               " rows, newest first (UTC)" +
                               (view.mode == Mode::demo ? " · the demo's log, made in this page" : " · from the server");
      ImGui::TextUnformatted(line.c_str());
      break;
    }
  }
  ui.widgets.record_last_item("audit.status");
}

void cell(const std::string& text, bool disabled = false) {
  glyph_cache().want(Face::regular, text);
  if (disabled || text.empty()) ImGui::TextDisabled("%s", text.empty() ? "—" : text.c_str());
  else ImGui::TextUnformatted(text.c_str());
}

void draw_table(UiState& ui) {
  AuditUi& a = ui.audit;
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp |
                                     ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("##audit.table", 6, kFlags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("2026-01-05 09:00:00").x);
  ImGui::TableSetupColumn("Actor", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Action", ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn("Record", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Session", ImGuiTableColumnFlags_WidthStretch, 0.6f);
  ImGui::TableSetupColumn("Summary", ImGuiTableColumnFlags_WidthStretch, 3.5f);
  ImGui::TableHeadersRow();
  ui.widgets.record_last_item("audit.head");
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    const AuditRow& row = a.rows[i];
    ImGui::TableNextRow();
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableSetColumnIndex(0);
    const std::string at = format_rfc3339(row.at);
    ImGui::TextUnformatted(at.substr(0, 10).append(" ").append(at.substr(11, 8)).c_str());
    ui.widgets.record_last_item("audit.row." + std::to_string(i));
    ImGui::TableSetColumnIndex(1);
    const bool as_other = !row.by.empty() && row.by != row.actor;
    cell(row.actor.empty() ? std::string("not recorded") : row.actor + (as_other ? " (as " + row.by + ")" : ""),
         row.actor.empty());
    ImGui::TableSetColumnIndex(2);
    cell(row.action);
    ImGui::TableSetColumnIndex(3);
    cell(row.record.empty() ? row.kind : row.kind + " " + row.record);
    ImGui::TableSetColumnIndex(4);
    cell(row.chat);
    ImGui::TableSetColumnIndex(5);
    ImGui::PushTextWrapPos(0.0f);
    glyph_cache().want(Face::regular, row.summary);
    ImGui::TextUnformatted(row.summary.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (a.rows.empty() && a.status == AuditStatus::ready) ImGui::TextDisabled("Nothing recorded matches these filters.");
}

}  // namespace

void draw_audit_tab(const ViewContext& view, UiState& ui) {
  side_screen_tab(ui, ui.audit, shows_audit(view.state, view.agent, view.mode == Mode::demo),
                  "Audit###tab.audit", "tab.audit");
}

bool audit_showing(const ViewContext& view, UiState& ui) {
  return side_screen_showing(ui, ui.audit, shows_audit(view.state, view.agent, view.mode == Mode::demo));
}

void draw_audit(const ViewContext& view, UiState& ui) {
  ImGui::BeginChild("##audit", ImVec2(0, 0), ImGuiChildFlags_Border);
  if (side_screen_title(ui, "Audit trail", "###audit.close", "audit.close")) ui.audit.open = false;
  draw_filters(ui);
  draw_paging(view, ui);
  ImGui::Separator();
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(6, 4));
  draw_table(ui);
  ImGui::PopStyleVar();
  ImGui::EndChild();
  ui.widgets.record_last_item("audit");
}

}  // namespace parley::web
