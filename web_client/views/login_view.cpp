// Login screen: a centred card with the two fields, Sign in, and the demo button.
#include "views/login_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace parley::web {

void draw_login_view(const ViewContext&, UiState& ui, Outbox& out) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float width = 360.0f, height = 300.0f;
  ImGui::SetCursorPos(ImVec2((avail.x - width) * 0.5f, (avail.y - height) * 0.4f));
  ImGui::BeginChild("##login", ImVec2(width, height), ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
  ImGui::SetWindowFontScale(1.5f);
  ImGui::TextUnformatted("Parley");
  ImGui::SetWindowFontScale(1.0f);
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
  submit = ImGui::Button(ui.login_busy ? "Signing in…" : "Sign in", ImVec2(field, 0)) || submit;
  ImGui::EndDisabled();
  ui.widgets.record_last_item("login.submit");
  if (submit && !ui.login_busy) out.ask(SignIn{ui.login, ui.password});
  if (!ui.login_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.4f, 1.0f));
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
}

}  // namespace parley::web
