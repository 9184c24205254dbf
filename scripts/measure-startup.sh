#!/usr/bin/env bash
# Measures the suite as a developer runs it on a built tree: seconds from `dotnet run --project XinYu.AppHost` to every
# project healthy (the AppHost's "XinYu is running" line), the CPU seconds every process spent to get there, and the
# idle suite's memory, grouped as the issue asks (services, DCP, the dashboard, the servers, the AppHost).
# The first start of a fresh data folder also creates the databases; the figures that count are the warm starts after it.
# Usage: scripts/measure-startup.sh [warm starts, default 3] [idle seconds before the memory reading, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
starts=${1:-3}
idle=${2:-20}
data=$(mktemp -d /tmp/xinyu-measure-XXXX)
chmod 755 "$data" # the servers run as their own users and must reach their folders
trap 'pkill -TERM -f -- "--data-dir $data/suite" 2>/dev/null || true; sleep 3; rm -rf "$data"' EXIT

# Every process of this run: the AppHost's tree, and DCP's (DCP detaches from the AppHost and watches it with --monitor).
tree() {
  local apphost=$1
  local roots="$apphost $(pgrep -f -- "--monitor $apphost" || true)"
  ps -e -o pid=,ppid= | awk -v roots="$roots" '
    { parent[$1] = $2 }
    END {
      n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1
      do { added = 0; for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; added = 1 } } while (added)
      for (p in keep) print p
    }'
}

# CPU seconds (user + system) of the given processes, from /proc: children that have exited are not counted.
cpu() { for p in "$@"; do awk '{ printf "%.2f\n", ($14 + $15) / 100 }' "/proc/$p/stat" 2>/dev/null || true; done | awk '{ s += $1 } END { printf "%.0f", s }'; }

run_once() {
  local log="$data/apphost-${1%% *}.out"; : > "$log"
  dotnet run --project XinYu.AppHost --no-build -- --data-dir "$data/suite" --gateway-port 0 > "$log" 2>&1 &
  local runner=$!
  until grep -q "XinYu is running" "$log"; do
    if ! kill -0 $runner 2>/dev/null || grep -q "did not start" "$log"; then cat "$log"; exit 1; fi
    sleep 0.2
  done
  apphost=$(pgrep -f -- "bin/.*XinYu.AppHost --data-dir $data/suite" | head -1)
  local pids; pids=$(tree "$apphost")
  echo "start $1: $(grep -o '[0-9.]* s to all healthy' "$log"), $(cpu $pids) CPU seconds over $(echo $pids | wc -w) processes"
}

stop() {
  pkill -TERM -f -- "bin/.*XinYu.AppHost --data-dir $data/suite" || true
  while pgrep -f -- "--data-dir $data/suite" >/dev/null || pgrep -f -- "$data/suite/data" >/dev/null; do sleep 0.5; done
}

run_once "0 (creates the databases)"; stop
for i in $(seq 1 "$starts"); do
  run_once "$i"
  if [ "$i" -lt "$starts" ]; then stop; fi
done

sleep "$idle"
pids=$(tree "$apphost")
# Proportional set size: a page shared by several processes (the .NET runtime's, DCP's binary) counts once in all.
for p in $pids; do
  pss=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null) || continue
  echo "$pss $(ps -o args= -p "$p")"
done | awk -v idle="$idle" '
  { kb = $1; $1 = ""; args = $0
    if (args ~ /Aspire\.Dashboard/) g = "dashboard"
    else if (args ~ /\/dcp /) g = "DCP"
    else if (args ~ /XinYu\.AppHost/) g = "AppHost"
    else if (args ~ /dotnet run --project/) g = "dotnet run (one per project, DCP starts projects through it)"
    else if (args ~ /XinYu\./) g = "services and gateway"
    else g = "servers (PostgreSQL, Redis, RabbitMQ)"
    mb[g] += kb / 1024; n[g]++; total += kb / 1024 }
  END {
    printf "idle memory after %ss: %.0f MB in all (proportional set size)\n", idle, total
    for (g in mb) printf "  %6.0f MB  %3d processes  %s\n", mb[g], n[g], g
  }'
