// The web workspace's site served from memory (see static_site.hpp).
#include "static_site.hpp"

#include <httplib.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

namespace parley::server {

namespace {

constexpr std::string_view kCacheControl = "no-cache";  // always revalidate: the ETag makes that a 304

std::string content_type(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  return "application/octet-stream";
}

// A strong validator's opaque part from the bytes (FNV-1a, 64 bits); the site changes only with a restart.
std::string content_hash(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

// gzip at the best compression; empty if zlib fails.
std::string gzip(std::string_view bytes) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, bytes.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const bool done = deflate(&z, Z_FINISH) == Z_STREAM_END;
  out.resize(z.total_out);
  deflateEnd(&z);
  return done ? out : std::string();
}

bool accepts_gzip(const httplib::Request& req) {
  const std::string accepted = req.get_header_value("Accept-Encoding");
  return accepted.find("gzip") != std::string::npos;
}

// Whether If-None-Match names `etag` (a list of tags, weak or strong, or "*").
bool matches(const std::string& if_none_match, const std::string& etag) {
  std::istringstream tags(if_none_match);
  for (std::string tag; std::getline(tags, tag, ',');) {
    const auto first = tag.find_first_not_of(' '), last = tag.find_last_not_of(' ');
    if (first == std::string::npos) continue;
    tag = tag.substr(first, last - first + 1);
    if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

}  // namespace

bool StaticSite::load(const std::string& dir, std::string& error) {
  std::error_code ec;
  std::filesystem::directory_iterator entries(dir, ec);
  if (ec) {
    error = "cannot read the web folder " + dir + ": " + ec.message();
    return false;
  }
  for (const auto& entry : entries) {
    if (!entry.is_regular_file(ec)) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      error = "cannot read " + entry.path().string();
      return false;
    }
    SiteFile file;
    file.type = content_type(entry.path());
    file.body = bytes.str();
    const std::string hash = content_hash(file.body);
    file.body_etag = "\"" + hash + "\"";
    std::string packed = gzip(file.body);
    if (!packed.empty() && packed.size() < file.body.size() * 9 / 10) {
      file.gzip = std::move(packed);
      file.gzip_etag = "\"" + hash + "-gzip\"";
    }
    files_[entry.path().filename().string()] = std::move(file);
  }
  return true;
}

bool StaticSite::serve(const httplib::Request& req, httplib::Response& res) const {
  const std::string name = req.path == "/" ? "index.html" : req.path.substr(1);
  const auto found = files_.find(name);
  if (found == files_.end()) return false;
  const SiteFile& file = found->second;
  const bool packed = !file.gzip.empty() && accepts_gzip(req);
  const std::string& etag = packed ? file.gzip_etag : file.body_etag;
  res.set_header("Cache-Control", std::string(kCacheControl));
  res.set_header("ETag", etag);
  if (!file.gzip.empty()) res.set_header("Vary", "Accept-Encoding");
  if (req.has_header("If-None-Match") && matches(req.get_header_value("If-None-Match"), etag)) {
    res.status = 304;
    return true;
  }
  if (packed) res.set_header("Content-Encoding", "gzip");
  res.set_content(packed ? file.gzip : file.body, file.type);
  return true;
}

}  // namespace parley::server
