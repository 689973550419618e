// LayoutWatch: a table whose content widens keeps the page drawing until its columns have followed,
// then it stands still; a layout that never settles stops counting as moving after the limit.
#include <doctest/doctest.h>
#include <imgui.h>

#include <string>

#include "layout_watch.hpp"

using parley::web::LayoutWatch;

namespace {

struct Context {
  Context() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1024, 768);
    io.IniFilename = nullptr;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~Context() { ImGui::DestroyContext(); }
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
};

float table_frame(const std::string& cell) {
  ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(800, 600));
  ImGui::Begin("page");
  float second_column_x = 0;
  if (ImGui::BeginTable("t", 2, ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(cell.c_str());
    ImGui::TableNextColumn();
    second_column_x = ImGui::GetCursorScreenPos().x;
    ImGui::TextUnformatted("x");
    ImGui::EndTable();
  }
  ImGui::End();
  ImGui::Render();
  return second_column_x;
}

// Frames drawn while the watch says the layout moves; the last frame's second-column position.
int frames_until_still(LayoutWatch& watch, const std::string& cell, float& second_column_x) {
  int frames = 0;
  do {
    second_column_x = table_frame(cell);
    ++frames;
  } while (watch.still_moving() && frames < 50);
  return frames;
}

}  // namespace

TEST_CASE("a table's columns follow wider content a frame late; the watch keeps drawing until they have") {
  Context context;
  LayoutWatch watch;
  float x_short = 0, x_long = 0;
  const int first = frames_until_still(watch, "ab", x_short);
  CHECK(first >= 2);
  CHECK(first < 12);
  CHECK_FALSE(watch.still_moving());  // nothing drawn since: same fingerprint

  // One frame with wide content: the column still has its old width in that frame.
  const float x_right_after = table_frame("a much longer cell that needs a wider first column");
  CHECK(x_right_after == doctest::Approx(x_short));
  CHECK_FALSE(watch.still_moving());  // the layout of that frame did not move yet...
  const int again = frames_until_still(watch, "a much longer cell that needs a wider first column", x_long);
  CHECK(again >= 2);  // ...the next one does, and the watch asks for frames until it stands still
  CHECK(x_long > x_short + 100);
}

TEST_CASE("a layout that changes every frame stops asking for frames after the limit") {
  Context context;
  LayoutWatch watch;
  int asked = 0;
  for (int i = 0; i < 30; ++i) {
    table_frame(std::string(static_cast<std::size_t>(5 + (i % 2) * 40), 'w'));
    if (watch.still_moving(8)) ++asked;
  }
  CHECK(asked == 8);
}
