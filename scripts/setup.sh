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
  emscripten nlohmann-json3-dev doctest-dev
  libsqlite3-dev libssl-dev libsodium-dev libbenchmark-dev
  fonts-dejavu-core
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

# Dear ImGui and cpp-httplib come from Debian trixie *source* packages (with Debian's patches).
need_source=()
[ -f "$third_party/imgui/imgui.cpp" ] || need_source+=(imgui)
[ -f "$third_party/cpp-httplib/httplib.h" ] || need_source+=(cpp-httplib)
if [ ${#need_source[@]} -gt 0 ]; then
  src_list=/etc/apt/sources.list.d/parley-trixie-src.sources
  if [ ! -f "$src_list" ]; then
    mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -oE '^URIs:[[:space:]]*\S+' | awk '{print $2}' \
      | grep -E '/debian/?$' | head -n1 || true)
    if [ -z "$mirror" ]; then
      mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | grep -oE '^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?\S+' \
        | awk '{print $NF}' | grep -E '/debian/?$' | head -n1 || true)
    fi
    [ -n "$mirror" ] || { echo "setup: cannot find the Debian mirror in apt sources" >&2; exit 1; }
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$mirror" \
      | $sudo_cmd tee "$src_list" >/dev/null
    apt_updated=0
  fi
  apt_update
  mkdir -p "$third_party/src"
  (cd "$third_party/src" && apt-get source -qq -t trixie "${need_source[@]}" >/dev/null)
  imgui_dir=$(find "$third_party/src" -maxdepth 1 -type d -name 'imgui-*' | head -n1)
  httplib_dir=$(find "$third_party/src" -maxdepth 1 -type d -name 'cpp-httplib-*' | head -n1)
  [ -n "$imgui_dir" ] && ln -sfn "$imgui_dir" "$third_party/imgui"
  [ -n "$httplib_dir" ] && ln -sfn "$httplib_dir" "$third_party/cpp-httplib"
fi

# Header-only libraries for the WebAssembly build, without the rest of /usr/include.
wasm_include="$third_party/wasm-include"
mkdir -p "$wasm_include"
[ -e "$wasm_include/nlohmann" ] || ln -sfn /usr/include/nlohmann "$wasm_include/nlohmann"
[ -e "$wasm_include/doctest" ] || ln -sfn /usr/include/doctest "$wasm_include/doctest"
echo "setup: ready"
