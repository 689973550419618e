// The reading view's content: names and times as the canvas shows them, text split into link runs.
#include "reader.hpp"

#include "composer_state.hpp"
#include "format.hpp"
#include "links.hpp"

namespace parley::web {

Json reader_json(const State& state, const Chat& chat, const std::string& viewer_agent) {
  Json messages = Json::array();
  const std::size_t first = chat.messages.size() > kReaderMessages ? chat.messages.size() - kReaderMessages : 0;
  for (std::size_t i = first; i < chat.messages.size(); ++i) {
    const Message& m = chat.messages[MessageIx{i}];
    Json runs = Json::array();
    if (!m.text.empty())
      for (auto& [text, href] : link_runs(m.text)) runs.push_back(Json::array({text, href}));
    Json files = Json::array();
    for (const Attachment& a : m.attachments)
      files.push_back(Json{{"id", a.id}, {"name", a.name}, {"type", a.type}, {"size", format_size(a.size)}});
    messages.push_back(Json{{"who", actor_display(state, chat, m.from)},
                            {"at", format_clock(m.at)},
                            {"mine", m.from.is_agent() && m.from.id == viewer_agent},
                            {"client", m.from.kind == ActorKind::client},
                            {"runs", std::move(runs)},
                            {"files", std::move(files)}});
  }
  const std::string title = "#" + std::to_string(chat.number) + " " + (chat.client.empty() ? "Client" : chat.client);
  return Json{{"title", title}, {"earlier", first}, {"messages", std::move(messages)}};
}

}  // namespace parley::web
