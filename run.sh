#!/usr/bin/env bash
# Brings Ops Copilot up on this machine: PostgreSQL (private cluster in .data/pg unless DATABASE_URL or
# ConnectionStrings__Default is set), migrations, the demo tenant, and the host on http://127.0.0.1:5080.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")" && pwd)"
source "$ROOT/scripts/common.sh"
cd "$ROOT"

ops_ensure_dotnet
ops_ensure_packages postgresql-client openssl
ops_database_env "$ROOT"

ops_log "Building"
dotnet build OpsCopilot.Web/OpsCopilot.Web.csproj -c Release -nologo -v q -clp:ErrorsOnly
WEB="$ROOT/OpsCopilot.Web/bin/Release/net10.0/OpsCopilot.Web.dll"

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
mkdir -p .data
# The demo logins are made once and kept in .data so every run can print them. 16 random base64 characters: long
# and on no common-password list (ASVS 5.0 §6.2, docs/security.md).
[ -f .data/demo-admin.pw ] || echo "Admin-$(openssl rand -base64 12 | tr '+/' '-_')" > .data/demo-admin.pw
[ -f .data/demo-dispatcher.pw ] || echo "Dispatch-$(openssl rand -base64 12 | tr '+/' '-_')" > .data/demo-dispatcher.pw
export OPS_DEMO_ADMIN_PASSWORD="$(cat .data/demo-admin.pw)"
export OPS_DEMO_DISPATCHER_PASSWORD="$(cat .data/demo-dispatcher.pw)"
if [ "$ASPNETCORE_ENVIRONMENT" = "Development" ] && [ -z "${CLAWDBOT_WEBHOOK_SECRET:-}" ]; then
    [ -f .data/webhook-secret ] || openssl rand -hex 24 > .data/webhook-secret
    export CLAWDBOT_WEBHOOK_SECRET="$(cat .data/webhook-secret)"
fi

ops_log "Migrating"
dotnet "$WEB" migrate
dotnet "$WEB" verify
ops_log "Seeding the demo tenant"
dotnet "$WEB" seed-demo >/dev/null

URL="${OPS_URL:-http://127.0.0.1:5080}"
cat <<INFO

  Ops Copilot console:  $URL
  Tenant admin:         admin@demo.local / $OPS_DEMO_ADMIN_PASSWORD
  Dispatcher:           dispatcher@demo.local / $OPS_DEMO_DISPATCHER_PASSWORD
  Webhook secret:       CLAWDBOT_WEBHOOK_SECRET=${CLAWDBOT_WEBHOOK_SECRET:-<from your environment>}
  Stop with Ctrl+C (the private PostgreSQL keeps running: scripts/db.sh stop).

INFO
exec dotnet "$WEB" --urls "$URL"
