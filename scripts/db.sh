#!/usr/bin/env bash
# scripts/db.sh — private PostgreSQL cluster for Ops Copilot development, tests and CI.
#
# Usage: scripts/db.sh <command> [args]
#   ensure | start  Idempotent: install PostgreSQL (apt) if missing, initdb if needed,
#                   start on 127.0.0.1:$OPS_PG_PORT, create roles ops_owner / ops_app and
#                   database ops_copilot. Prints one line when ready.
#   env             Print `export ...` lines (ConnectionStrings__Default for ops_app,
#                   ConnectionStrings__Migrations for ops_owner, OPS_PG_SUPERUSER_SOCKET,
#                   OPS_PG_PORT). Use: eval "$(scripts/db.sh env)"
#   psql [args]     psql as ops_owner on database ops_copilot over 127.0.0.1 (runbook steps).
#   status          Exit 0 running, 3 stopped, 4 not initialised.
#   stop            Fast shutdown if running (idempotent).
#   restart         stop + ensure.
#   destroy         Stop and delete the cluster directory (all data, passwords).
#
# Environment:
#   OPS_PG_PORT           TCP port (default 55432), listening on 127.0.0.1 only.
#   OPS_PG_DIR            Cluster directory (default <repo>/.data/pg).
#   OPS_PG_BIN            Directory with initdb/pg_ctl/psql (default: /usr/lib/postgresql/<ver>/bin).
#   OPS_PG_START_TIMEOUT  Seconds to wait for start/stop (default 60).
#   OPS_PG_SYNCHRONOUS_COMMIT  The server default (default on: a commit is on disk before it is acknowledged).
#                         The product sets it on per session anyway; the fault suite runs a cluster with off to
#                         prove that (./test.sh --faults). Applied on every ensure.
#
# Layout of $OPS_PG_DIR (owned by the OS user `postgres` when run as root, mode 0700):
#   data/          the cluster (PGDATA); settings in data/ops_copilot.conf, pg_hba.conf, pg_ident.conf
#   run/           unix socket directory (falls back to /tmp/ops-pg-<hash> if the path is too long)
#   log/postgres.log
#   owner.pw, app.pw   generated once, 0600
#
# Authentication: TCP 127.0.0.1 -> scram-sha-256 for every role. Unix socket: superuser
# `postgres` via peer auth for the OS users postgres and root (and the invoking user when not
# root); other roles scram-sha-256. E.g. as root:
#   runuser -u postgres -- psql -h "$OPS_PG_SUPERUSER_SOCKET" -p 55432 -U postgres
#
# Sourcing: `source scripts/db.sh` defines ops_db_ensure, ops_db_env, ops_db_export (evals the
# env lines into the current shell), ops_db_psql, ops_db_status, ops_db_stop, ops_db_restart,
# ops_db_destroy. Each runs this script in a child bash, so `set -e` semantics, exit codes and
# shell options of the caller are unaffected.
#
# PostgreSQL refuses to run as root: when invoked as root, initdb/pg_ctl/psql (superuser) run
# as the OS user `postgres` via runuser; the path components above the cluster directory are
# made traversable for that user if needed (setfacl u:postgres:x if available, else chmod o+x).

# ---------------------------------------------------------------------------------------------
# Source-able API (thin wrappers that run this file as a child process).
# ---------------------------------------------------------------------------------------------
_OPS_DB_SCRIPT="$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)/$(basename -- "${BASH_SOURCE[0]}")"

ops_db_ensure()  { "${BASH:-bash}" "$_OPS_DB_SCRIPT" ensure "$@"; }
ops_db_env()     { "${BASH:-bash}" "$_OPS_DB_SCRIPT" env "$@"; }
ops_db_psql()    { "${BASH:-bash}" "$_OPS_DB_SCRIPT" psql "$@"; }
ops_db_status()  { "${BASH:-bash}" "$_OPS_DB_SCRIPT" status "$@"; }
ops_db_stop()    { "${BASH:-bash}" "$_OPS_DB_SCRIPT" stop "$@"; }
ops_db_restart() { "${BASH:-bash}" "$_OPS_DB_SCRIPT" restart "$@"; }
ops_db_destroy() { "${BASH:-bash}" "$_OPS_DB_SCRIPT" destroy "$@"; }
ops_db_export() {
    local _ops_db_lines
    _ops_db_lines="$("${BASH:-bash}" "$_OPS_DB_SCRIPT" env)" || return $?
    eval "$_ops_db_lines"
}

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    return 0 2>/dev/null
fi

