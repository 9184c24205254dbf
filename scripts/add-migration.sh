#!/usr/bin/env bash
# Adds an EF Core migration to a service: scripts/add-migration.sh Records AddCounsellingRoom
# The connection strings are placeholders: dotnet-ef builds the service's host but connects to nothing.
set -euo pipefail
service=${1:?service, e.g. Records}; name=${2:?migration name}
lower=$(echo "$service" | tr '[:upper:]' '[:lower:]')
cd "$(dirname "$0")/../services/XinYu.$service"
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --output-dir Data/Migrations -- \
  --ConnectionStrings:${lower}db="Host=localhost;Database=design" \
  --ConnectionStrings:cache="localhost:6379" \
  --ConnectionStrings:messaging="amqp://guest:guest@localhost:5672"
