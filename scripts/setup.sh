#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test Parley.
# Idempotent: every step checks first and returns quickly when all is present.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
third_party="$root/third_party"
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

debian_packages=(
  build-essential cmake dpkg-dev pkg-config python3
  emscripten node-terser nlohmann-json3-dev doctest-dev
  libsqlite3-dev libssl-dev libsodium-dev libbenchmark-dev zlib1g-dev
  fonts-dejavu-core unicode-data
  fonts-noto-color-emoji fonts-wqy-zenhei
)

missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

apt_updated=0
apt_update() {
  if [ "$apt_updated" -eq 0 ]; then $sudo_cmd apt-get update -qq; apt_updated=1; fi
}

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian deb-src entries on the machine's own mirror (read from its apt sources, never hard-coded).
debian_mirror() {
  local mirror
  mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -oE '^URIs:[[:space:]]*\S+' | awk '{print $2}' \
    | grep -E '/debian/?$' | head -n1 || true)
  if [ -z "$mirror" ]; then
    mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | grep -oE '^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?\S+' \
      | awk '{print $NF}' | grep -E '/debian/?$' | head -n1 || true)
  fi
  [ -n "$mirror" ] || { echo "setup: cannot find the Debian mirror in apt sources" >&2; exit 1; }
  echo "$mirror"
}
ensure_source_suite() {  # $1: suite (trixie, bookworm)
  local src_list=/etc/apt/sources.list.d/parley-$1-src.sources
  if [ ! -f "$src_list" ]; then
    printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$(debian_mirror)" "$1" | $sudo_cmd tee "$src_list" >/dev/null
    apt_updated=0
  fi
}
link_source() {  # $1: unpacked folder prefix, $2: link name in third_party
  local dir
  dir=$(find "$third_party/src" -maxdepth 1 -type d -name "$1-*" | sort | tail -n1)
  [ -n "$dir" ] && ln -sfn "$(readlink -f "$dir")" "$third_party/$2"
}

# Dear ImGui and cpp-httplib come from Debian trixie *source* packages (with Debian's patches).
need_source=()
[ -f "$third_party/imgui/imgui.cpp" ] || need_source+=(imgui)
[ -f "$third_party/cpp-httplib/httplib.h" ] || need_source+=(cpp-httplib)
if [ ${#need_source[@]} -gt 0 ]; then
  ensure_source_suite trixie
  apt_update
  mkdir -p "$third_party/src"
  (cd "$third_party/src" && apt-get source -qq -t trixie "${need_source[@]}" >/dev/null)
  link_source imgui imgui
  link_source cpp-httplib cpp-httplib
fi

# utf8proc (Unicode case folding for search, compiled into the core natively and to wasm) comes from
# bookworm's source package: the machine's own release, whose files the mirror keeps.
if [ ! -f "$third_party/utf8proc/utf8proc.c" ]; then
  ensure_source_suite bookworm
  apt_update
  mkdir -p "$third_party/src"
  (cd "$third_party/src" && apt-get source -qq -t bookworm utf8proc >/dev/null)
  link_source utf8proc utf8proc
fi

# FriBidi (bidirectional text and Arabic shaping in the workspace) from bookworm's source package too.
if [ ! -f "$third_party/fribidi/lib/fribidi-bidi.c" ]; then
  ensure_source_suite bookworm
  apt_update
  mkdir -p "$third_party/src"
  (cd "$third_party/src" && apt-get source -qq -t bookworm fribidi >/dev/null)
  link_source fribidi fribidi
fi

# Header-only libraries for the WebAssembly build, without the rest of /usr/include.
wasm_include="$third_party/wasm-include"
mkdir -p "$wasm_include"
[ -e "$wasm_include/nlohmann" ] || ln -sfn /usr/include/nlohmann "$wasm_include/nlohmann"
[ -e "$wasm_include/doctest" ] || ln -sfn /usr/include/doctest "$wasm_include/doctest"

# Browser tests (tests/e2e): Debian's Chromium, npm (when node did not bring its own), and the
# playwright-core pinned in tests/e2e/package-lock.json (it drives that Chromium; it downloads none).
browser_missing=()
dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed" || browser_missing+=(chromium)
command -v npm >/dev/null 2>&1 || browser_missing+=(npm)
if [ ${#browser_missing[@]} -gt 0 ]; then
  echo "setup: installing ${browser_missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${browser_missing[@]}"
fi
e2e="$root/tests/e2e"
version_of() { node -p "$1" "$2" 2>/dev/null || true; }
playwright_pinned=$(version_of 'require(process.argv[1]).packages["node_modules/playwright-core"].version' \
  "$e2e/package-lock.json")
playwright_present=$(version_of 'require(process.argv[1]).version' "$e2e/node_modules/playwright-core/package.json")
if [ "$playwright_present" != "$playwright_pinned" ]; then
  echo "setup: installing playwright-core $playwright_pinned into tests/e2e/node_modules"
  (cd "$e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

echo "setup: ready"
