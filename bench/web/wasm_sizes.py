#!/usr/bin/env python3
# Where a WebAssembly module's bytes go: its sections, data segments, and (when the module carries a
# name section, e.g. linked with --profiling-funcs) its largest functions and groups of them by name.
"""usage: wasm_sizes.py FILE.wasm [--top N] [--demangle] [--data]"""
import argparse
import collections
import subprocess
import sys

SECTIONS = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
            7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount"}


def leb(buf, pos):
    value, shift = 0, 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def sections(buf):
    if buf[:4] != b"\0asm":
        sys.exit("not a wasm module")
    pos = 8
    while pos < len(buf):
        sid = buf[pos]
        size, body = leb(buf, pos + 1)
        name = SECTIONS.get(sid, str(sid))
        if sid == 0:
            n, p = leb(buf, body)
            name = "custom:" + buf[p:p + n].decode("utf-8", "replace")
        yield sid, name, body, size, body - pos + size
        pos = body + size


def imported_functions(buf, body):
    count, pos = leb(buf, body)
    funcs = 0
    for _ in range(count):
        for _ in range(2):
            n, pos = leb(buf, pos)
            pos += n
        kind = buf[pos]
        pos += 1
        if kind == 0:
            _, pos = leb(buf, pos)
            funcs += 1
        elif kind == 1:
            pos += 1
            flags, pos = leb(buf, pos)
            _, pos = leb(buf, pos)
            if flags & 1:
                _, pos = leb(buf, pos)
        elif kind == 2:
            flags, pos = leb(buf, pos)
            _, pos = leb(buf, pos)
            if flags & 1:
                _, pos = leb(buf, pos)
        elif kind == 3:
            pos += 2
    return funcs


def code_sizes(buf, body):
    count, pos = leb(buf, body)
    sizes = []
    for _ in range(count):
        size, start = leb(buf, pos)
        sizes.append(start - pos + size)
        pos = start + size
    return sizes


def function_names(buf, body, end):
    n, pos = leb(buf, body)
    pos += n
    names = {}
    while pos < end:
        kind = buf[pos]
        size, start = leb(buf, pos + 1)
        if kind == 1:
            count, p = leb(buf, start)
            for _ in range(count):
                index, p = leb(buf, p)
                length, p = leb(buf, p)
                names[index] = buf[p:p + length].decode("utf-8", "replace")
                p += length
        pos = start + size
    return names


def data_segments(buf, body):
    count, pos = leb(buf, body)
    segments = []
    for _ in range(count):
        flags, pos = leb(buf, pos)
        offset = None
        if flags in (0, 2):
            if flags == 2:
                _, pos = leb(buf, pos)
            op = buf[pos]
            pos += 1
            if op == 0x41:
                value, pos = leb(buf, pos)
                offset = value
            else:
                _, pos = leb(buf, pos)
            pos += 1  # end
        size, pos = leb(buf, pos)
        segments.append((offset, size, buf[pos:pos + size]))
        pos += size
    return segments


def group_of(name):
    for key, label in (("nlohmann", "nlohmann::json"), ("utf8proc", "utf8proc"), ("fribidi", "fribidi"),
                       ("ImGui", "ImGui"), ("Im", "ImGui"), ("parley", "parley")):
        if key in name:
            return label
    return "other"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("wasm")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--demangle", action="store_true", help="pipe names through c++filt")
    parser.add_argument("--data", action="store_true", help="list the data segments")
    args = parser.parse_args()
    buf = open(args.wasm, "rb").read()
    print(f"{args.wasm}: {len(buf)} bytes")
    imports, sizes, names, segments = 0, [], {}, []
    for sid, name, body, size, total in sections(buf):
        print(f"  section {name:<24} {total:>9}")
        if sid == 2:
            imports = imported_functions(buf, body)
        elif sid == 10:
            sizes = code_sizes(buf, body)
        elif sid == 11:
            segments = data_segments(buf, body)
        elif name == "custom:name":
            names = function_names(buf, body, body + size)
    if args.data:
        print("data segments (offset, size, first bytes):")
        for offset, size, data in segments:
            print(f"  {offset!s:>9} {size:>9}  {data[:48]!r}")
    if not names:
        return
    rows = [(size, names.get(imports + i, f"func{imports + i}")) for i, size in enumerate(sizes)]
    if args.demangle:
        out = subprocess.run(["c++filt"], input="\n".join(n for _, n in rows), capture_output=True, text=True).stdout
        rows = [(size, name) for (size, _), name in zip(rows, out.split("\n"))]
    groups = collections.Counter()
    for size, name in rows:
        groups[group_of(name)] += size
    print("code by group:")
    for label, size in groups.most_common():
        print(f"  {label:<16} {size:>9}")
    print(f"largest {args.top} functions:")
    for size, name in sorted(rows, reverse=True)[:args.top]:
        print(f"  {size:>8}  {name[:160]}")


if __name__ == "__main__":
    main()