# ---------------------------------------------------------------------------------------------
# CLI implementation.
# ---------------------------------------------------------------------------------------------
set -euo pipefail
umask 022

readonly DB_NAME=ops_copilot
readonly OWNER_ROLE=ops_owner
readonly APP_ROLE=ops_app
readonly SUPER_ROLE=postgres
readonly HOST=127.0.0.1

_die()  { printf 'db.sh: error: %s\n' "$*" >&2; exit 1; }
_note() { printf 'db.sh: %s\n' "$*" >&2; }

# Connection-related libpq variables from the caller must not redirect our own commands.
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGPASSFILE PGSERVICE \
      PGSERVICEFILE PGDATA PGSSLMODE PGREQUIRESSL PGTARGETSESSIONATTRS PGOPTIONS PGLOCALEDIR \
      PGGSSENCMODE PGCHANNELBINDING PGREQUIREAUTH 2>/dev/null || true

REPO="$(cd -P -- "$(dirname -- "$_OPS_DB_SCRIPT")/.." && pwd)"

PORT="${OPS_PG_PORT:-55432}"
[[ "$PORT" =~ ^[0-9]+$ ]] && (( PORT >= 1024 && PORT <= 65535 )) \
    || _die "OPS_PG_PORT must be a port number 1024-65535 (got '$PORT')"
TIMEOUT="${OPS_PG_START_TIMEOUT:-60}"
[[ "$TIMEOUT" =~ ^[0-9]+$ ]] || _die "OPS_PG_START_TIMEOUT must be a number of seconds"
SYNC_COMMIT="${OPS_PG_SYNCHRONOUS_COMMIT:-on}"
[[ "$SYNC_COMMIT" =~ ^(on|off|local|remote_write|remote_apply)$ ]] \
    || _die "OPS_PG_SYNCHRONOUS_COMMIT must be on, off, local, remote_write or remote_apply (got '$SYNC_COMMIT')"

PGDIR="${OPS_PG_DIR:-$REPO/.data/pg}"
[[ "$PGDIR" == /* ]] || PGDIR="$PWD/$PGDIR"
PGDIR="${PGDIR%/}"
[[ -n "$PGDIR" && "$PGDIR" != "/" ]] || _die "refusing to use / as the cluster directory"
[[ "$PGDIR" != *[\'\"$'\n']* ]] || _die "cluster path must not contain quotes or newlines: $PGDIR"
DATA="$PGDIR/data"
LOGDIR="$PGDIR/log"
LOGFILE="$LOGDIR/postgres.log"
OWNER_PW_FILE="$PGDIR/owner.pw"
APP_PW_FILE="$PGDIR/app.pw"
MARKER="$PGDIR/.ops-copilot-cluster"
LOCKFILE="$PGDIR.lock"
if [[ "$PGDIR" == "$REPO/"* ]]; then SHOWDIR="${PGDIR#"$REPO/"}"; else SHOWDIR="$PGDIR"; fi

# Unix socket directory: inside the cluster dir unless the socket path would exceed the
# ~107-byte sun_path limit or contain characters that need quoting in postgresql.conf.
SOCK="$PGDIR/run"
if (( ${#SOCK} > 90 )) || [[ ! "$SOCK" =~ ^[A-Za-z0-9._/+-]+$ ]]; then
    SOCK="/tmp/ops-pg-$(printf '%s' "$PGDIR" | md5sum | cut -c1-12)"
fi

if (( EUID == 0 )); then
    OS_USER="${OPS_PG_OS_USER:-postgres}"
else
    OS_USER="$(id -un)"
fi

BIN=""

# --- helpers -----------------------------------------------------------------------------------

# Run a command as the OS user that owns the cluster, from / (postgres can't cd into /root).
_as_pg() {
    if (( EUID == 0 )); then
        if command -v runuser >/dev/null 2>&1; then
            (cd / && exec runuser -u "$OS_USER" -- env LC_ALL=C.UTF-8 "$@")
        else
            (cd / && exec setpriv --reuid="$OS_USER" --regid="$(id -g "$OS_USER")" --init-groups \
                env LC_ALL=C.UTF-8 "$@")
        fi
    else
        (cd / && exec env LC_ALL=C.UTF-8 "$@")
    fi
}

# Close inherited file descriptors > 2 (lock fd, CI pipes) so the daemon doesn't hold them.
_close_fds() {
    local f fd
    for f in /proc/"$BASHPID"/fd/*; do
        fd="${f##*/}"
        [[ "$fd" =~ ^[0-9]+$ ]] && (( fd > 2 )) && eval "exec $fd>&-" 2>/dev/null || true
    done
}

