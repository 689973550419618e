// The login screen: login, password, Sign in, and "Try the offline demo".
#pragma once
#include "app.hpp"

namespace parley::web {

void draw_login_view(const ViewContext& view, UiState& ui, Outbox& out);

}  // namespace parley::web
