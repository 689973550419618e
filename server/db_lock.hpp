// One parley-server per database: an exclusive flock(2) on "<db>.lock" beside the database file, held
// for the life of the DatabaseLock and released by the kernel when the process ends in any way.
#pragma once
#include <memory>
#include <string>

namespace parley::server {

class DatabaseLock {
 public:
  // Takes the lock without waiting; nullptr and a message naming the holder's pid when it is taken.
  static std::unique_ptr<DatabaseLock> acquire(const std::string& db_path, std::string& error);
  ~DatabaseLock();
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace parley::server
