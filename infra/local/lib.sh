#!/usr/bin/env bash
# Shared helpers for infra/local/*.sh. Sourced by those scripts, not run on its own.
set -euo pipefail

# Messages go to stderr so that stdout stays free for data.
log() { printf '[baochay] %s\n' "$*" >&2; }

die() {
  printf '[baochay] ERROR: %s\n' "$*" >&2
  exit 1
}

is_debian_like() { command -v apt-get >/dev/null 2>&1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# True when we are root or may use sudo without a password prompt
# (a prompt would hang a non-interactive run such as CI).
can_be_root() {
  is_root || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }
}

# Run a command as root: directly, or through passwordless sudo.
as_root() {
  if is_root; then "$@"; else sudo -n "$@"; fi
}

# need_root_for WHAT MANUAL_COMMAND
# Dies with the exact command to run by hand when root is needed but not available.
need_root_for() {
  can_be_root || die "need root to $1, and passwordless sudo is not available; run this as root, then re-run this script: $2"
}

# apt-get update at most once per script run: it is slow and needs the network.
BAOCHAY_APT_UPDATED=${BAOCHAY_APT_UPDATED:-0}
apt_update_once() {
  [ "$BAOCHAY_APT_UPDATED" = 1 ] && return 0
  is_debian_like || die "apt-get not found: install the needed packages with your system's package manager, then re-run"
  need_root_for "run apt-get update" "apt-get update"
  log "apt-get update"
  as_root apt-get update -q >&2 || die "apt-get update failed (network or apt sources?)"
  BAOCHAY_APT_UPDATED=1
}

# apt_install PKG... : install Debian packages non-interactively.
apt_install() {
  is_debian_like || die "this is not a Debian-like system (no apt-get): install these packages or your distribution's equivalents yourself, then re-run: $*"
  need_root_for "install $*" "apt-get update && apt-get install -y $*"
  apt_update_once
  log "installing: $*"
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "$@" >&2 \
    || die "apt-get install failed for: $* (see the apt output above)"
}

# wait_for SECONDS WHAT CMD... : retry CMD once a second until it succeeds or
# SECONDS have passed; never waits forever. Returns 1 on timeout.
wait_for() {
  local secs=$1 what=$2 end
  shift 2
  end=$((SECONDS + secs))
  "$@" && return 0
  log "waiting up to ${secs}s for $what"
  until "$@"; do
    [ "$SECONDS" -lt "$end" ] || return 1
    sleep 1
  done
}

# Run a command with a time limit when coreutils' timeout exists.
with_timeout() {
  local secs=$1
  shift
  if command -v timeout >/dev/null 2>&1; then timeout "$secs" "$@"; else "$@"; fi
}

# tcp_open HOST PORT : true when something accepts TCP connections there.
tcp_open() {
  # shellcheck disable=SC2016 # $0/$1 expand in the child bash, on purpose
  with_timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
}

# Only a server on this machine can be started or installed by these scripts.
is_local_host() {
  case $1 in
    localhost | 127.* | ::1) return 0 ;;
    *) return 1 ;;
  esac
}

# systemd manages services on full machines; containers usually have no systemd.
has_systemd() { [ -d /run/systemd/system ]; }