_lock() {
    command -v flock >/dev/null 2>&1 || return 0
    mkdir -p -- "$(dirname -- "$LOCKFILE")" || _die "cannot create $(dirname -- "$LOCKFILE")"
    exec 9>>"$LOCKFILE" || _die "cannot open lock file $LOCKFILE"
    flock -w 900 9 || _die "timed out waiting for $LOCKFILE (another db.sh still running?)"
}

_pg_major_of_bin() { "$1/postgres" --version 2>/dev/null | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/;q'; }

_bin_ok() { local d="$1" b; for b in initdb pg_ctl postgres psql pg_isready; do [[ -x "$d/$b" ]] || return 1; done; }

_find_bin() {
    local c want=""
    if [[ -n "${OPS_PG_BIN:-}" ]]; then
        _bin_ok "$OPS_PG_BIN" || _die "OPS_PG_BIN=$OPS_PG_BIN lacks initdb/pg_ctl/postgres/psql/pg_isready"
        BIN="$OPS_PG_BIN"; return 0
    fi
    [[ -r "$DATA/PG_VERSION" ]] && want="$(<"$DATA/PG_VERSION")"
    local candidates=()
    [[ -n "$want" ]] && candidates+=("/usr/lib/postgresql/$want/bin")
    candidates+=(/usr/lib/postgresql/15/bin)
    while IFS= read -r c; do candidates+=("$c"); done \
        < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4nr)
    if command -v pg_config >/dev/null 2>&1; then candidates+=("$(pg_config --bindir 2>/dev/null || true)"); fi
    for c in "${candidates[@]}"; do
        [[ -n "$c" ]] && _bin_ok "$c" && { BIN="$c"; return 0; }
    done
    return 1
}

_install_pg() {
    (( EUID == 0 )) || _die "PostgreSQL binaries not found; install them as root: apt-get install -y postgresql-15"
    command -v apt-get >/dev/null 2>&1 || _die "PostgreSQL binaries not found and apt-get is unavailable"
    local log; log="$(mktemp /tmp/ops-db-apt.XXXXXX.log)"
    _note "PostgreSQL not found; installing postgresql-15 with apt-get (log: $log)"
    # We never use the Debian default cluster (15/main on 5432): stop the package from creating it.
    mkdir -p /etc/postgresql-common/createcluster.d
    if [[ ! -e /etc/postgresql-common/createcluster.d/ops-copilot.conf ]]; then
        printf '%s\n' '# Written by Ops Copilot scripts/db.sh: the project runs a private cluster,' \
            '# so the package must not create (and start) the default 15/main cluster.' \
            'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/ops-copilot.conf
    fi
    local had_main=0; [[ -d /etc/postgresql/15/main ]] && had_main=1
    local apt=(apt-get -y -q -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef
               -o Dpkg::Options::=--force-confold)
    export DEBIAN_FRONTEND=noninteractive
    "${apt[@]}" update >>"$log" 2>&1 </dev/null || _note "apt-get update failed (continuing; see $log)"
    if ! "${apt[@]}" install --no-install-recommends postgresql-15 >>"$log" 2>&1 </dev/null; then
        "${apt[@]}" install --no-install-recommends postgresql >>"$log" 2>&1 </dev/null || {
            tail -n 30 "$log" >&2
            _die "apt-get install postgresql-15 (and postgresql) failed; full log: $log"
        }
    fi
    # Belt and braces: if a default cluster appeared anyway, stop it and keep it from autostarting.
    if (( ! had_main )) && [[ -d /etc/postgresql/15/main ]] && command -v pg_ctlcluster >/dev/null; then
        pg_ctlcluster 15 main stop >>"$log" 2>&1 || true
        echo manual > /etc/postgresql/15/main/start.conf 2>/dev/null || true
    fi
    rm -f -- "$log"
}

