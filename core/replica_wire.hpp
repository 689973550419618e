// JSON of the replica feed's items (replica.reset, group.snapshot, agent.snapshot, chat.snapshot,
// chat.forget). Times are integer milliseconds, null for never. Parsing never throws.
#pragma once
#include <string_view>

#include "replica.hpp"
#include "result.hpp"
#include "wire.hpp"

namespace parley {

std::string_view replica_item_type(const ReplicaItem& item);
Json replica_item_to_json(const ReplicaItem& item);
// Reads {"type":…} of any replica item; a bad_command Error names the first field that is wrong.
Result<ReplicaItem> replica_item_from_json(const Json& json);
// True for the SSE event types that carry replica items rather than logged events.
bool is_replica_item_type(std::string_view type);

}  // namespace parley
