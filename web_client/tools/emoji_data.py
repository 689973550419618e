# Build-time generator of the emoji picker's data from Unicode's emoji-test.txt (Debian: unicode-data).
# Usage: emoji_data.py IN OUT. Writes "group<TAB>emoji<TAB>name" lines, one per fully-qualified emoji
# drawn as one code point (a trailing U+FE0F is dropped), in Unicode's order; exits 1 if none is found.
import sys


def main(source, target):
    group, rows = "", []
    with open(source, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("# group:"):
                group = line.split(":", 1)[1].strip()
                continue
            if line.startswith("#") or ";" not in line or group == "Component":
                continue
            points, rest = line.split(";", 1)
            if not rest.strip().startswith("fully-qualified"):
                continue
            codes = [int(p, 16) for p in points.split() if int(p, 16) != 0xFE0F]
            if len(codes) != 1:
                continue
            name = rest.split("#", 1)[1].strip().split(" ", 2)[2]
            rows.append(f"{group}\t{chr(codes[0])}\t{name}\n")
    if not rows:
        sys.exit(f"emoji_data: no emoji in {source}")
    with open(target, "w", encoding="utf-8") as out:
        out.writelines(rows)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: emoji_data.py IN OUT")
    main(sys.argv[1], sys.argv[2])
