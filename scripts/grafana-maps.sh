#!/usr/bin/env bash
# Copies the district outlines the district-map dashboard draws into a Grafana installation's public/maps/matthan.
# The outlines come from the shared assets (their licence travels with them: see ../shared/assets/geo/SOURCES.md).
# Usage: scripts/grafana-maps.sh GRAFANA_HOME [ASSETS]
set -euo pipefail
grafana="${1:?usage: $0 GRAFANA_HOME [ASSETS]}"
here="$(cd "$(dirname "$0")/.." && pwd)"
assets="${2:-$here/../shared/assets}"
src="$assets/geo/quangngai_districts_pre2025.geojson"
[ -f "$src" ] || { echo "district outlines not found: $src" >&2; exit 1; }
[ -d "$grafana/public" ] || { echo "not a Grafana home (no public/ folder): $grafana" >&2; exit 1; }
mkdir -p "$grafana/public/maps/matthan"
cp "$src" "$assets/geo/danang_districts_pre2025.geojson" "$grafana/public/maps/matthan/"
echo "copied outlines to $grafana/public/maps/matthan"