_need_bin() {
    _find_bin && return 0
    _install_pg
    _find_bin || _die "PostgreSQL installed but initdb/pg_ctl/psql not found under /usr/lib/postgresql/*/bin"
}

_ensure_os_user() {
    (( EUID == 0 )) || return 0
    id -u "$OS_USER" >/dev/null 2>&1 && return 0
    [[ "$OS_USER" == postgres ]] || _die "OS user '$OS_USER' (OPS_PG_OS_USER) does not exist"
    _note "creating system user postgres"
    useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home \
        --shell /bin/bash postgres || _die "cannot create the postgres OS user"
}

# Make every directory above $PGDIR traversable for the cluster's OS user.
_ensure_traversable() {
    (( EUID == 0 )) || return 0
    _as_pg test -x "$PGDIR" -a -w "$PGDIR" 2>/dev/null && return 0
    local p="" comp
    local -a parts
    IFS=/ read -r -a parts <<<"${PGDIR#/}"
    for comp in "${parts[@]}"; do
        [[ -z "$comp" ]] && continue
        p="$p/$comp"
        [[ "$p" == "$PGDIR" ]] && break
        if ! _as_pg test -x "$p" 2>/dev/null; then
            if command -v setfacl >/dev/null 2>&1 && setfacl -m "u:$OS_USER:x" "$p" 2>/dev/null; then
                _note "granted $OS_USER traverse permission on $p (setfacl u:$OS_USER:x)"
            else
                chmod o+x "$p" || _die "cannot make $p traversable for $OS_USER"
                _note "made $p traversable (chmod o+x) so $OS_USER can reach $PGDIR"
            fi
        fi
    done
    _as_pg test -x "$PGDIR" -a -w "$PGDIR" 2>/dev/null \
        || _die "OS user $OS_USER cannot access $PGDIR (set OPS_PG_DIR to a path it can reach, e.g. under /tmp)"
}

_chown_pg() {
    (( EUID == 0 )) || return 0
    chown "$OS_USER:$(id -gn "$OS_USER")" "$@" || _die "chown $OS_USER failed on $*"
}

_prepare_dirs() {
    mkdir -p -- "$PGDIR" || _die "cannot create $PGDIR"
    [[ -e "$MARKER" ]] || : > "$MARKER"
    mkdir -p -- "$LOGDIR" "$PGDIR/run"
    if (( EUID == 0 )); then
        # Repair ownership (e.g. after the repo was copied by root).
        if [[ -n "$(find "$PGDIR" -xdev ! -user "$OS_USER" -print -quit 2>/dev/null)" ]]; then
            chown -R "$OS_USER:$(id -gn "$OS_USER")" "$PGDIR" || _die "cannot chown $PGDIR to $OS_USER"
        fi
    fi
    chmod 700 "$PGDIR"
    [[ -d "$DATA" ]] && chmod 700 "$DATA"
    if [[ "$SOCK" != "$PGDIR/run" ]]; then
        if [[ -e "$SOCK" ]] && [[ "$(stat -c %U -- "$SOCK")" != "$OS_USER" && ! -O "$SOCK" ]]; then
            _die "socket directory $SOCK exists and belongs to someone else"
        fi
        mkdir -p -- "$SOCK"
        _chown_pg "$SOCK"
        chmod 755 "$SOCK"
    fi
    chmod 755 "$PGDIR/run"
    _ensure_traversable
}

_gen_pw_file() {
    local f="$1"
    if [[ ! -s "$f" ]]; then
        (umask 077; od -An -tx1 -N24 /dev/urandom | tr -d ' \n' > "$f.tmp") || _die "cannot write $f"
        mv -f -- "$f.tmp" "$f"
    fi
    chmod 600 "$f"
    _chown_pg "$f"
}

_read_pw() {
    local f="$1" pw
    [[ -s "$f" ]] || _die "$f missing: run scripts/db.sh ensure first"
    pw="$(<"$f")"
    pw="${pw%%[[:space:]]}"
    [[ "$pw" =~ ^[A-Za-z0-9._~+-]+$ ]] || _die "$f must hold a password of [A-Za-z0-9._~+-] only (delete it and rerun ensure to regenerate)"
    printf '%s' "$pw"
}

