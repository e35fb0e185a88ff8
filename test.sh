#!/usr/bin/env bash
# Every test: unit, integration (real PostgreSQL), component, and browser E2E (headless Debian chromium).
# Starts the private PostgreSQL cluster unless a database is configured, and stops what it started.
#
# ./test.sh --faults [--short] [...]: the fault suite instead (docs/operations.md, "Faults"): the real host (Release)
# and a PostgreSQL cluster of its own (.data/pg-faults on OPS_PG_PORT+100, never the normal one), a retrying gateway at
# concurrency 16, host and PostgreSQL killed, restarted, stopped and frozen, two hosts behind HAProxy.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")" && pwd)"
source "$ROOT/scripts/common.sh"
cd "$ROOT"

if [ "${1:-}" = "--faults" ]; then
    shift
    ops_ensure_dotnet
    ops_ensure_packages postgresql-client procps haproxy chromium fonts-dejavu-core
    ops_log "Building (Release)"
    dotnet build OpsCopilot.Web/OpsCopilot.Web.csproj -c Release -nologo -v q -clp:ErrorsOnly
    dotnet build faults/OpsCopilot.Faults/OpsCopilot.Faults.csproj -c Release -nologo -v q -clp:ErrorsOnly
    ops_log "Fault suite"
    exec dotnet faults/OpsCopilot.Faults/bin/Release/net10.0/OpsCopilot.Faults.dll "$@"
fi

ops_ensure_dotnet
ops_ensure_packages postgresql-client openssl python3 chromium fonts-dejavu-core

started_db=false
if [ -z "${DATABASE_URL:-}" ] && [ -z "${ConnectionStrings__Default:-}" ]; then
    "$ROOT/scripts/db.sh" status >/dev/null 2>&1 || started_db=true
fi
cleanup() { if $started_db; then "$ROOT/scripts/db.sh" stop >/dev/null 2>&1 || true; fi; }
trap cleanup EXIT
ops_database_env "$ROOT"
if [ -z "${ConnectionStrings__Migrations:-}" ]; then
    echo "The tests create throwaway databases: set ConnectionStrings__Migrations to a login with CREATEDB." >&2
    exit 1
fi

# The dialogue corpus lives beside the repository (../shared/corpus). A clone made elsewhere finds it beside the
# checkout it was cloned from.
if [ -z "${OPS_CORPUS_DIR:-}" ] && [ ! -d "$ROOT/../shared/corpus" ]; then
    origin="$(git -C "$ROOT" config --get remote.origin.url 2>/dev/null || true)"
    if [ -n "$origin" ] && [ -d "$origin/../shared/corpus" ]; then
        export OPS_CORPUS_DIR="$(cd "$origin/../shared/corpus" && pwd)"
    fi
fi

ops_log "Building"
dotnet build OpsCopilot.sln -c Release -nologo -v q -clp:ErrorsOnly

