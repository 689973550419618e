// The web workspace's site (--web DIR): files from memory with their types, gzip for clients that
// accept it, ETags that turn a reload into a 304, API routes untouched, and a bad folder refused at start.
#include <doctest/doctest.h>
#include <httplib.h>
#include <zlib.h>

#include <fstream>
#include <random>

#include "server_process.hpp"

using namespace parley_test;

namespace {

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string gunzip(const std::string& packed) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return {};
  std::string out(packed.size() * 40 + 1024, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const bool done = inflate(&z, Z_FINISH) == Z_STREAM_END;
  out.resize(z.total_out);
  inflateEnd(&z);
  return done ? out : std::string("<not gzip>");
}

// A GET that keeps the body as sent (the test's Api client cannot take gzip).
struct Sent {
  int status = 0;
  std::string body, encoding, etag, vary;
};
Sent get_as_sent(int port, const std::string& path, const httplib::Headers& headers) {
  httplib::Client client("127.0.0.1", port);
  client.set_decompress(false);
  const auto result = client.Get(path, headers);
  if (!result) return {};
  return {result->status, result->body, result->get_header_value("Content-Encoding"),
          result->get_header_value("ETag"), result->get_header_value("Vary")};
}

struct Site {
  TempDir files;
  std::string index = "<!doctype html><title>Parley</title>" + std::string(2000, ' ') + "<p>workspace</p>";
  std::string script;
  std::string noise;  // does not compress: sent as it is
  Site() {
    for (int i = 0; i < 3000; ++i) script += "function f" + std::to_string(i) + "() { return " + std::to_string(i) + "; }\n";
    std::mt19937 random(7);
    for (int i = 0; i < 20000; ++i) noise += static_cast<char>(random() & 0xFF);
    write_file(files.file("index.html"), index);
    write_file(files.file("parley-web.js"), script);
    write_file(files.file("parley-web.data"), noise);
  }
};

struct SiteServer {
  Site site;
  TempDir dir;
  ServerProcess server{dir.file("desk.db"), dir.file("server.log"), ClockMode::manual};
  SiteServer() {
    server.serve_web(site.files.file(""));
    REQUIRE_MESSAGE(server.start(), server.log());
  }
};

}  // namespace

TEST_CASE("the site's files, with their types, validators and gzip") {
  SiteServer s;
  Api api(s.server.port());

  const Reply index = api.get("/");
  REQUIRE(index.status == 200);
  CHECK(index.text == s.site.index);
  CHECK(index.header("content-type") == "text/html; charset=utf-8");
  CHECK(index.header("cache-control") == "no-cache");
  CHECK(index.header("content-encoding").empty());
  const std::string index_tag = index.header("etag");
  CHECK(index_tag.size() > 2);
  CHECK(api.get("/index.html").text == s.site.index);

  const Reply plain = api.get("/parley-web.js");
  REQUIRE(plain.status == 200);
  CHECK(plain.text == s.site.script);
  CHECK(plain.header("content-type") == "text/javascript; charset=utf-8");

  // Browsers get the compressed form; a reload that still holds it gets a 304 and no body.
  const httplib::Headers gzip{{"Accept-Encoding", "gzip, deflate, br"}};
  const Sent packed = get_as_sent(s.server.port(), "/parley-web.js", gzip);
  REQUIRE(packed.status == 200);
  CHECK(packed.encoding == "gzip");
  CHECK(packed.vary == "Accept-Encoding");
  CHECK(packed.body.size() < s.site.script.size() / 4);
  CHECK(gunzip(packed.body) == s.site.script);
  CHECK(packed.etag != plain.header("etag"));
  const auto revalidate = [&](const std::string& tags) {
    httplib::Headers headers = gzip;
    headers.emplace("If-None-Match", tags);
    return get_as_sent(s.server.port(), "/parley-web.js", headers);
  };
  const Sent again = revalidate(packed.etag);
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  CHECK(revalidate("\"0000000000000000\", W/" + packed.etag).status == 304);
  CHECK(revalidate(plain.header("etag")).status == 200);  // the other form's validator
  CHECK(revalidate("\"stale\"").body == packed.body);
  api.set_header("If-None-Match", plain.header("etag"));
  CHECK(api.get("/parley-web.js").status == 304);

  // Bytes that do not compress go as they are, even to a client that accepts gzip.
  const Sent noise = get_as_sent(s.server.port(), "/parley-web.data", gzip);
  CHECK(noise.status == 200);
  CHECK(noise.encoding.empty());
  CHECK(noise.body == s.site.noise);
  CHECK(api.get("/parley-web.data").header("content-type") == "application/octet-stream");
}

TEST_CASE("only the site's own files; API routes are not shadowed") {
  SiteServer s;
  Api api(s.server.port());
  for (const char* path : {"/missing.js", "/..", "/../desk.db", "/%2e%2e/desk.db", "/parley-web.js/x"}) {
    const Reply reply = api.get(path);
    CHECK_MESSAGE(reply.status == 404, path, " ", reply.describe());
  }
  CHECK(api.get("/missing.js").code() == "not_found");
  const Reply live = api.get("/livez");
  CHECK(live.status == 200);
  CHECK(live.header("etag").empty());
  CHECK(api.get("/api/v1/openapi.json").status == 200);
}

TEST_CASE("a web folder that cannot be read stops the server from starting") {
  TempDir dir;
  ServerProcess server(dir.file("desk.db"), dir.file("server.log"), ClockMode::manual);
  server.serve_web(dir.file("no-such-folder"));
  CHECK_FALSE(server.start());
  CHECK(server.log().find("no-such-folder") != std::string::npos);
}
