// What a record store answers: done, a conflict with what is stored (the key exists, the record
// changed meanwhile), nothing stored under the key, or a failure of the storage itself (I/O, full disk).
#pragma once
#include <string>
#include <utility>

namespace parley::server {

enum class StoreStatus { ok, conflict, not_found, failed };

struct Unit {};

template <class T = Unit>
struct Stored {
  StoreStatus status = StoreStatus::failed;
  T value{};
  std::string error;  // failed: what the storage said

  bool ok() const { return status == StoreStatus::ok; }
  bool conflict() const { return status == StoreStatus::conflict; }
  bool not_found() const { return status == StoreStatus::not_found; }
  bool failed() const { return status == StoreStatus::failed; }
  const T* operator->() const { return &value; }
  T* operator->() { return &value; }
  const T& operator*() const { return value; }
  T& operator*() { return value; }

  static Stored done(T v = T{}) { return Stored{StoreStatus::ok, std::move(v), {}}; }
  static Stored refused(StoreStatus status, std::string why = {}) { return Stored{status, T{}, std::move(why)}; }
};

}  // namespace parley::server
