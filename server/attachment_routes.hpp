// Files sent with messages: the upload and download routes, and the check every message.send with
// attachments passes before it reaches the desk, so a message only ever names files the desk holds.
#pragma once
#include <httplib.h>

#include <vector>

#include "app.hpp"

namespace parley::server {

void register_attachment_routes(App& app);

// Stores the request's body as one file of chat `chat` (the caller checked who may upload there):
// the ?name= file name (its last path part, UTF-8, at most 255 bytes), the bytes as the body (not a
// form, not empty, at most Config::max_attachment_bytes), the Content-Type as its type. Answers 201
// {"id","name","type","size"}, or 400/413/415/503 itself.
void store_upload(App& app, const httplib::Request& req, httplib::Response& res, const std::string& chat,
                  const std::string& uploaded_by);

// The "attachments" of a REST body as ids: each item is an id string or an object with an "id"
// (other fields are ignored; the stored file decides them). Malformed items get an empty id.
std::vector<Attachment> attachment_ids(const Json& body);

// What a send may do with an id no file was uploaded under: refused (every agent send), or kept as
// described (an admin's raw command: imports and scenario replays name files held elsewhere).
enum class UnknownFiles { refuse, keep };

// For a message.send listing attachments: replaces each by the file uploaded under its id into the
// same chat (name, type and size as stored). False, after answering 404, when one was uploaded into
// another chat, or is unknown and `unknown` says refuse. A list the core will refuse anyway (too
// long, an empty id) is left for the core to refuse.
bool resolve_attachments(App& app, Command& command, UnknownFiles unknown, httplib::Response& res);

}  // namespace parley::server
