// HTTPS: with --tls-cert/--tls-key the server speaks TLS 1.2+ only (logins work over it, with the
// certificate verified), refuses plain HTTP and TLS 1.1 clients, and will not start with a bad key pair.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "server_process.hpp"

using namespace parley_test;

namespace {

// A throwaway self-signed certificate for 127.0.0.1 (P-256 key), valid for a day.
bool write_self_signed(const std::string& cert_path, const std::string& key_path) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  bool ok = key && cert;
  if (ok) {
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1");
    ok = san && X509_add_ext(cert, san, -1) == 1 && X509_sign(cert, key, EVP_sha256()) > 0;
    X509_EXTENSION_free(san);
  }
  FILE* key_file = ok ? std::fopen(key_path.c_str(), "w") : nullptr;
  FILE* cert_file = ok ? std::fopen(cert_path.c_str(), "w") : nullptr;
  ok = key_file && cert_file && PEM_write_PrivateKey(key_file, key, nullptr, nullptr, 0, nullptr, nullptr) == 1 &&
       PEM_write_X509(cert_file, cert) == 1;
  if (key_file) std::fclose(key_file);
  if (cert_file) std::fclose(cert_file);
  X509_free(cert);
  EVP_PKEY_free(key);
  return ok;
}

struct Handshake {
  bool ok = false;
  std::string version;  // the negotiated protocol when ok
  int reason = 0;       // else the OpenSSL reason code of the failure
};

// One bare TLS handshake with the server, offering only protocol versions min…max.
Handshake handshake(int port, int min_version, int max_version) {
  Handshake out;
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_security_level(ctx, 0);  // else this OpenSSL would not even offer TLS 1.1
  SSL_CTX_set_min_proto_version(ctx, min_version);
  SSL_CTX_set_max_proto_version(ctx, max_version);
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    ERR_clear_error();
    out.ok = SSL_connect(ssl) == 1;
    if (out.ok) out.version = SSL_get_version(ssl);
    else out.reason = ERR_GET_REASON(ERR_peek_last_error());
    if (out.ok) SSL_shutdown(ssl);
    SSL_free(ssl);
  }
  ::close(fd);
  SSL_CTX_free(ctx);
  return out;
}

// A started HTTPS server with a fresh certificate.
struct TlsDesk {
  TlsDesk() : server(dir.file("desk.db"), dir.file("server.log"), ClockMode::system) {
    REQUIRE(write_self_signed(cert(), dir.file("key.pem")));
    server.use_tls(cert(), dir.file("key.pem"));
    REQUIRE_MESSAGE(server.start(), server.log());
  }
  std::string cert() const { return dir.file("cert.pem"); }
  TempDir dir;
  ServerProcess server;
};

}  // namespace

TEST_CASE("logins and API calls work over HTTPS") {
  TlsDesk desk;
  const int port = desk.server.port();
  CHECK(desk.server.log().find("listening on https://127.0.0.1:" + std::to_string(port)) != std::string::npos);

  Api api(port, "", true);
  REQUIRE(api.sign_in("admin", kAdminPassword));
  const Reply me = api.get("/api/v1/me");
  CHECK(me.status == 200);
  CHECK(me.text.find("admin") != std::string::npos);
  CHECK(api.login("admin", "not-the-password").status == 401);

  // The certificate the server presents is the one it was given (verified against it as the CA).
  httplib::SSLClient verified("127.0.0.1", port);
  verified.set_ca_cert_path(desk.cert());
  verified.enable_server_certificate_verification(true);
  verified.set_connection_timeout(3, 0);
  const auto livez = verified.Get("/livez");
  REQUIRE_MESSAGE(livez, httplib::to_string(livez.error()));
  CHECK(livez->status == 200);

  const Handshake modern = handshake(port, TLS1_2_VERSION, TLS1_3_VERSION);
  CHECK(modern.ok);
  CHECK(modern.version == "TLSv1.3");
  const Handshake tls12 = handshake(port, TLS1_2_VERSION, TLS1_2_VERSION);
  CHECK(tls12.ok);
  CHECK(tls12.version == "TLSv1.2");
}

TEST_CASE("plain HTTP and TLS 1.1 clients are refused on the TLS port") {
  TlsDesk desk;
  const int port = desk.server.port();

  httplib::Client plain("127.0.0.1", port);
  plain.set_connection_timeout(3, 0);
  plain.set_read_timeout(5, 0);
  const auto answer = plain.Post("/api/v1/auth/login", json{{"login", "admin"}, {"password", kAdminPassword}}.dump(),
                                 "application/json");
  CHECK(!answer);

  httplib::SSLClient old("127.0.0.1", port);
  old.enable_server_certificate_verification(false);
  old.set_connection_timeout(3, 0);
  SSL_CTX_set_security_level(old.ssl_context(), 0);
  SSL_CTX_set_min_proto_version(old.ssl_context(), TLS1_VERSION);
  SSL_CTX_set_max_proto_version(old.ssl_context(), TLS1_1_VERSION);
  const auto refused = old.Post("/api/v1/auth/login", json{{"login", "admin"}, {"password", kAdminPassword}}.dump(),
                                "application/json");
  CHECK(!refused);
  if (!refused) CHECK(refused.error() == httplib::Error::SSLConnection);

  // The refusal is the server's: it answers a TLS 1.1 hello with a protocol_version alert.
  const Handshake tls11 = handshake(port, TLS1_VERSION, TLS1_1_VERSION);
  CHECK(!tls11.ok);
  CHECK(tls11.reason == SSL_R_TLSV1_ALERT_PROTOCOL_VERSION);

  // After all that the server still serves TLS clients.
  Api api(port, "", true);
  CHECK(api.sign_in("admin", kAdminPassword));
}

TEST_CASE("a missing or mismatched key pair stops the start") {
  TempDir dir;
  REQUIRE(write_self_signed(dir.file("a.pem"), dir.file("a.key")));
  REQUIRE(write_self_signed(dir.file("b.pem"), dir.file("b.key")));
  for (const auto& [cert, key] : {std::pair{dir.file("a.pem"), dir.file("missing.key")},
                                  std::pair{dir.file("a.pem"), dir.file("b.key")}}) {
    CAPTURE(key);
    ServerProcess server(dir.file("desk.db"), dir.file("server.log"), ClockMode::system);
    server.use_tls(cert, key);
    CHECK(!server.start());
    CHECK(server.log().find("cannot load the TLS certificate or key") != std::string::npos);
  }
}
