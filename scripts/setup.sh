#!/usr/bin/env bash
# Installs what ridersim needs (Debian 12 packages) when missing, then configures
# and builds into build/. Safe to run again: it only installs what is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libgsl-dev libyaml-dev libplplot-dev
          plplot-driver-cairo zlib1g-dev fonts-wqy-microhei libsqlite3-dev libzip-dev imagemagick)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DRS_WERROR=$werror >/dev/null
cmake --build build -j"$(nproc)"