# Prints the postmaster PID and returns 0 if *our* cluster is running. A postmaster.pid whose PID
# is dead, a zombie, or reused by another process (common after a container restart) is stale.
_running_pid() {
    local pf="$DATA/postmaster.pid" pid cwd state
    [[ -f "$pf" ]] || return 1
    { read -r pid <"$pf"; } 2>/dev/null || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] && (( pid > 0 )) || return 1
    [[ -d "/proc/$pid" ]] || return 1
    state="$(sed -nE 's/^State:[[:space:]]+([A-Z]).*/\1/p' "/proc/$pid/status" 2>/dev/null || true)"
    [[ "$state" == Z || "$state" == X ]] && return 1
    if cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null)"; then
        [[ "$cwd" == "$(readlink -f -- "$DATA")" ]] || return 1
    fi  # if /proc is restricted, trust the live PID (conservative)
    printf '%s' "$pid"
}

_pidfile_line() { sed -n "${1}p" "$DATA/postmaster.pid" 2>/dev/null || true; }

_clear_stale() {
    if [[ -f "$DATA/postmaster.pid" ]]; then
        _note "removing stale $SHOWDIR/data/postmaster.pid (server not running; crashed earlier?)"
        rm -f -- "$DATA/postmaster.pid"
    fi
    rm -f -- "$SOCK/.s.PGSQL.$PORT" "$SOCK/.s.PGSQL.$PORT.lock"
}

_port_busy() { timeout 3 bash -c "exec 3<>/dev/tcp/$HOST/$PORT" 2>/dev/null; }

_port_owner() {
    command -v ss >/dev/null 2>&1 || return 0
    ss -ltnpH "( sport = :$PORT )" 2>/dev/null | head -n 3 | sed 's/^/    /'
}

_port_busy_die() {
    local who; who="$(_port_owner)"
    _die "port $PORT on $HOST is already in use by another process (not the cluster in $SHOWDIR).
${who:+$who
}Stop that process or choose another port: OPS_PG_PORT=<port> scripts/db.sh ensure"
}

_log_tail() {
    [[ -f "$LOGFILE" ]] || return 0
    printf -- '--- last lines of %s ---\n' "$LOGFILE" >&2
    tail -n 25 -- "$LOGFILE" >&2 || true
}

# Write a config file into the data dir; sets CONFIG_CHANGED=1 if its content changed.
CONFIG_CHANGED=0
_put_conf() {
    local path="$1" content="$2"
    if [[ -f "$path" ]] && [[ "$(<"$path")" == "$content" ]]; then return 0; fi
    printf '%s\n' "$content" > "$path.tmp" || _die "cannot write $path"
    chmod 600 "$path.tmp"; _chown_pg "$path.tmp"
    mv -f -- "$path.tmp" "$path"
    CONFIG_CHANGED=1
}

_write_config() {
    _put_conf "$DATA/ops_copilot.conf" "# Managed by scripts/db.sh — rewritten on every 'ensure'.
listen_addresses = '$HOST'
port = $PORT
unix_socket_directories = '$SOCK'
unix_socket_permissions = 0777
password_encryption = 'scram-sha-256'
max_connections = 200
# Durable by default: a crash never loses a commit that was acknowledged (the product also sets it per session).
synchronous_commit = $SYNC_COMMIT
timezone = 'UTC'
log_timezone = 'UTC'
log_line_prefix = '%m [%p] %q%u@%d '"

    local ident="ops   postgres   $SUPER_ROLE
ops   root       $SUPER_ROLE"
    [[ "$OS_USER" != postgres && "$OS_USER" != root ]] && ident+="
ops   $OS_USER   $SUPER_ROLE"
    _put_conf "$DATA/pg_ident.conf" "# Managed by scripts/db.sh. MAPNAME SYSTEM-USERNAME PG-USERNAME
$ident"

    _put_conf "$DATA/pg_hba.conf" "# Managed by scripts/db.sh.
# TYPE  DATABASE  USER          ADDRESS        METHOD
local   all       $SUPER_ROLE                  peer map=ops
local   all       all                          scram-sha-256
host    all       all           $HOST/32   scram-sha-256"
}

