// The browser side of Host (Emscripten only): fetch for login/me/commands/files/templates/settings, one
// EventSource on /api/v1/stream, a file picker, localStorage/sessionStorage, Date.now(). JS callbacks
// run between frames and only hand their results to the App (which queues stream events in its inbox).
#pragma once
#ifdef __EMSCRIPTEN__
#include "app.hpp"

namespace parley::web {

class WebHost : public Host {
 public:
  WebHost();
  void attach(App* app);  // the App the replies go to
  Timestamp wall_ms() override;
  void sign_in(const std::string& login, const std::string& password) override;
  void check_token(const std::string& token) override;
  void sign_out(const std::string& token) override;
  void open_stream(const std::string& token, std::uint64_t after) override;
  void close_stream() override;
  void post_command(std::uint64_t request, const std::string& token, const std::string& body) override;
  std::optional<std::string> load(Store store, const std::string& key) override;
  void save(Store store, const std::string& key, const std::string& value) override;
  void remove(Store store, const std::string& key) override;
  void pick_files(FileStore store, const std::string& token, const std::string& chat) override;
  void open_file(FileStore store, const std::string& token, const Attachment& file) override;
  void get_templates(const std::string& token) override;
  void upload_handed_files(FileStore store, const std::string& token, const std::string& chat) override;
  void get_settings(const std::string& token) override;
  void put_settings(const std::string& token, const std::string& body) override;
  void post_presence(const std::string& token, const std::string& chat, const std::string& state) override;
  // Reports and downloads: browser_reports.cpp.
  void get_report(std::uint64_t request, const std::string& token, const std::string& route) override;
  void download(const std::string& token, const std::string& route, const std::string& name) override;
  void save_text(const std::string& name, const std::string& type, const std::string& text) override;
  void request(std::uint64_t request, const std::string& token, const std::string& method, const std::string& route,
               const std::string& body) override;
  // True once after any user input, network reply or resize since the last call.
  bool take_activity();
};

}  // namespace parley::web
#endif
