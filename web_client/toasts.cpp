// The toast queue: timing, the held commands of undoable toasts, and the stack's limit.
#include "toasts.hpp"

#include <algorithm>

namespace parley::web {

std::uint64_t Toasts::add(Toast toast) {
  toast.id = next_++;
  shown_.push_back(std::move(toast));
  while (shown_.size() > kMax) {
    if (shown_.front().held) due_.push_back(std::move(*shown_.front().held));
    shown_.pop_front();
  }
  return shown_.back().id;
}

std::uint64_t Toasts::show(std::string text, Timestamp now, std::string chat) {
  return add(Toast{0, std::move(text), now + kShown, std::nullopt, std::move(chat)});
}

std::uint64_t Toasts::hold(std::string text, Command command, Timestamp now, std::string chat) {
  return add(Toast{0, std::move(text), now + kUndoWindow, std::move(command), std::move(chat)});
}

std::optional<Toast> Toasts::undo(std::uint64_t id) {
  const auto found = std::find_if(shown_.begin(), shown_.end(), [&](const Toast& t) { return t.id == id; });
  if (found == shown_.end()) return std::nullopt;
  Toast toast = std::move(*found);
  shown_.erase(found);
  return toast;
}

void Toasts::dismiss(std::uint64_t id) {
  if (std::optional<Toast> toast = undo(id); toast && toast->held) due_.push_back(std::move(*toast->held));
}

std::vector<Command> Toasts::take_due(Timestamp now) {
  for (auto it = shown_.begin(); it != shown_.end();) {
    if (now < it->until) {
      ++it;
      continue;
    }
    if (it->held) due_.push_back(std::move(*it->held));
    it = shown_.erase(it);
  }
  return std::exchange(due_, {});
}

std::vector<Command> Toasts::take_all() {
  for (Toast& toast : shown_)
    if (toast.held) due_.push_back(std::move(*toast.held));
  shown_.clear();
  return std::exchange(due_, {});
}

bool Toasts::holds(const std::string& chat) const {
  return std::any_of(shown_.begin(), shown_.end(), [&](const Toast& t) { return t.held && t.chat == chat; });
}

}  // namespace parley::web