_initdb_if_needed() {
    if [[ -f "$DATA/PG_VERSION" ]]; then
        local have bin_major
        have="$(<"$DATA/PG_VERSION")"; bin_major="$(_pg_major_of_bin "$BIN")"
        [[ "$have" == "$bin_major" ]] || _die "cluster in $SHOWDIR was created by PostgreSQL $have but $BIN is PostgreSQL $bin_major (set OPS_PG_BIN, or 'scripts/db.sh destroy' to start over)"
        return 0
    fi
    if [[ -d "$DATA" ]] && [[ -n "$(ls -A -- "$DATA" 2>/dev/null)" ]]; then
        _die "$DATA exists but is not a PostgreSQL cluster (no PG_VERSION); run 'scripts/db.sh destroy' to remove it"
    fi
    rm -rf -- "$DATA" "$DATA.initdb"
    _note "initializing a new PostgreSQL cluster in $SHOWDIR/data"
    local extra=() out
    (( $(_pg_major_of_bin "$BIN") >= 14 )) && extra+=(--no-instructions)
    if ! out="$(_as_pg "$BIN/initdb" -D "$DATA.initdb" -U "$SUPER_ROLE" -E UTF8 --locale=C.UTF-8 \
                 --auth-local=peer --auth-host=scram-sha-256 "${extra[@]}" </dev/null 2>&1)"; then
        printf '%s\n' "$out" >&2
        rm -rf -- "$DATA.initdb"
        _die "initdb failed"
    fi
    printf "\n# Ops Copilot: settings managed by scripts/db.sh\ninclude = 'ops_copilot.conf'\n" \
        >> "$DATA.initdb/postgresql.conf"
    mv -- "$DATA.initdb" "$DATA"
    chmod 700 "$DATA"
}

_start() {
    _clear_stale
    if _port_busy; then _port_busy_die; fi
    if [[ -f "$LOGFILE" ]] && (( $(stat -c %s "$LOGFILE") > 50 * 1024 * 1024 )); then
        mv -f -- "$LOGFILE" "$LOGFILE.1"
    fi
    : >> "$LOGFILE"; _chown_pg "$LOGFILE"
    local out
    if ! out="$( ( _close_fds; _as_pg "$BIN/pg_ctl" start -D "$DATA" -l "$LOGFILE" -w -t "$TIMEOUT" -s ) </dev/null 2>&1 )"; then
        [[ -n "$out" ]] && printf '%s\n' "$out" >&2
        _log_tail
        if grep -q 'could not bind\|Address already in use' "$LOGFILE" 2>/dev/null; then
            _die "PostgreSQL could not bind $HOST:$PORT (port taken?); set OPS_PG_PORT to a free port"
        fi
        _die "PostgreSQL failed to start (log: $LOGFILE)"
    fi
}

_wait_ready() {
    local deadline=$(( SECONDS + TIMEOUT ))
    until "$BIN/pg_isready" -q -h "$SOCK" -p "$PORT" -d postgres -U "$SUPER_ROLE" </dev/null; do
        _running_pid >/dev/null || { _log_tail; _die "PostgreSQL exited during start-up (log: $LOGFILE)"; }
        (( SECONDS < deadline )) || { _log_tail; _die "PostgreSQL not ready after ${TIMEOUT}s"; }
        sleep 0.2
    done
    until "$BIN/pg_isready" -q -h "$HOST" -p "$PORT" -d postgres -U "$SUPER_ROLE" </dev/null; do
        (( SECONDS < deadline )) || { _log_tail; _die "PostgreSQL not accepting TCP connections on $HOST:$PORT"; }
        sleep 0.2
    done
}

_bootstrap_sql() {
    local owner_pw app_pw out
    owner_pw="$(_read_pw "$OWNER_PW_FILE")"; app_pw="$(_read_pw "$APP_PW_FILE")"
    # Passwords go through stdin (psql \set), never the command line.
    if ! out="$( {
        printf '\\set owner_pw %s\n\\set app_pw %s\n' "$owner_pw" "$app_pw"
        cat <<'SQL'
SET client_min_messages = warning;
SELECT 'CREATE ROLE ops_owner' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ops_owner')\gexec
ALTER ROLE ops_owner WITH LOGIN NOSUPERUSER CREATEDB CREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD :'owner_pw';
SELECT 'CREATE ROLE ops_app' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ops_app')\gexec
ALTER ROLE ops_app WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD :'app_pw';
SELECT 'CREATE DATABASE ops_copilot OWNER ops_owner TEMPLATE template0 ENCODING ''UTF8'' LC_COLLATE ''C.UTF-8'' LC_CTYPE ''C.UTF-8'''
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ops_copilot')\gexec
ALTER DATABASE ops_copilot OWNER TO ops_owner;
REVOKE ALL ON DATABASE ops_copilot FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE ops_copilot TO ops_app;
\connect ops_copilot
SET client_min_messages = warning;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
    } | _as_pg "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -U "$SUPER_ROLE" -d postgres 2>&1 )"; then
        printf '%s\n' "$out" >&2
        _die "creating roles/database failed"
    fi
}

