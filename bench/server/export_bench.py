#!/usr/bin/env python3
# The Sessions export benchmark (measures, asserts nothing): a fresh parley-server with N sessions, then
# GET /api/v1/sessions.csv timed and its memory peak read, beside two floors measured in the same run.
#   bench/server/export_bench.py BUILD_DIR [--sessions 20000]
# Floors: the same number of bytes as a static file from the same server, and reading every stored
# event row straight from the SQLite file. Prints a Markdown table.
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


class Client:
    def __init__(self, port, token=None):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.token = token

    def call(self, method, path, body=None):
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        self.connection.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        reply = self.connection.getresponse()
        data = reply.read()
        if reply.status >= 300:
            raise RuntimeError(f"{method} {path}: {reply.status} {data[:200]!r}")
        return data

    def timed_get(self, path):
        started = time.perf_counter()
        data = self.call("GET", path)
        return time.perf_counter() - started, data


def start_server(build, work, web_dir):
    password = "bench-export-password"
    env = dict(os.environ, PARLEY_ADMIN_PASSWORD=password)
    out = open(os.path.join(work, "server.out"), "w+")
    server = subprocess.Popen([os.path.join(build, "server", "parley-server"), "--listen", "127.0.0.1:0", "--db",
                               os.path.join(work, "parley.db"), "--web", web_dir, "--rate-limits", "off"],
                              stdout=out, stderr=open(os.path.join(work, "server.log"), "w"), env=env)
    for _ in range(300):
        out.seek(0)
        found = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", out.read())
        if found:
            return server, int(found.group(1)), password
        if server.poll() is not None:
            sys.exit("parley-server exited: " + open(os.path.join(work, "server.log")).read())
        time.sleep(0.1)
    sys.exit("parley-server did not start listening")


def stop(server):
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def fill(port, token, sessions, threads=4):
    setup = Client(port, token)
    for group in ("sales", "support"):
        setup.call("POST", "/api/v1/commands",
                   {"type": "group.create", "group": group, "name": group.title(), "settings": {"routing": "accept"}})

    def writer(part):
        client = Client(port, token)
        for i in range(part, sessions, threads):
            chat = f"s{i}"
            client.call("POST", "/api/v1/commands",
                        {"type": "chat.start", "chat": chat, "group": "sales" if i % 2 else "support",
                         "channel": "Widget", "client": f"Customer {i}", "by": "client"})
            client.call("POST", "/api/v1/commands", {"type": "message.send", "chat": chat, "from": "client",
                                                     "text": f"question number {i} about an order"})

    workers = [threading.Thread(target=writer, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--sessions", type=int, default=20000)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="parley-export-bench.")
    web_dir = os.path.join(work, "site")
    os.mkdir(web_dir)
    server = None
    try:
        server, port, password = start_server(os.path.abspath(args.build), work, web_dir)
        anonymous = Client(port)
        token = json.loads(anonymous.call("POST", "/api/v1/auth/login", {"login": "admin", "password": password}))["token"]
        started = time.perf_counter()
        fill(port, token, args.sessions)
        fill_seconds = time.perf_counter() - started
        admin = Client(port, token)
        admin.timed_get("/api/v1/sessions?limit=1")  # warm: the first request after the fill
        rss_before = status_kib(server.pid, "VmRSS")
        sampled = [rss_before]
        exporting = threading.Event()
        exporting.set()

        def sample():
            while exporting.is_set():
                sampled.append(status_kib(server.pid, "VmRSS"))
                time.sleep(0.0005)

        sampler = threading.Thread(target=sample)
        sampler.start()
        export_s, csv = admin.timed_get("/api/v1/sessions.csv")
        exporting.clear()
        sampler.join()
        rows = csv.count(b"\n") - 1
        # The site's files are read at start: a restart on the same database serves the copy.
        stop(server)
        with open(os.path.join(web_dir, "same_bytes.csv"), "wb") as copy:
            copy.write(csv)
        server, port, _ = start_server(os.path.abspath(args.build), work, web_dir)
        static = Client(port)
        static.timed_get("/same_bytes.csv")
        static_s = min(static.timed_get("/same_bytes.csv")[0] for _ in range(3))
        shutil.copy(os.path.join(work, "parley.db"), os.path.join(work, "copy.db"))
        for suffix in ("-wal",):
            if os.path.exists(os.path.join(work, "parley.db" + suffix)):
                shutil.copy(os.path.join(work, "parley.db" + suffix), os.path.join(work, "copy.db" + suffix))
        database = sqlite3.connect(os.path.join(work, "copy.db"))
        started = time.perf_counter()
        events = sum(1 for _ in database.execute("SELECT * FROM events"))
        read_s = time.perf_counter() - started

        print("# Sessions export benchmark")
        print(f"- date: {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}; machine: {os.cpu_count()} cores; "
              f"load average: {' '.join(open('/proc/loadavg').read().split()[:3])}")
        print(f"- desk: {args.sessions} sessions ({events} events) filled in {fill_seconds:.1f} s over the staff API")
        print("\n| measure | value | ratio to floor |\n|---|---|---|")
        print(f"| GET /api/v1/sessions.csv: {rows} rows, {len(csv) / 1024:.0f} KiB | {export_s * 1000:.0f} ms | "
              f"{export_s / static_s:.1f}× static, {export_s / read_s:.1f}× raw read |")
        print(f"| floor: the same bytes as a static file from the server | {static_s * 1000:.1f} ms | 1 |")
        print(f"| floor: every event row read from the SQLite file (Python sqlite3) | {read_s * 1000:.0f} ms | 1 |")
        print(f"| server resident memory before the export | {rss_before / 1024:.0f} MiB | |")
        print(f"| server resident memory: highest rise during the export ({len(sampled)} samples) | "
              f"{(max(sampled) - rss_before) / 1024:.1f} MiB | |")
    finally:
        if server:
            stop(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
