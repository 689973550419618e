// Login screen: a centred card with the two fields, Sign in, and the demo button.
#include "views/login_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "theme.hpp"
#include "views/ui_kit.hpp"

namespace parley::web {

void draw_login_view(const ViewContext&, UiState& ui, Outbox& out) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float width = 360.0f, height = 316.0f;
  ImGui::SetCursorPos(ImVec2((avail.x - width) * 0.5f, (avail.y - height) * 0.4f));
  ImGui::BeginChild("##login", ImVec2(width, height), ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
  heading("Parley");
  ImGui::TextDisabled("Agent workspace");
  ImGui::Spacing();

  const float field = ImGui::GetContentRegionAvail().x;
  ImGui::TextUnformatted("Login");
  ImGui::SetNextItemWidth(field);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  bool submit = ImGui::InputText("##login_user", &ui.login, ImGuiInputTextFlags_EnterReturnsTrue);
  ui.widgets.record_last_item("login.user");
  ImGui::TextUnformatted("Password");
  ImGui::SetNextItemWidth(field);
  submit = ImGui::InputText("##login_password", &ui.password,
                            ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue) ||
           submit;
  ui.widgets.record_last_item("login.password");
  ImGui::Spacing();
  ImGui::BeginDisabled(ui.login_busy);
  ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(theme().accent));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::ColorConvertU32ToFloat4(theme().accent));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme().on_accent));
  submit = ImGui::Button(ui.login_busy ? "Signing in…" : "Sign in", ImVec2(field, 0)) || submit;
  ImGui::PopStyleColor(3);
  ImGui::EndDisabled();
  ui.widgets.record_last_item("login.submit");
  if (submit && !ui.login_busy) out.ask(SignIn{ui.login, ui.password});
  if (!ui.login_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme().danger));
    ImGui::TextWrapped("%s", ui.login_error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  if (ImGui::Button("Try the offline demo", ImVec2(field, 0))) out.ask(StartDemo{});
  ui.widgets.record_last_item("login.demo");
  ImGui::TextDisabled("Runs in this page, no server needed.");
  ImGui::EndChild();
  ImGui::SetCursorPosX((avail.x - width) * 0.5f);
  theme_toggle(ui.widgets);
}

}  // namespace parley::web
