// Wire names of the refusal codes.
#include "result.hpp"

namespace parley {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_command: return "bad_command";
    case ErrorCode::unknown_agent: return "unknown_agent";
    case ErrorCode::unknown_chat: return "unknown_chat";
    case ErrorCode::unknown_group: return "unknown_group";
    case ErrorCode::unknown_message: return "unknown_message";
    case ErrorCode::unknown_policy: return "unknown_policy";
    case ErrorCode::already_exists: return "already_exists";
    case ErrorCode::agent_offline: return "agent_offline";
    case ErrorCode::not_assigned: return "not_assigned";
    case ErrorCode::not_member: return "not_member";
    case ErrorCode::group_offline: return "group_offline";
    case ErrorCode::bad_state: return "bad_state";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::blocked: return "blocked";
    case ErrorCode::unknown_rule: return "unknown_rule";
    case ErrorCode::unknown_contact: return "unknown_contact";
    case ErrorCode::unknown_action: return "unknown_action";
  }
  return "bad_command";
}

}  // namespace parley
