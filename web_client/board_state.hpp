// The team board's place in the workspace: whether it shows, and the core's board (team_board) kept
// between frames, computed again only when the replica changes or a second of desk time passes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "team_board.hpp"
#include "wire.hpp"

namespace parley::web {

struct BoardUi {
  bool open = false;        // the board shows in place of the session view
  std::string opened_over;  // the session open when it was shown: opening another one closes the board
  // the cache
  std::uint64_t version = ~0ull;
  std::size_t chats = 0, agents = 0, groups = 0;
  Timestamp second = 0;
  AgentIx viewer = kNoIndex;
  std::optional<TeamBoard> board;  // nullopt: the viewer may not see a board
  int computed = 0;                // how many times it was computed (for tests and measurements)
};

// Whether the agent may see a team board at all (supervisors of some group, admins).
bool shows_team_board(const State& state, AgentIx agent);
// The board for the agent at `now`, from the cache when nothing it depends on changed; nullptr when
// the agent may not see one.
const TeamBoard* board_for(BoardUi& ui, const State& state, AgentIx agent, Timestamp now);
// The board as the test hook shows it: ids, statuses, times as RFC 3339.
Json board_to_json(const State& state, const TeamBoard& board);

}  // namespace parley::web
