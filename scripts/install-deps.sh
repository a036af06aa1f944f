#!/bin/sh
# install-deps.sh — install the Debian packages yusuan's build and tests need, when they are missing.
# Non-interactive and idempotent: prints nothing and does nothing when everything is there.
set -eu

PKGS="build-essential pkg-config libutf8proc-dev libjansson-dev libcmocka-dev libexpat1-dev libzip-dev
clang"

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "install-deps: not root; run: apt-get install -y$missing" >&2
        exit 1
    fi
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
