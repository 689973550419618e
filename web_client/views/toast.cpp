// Toast cards: one small window each, stacked upwards from the bottom right corner.
#include "views/toast.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>

#include "theme.hpp"
#include "views/chat_list.hpp"

namespace parley::web {

void draw_toasts(const ViewContext& view, UiState& ui) {
  Toasts& toasts = ui.flow.toasts;
  if (toasts.empty()) return;
  const Theme& t = theme();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float margin = 16, gap = 8;
  const float height = ImGui::GetFrameHeight() + style.WindowPadding.y * 2;
  const float max_width = std::min(480.0f, viewport->WorkSize.x - 2 * margin);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove |
                           ImGuiWindowFlags_AlwaysAutoResize;
  std::optional<std::uint64_t> undo, dismiss;
  bool undo_recorded = false;
  const auto& shown = toasts.shown();
  float bottom = viewport->WorkPos.y + viewport->WorkSize.y - margin;
  for (std::size_t n = 0; n < shown.size(); ++n) {
    const Toast& toast = shown[shown.size() - 1 - n];  // the newest lowest
    const std::string name = "##toast" + std::to_string(n);  // one window per place: ImGui keeps windows
    // A place showing another toast than last frame is laid out unseen first (as a new window is):
    // its size follows the new text a frame late, and nothing should show or take a click meanwhile.
    const ImGuiID shown_key = ImGui::GetID("##toast.shown");
    const int shown_id = static_cast<int>(toast.id & 0x7fffffff);
    if (ImGuiWindow* place = ImGui::FindWindowByName(name.c_str());
        place && place->StateStorage.GetInt(shown_key, -1) != shown_id && place->HiddenFramesCannotSkipItems < 2)
      place->HiddenFramesCannotSkipItems = 2;  // Begin counts one down before it decides
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - margin, bottom), ImGuiCond_Always,
                            ImVec2(1, 1));
    ImGui::SetNextWindowSizeConstraints(ImVec2(200, height), ImVec2(max_width, height));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(t.popup));
    ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(t.border));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8.0f);
    ImGui::Begin(name.c_str(), nullptr, flags);
    ImGui::GetCurrentWindow()->StateStorage.SetInt(shown_key, shown_id);
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(toast.held ? t.text : t.success));
    ImGui::TextUnformatted(toast.held ? "↶" : "✓");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted(toast.text.c_str());
    if (toast.held) {
      const long left = static_cast<long>((toast.until - view.wall + 999) / 1000);
      ImGui::SameLine(0, 16);
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(t.accent));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::ColorConvertU32ToFloat4(t.accent));
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(t.on_accent));
      const std::string label = "Undo (" + std::to_string(std::max(0L, left)) + ")###undo" + std::to_string(toast.id);
      if (ImGui::Button(label.c_str())) undo = toast.id;
      ImGui::PopStyleColor(3);
      if (!undo_recorded) ui.widgets.record_last_item("toast.undo");
      undo_recorded = true;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("×")) dismiss = toast.id;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(toast.held ? "Do it now" : "Dismiss");
    ui.widgets.record_last_item("toast.dismiss." + std::to_string(n));
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    if (!ImGui::GetCurrentWindow()->Hidden)
      ui.widgets.set("toast." + std::to_string(n), WidgetRect{pos.x, pos.y, size.x, size.y});
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
    bottom -= height + gap;
  }
  if (undo)
    if (std::optional<Toast> undone = toasts.undo(*undo); undone && !undone->chat.empty()) open_chat(ui, undone->chat);
  if (dismiss) toasts.dismiss(*dismiss);
}

}  // namespace parley::web
