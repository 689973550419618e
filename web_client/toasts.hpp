// Short messages over the workspace (a member of UiState): each shows for a few seconds, newest at the
// bottom of the stack. An undoable one holds a command back until its window ends: Undo drops the
// command, the end of the window (or leaving the workspace) hands it over to be sent. Pure; wall ms.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "model.hpp"

namespace parley::web {

struct Toast {
  std::uint64_t id = 0;
  std::string text;
  Timestamp until = 0;               // wall ms when it leaves
  std::optional<Command> held;       // sent when it leaves, unless undone (the toast offers Undo)
  std::string chat;                  // the session it is about (Undo opens it again)
};

class Toasts {
 public:
  static constexpr Duration kShown = 4000;       // a confirmation
  static constexpr Duration kUndoWindow = 6000;  // an action that can still be undone
  static constexpr std::size_t kMax = 4;         // more push the oldest out (its held command is sent)

  std::uint64_t show(std::string text, Timestamp now, std::string chat = {});
  std::uint64_t hold(std::string text, Command command, Timestamp now, std::string chat = {});
  // Undo: drops the toast and its held command; returns the toast as it was (nullopt if it had ended).
  std::optional<Toast> undo(std::uint64_t id);
  // Closes a toast now; a held command becomes due.
  void dismiss(std::uint64_t id);
  // Removes the toasts whose time is up; returns the held commands now due, oldest first.
  std::vector<Command> take_due(Timestamp now);
  // Everything held, due now (leaving the workspace); the toasts go.
  std::vector<Command> take_all();
  // Whether a command for `chat` is being held (an Undo window is open).
  bool holds(const std::string& chat) const;
  const std::deque<Toast>& shown() const { return shown_; }
  bool empty() const { return shown_.empty(); }

 private:
  std::uint64_t add(Toast toast);
  std::deque<Toast> shown_;
  std::vector<Command> due_;
  std::uint64_t next_ = 1;
};

}  // namespace parley::web
