// The web workspace's site served from memory: the files of one folder read at start, gzip-compressed
// ahead for clients that accept it, each form with its own ETag so that a reload revalidates (304).
#pragma once
#include <map>
#include <string>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace parley::server {

struct SiteFile {
  std::string type;
  std::string body, body_etag;
  std::string gzip, gzip_etag;  // empty when compressing does not pay
};

class StaticSite {
 public:
  // Reads the regular files directly in `dir` (not its subfolders); false, with `error`, if it cannot.
  bool load(const std::string& dir, std::string& error);
  // Answers a GET of `req.path` ("/" is /index.html); false if the site holds no such file.
  bool serve(const httplib::Request& req, httplib::Response& res) const;

 private:
  std::map<std::string, SiteFile> files_;  // by name, without the leading '/'
};

}  // namespace parley::server
