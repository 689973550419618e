// The workspace application: mode (server | demo), screen (login | workspace), the core State
// rebuilt by applying received events with parley::apply, the logged-in agent, the UI state and
// an outbox of commands. One frame = drain inbox → apply (and run the demo clock) → draw → flush.
// Single-threaded. All I/O goes through Host: the browser glue (net.cpp) or a fake in tests; its
// replies come back through the on_* calls between frames.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "admin_state.hpp"
#include "attention.hpp"
#include "audit_state.hpp"
#include "board_state.hpp"
#include "actions_state.hpp"
#include "articles_state.hpp"
#include "composer_state.hpp"
#include "customer_state.hpp"
#include "reports_state.hpp"
#include "sessions_state.hpp"
#include "start_state.hpp"
#include "demo.hpp"
#include "flow_state.hpp"
#include "model.hpp"
#include "search_state.hpp"
#include "timeline.hpp"
#include "together.hpp"
#include "views.hpp"
#include "widgets.hpp"
#include "wire.hpp"

namespace parley::web {

enum class Mode { server, demo };
enum class Screen { login, workspace };
enum class Link { idle, connecting, live, retrying };
enum class Store { durable, tab };  // IndexedDB (index.html mirrors it in memory), sessionStorage
enum class StreamStatus { open, reconnecting, closed };  // closed: the browser gave up, the app reopens
enum class FileStore { server, page };  // page: the demo keeps picked files in the page's memory

class Host {
 public:
  virtual ~Host() = default;
  virtual Timestamp wall_ms() = 0;
  virtual void sign_in(const std::string& login, const std::string& password) = 0;  // → on_login_reply
  virtual void check_token(const std::string& token) = 0;                            // → on_me_reply
  virtual void sign_out(const std::string& token) = 0;
  virtual void open_stream(const std::string& token, std::uint64_t after) = 0;  // → on_stream_*
  virtual void close_stream() = 0;
  virtual void post_command(std::uint64_t request, const std::string& token, const std::string& body) = 0;
  virtual std::optional<std::string> load(Store store, const std::string& key) = 0;
  virtual void save(Store store, const std::string& key, const std::string& value) = 0;
  virtual void remove(Store store, const std::string& key) = 0;
  // Composer tools; a host without them ignores the calls.
  // Opens the file picker; each chosen file is uploaded into `chat` (or kept, FileStore::page) → on_file_reply.
  virtual void pick_files(FileStore, const std::string& /*token*/, const std::string& /*chat*/) {}
  virtual void open_file(FileStore, const std::string& /*token*/, const Attachment&) {}  // errors → on_file_reply
  virtual void get_templates(const std::string& /*token*/) {}                           // → on_templates_reply
  // Uploads the files the page was handed (pasted or dropped into the composer) like picked ones.
  virtual void upload_handed_files(FileStore, const std::string& /*token*/, const std::string& /*chat*/) {}
  // The login's settings: GET/PUT /api/v1/me/settings → on_settings_reply (a PUT's answer too).
  virtual void get_settings(const std::string& /*token*/) {}
  virtual void put_settings(const std::string& /*token*/, const std::string& /*body*/) {}
  // Presence on a chat: POST /api/v1/chats/{chat}/presence {"state"}; the answer is not awaited.
  virtual void post_presence(const std::string& /*token*/, const std::string& /*chat*/, const std::string& /*state*/) {}
  // Reports: GET `route` (relative to the page) with the token → on_report_reply(request, …).
  virtual void get_report(std::uint64_t /*request*/, const std::string& /*token*/, const std::string& /*route*/) {}
  // Saves a file: the answer to GET `route` with the token (a failure → on_report_reply(0, …)), or text
  // made in the page.
  virtual void download(const std::string& /*token*/, const std::string& /*route*/, const std::string& /*name*/) {}
  virtual void save_text(const std::string& /*name*/, const std::string& /*type*/, const std::string& /*text*/) {}
  // Any JSON request: `method` `route` (relative to the page) with the token and `body` ("" = none)
  // → on_request_reply(request, …).
  virtual void request(std::uint64_t /*request*/, const std::string& /*token*/, const std::string& /*method*/,
                       const std::string& /*route*/, const std::string& /*body*/) {}
};

// What the views ask for besides core commands.
struct SignIn {
  std::string login, password;
};
struct StartDemo {};
struct LeaveWorkspace {};  // sign out, or leave the demo (kept for next time)
struct ResetDemo {};
struct SetDemoSpeed {
  int speed = 1;
};
struct RetrySend {
  std::string message;
};
struct PickFiles {
  std::string chat;
  bool handed = false;  // the files pasted or dropped into the composer instead of the picker
};
struct OpenFile {
  Attachment file;
};
struct LoadTemplates {};
struct LoadArticles {};
struct SaveOwnTemplate {};  // ui.tools.own: the composer's text as the agent's own template
// Reads for the customer panel (ui.customer): the open session's record, the contacts matching
// ui.customer.query, a contact for the drawer (id), an earlier session's timeline (id).
struct ReadCustomer {
  enum Kind { record, search, contact, earlier } kind = record;
  std::string id = {};
};
struct LoadStartChannels {};  // the channels a session can be started on
struct StartSession {};       // ui.start's form: a new session, or ui.start.continued continued
struct LoadActions {};  // the support agent actions the agent may run
struct RunPickedAction {  // ui.actions' picked action with its form, on `chat`
  std::string chat;
};
struct SaveSettings {};   // ui.attention.settings changed: keep them with the login (or the demo)
struct DismissHint {};    // the demo's first-run hint is read
using Intent = std::variant<SignIn, StartDemo, LeaveWorkspace, ResetDemo, SetDemoSpeed, RetrySend, PickFiles, OpenFile,
                            LoadTemplates, LoadArticles, SaveOwnTemplate, ReadCustomer, LoadStartChannels, StartSession, SaveSettings,
                            DismissHint, LoadActions, RunPickedAction>;

struct Outbox {
  std::vector<Command> commands;
  std::vector<Intent> intents;
  void send(Command command) { commands.push_back(std::move(command)); }
  void ask(Intent intent) { intents.push_back(std::move(intent)); }
};

// A message posted to the server whose event has not come back yet (server mode).
struct PendingSend {
  std::string chat, message, text;
  bool failed = false;
  std::string error;
  std::vector<Attachment> attachments = {};
};

// Derived data kept between frames; rebuilt when State changes (State::applied_events).
struct TimelineCache {
  ChatIx chat = kNoIndex;
  std::uint64_t version = ~0ull;
  std::vector<TimelineItem> items;
  float width = -1;
  std::vector<float> tops;  // prefix sums of item heights: tops[i] = y of item i, tops.back() = total
  std::size_t measured = 0;
};

struct UiState {
  // login screen
  std::string login, password, login_error;
  bool login_busy = false;
  // agent panel
  bool panel_expanded = false;
  // session lists
  ListView tab = ListView::mine;
  bool tab_chosen = false;  // the first frame opens the agent's first list (core first_list)
  std::string current_chat;
  int list_reveal_row = -1;  // a row the list is to scroll into view
  // search bar
  SearchState search;
  // session view
  std::string composer;
  bool composer_send = false;   // Enter was pressed in the composer this frame
  bool composer_clear = false;  // the active composer's buffer is to be emptied
  bool transfer_to_group = false;
  std::string transfer_agent, transfer_group, transfer_reason;
  std::set<std::string> expanded_separators;  // "<chat>#<index>"
  std::string read_sent;                      // the last chat.read asked for, to ask once
  bool stick_to_bottom = true;
  TimelineCache timeline;
  ComposerState tools;  // attachments, templates, emoji
  ArticlesState articles;  // the knowledge base
  CustomerState customer;  // the customer panel's record, forms and drawer
  StartUi start;           // "+ New session" and "Continue chat"
  ActionsState actions;    // support agent actions
  // The browser's own text area draws and edits the composer (the host sets it); the view then only
  // reserves its place (composer_box) and takes what the text area hands over.
  bool dom_composer = false;
  struct ComposerBox {
    bool shown = false, enabled = false, covered = false;  // covered: a popup is over it
    float x = 0, y = 0, w = 0, h = 0;
    std::string placeholder;
    unsigned host = 0;  // the ImGui window it lies in (windows in front of it make holes: overlay_holes)
  } composer_box;
  bool composer_files_handed = false;             // files pasted or dropped into the text area
  AttentionUi attention;
  TogetherUi together;  // note mode, presence heard and told
  BoardUi board;  // the supervisor's team board
  FlowState flow;  // toasts, command palette, shortcut help, landings after actions
  ReportsUi reports;  // the Reports screen of supervisors and admins
  SessionsUi sessions;  // the Sessions screen of supervisors and admins
  AuditUi audit;      // the Audit screen of admins
  AdminUi admin;      // the Admin screen of admins
  // The reading view: the session's messages as page text over the timeline (the host lays it at
  // reader_box), for selecting, copying and finding text, clicking links and seeing image previews.
  bool reader_open = false;
  struct ReaderBox {
    bool shown = false, covered = false;
    float x = 0, y = 0, w = 0, h = 0;
    ChatIx chat = kNoIndex;
    std::size_t messages = 0, files = 0;  // what it shows changes when these do
    unsigned host = 0;  // the ImGui window it lies in
  } reader_box;
  std::string open_link;  // a link to open in a new tab (the host takes it)
  // messages for the user
  std::string notice;
  Timestamp notice_until = 0;
  // the test hook's widget rectangles, recorded while drawing
  Widgets widgets;
};

// Everything a view reads, for one frame.
struct ViewContext {
  explicit ViewContext(const State& s) : state(s) {}
  const State& state;
  AgentIx agent = kNoIndex;  // the user's agent in State (kNoIndex until its events arrive)
  std::string agent_id;
  Timestamp now = 0;
  Timestamp wall = 0;
  Mode mode = Mode::server;
  Link link = Link::idle;
  int demo_speed = 1;
  const std::vector<PendingSend>* pending = nullptr;
};

class App {
 public:
  explicit App(Host& host);

