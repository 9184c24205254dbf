#!/usr/bin/env bash
# Measures the suite as a developer runs it: seconds from `dotnet run --project XinYu.AppHost` (already built) to
# every resource healthy, and the idle suite's memory (resident memory of the AppHost and every process under it,
# servers' workers included). Prints one line per figure. Usage: scripts/measure-startup.sh [idle seconds, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
idle=${1:-30}
data=$(mktemp -d /tmp/xinyu-measure-XXXX)
chmod 755 "$data" # the servers run as their own users and must reach their folders
log="$data/apphost.out"
start=$(date +%s.%N)
dotnet run --project XinYu.AppHost --no-build -- --data-dir "$data/suite" --gateway-port 0 > "$log" 2>&1 &
runner=$!
# SIGTERM, not SIGINT: a background job of a script starts with SIGINT ignored.
trap 'pkill -TERM -f -- "--data-dir $data/suite" 2>/dev/null; wait $runner 2>/dev/null; rm -rf "$data"' EXIT
until grep -q "XinYu is running" "$log"; do
  if ! kill -0 $runner 2>/dev/null || grep -q "did not start" "$log"; then cat "$log"; exit 1; fi
  sleep 0.2
done
ready=$(date +%s.%N)
echo "startup_seconds_wall $(echo "$ready - $start" | bc)  (AppHost's own count: $(grep -o '([0-9.]* s to all healthy)' "$log"))"
sleep "$idle"
# Every process in the AppHost's tree and every supervised child's session (they run in sessions of their own).
apphost=$(pgrep -f -- "bin/.*XinYu.AppHost.*--data-dir $data/suite" | head -1)
pids="$apphost $(cut -d' ' -f1 "$data/suite/run/pids")"
all=$(for p in $pids; do ps -o pid= -s "$(ps -o sid= -p "$p" | tr -d ' ')" 2>/dev/null; ps -o pid= -p "$p"; done | sort -u)
kb=$(ps -o rss= -p $(echo $all | tr ' ' ',') | awk '{s+=$1} END {print s}')
echo "idle_memory_mb $((kb / 1024)) over $(echo $all | wc -w) processes after ${idle}s idle"
ps -o rss=,args= -p $(echo $all | tr ' ' ',') | sort -rn | awk '{printf "  %6.0f MB  %s %s\n", $1/1024, $2, $3}' | head -12
