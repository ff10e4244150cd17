#!/usr/bin/env sh
# Installs what the workspace needs on a machine with npm: a supported Node (22 or 24; an older one is
# replaced by Node 24 from the npm registry), pnpm 10, and the workspace's packages.
set -eu
cd "$(dirname "$0")/.."
# Global installs go beside npm itself, on the PATH: once Node is replaced by the registry's build,
# npm's own default would put them beside that binary instead.
prefix="$(dirname "$(dirname "$(command -v npm)")")"

if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then
  # --force: the old binary (often a distribution package's /usr/bin/node) is replaced in place.
  npm install -g --prefix "$prefix" --force node@24 >/dev/null
fi
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version | cut -d. -f1)" != "10" ]; then
  npm install -g --prefix "$prefix" pnpm@10.34.9 >/dev/null
fi
pnpm install --frozen-lockfile
