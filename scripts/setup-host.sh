#!/usr/bin/env bash
# Installs the host components tsorch drives (Debian packages). Idempotent; needs root.
# tini: its static build (/usr/bin/tini-static) is bind-mounted as PID 1 for `--init` containers.
# attr: setfattr, used to mark overlayfs opaque directories and restore layer xattrs.
# openssl: tests make their own certificates (TLS registry trust).
set -euo pipefail
pkgs=(runc crun iproute2 iptables busybox-static docker-registry ca-certificates attr tini gcc libc6-dev openssl)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-host: need root to install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # docker-registry's package starts a service with its default config; tests run their own.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian registry service (if started by the package) is not used by tsorch: tests run their own.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then
  systemctl stop docker-registry || true
fi
echo "setup-host: runc $(runc --version | head -1 | awk '{print $3}'), crun $(crun --version | head -1 | awk '{print $3}'), busybox at $(command -v busybox)"
