// The reading view of a session: its messages as page text the browser lays out (selectable,
// copyable, found by Ctrl+F), links clickable, image files previewed. reader_json is what the page's
// reader (assets/web/reader.js) shows; pure, built from the replica.
#pragma once
#include <cstddef>
#include <string>

#include "model.hpp"
#include "wire.hpp"

namespace parley::web {

constexpr std::size_t kReaderMessages = 500;  // the latest ones; older ones stay on the canvas

// {"title","messages":[{"who","at","mine","runs":[[text,href]…],"files":[{"id","name","type","size"}]}]}
Json reader_json(const State& state, const Chat& chat, const std::string& viewer_agent);

}  // namespace parley::web
