// Sessions the agent starts: the channels that reach a customer (the server's, or the demo's own),
// the "+New session" and "Continue chat" forms, and the started session to open once it arrives.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wire.hpp"

namespace parley::web {

struct StartChannel {
  std::string id, name, kind, group;
};

enum class StartLoad { none, asked, loaded };

struct StartUi {
  std::vector<StartChannel> channels;
  StartLoad load = StartLoad::none;
  std::uint64_t load_request = 0;
  // The form: a new session (continue empty) or a closed session continued (continue = its id).
  bool open_new = false, open_continue = false;  // open the popup this frame
  std::string continued;
  int channel = 0;
  std::string group, user, name, text;
  std::string error;
  std::uint64_t request = 0;  // the start under way
  bool started = false;       // the last start succeeded: the form closes
  std::string open_when_listed;  // the started session, opened once the desk lists it
};

// {"channels":[{"id","name","kind","group"}]}; nullopt if malformed.
std::optional<std::vector<StartChannel>> start_channels_from_json(const Json& json);
// The offline demo's: a messenger and an internal channel.
std::vector<StartChannel> demo_start_channels();
// Whether a session on the channel named `channel` can be continued: one of `channels` has that name.
bool reaches_channel(const std::vector<StartChannel>& channels, const std::string& channel);

}  // namespace parley::web
