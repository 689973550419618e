// The composer's Articles popup: searches the knowledge base as the agent types (the core's search
// over the loaded articles) and inserts an article at the caret as its title and link, or as its text.
#pragma once
#include "app.hpp"

namespace parley::web {

void draw_articles_popup(UiState& ui);

}  // namespace parley::web
