# Shared by run.sh and test.sh: machine prerequisites and the build. Source it; it defines functions only.

ops_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

ops_log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

# Debian packages the scripts or tests need; installs only what is missing.
ops_ensure_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    ops_log "Installing ${missing[*]} (apt)"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ops_ensure_dotnet() {
    if ! command -v dotnet >/dev/null 2>&1; then
        echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2
        exit 1
    fi
}

# Connection strings of the private cluster, unless the operator configured a database.
ops_database_env() {
    local root="$1"
    if [ -n "${DATABASE_URL:-}" ] || [ -n "${ConnectionStrings__Default:-}" ]; then
        ops_log "Using the configured database"
        return 0
    fi
    "$root/scripts/db.sh" ensure
    eval "$("$root/scripts/db.sh" env)"
}
