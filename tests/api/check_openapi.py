#!/usr/bin/env python3
"""Checks assets/api/openapi.json against the real routes, both ways.

1. Every route registered in server/*.cpp (the REST API, the widget's /widget/v1 and the webhooks'
   /hooks/v1) is documented, and every documented route is registered.
2. The error codes the document lists are exactly the server's error kinds (server/errors.cpp) and the
   core's refusal codes (core/result.hpp).
3. A real parley-server on a loopback port answers every documented (method, path) with something
   other than the router's own 404 "not_found", and serves the same document at /api/v1/openapi.json.
Usage: check_openapi.py SERVER_BINARY SOURCE_ROOT
"""
import json, os, re, socket, subprocess, sys, tempfile, time, urllib.request, urllib.error

server, root = sys.argv[1], sys.argv[2]
doc = json.load(open(os.path.join(root, "assets/api/openapi.json")))
documented = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}

registered = set()
# A route's path is a plain string ("/a/:id") or a raw-string pattern (R"(/a/(b|c))").
pattern = re.compile(r'(?:http|app\.http->|http->)\.?(Get|Post|Put|Delete|Patch|Options)\(\s*(?:R"\((.+?)\)"|"([^"]+)")')
action = re.compile(r'chat_action\(app,\s*"([^"]+)"')


def expand(path):
    """The concrete paths of a pattern whose only regex is alternation groups: /a/(b|c) -> /a/b, /a/c."""
    group = re.search(r"\(([\w|]+)\)", path)
    if not group:
        return [path]
    return [p for alt in group.group(1).split("|") for p in expand(path[:group.start()] + alt + path[group.end():])]


for name in sorted(os.listdir(os.path.join(root, "server"))):
    if not name.endswith(".cpp"):
        continue
    text = open(os.path.join(root, "server", name)).read()
    for method, raw, plain in pattern.findall(text):
        path = raw or plain
        if re.search(r"[\[\]*+?^$]", path):
            continue  # the web workspace's files (/[^/]*), served from a folder, not an API route
        for concrete in expand(path):
            registered.add((method.upper(), re.sub(r":(\w+)", r"{\1}", concrete)))
    for path in action.findall(text):
        registered.add(("POST", re.sub(r":(\w+)", r"{\1}", path)))

failures = []
for m, p in sorted(registered - documented):
    failures.append(f"route {m} {p} is not in openapi.json")
for m, p in sorted(documented - registered):
    failures.append(f"openapi.json documents {m} {p} but the server does not register it")

server_kinds = re.findall(r'\{ServerError::\w+, \d+, "(\w+)"\}', open(os.path.join(root, "server/errors.cpp")).read())
core_enum = re.search(r"enum class ErrorCode \{(.*?)\};", open(os.path.join(root, "core/result.hpp")).read(), re.S)
core_codes = re.findall(r"(\w+),", core_enum.group(1)) if core_enum else []
listed = doc["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"].get("enum", [])
if not server_kinds or not core_codes:
    failures.append("cannot read the error kinds from server/errors.cpp or core/result.hpp")
for code in sorted(set(server_kinds) | set(core_codes)):
    if code not in listed:
        failures.append(f"error code {code} is not listed in openapi.json")
for code in sorted(set(listed) - set(server_kinds) - set(core_codes)):
    failures.append(f"openapi.json lists error code {code} that the server never answers")

sock = socket.socket(); sock.bind(("127.0.0.1", 0)); port = sock.getsockname()[1]; sock.close()
work = tempfile.mkdtemp()
env = dict(os.environ, PARLEY_ADMIN_PASSWORD="openapi-check-pw")
proc = subprocess.Popen([server, "--listen", f"127.0.0.1:{port}", "--db", os.path.join(work, "t.db"), "--clock", "manual"],
                        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}"

def call(method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else (b"{}" if method in ("POST", "PUT") else None)
    req = urllib.request.Request(base + path, data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()

try:
    for _ in range(100):
        try:
            if call("GET", "/livez")[0] == 200:
                break
        except OSError:
            time.sleep(0.05)
    status, body = call("POST", "/api/v1/auth/login", {"login": "admin", "password": "openapi-check-pw"})
    assert status == 200, f"login failed: {status}"
    token = json.loads(body)["token"]
    status, served = call("GET", "/api/v1/openapi.json")
    if status != 200 or json.loads(served) != doc:
        failures.append("/api/v1/openapi.json does not serve the document")
    for method, path in sorted(documented):
        if path in ("/api/v1/stream", "/api/v1/auth/logout"):
            continue  # the stream never ends; logout would revoke the token (both are registered, checked above)
        concrete = re.sub(r"\{\w+\}", "x", path)
        status, body = call(method, concrete, token=token)
        try:
            code = json.loads(body).get("error", {}).get("code")
        except (ValueError, AttributeError):
            code = None
        if status == 404 and code == "not_found":
            failures.append(f"{method} {path}: the server has no such route")
finally:
    proc.terminate(); proc.wait(timeout=10)

for f in failures:
    print("FAIL:", f)
print(f"{len(documented)} documented routes, {len(registered)} registered; {len(failures)} problems")
sys.exit(1 if failures else 0)