  // Resumes a demo that was running, or a signed-in tab; otherwise stays on the login screen.
  void start();
  // A demo desk for measuring (not saved): Demo::create_big's 100 000 sessions and long timeline.
  void start_big_demo();
  // One frame, between ImGui::NewFrame() and ImGui::Render().
  void frame();
  // The parts of a frame.
  bool update();  // drains the inbox, applies, runs the demo clock; true if State changed
  void draw();
  bool flush();  // true if it sent or did anything
  // Saves the demo now (the page is closing).
  void persist();

  // Host replies.
  void on_login_reply(int status, std::string_view body);
  void on_me_reply(int status, std::string_view body);
  void on_stream_event(std::uint64_t seq, std::string json);
  void on_stream_state(StreamStatus status);
  void on_command_reply(std::uint64_t request, int status, std::string_view body);
  // A picked file (status 102: its upload started; 201: stored, body {"id","name","type","size"}; else the
  // error), or a file that could not be opened (chat empty).
  void on_file_reply(const std::string& chat, int status, std::string_view body);
  void on_templates_reply(int status, std::string_view body);
  void on_settings_reply(int status, std::string_view body);
  // A report's answer (request 0: a CSV download that failed).
  void on_report_reply(std::uint64_t request, int status, std::string_view body);
  // The answer to a Host::request.
  void on_request_reply(std::uint64_t request, int status, std::string_view body);
  void on_articles_reply(int status, std::string_view body);
  void on_own_template_reply(int status, std::string_view body);
  bool on_customer_reply(std::uint64_t request, int status, std::string_view body);  // false: not its answer
  bool on_start_reply(std::uint64_t request, int status, std::string_view body);     // false: not its answer
  void on_actions_reply(int status, std::string_view body);     // app_actions.cpp
  void on_action_run_reply(int status, std::string_view body);

