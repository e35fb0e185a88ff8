#!/usr/bin/env bash
# The pilot runbook's 10-minute smoke test (§3) against any deployment, as one command (docs/operations.md):
#   OPS_SMOKE_ADMIN_PASSWORD=… CLAWDBOT_WEBHOOK_SECRET=… ./smoke.sh --url https://ops.example.com \
#       --admin-email admin@example.com [--secret WEBHOOK_SECRET] [--database-url postgres://…] [--report smoke-report]
# The password comes from OPS_SMOKE_ADMIN_PASSWORD or stdin, never a flag; the webhook secret from --secret or, kept out
# of the process list, CLAWDBOT_WEBHOOK_SECRET. Exit 0 when every step passed, 1 when one
# failed, 2 on wrong usage.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")" && pwd)"
source "$ROOT/scripts/common.sh"

ops_ensure_dotnet
ops_ensure_packages chromium fonts-dejavu-core
DLL="$ROOT/OpsCopilot.Smoke/bin/Release/net10.0/OpsCopilot.Smoke.dll"
if [ "${OPS_SMOKE_NO_BUILD:-}" != "1" ]; then
    dotnet build "$ROOT/OpsCopilot.Smoke/OpsCopilot.Smoke.csproj" -c Release -nologo -v q -clp:ErrorsOnly >&2
fi
exec dotnet "$DLL" "$@"
