#!/usr/bin/env bash
# Electron security audit (@doyensec/electronegativity, a devDependency): scans the Electron
# shell, the preload bridge and the renderer sources together (so its global checks see the
# navigation and permission handlers of the main process), then fails on every HIGH or MEDIUM
# finding that docs/security.md does not justify (.ci/electronegativityCheck.mjs).
#
# No network is needed: the Electron version is taken from node_modules (-e) and the one check
# that downloads Electron's release list (AvailableSecurityFixesGlobalCheck) is excluded; the
# tool's attempt to fetch translations fails quietly offline and falls back to English.
set -euo pipefail

cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/referat-electronegativity-XXXXXX")
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/app/main" "$work/app/renderer"
cp -R main/electron "$work/app/main/electron"
cp -R preload "$work/app/preload"
cp -R renderer/src "$work/app/renderer/src"
cp renderer/index.html "$work/app/renderer/index.html"

electron_version=$(node -p 'require("./node_modules/electron/package.json").version')
# LANG=en-US: the tool looks up translations for $LANG; English is bundled.
LANG=en-US npx --no-install electronegativity \
  --input "$work/app" \
  --relative \
  --electron-version "$electron_version" \
  --exclude-checks AvailableSecurityFixesGlobalCheck \
  --verbose false \
  --output "$work/findings.csv" >"$work/log.txt" 2>&1 || {
  cat "$work/log.txt" >&2
  echo "electronegativity: the scan itself failed" >&2
  exit 1
}
if [ ! -s "$work/findings.csv" ]; then
  cat "$work/log.txt" >&2
  echo "electronegativity: no result file was written" >&2
  exit 1
fi
node .ci/electronegativityCheck.mjs "$work/findings.csv" docs/security.md
