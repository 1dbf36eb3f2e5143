#!/usr/bin/env bash
# What `make test` needs beside Python: Debian's Chromium (the generated e2e specs),
# PostgreSQL (the generated backend on PostgreSQL) and redis-server (the worker test).
# Installs the missing ones with apt when it can (root), else stops at once naming them.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-tools: installing ${missing[*]} (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "test-tools: make test needs ${missing[*]}: install them (sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
