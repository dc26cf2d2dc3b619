#!/usr/bin/env bash
# Installs everything the tests need and runs every test: Python (pytest, with real PostgreSQL,
# SeaweedFS S3 and Dask started by the tests), TypeScript (type-contract check + jest) and the
# browser (Galata in Debian's Chromium). `.ci/run` calls exactly this.
set -uo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
export CI="${CI:-1}"
export PIP_DISABLE_PIP_VERSION_CHECK=1
step() { printf '\n==> %s\n' "$*"; }

# -- system packages ---------------------------------------------------------------------------
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v git >/dev/null || need+=(git)
if [ ${#need[@]} -gt 0 ]; then
  step "apt-get install ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null || exit 1
fi

# -- Python environment and the extension (pip install builds the frontend) ---------------------
step "python environment (.venv) and pip install .[test]"
[ -x .venv/bin/python ] || python3 -m venv .venv || exit 1
export PATH="$REPO/.venv/bin:$PATH" PYTHON="$REPO/.venv/bin/python"
python -m pip install -q --upgrade pip >/dev/null
python -m pip install -q ".[test]" || exit 1
server_ext="$(jupyter server extension list 2>&1)"; lab_ext="$(jupyter labextension list 2>&1)"
grep -q "jupyter_smstudio.*OK" <<<"$server_ext" || { echo "$server_ext"; echo "server extension not enabled"; exit 1; }
grep -q "jupyter-smstudio.*enabled.*OK" <<<"$lab_ext" || { echo "$lab_ext"; echo "labextension not enabled"; exit 1; }

step "wheel for the Binder test"
rm -rf dist && python -m pip wheel -q --no-deps --no-build-isolation -w dist . >/dev/null || exit 1
export SMSTUDIO_WHEEL="$(ls "$REPO"/dist/jupyter_smstudio-*.whl)"

failed=0; passed_suites=0; failed_suites=()
run() {  # run NAME CMD...: keep going after a failure, report all at the end
  local name="$1"; shift
  step "$name"
  if "$@"; then passed_suites=$((passed_suites + 1)); else failed=1; failed_suites+=("$name"); fi
}

# -- Linters, at zero findings ---------------------------------------------------------------------
run "ruff (lint)" ruff check jupyter_smstudio tests bench scripts ui-tests/*.py
run "ruff (format)" ruff format --check jupyter_smstudio tests bench scripts ui-tests/*.py
run "mypy (strict)" mypy
run "eslint and prettier (jlpm lint:check)" jlpm lint:check

# -- TypeScript ---------------------------------------------------------------------------------
run "types generated from the pydantic contract are current (jlpm check:types)" jlpm check:types
run "jest" jlpm test

# -- Python -------------------------------------------------------------------------------------
run "pytest" python -m pytest tests -p no:cacheprovider -q -rfEs

# -- Browser --------------------------------------------------------------------------------------
ui() {
  cd "$REPO/ui-tests" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 jlpm install >/dev/null && jlpm playwright test
  local status=$?
  # the endpoints the tests deployed outlive their server on purpose (a restarted server adopts them)
  (cd "$REPO" && python -c "from tests.live_server import stop_instances; stop_instances('smstudio-galata-')")
  return $status
}
run "Galata UI tests in Chromium" ui

echo
if [ $failed -ne 0 ]; then
  echo "FAILED suites: ${failed_suites[*]}"
  echo "suites: ${passed_suites} passed, ${#failed_suites[@]} failed"
  exit 1
fi
echo "suites: ${passed_suites} passed, 0 failed"