_check_running_matches() {
    local run_port run_sock
    run_port="$(_pidfile_line 4)"; run_sock="$(_pidfile_line 5)"
    if [[ -n "$run_port" && "$run_port" != "$PORT" ]]; then
        _die "the cluster in $SHOWDIR is already running on port $run_port, not $PORT; run 'scripts/db.sh stop' first (or use OPS_PG_PORT=$run_port)"
    fi
    if [[ -n "$run_sock" && "$run_sock" != "$SOCK" ]]; then
        _die "the cluster in $SHOWDIR is running with socket dir $run_sock (expected $SOCK); restart it: scripts/db.sh restart"
    fi
}

# --- commands ----------------------------------------------------------------------------------

cmd_ensure() {
    (( $# == 0 )) || _die "ensure takes no arguments"
    _lock
    _need_bin
    _ensure_os_user
    _prepare_dirs
    _gen_pw_file "$OWNER_PW_FILE"
    _gen_pw_file "$APP_PW_FILE"
    local pid running=0
    pid="$(_running_pid)" && running=1
    if (( ! running )) && _port_busy; then _port_busy_die; fi
    _initdb_if_needed
    if (( running )); then
        _check_running_matches
        _write_config
        if (( CONFIG_CHANGED )); then
            _as_pg "$BIN/pg_ctl" reload -D "$DATA" -s </dev/null >/dev/null || _die "pg_ctl reload failed"
        fi
    else
        _write_config
        _start
    fi
    _wait_ready
    _bootstrap_sql
    printf 'PostgreSQL ready on %s:%s (%s)\n' "$HOST" "$PORT" "$SHOWDIR"
}

cmd_env() {
    (( $# == 0 )) || _die "env takes no arguments"
    local owner_pw app_pw base
    owner_pw="$(_read_pw "$OWNER_PW_FILE")"; app_pw="$(_read_pw "$APP_PW_FILE")"
    base="Host=$HOST;Port=$PORT;Database=$DB_NAME"
    printf "export ConnectionStrings__Default='%s'\n" "$base;Username=$APP_ROLE;Password=$app_pw"
    printf "export ConnectionStrings__Migrations='%s'\n" "$base;Username=$OWNER_ROLE;Password=$owner_pw"
    printf "export OPS_PG_SUPERUSER_SOCKET='%s'\n" "$SOCK"
    printf "export OPS_PG_PORT='%s'\n" "$PORT"
}

cmd_psql() {
    _find_bin || _die "PostgreSQL is not installed: run scripts/db.sh ensure"
    _running_pid >/dev/null || _die "PostgreSQL is not running ($SHOWDIR): run scripts/db.sh ensure"
    local owner_pw; owner_pw="$(_read_pw "$OWNER_PW_FILE")"
    PGPASSWORD="$owner_pw" PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-10}" \
        exec "$BIN/psql" -h "$HOST" -p "$PORT" -U "$OWNER_ROLE" -d "$DB_NAME" "$@"
}

cmd_status() {
    (( $# == 0 )) || _die "status takes no arguments"
    if [[ ! -f "$DATA/PG_VERSION" ]]; then
        printf 'PostgreSQL: not initialised (%s); run scripts/db.sh ensure\n' "$SHOWDIR"; return 4
    fi
    local pid
    if pid="$(_running_pid)"; then
        local port ready="not answering"
        port="$(_pidfile_line 4)"
        if _find_bin && "$BIN/pg_isready" -q -h "$HOST" -p "${port:-$PORT}" </dev/null; then ready="accepting connections"; fi
        printf 'PostgreSQL running on %s:%s, %s (pid %s, %s, socket %s)\n' \
            "$HOST" "${port:-$PORT}" "$ready" "$pid" "$SHOWDIR" "$(_pidfile_line 5)"
        return 0
    fi
    if [[ -f "$DATA/postmaster.pid" ]]; then
        printf 'PostgreSQL not running (%s; stale postmaster.pid will be cleaned on next start)\n' "$SHOWDIR"
    else
        printf 'PostgreSQL not running (%s)\n' "$SHOWDIR"
    fi
    return 3
}

_stop_locked() {
    local pid
    if ! pid="$(_running_pid)"; then
        [[ -f "$DATA/postmaster.pid" ]] && _clear_stale
        return 1
    fi
    # SIGINT = pg_ctl -m fast; SIGQUIT = -m immediate. Signals avoid pg_ctl's trust in a PID file.
    kill -INT "$pid" 2>/dev/null || true
    local deadline=$(( SECONDS + TIMEOUT ))
    while _running_pid >/dev/null; do
        if (( SECONDS >= deadline )); then
            _note "fast shutdown timed out after ${TIMEOUT}s; forcing immediate shutdown"
            kill -QUIT "$pid" 2>/dev/null || true
            local d2=$(( SECONDS + 15 ))
            while _running_pid >/dev/null; do
                (( SECONDS < d2 )) || { kill -KILL "$pid" 2>/dev/null || true; sleep 1; break; }
                sleep 0.2
            done
            break
        fi
        sleep 0.1
    done
    _running_pid >/dev/null && _die "could not stop PostgreSQL (pid $pid)"
    [[ -f "$DATA/postmaster.pid" ]] && _clear_stale
    return 0
}

cmd_stop() {
    (( $# == 0 )) || _die "stop takes no arguments"
    if [[ ! -d "$DATA" ]]; then printf 'PostgreSQL not running (%s not initialised)\n' "$SHOWDIR"; return 0; fi
    _lock
    if _stop_locked; then
        printf 'PostgreSQL stopped (%s)\n' "$SHOWDIR"
    else
        printf 'PostgreSQL not running (%s)\n' "$SHOWDIR"
    fi
}

cmd_destroy() {
    (( $# == 0 )) || _die "destroy takes no arguments"
    if [[ ! -e "$PGDIR" ]]; then printf 'Nothing to destroy (%s does not exist)\n' "$SHOWDIR"; return 0; fi
    if [[ "$PGDIR" != "$REPO/.data/pg" && ! -e "$MARKER" && ! -f "$DATA/PG_VERSION" ]]; then
        _die "refusing to delete $PGDIR: it does not look like a db.sh cluster directory"
    fi
    _lock
    _stop_locked >/dev/null || true
    rm -rf -- "$PGDIR" || _die "could not remove $PGDIR"
    [[ "$SOCK" == /tmp/ops-pg-* ]] && rm -rf -- "$SOCK"
    rm -f -- "$LOCKFILE"
    printf 'PostgreSQL cluster destroyed (%s removed)\n' "$SHOWDIR"
}

usage() {
    cat <<EOF
Usage: scripts/db.sh <command>

  ensure|start   install (apt) / initdb / start the private cluster and create roles + database
  env            print export lines: ConnectionStrings__Default (ops_app),
                 ConnectionStrings__Migrations (ops_owner), OPS_PG_SUPERUSER_SOCKET, OPS_PG_PORT
  psql [args]    psql as ops_owner on ops_copilot via $HOST:\$OPS_PG_PORT
  status         exit 0 running, 3 stopped, 4 not initialised
  stop           fast shutdown (idempotent)
  restart        stop + ensure
  destroy        stop and delete the cluster directory

Environment: OPS_PG_PORT (default 55432), OPS_PG_DIR (default <repo>/.data/pg),
             OPS_PG_BIN, OPS_PG_START_TIMEOUT (default 60), OPS_PG_SYNCHRONOUS_COMMIT (default on)
Cluster: $PGDIR   port: $PORT   socket dir: $SOCK
EOF
}

main() {
    local cmd="${1:-help}"
    (( $# > 0 )) && shift
    case "$cmd" in
        ensure|start) cmd_ensure "$@" ;;
        env)          cmd_env "$@" ;;
        psql)         cmd_psql "$@" ;;
        status)       cmd_status "$@" ;;
        stop)         cmd_stop "$@" ;;
        restart)      (( $# == 0 )) || _die "restart takes no arguments"
                      cmd_stop >/dev/null; CONFIG_CHANGED=0; cmd_ensure ;;
        destroy)      cmd_destroy "$@" ;;
        help|-h|--help) usage ;;
        *)            usage >&2; _die "unknown command '$cmd'" ;;
    esac
}

main "$@"
