// flock on a lock file rather than on the database itself: closing any descriptor of the database would
// drop SQLite's own POSIX locks on it, and a separate file leaves readers (backups, sqlite3) unhindered.
#include "db_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace parley::server {

std::unique_ptr<DatabaseLock> DatabaseLock::acquire(const std::string& db_path, std::string& error) {
  const std::string path = db_path + ".lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = "cannot open the lock file " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int why = errno;
    char holder[32] = {};
    const ssize_t got = ::pread(fd, holder, sizeof holder - 1, 0);
    ::close(fd);
    if (why != EWOULDBLOCK) {
      error = "cannot lock " + path + ": " + std::strerror(why);
      return nullptr;
    }
    std::string pid = got > 0 ? std::string(holder, static_cast<std::size_t>(got)) : "";
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    error = "the database " + db_path + " is in use by another parley-server" +
            (pid.empty() ? "" : " (pid " + pid + ")") + "; one server per database";
    return nullptr;
  }
  // The pid only serves the message above; the lock works without it.
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, pid.data(), pid.size(), 0);
  return std::unique_ptr<DatabaseLock>(new DatabaseLock(fd));
}

DatabaseLock::~DatabaseLock() { ::close(fd_); }

}  // namespace parley::server
