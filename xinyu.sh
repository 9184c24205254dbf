#!/usr/bin/env bash
# XinYu's two set-up commands, for a fresh Debian machine with the .NET 10 SDK:
#   ./xinyu.sh run    install what is missing, build, and run the whole suite (Ctrl+C stops everything)
#   ./xinyu.sh test   install what is missing, build, and run every test against real servers
# Other arguments after `run` go to the AppHost (try `./xinyu.sh run --help`).
#   ./xinyu.sh demo   a demo school with known passwords, against the running suite (Development only; docs/demo.md)
#   ./xinyu.sh bench  the load, fault and bad-input benchmark (try `./xinyu.sh bench --help`; docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")"

# PostgreSQL, Redis and RabbitMQ from Debian's packages; the AppHost runs them as child processes on free ports.
setup() {
  local missing=()
  # The tests also drive a real browser (the sign-in flow, the web app's pages) and render the Kubernetes objects.
  # The pages' screenshots need a CJK font, or Chinese renders as empty boxes.
  if [ "${1:-}" = "test" ]; then
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    # (grep reads all of fc-list's output: with -q it would stop early, and under pipefail fc-list's SIGPIPE would
    # count as the font missing, reinstalling it on every run.)
    [ -d /usr/share/fonts/opentype/noto ] && fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
    command -v node >/dev/null || missing+=(nodejs npm)
  fi
  # The benchmark compares the gateway with nginx as a plain reverse proxy.
  if [ "${1:-}" = "bench" ]; then
    [ -x /usr/sbin/nginx ] || missing+=(nginx)
  fi
  compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
  [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from Debian's packages..."
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is needed: https://dot.net/download" >&2; exit 2; }
  if [ "${1:-}" = "test" ] && ! command -v kubectl >/dev/null; then
    echo "kubectl (with its built-in kustomize) is needed by the Kubernetes tests: https://kubernetes.io/docs/tasks/tools/" >&2
    exit 2
  fi
}

# Runs one of the identity service's one-off commands with the running identity-api's settings (written by the AppHost).
identity_command() {
  local envfile=.xinyu/run/env/identity-api.env
  [ -f "$envfile" ] || { echo "Start the suite first (./xinyu.sh run): $envfile is written when identity-api starts." >&2; exit 2; }
  local vars
  mapfile -t vars < "$envfile"
  # Its appsettings.json (in its output folder) keeps the output to what matters.
  (cd services/XinYu.Identity/bin/Debug/net10.0 && exec env "${vars[@]}" dotnet XinYu.Identity.dll "$@")
}

case "${1:-}" in
  run)
    shift
    setup
    dotnet build XinYu.sln -nologo -v quiet
    exec dotnet run --project XinYu.AppHost --no-build -- "$@"
    ;;
  test)
    shift
    setup test
    dotnet build XinYu.sln -nologo -v quiet
    log=$(mktemp)
    status=0
    if [ $# -gt 0 ]; then
      dotnet test XinYu.sln --no-build -nologo "$@" 2>&1 | tee "$log" || status=$?
    else
      # The end-to-end tests start the whole suite (seven services, the servers, the dashboard) and give it three
      # minutes to be healthy. Started alongside the other test assemblies, each with servers of its own, on two cores,
      # a service once took longer than that (a red CI run): so the other assemblies run first, in parallel, and the
      # end-to-end tests after them, alone.
      dotnet test XinYu.sln --no-build -nologo --filter "FullyQualifiedName!~XinYu.EndToEnd.Tests" 2>&1 | tee "$log" || status=$?
      dotnet test tests/XinYu.EndToEnd.Tests --no-build -nologo 2>&1 | tee -a "$log" || status=$?
    fi
    # One closing line for the whole run, summed over the test assemblies.
    passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
    failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
    rm -f "$log"
    echo "tests: $passed passed, $failed failed"
    [ "$passed" -gt 0 ] || { echo "No test ran." >&2; exit 1; }
    exit $status
    ;;
  bootstrap-admin)
    # The first bureau admin, once, against the running suite (`./xinyu.sh run` in another terminal):
    #   XINYU_BOOTSTRAP_PASSWORD='…' ./xinyu.sh bootstrap-admin --email admin@bureau.example --bureau <id> [--name …]
    shift
    identity_command bootstrap-admin "$@"
    ;;
  demo)
    # A demo school with known passwords, against the running suite (`./xinyu.sh run` in another terminal). Development
    # only: the identity service's demo-admin command refuses in any other environment, and the demo signs in with the
    # development client. docs/demo.md.
    shift
    # The service's start-up log is shown only when the command fails.
    out=$(XINYU_BOOTSTRAP_PASSWORD=XinYu-Demo-2026 identity_command demo-admin --email demo-admin@xinyu.example \
      --bureau de300000-0000-4000-8000-000000000001 --name "示范教育局管理员" 2>&1) || { status=$?; echo "$out" >&2; exit $status; }
    echo "${out##*$'\n'}"
    gateway=$(grep -m1 '^Identity__Issuer=' .xinyu/run/env/identity-api.env | cut -d= -f2-)
    [ -f demo/XinYu.Demo/bin/Debug/net10.0/XinYu.Demo.dll ] || dotnet build demo/XinYu.Demo -nologo -v quiet
    exec dotnet demo/XinYu.Demo/bin/Debug/net10.0/XinYu.Demo.dll --gateway "$gateway"
    ;;
  bench)
    shift
    setup bench
    dotnet build XinYu.sln -nologo -v quiet
    exec dotnet run --project bench/XinYu.Bench --no-build -- "$@"
    ;;
  setup)
    setup
    ;;
  *)
    echo "usage: ./xinyu.sh run [AppHost options] | ./xinyu.sh test [dotnet test options] | ./xinyu.sh bench [scenarios, options] | ./xinyu.sh setup | ./xinyu.sh bootstrap-admin --email … --bureau … | ./xinyu.sh demo" >&2
    exit 2
    ;;
esac
