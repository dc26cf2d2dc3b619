#!/usr/bin/env bash
# Installs jupyter-smstudio into .venv and opens JupyterLab on the embedded defaults
# (SQLite, local files, local processes) with a demo folder ready to click.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q ".[all]"
DEMO="${SMSTUDIO_DEMO_DIR:-$HOME/smstudio-demo}"
mkdir -p "$DEMO"
cp -n binder/demo/*.ipynb "$DEMO/" 2>/dev/null || true
cp -n binder/demo/*.py "$DEMO/" 2>/dev/null || true
args=(--notebook-dir="$DEMO" "$@")
[ "$(id -u)" = 0 ] && args+=(--allow-root)
echo "Demo folder: $DEMO — open the Studio sidebar (left) or the Jobs tile in the launcher."
exec "$REPO/.venv/bin/jupyter" lab "${args[@]}"
