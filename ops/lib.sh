# Shared helpers for the ops scripts (sourced, not run).
set -euo pipefail

OW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

say() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# A TCP port on 127.0.0.1 that nothing listens on now, below the kernel's ephemeral range (32768 and up on
# Debian): a port in that range may be taken at any moment as the source port of an outgoing connection,
# which a connect test cannot see, and a server restarted on its old port then fails to bind.
free_port() {
  local p low=20000 high
  high="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  [ "$high" -gt $((low + 1000)) ] || { low=10000; high=20000; }
  for _ in $(seq 1 200); do
    p=$(( (RANDOM * 32768 + RANDOM) % (high - low) + low ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  die "no free port found"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The unprivileged system user that `onewindow serve` and the simulator run as when ops/run is started as
# root (PostgreSQL runs as `postgres`): a system account without login shell or home. Created by ops/setup.
OW_SERVICE_USER=onewindow
ensure_service_user() {
  getent passwd "$OW_SERVICE_USER" >/dev/null && return 0
  [ "$(id -u)" -eq 0 ] || return 0
  getent group "$OW_SERVICE_USER" >/dev/null || groupadd --system "$OW_SERVICE_USER" 2>/dev/null || true
  useradd --system --gid "$OW_SERVICE_USER" --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
    --comment "OneWindow platform" "$OW_SERVICE_USER" 2>/dev/null || true
  getent passwd "$OW_SERVICE_USER" >/dev/null || die "cannot create the system user $OW_SERVICE_USER"
  say "created the system user $OW_SERVICE_USER"
}
