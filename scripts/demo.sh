#!/usr/bin/env bash
# Installs jupyter-smstudio into .venv and opens JupyterLab on the embedded defaults
# (SQLite, local files, local processes) with a demo folder ready to click.
# Each step says what it does first: the install builds the frontend and takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
start=$SECONDS
step() { printf '\n==> [%3ds] %s\n' "$((SECONDS - start))" "$*"; }

if [ -x .venv/bin/python ]; then
  step "Using the virtual environment in .venv"
else
  step "Creating a virtual environment in .venv"
  python3 -m venv .venv
fi
step "Updating pip"
.venv/bin/python -m pip install -q --upgrade pip
step "Installing jupyter-smstudio with all its extras (builds the frontend with jlpm: 1-3 minutes the first time)"
.venv/bin/python -m pip install --progress-bar off ".[all]" | grep --line-buffered -E '^(Collecting|Building|Installing|Successfully|ERROR)' || true
.venv/bin/python -c "import jupyter_smstudio" || { echo "The install failed: see the messages above." >&2; exit 1; }

DEMO="${SMSTUDIO_DEMO_DIR:-$HOME/smstudio-demo}"
step "Copying the demo notebooks and scripts to $DEMO (files already there are kept)"
mkdir -p "$DEMO"
cp -n binder/demo/*.ipynb "$DEMO/" 2>/dev/null || true
cp -n binder/demo/*.py "$DEMO/" 2>/dev/null || true
ls "$DEMO"

args=(--notebook-dir="$DEMO" "$@")
[ "$(id -u)" = 0 ] && args+=(--allow-root)
step "Starting JupyterLab (stop it with Ctrl+C)"
cat <<EOF
Open the notebooks in this order:
  1. "Getting started.ipynb": a session, the default bucket, data uploaded, a script job
  2. "Experiments.ipynb":     runs tracked with Run(...), compared with ExperimentAnalytics
  3. "Tuning.ipynb":          a HyperparameterTuner whose training jobs the Tuning room shows live
  4. "Endpoints.ipynb":       two variants A/B tested, weights changed live, a batch transform
  5. "Model monitor.ipynb":   data capture, a baseline, drift and missing values caught by a schedule, model quality
Then open the Studio sidebar (left) for the Jobs, Training, Tuning, Experiments, Endpoints and Model Monitor rooms.
EOF
exec "$REPO/.venv/bin/jupyter" lab "${args[@]}"