  // The test hook (issue 4): {"mode","screen","agent","stats","chats","widgets",…}.
  Json snapshot();

  Mode mode() const { return mode_; }
  Screen screen() const { return screen_; }
  Link link() const { return link_; }
  int resyncs() const { return resyncs_; }
  const State& state() const { return state_; }
  const std::string& agent_id() const { return agent_id_; }
  const std::string& token() const { return token_; }
  // Enter in the browser's text area: sends `text` (with the open session's attached files) now,
  // between frames, if the agent may write there and it makes a message; false leaves it typed.
  bool send_composer(const std::string& text);
  UiState& ui() { return ui_; }
  // The composer's text changed (the browser's text area, between frames): typing presence.
  void composer_edited();
  Timestamp now();
  const Demo* demo() const { return demo_ ? &*demo_ : nullptr; }
  // How long the page may sleep before the next frame is worth drawing (ms), given no input.
  Duration redraw_interval() const;
  bool has_pending_work() const {
    return !inbox_.empty() || !outbox_.commands.empty() || !outbox_.intents.empty() || ui_.tools.focus > 0;
  }

 private:
  void handle_intent(const Intent& intent);
  void handle_file_intent(const PickFiles& intent);  // app_files.cpp
  void handle_file_intent(const OpenFile& intent);
  void handle_file_intent(const LoadTemplates& intent);
  void handle_file_intent(const LoadArticles& intent);
  void handle_file_intent(const SaveOwnTemplate& intent);
  void read_customer(const ReadCustomer& intent);  // app_customer.cpp
  void customer_snapshot(Json& out);
  void load_start_channels();  // app_start.cpp
  void start_session();
  void start_frame();  // opens a started session once the desk lists it
  void handle_file_intent(const LoadActions& intent);  // app_actions.cpp
  void handle_file_intent(const RunPickedAction& intent);
  void load_settings();
  void save_settings();
  void dismiss_hint();
  void tell_presence();  // app_together.cpp
  void composer_sent();  // empties the composer after a reply or a note went out
  void alert_mention(const Event& event);
  void submit(const Command& command);
  void send_or_hold(Command command);           // app_flow.cpp: a close waits for its Undo window
  void after_success(const AfterCommand& after);  // the toast and landing of a command that succeeded
  void send_held();                             // the held commands, now (leaving, the page hidden)
  void flow_frame();                            // due held commands, the landing's composer focus
  void reports_frame();                         // app_reports.cpp: what the Reports screen asked for
  void ask_reports();
  void download_report(ReportKind kind);
  void reports_snapshot(Json& out);
  void sessions_frame();  // app_sessions.cpp: what the Sessions screen asked for
  void ask_sessions();
  bool on_sessions_reply(std::uint64_t request, int status, std::string_view body);  // false: not its request
  void download_sessions();
  void sessions_snapshot(Json& out);
  void audit_frame();  // app_audit.cpp: what the Audit screen asked for
  void ask_audit();
  bool on_audit_reply(std::uint64_t request, int status, std::string_view body);  // false: not its answer
  void audit_snapshot(Json& out);
  void admin_frame();  // app_admin.cpp: the Admin screen's reads and changes
  void ask_admin_records();
  void send_admin_change();
  void admin_snapshot(Json& out);
  void enter_server_workspace(const std::string& token, const Json& user);
  void start_demo(bool fresh);
  void leave_workspace();
  void reset_state();
  void resync();
  void save_demo(bool force);
  std::optional<Demo> load_demo();
  void set_notice(std::string text);
  ViewContext context();

  Host& host_;
  Mode mode_ = Mode::server;
  Screen screen_ = Screen::login;
  Link link_ = Link::idle;
  int resyncs_ = 0;  // times the replica started again from a bootstrap
  State state_;
  std::string agent_id_, token_;
  std::vector<std::string> roles_;
  UiState ui_;
  Outbox outbox_;
  std::deque<std::pair<std::uint64_t, std::string>> inbox_;
  std::uint64_t last_seq_ = 0;
  Duration clock_offset_ = 0;  // server clock − wall clock, as last seen
  std::optional<Demo> demo_;
  Timestamp last_wall_ = 0;
  Timestamp last_save_ = 0;
  std::size_t saved_events_ = 0;
  std::uint64_t next_request_ = 1;
  std::map<std::uint64_t, std::string> requests_;  // request → message id of a pending send ("" otherwise)
  std::set<std::uint64_t> customer_changes_;       // requests whose answer makes the customer record stale
  std::vector<PendingSend> pending_;
  std::uint64_t message_counter_ = 0;
  Timestamp stream_retry_at_ = 0;
};

// The message of a failed answer to show the user: the server's error message, or what went wrong.
std::string reply_error(int status, std::string_view body);

}  // namespace parley::web
