#!/usr/bin/env bash
# The sample requests of the example's README, against a running server (`./codeai run` first):
#
#   examples/test.sh
#
# BASE_URL    the server (default http://localhost:8080)
# TOKEN       a bearer token (default: `./codeai token`, which the local server accepts)
# ADMIN_TOKEN one with the admin role, for the circuit reset (default: `./codeai token --role admin`)
# WEBHOOK_URL where the example's endpoint delivers (default: a receiver this script runs on 127.0.0.1 while it
#             runs, answering 204; `./codeai run` allows loopback targets)
#
# Each step prints its request and the answer; the script stops with exit code 1 at the first unexpected status.
# It removes the endpoint it created when it ends.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_URL="${BASE_URL:-http://localhost:8080}"
TOKEN="${TOKEN:-$("$ROOT/codeai" token | tail -n 1)}"
ADMIN_TOKEN="${ADMIN_TOKEN:-$("$ROOT/codeai" token --role admin | tail -n 1)}"
WORK="$(mktemp -d)"
ENDPOINT_ID=""
RECEIVER_PID=""

cleanup() {
    if [[ -n "$ENDPOINT_ID" ]]; then
        curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $TOKEN" "$BASE_URL/webhooks/$ENDPOINT_ID" || true
    fi
    if [[ -n "$RECEIVER_PID" ]]; then
        kill "$RECEIVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# call EXPECTED_STATUS METHOD PATH [TOKEN] [JSON_BODY]: prints the answer, keeps it in $WORK/body, fails on another status.
call() {
    local expected="$1" method="$2" path="$3" token="${4:-$TOKEN}" body="${5:-}" status
    local args=(-s -o "$WORK/body" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token")
    if [[ -n "$body" ]]; then
        args+=(-H 'Content-Type: application/json' -d "$body")
    fi
    echo "> $method $path${body:+ $body}"
    status="$(curl "${args[@]}" "$BASE_URL$path")" || { echo "no answer from $BASE_URL" >&2; exit 1; }
    echo "< $status $(cat "$WORK/body")"
    echo
    if [[ "$status" != "$expected" ]]; then
        echo "expected $expected from $method $path, got $status" >&2
        exit 1
    fi
}

# field NAME: a top-level string or number of the last answer.
field() {
    jq -r --arg name "$1" '.[$name] // empty' "$WORK/body"
}

if [[ -z "${WEBHOOK_URL:-}" ]]; then
    python3 -u -c '
import http.server
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
print(server.server_port)
server.serve_forever()' > "$WORK/receiver-port" &
    RECEIVER_PID=$!
    for _ in $(seq 50); do
        [[ -s "$WORK/receiver-port" ]] && break
        sleep 0.1
    done
    [[ -s "$WORK/receiver-port" ]] || { echo "the local webhook receiver did not start" >&2; exit 1; }
    WEBHOOK_URL="http://127.0.0.1:$(cat "$WORK/receiver-port")/webhooks/orders"
fi

echo "## Create webhook endpoint"
ENDPOINT="$(jq -cn --arg url "$WEBHOOK_URL" \
    '{name: "Order Notifications", url: $url, events: ["order.created", "order.shipped", "order.delivered"]}')"
call 201 POST /webhooks "$TOKEN" "$ENDPOINT"
ENDPOINT_ID="$(field id)"

echo "## Test webhook"
call 200 POST "/webhooks/$ENDPOINT_ID/test"
echo "test delivery: $(field status) ($(field response_status_code))"
echo

echo "## Publish an event"
call 202 POST /events "$TOKEN" '{"type":"order.created","data":{"order_id":42}}'

echo "## Its delivery"
for _ in $(seq 100); do
    call 200 GET "/webhooks/$ENDPOINT_ID/deliveries?status=delivered" > /dev/null
    DELIVERY_ID="$(jq -r '[.data[] | select(.event_type == "order.created")][0].id // empty' "$WORK/body")"
    [[ -n "$DELIVERY_ID" ]] && break
    sleep 0.1
done
[[ -n "$DELIVERY_ID" ]] || { echo "the order.created delivery was not delivered within 10 s" >&2; exit 1; }
call 200 GET "/webhooks/deliveries/$DELIVERY_ID"

echo "## Check integration status"
call 200 GET /integrations/status

echo "## Check specific integration health"
call 200 GET /integrations/GitHubAPI/health

echo "## Reset circuit breaker (admin)"
call 200 POST /integrations/WeatherAPI/circuit/reset "$ADMIN_TOKEN"

echo "## Retry webhook delivery"
call 200 POST "/webhooks/deliveries/$DELIVERY_ID/retry"

echo "## Delete the endpoint"
call 204 DELETE "/webhooks/$ENDPOINT_ID"
ENDPOINT_ID=""
echo "All sample requests answered as expected."
