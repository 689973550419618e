// The scenario runner of SCENARIO.md as a pure line processor: one JSON line in, at most one
// output line back (queries and refusals). Deterministic; the I/O lives in the parley-sim tools.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "events.hpp"
#include "model.hpp"
#include "wire.hpp"

namespace parley {

class ScenarioRunner {
 public:
  // Returns the output line (without newline) the input line produces, if any.
  std::optional<std::string> feed(std::string_view line);
  const State& state() const { return state_; }

 private:
  Json query(const std::string& type, const Json& line, Timestamp at, std::optional<Error>& error);
  void contact_query(const std::string& type, const Json& line, Json& out, std::optional<Error>& error);
  std::string refusal(std::optional<Timestamp> at, const Error& error) const;

  State state_;
  Timestamp last_at_ = kNever;
  long line_ = 0;
};

}  // namespace parley
