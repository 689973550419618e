// The composer's Articles popup (see articles_popup.hpp).
#include "views/articles_popup.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "format.hpp"
#include "glyph_cache.hpp"

namespace parley::web {

namespace {

constexpr std::size_t kPreviewBytes = 140;
constexpr std::size_t kShownResults = 20;

void insert_article(const std::string& text, UiState& ui) {
  insert_into_composer(ui.composer, ui.tools, text);
  ImGui::CloseCurrentPopup();
}

void draw_result(const Article& a, UiState& ui) {
  ImGui::PushID(a.id.c_str());
  glyph_cache().want(Face::regular, a.title);
  ImGui::TextUnformatted(a.title.c_str());
  ui.widgets.record_last_item("articles.item." + a.id);
  if (!a.tags.empty()) {
    std::string tags;
    for (const std::string& t : a.tags) tags += (tags.empty() ? "" : " · ") + t;
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tags.c_str());
  }
  std::string preview = shortened(a.body, kPreviewBytes);
  std::replace(preview.begin(), preview.end(), '\n', ' ');
  glyph_cache().want(Face::regular, preview);
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", preview.c_str());
  ImGui::PopTextWrapPos();
  ImGui::BeginDisabled(a.link.empty());
  if (ImGui::SmallButton("Insert link")) insert_article(article_as_link(a), ui);
  ImGui::EndDisabled();
  ui.widgets.record_last_item("articles.link." + a.id);
  ImGui::SameLine();
  if (ImGui::SmallButton("Insert text")) insert_article(article_as_text(a), ui);
  ui.widgets.record_last_item("articles.text." + a.id);
  ImGui::Separator();
  ImGui::PopID();
}

}  // namespace

void draw_articles_popup(UiState& ui) {
  const float room = ImGui::GetContentRegionAvail().x;  // the session pane's width: the popup stays inside it
  ImGui::SetNextWindowSizeConstraints(ImVec2(std::min(420.0f, room), 0), ImVec2(std::max(std::min(560.0f, room), 200.0f), 420));
  if (!ImGui::BeginPopup("##articles")) return;
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
    ImGui::CloseCurrentPopup();
    ui.tools.caret_to = ui.composer.size();
    ui.tools.focus = 3;
  }
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  const bool enter = ImGui::InputTextWithHint("##articles_search", "Search the knowledge base", &ui.articles.query,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  ui.widgets.record_last_item("articles.search");
  const std::vector<std::size_t>& found = found_articles(ui.articles);
  const ArticlesState& kb = ui.articles;
  if (enter && !found.empty()) {
    const Article& best = kb.articles[found.front()];
    insert_article(best.link.empty() ? article_as_text(best) : article_as_link(best), ui);
  }
  for (std::size_t i = 0; i < found.size() && i < kShownResults; ++i) draw_result(kb.articles[found[i]], ui);
  if (found.empty()) {
    if (kb.load != ArticlesLoad::loaded) ImGui::TextDisabled("Loading the knowledge base…");
    else if (kb.articles.empty()) ImGui::TextDisabled("No articles yet: an admin adds them.");
    else ImGui::TextDisabled("No article matches.");
  } else if (found.size() > kShownResults) {
    ImGui::TextDisabled("%zu more: type more words to narrow the search.", found.size() - kShownResults);
  }
  ImGui::EndPopup();
}

}  // namespace parley::web
