#!/usr/bin/env bash
# Installs the real validators the bootstrap tests run against the rendered server config:
#   cloud-init  -> `cloud-init schema --config-file <user-data>` (the cloud-config JSON schema)
#   nginx       -> `nginx -t` (parses the generated server block inside a minimal nginx.conf)
#   shellcheck  -> lints the release and bootstrap scripts written onto the servers
# Debian/Ubuntu packages only. Idempotent: does nothing when all three are already installed.
# Quiet: prints one line on success, the apt output only when something fails.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ]; }

missing=()
have cloud-init || missing+=(cloud-init)
have nginx || missing+=(nginx-light)
have shellcheck || missing+=(shellcheck)

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-validators: need root to apt-get install ${missing[*]} (run with sudo)" >&2
    exit 1
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive

# Keep package scripts from starting the services they install (nginx on port 80, cloud-init's
# units): only the binaries are needed. Leave an existing policy in place.
guard=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    guard=/usr/sbin/policy-rc.d
fi
cleanup() { [ -n "$guard" ] && rm -f "$guard"; rm -f "$log"; }
trap cleanup EXIT

if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "install-validators: apt-get install ${missing[*]} failed" >&2
    exit 1
fi
echo "install-validators: installed ${missing[*]}"