mkdir -p artifacts/test-results artifacts/screenshots
rm -f artifacts/test-results/*.trx
status=0

# Message understanding on the corpora (the project's own and the shared reference set), each line read against a
# throwaway database with the reference world, now and at fixed instants (winter, summer, past local midnight on the
# 24th of December); below 100 % the run fails and the misses are listed.
ops_log "Corpus evaluation (eval-corpus)"
corpus_dir="${OPS_CORPUS_DIR:-$ROOT/../shared/corpus}"
for corpus in "$ROOT/corpus/dispatcher.dev.jsonl" "$corpus_dir/intents.dev.jsonl"; do
    dotnet run --project OpsCopilot.Web -c Release --no-build -- eval-corpus "$corpus" --min-accuracy 100 \
        --at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --at 2026-01-14T19:45:00+01:00 --at 2026-07-12T06:15:00Z --at 2026-12-24T23:30:00Z \
        > "artifacts/test-results/eval-$(basename "$corpus" .jsonl).txt" || { status=1; cat "artifacts/test-results/eval-$(basename "$corpus" .jsonl).txt"; }
    grep '^eval-corpus:' "artifacts/test-results/eval-$(basename "$corpus" .jsonl).txt" | sed "s|^|$(basename "$corpus"): |"
done
ops_log "Unit and integration tests"
dotnet test OpsCopilot.Tests/OpsCopilot.Tests.csproj -c Release --no-build --nologo \
    --logger "trx;LogFileName=tests.trx" --results-directory artifacts/test-results || status=$?
ops_log "Browser tests (Playwright, headless chromium)"
OPS_SCREENSHOTS="$ROOT/artifacts/screenshots" dotnet test OpsCopilot.E2E/OpsCopilot.E2E.csproj -c Release --no-build --nologo \
    --logger "trx;LogFileName=e2e.trx" --results-directory artifacts/test-results || status=$?

# The operator's smoke test (./smoke.sh, docs/operations.md) against a host started exactly as ./run.sh starts it, so
# the command cannot rot: every step must pass; with a wrong webhook secret it must name the failing step and exit 1.
ops_log "Smoke test (./smoke.sh against ./run.sh)"
smoke_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
smoke_url="http://127.0.0.1:$smoke_port"
smoke_secret="$(openssl rand -hex 24)"
OPS_URL="$smoke_url" CLAWDBOT_WEBHOOK_SECRET="$smoke_secret" ./run.sh > artifacts/test-results/smoke-host.log 2>&1 &
smoke_host=$!
stop_smoke_host() { kill "$smoke_host" 2>/dev/null || true; wait "$smoke_host" 2>/dev/null || true; }
trap 'stop_smoke_host; cleanup' EXIT
for _ in $(seq 1 300); do
    curl -fsS "$smoke_url/healthz" >/dev/null 2>&1 && break
    kill -0 "$smoke_host" 2>/dev/null || break
    sleep 1
done
if ! curl -fsS "$smoke_url/healthz" >/dev/null 2>&1; then
    echo "The host ./run.sh starts did not come up:" >&2; tail -n 30 artifacts/test-results/smoke-host.log >&2; status=1
else
    smoke=(./smoke.sh --url "$smoke_url" --admin-email admin@demo.local --database-url "$ConnectionStrings__Migrations")
    export OPS_SMOKE_NO_BUILD=1 OPS_SMOKE_ADMIN_PASSWORD="$(cat .data/demo-admin.pw)"
    # The secret once from the host's own variable (out of the process list), once as the flag.
    CLAWDBOT_WEBHOOK_SECRET="$smoke_secret" "${smoke[@]}" --report artifacts/smoke || { echo "smoke.sh failed" >&2; status=1; }
    smoke_rc=0
    "${smoke[@]}" --secret "wrong-$smoke_secret" --report artifacts/smoke-wrong-secret > artifacts/test-results/smoke-wrong-secret.txt || smoke_rc=$?
    if [ "$smoke_rc" -eq 1 ] && grep -q '^FAIL  3\.1\.2 .*invalid_signature' artifacts/test-results/smoke-wrong-secret.txt \
        && grep -q '^VERDICT: FAIL — 3\.1\.2 ' artifacts/test-results/smoke-wrong-secret.txt; then
        echo "smoke.sh with a wrong secret: exit 1, names step 3.1.2 (invalid_signature)"
    else
        echo "smoke.sh with a wrong secret should exit 1 naming step 3.1.2; exit $smoke_rc:" >&2
        cat artifacts/test-results/smoke-wrong-secret.txt >&2; status=1
    fi
    unset OPS_SMOKE_NO_BUILD OPS_SMOKE_ADMIN_PASSWORD
fi
stop_smoke_host

# One plain summary line over both runs.
python3 - <<'PY' || true
import glob, re
passed = failed = skipped = 0
for path in glob.glob("artifacts/test-results/*.trx"):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<Counters [^>]*total="(\d+)"[^>]*passed="(\d+)"[^>]*failed="(\d+)"', text)
    if m:
        passed += int(m.group(2)); failed += int(m.group(3))
        skipped += int(m.group(1)) - int(m.group(2)) - int(m.group(3))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
