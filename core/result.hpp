// Errors as values: every refusal the core can give is an ErrorCode with a human message.
// Result<T> holds either a value or an Error; the core never throws.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace parley {

enum class ErrorCode {
  bad_command,
  unknown_agent,
  unknown_chat,
  unknown_group,
  unknown_message,
  unknown_policy,
  already_exists,
  agent_offline,
  not_assigned,
  not_member,
  group_offline,
  bad_state,
  forbidden,
  blocked,       // the blocklist refuses the customer
  unknown_rule,
  unknown_contact,
  unknown_action,  // no such action or action run
};

std::string_view error_code_name(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;
};

template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}
  Result(Error error) : data_(std::move(error)) {}
  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(data_); }
  const T& value() const { return std::get<0>(data_); }
  const Error& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

inline Error fail(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

}  // namespace parley
