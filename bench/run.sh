#!/usr/bin/env bash
# The benchmark (docs/benchmarks.md): builds Release, starts the real host against a fresh database in the private
# PostgreSQL cluster (durable commits required), sends the signed message mix at concurrency 8 and 32 with pgbench
# doing the same writes as the baseline in the same run, then the duplicate probe, the confirm race, host RSS and the
# console's first pages over 1,000,000 events, and writes bench/results/latest.md. Arguments go to the harness, e.g.:
#   bench/run.sh                                                  (the full run, every goal of issue 15)
#   bench/run.sh --quick                                          (every measure once, smaller, while working on a change: artifacts/bench-quick.md)
#   bench/run.sh --smoke                                          (a few seconds: does it still work? writes artifacts/bench-smoke.md)
# Exit codes: 0 measured and every check passed (whether or not the goal is met), 1 a check failed, 2 wrong usage.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/scripts/common.sh"
cd "$ROOT"

ops_ensure_dotnet
ops_ensure_packages postgresql-client

started_db=false
if [ -z "${DATABASE_URL:-}" ] && [ -z "${ConnectionStrings__Default:-}" ]; then
    "$ROOT/scripts/db.sh" status >/dev/null 2>&1 || started_db=true
fi
cleanup() { if $started_db; then "$ROOT/scripts/db.sh" stop >/dev/null 2>&1 || true; fi; }
trap cleanup EXIT
ops_database_env "$ROOT"
if [ -z "${ConnectionStrings__Migrations:-}" ]; then
    echo "The bench creates a throwaway database: set ConnectionStrings__Migrations to a login with CREATEDB." >&2
    exit 1
fi

ops_log "Building (Release)"
dotnet build OpsCopilot.Web/OpsCopilot.Web.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/OpsCopilot.Bench/OpsCopilot.Bench.csproj -c Release -nologo -v q -clp:ErrorsOnly

ops_log "Benchmarking ingest against pgbench"
# A smoke run proves the harness works and a quick run guides a change; neither is the full measurement, so both
# leave the committed results alone.
default_out=bench/results/latest.md
for arg in "$@"; do
    [ "$arg" = "--smoke" ] && default_out=artifacts/bench-smoke.md
    [ "$arg" = "--quick" ] && default_out=artifacts/bench-quick.md
done
mkdir -p "$(dirname "${OPS_BENCH_OUT:-$default_out}")"
dotnet bench/OpsCopilot.Bench/bin/Release/net10.0/OpsCopilot.Bench.dll --out "${OPS_BENCH_OUT:-$default_out}" "$@"
