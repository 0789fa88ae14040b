#!/usr/bin/env bash
# Benchmarks 2 (large tensors) and 3 (MLP) with the session on a GPU, then the CUDA tests: one prepared
# script for a lent GPU machine, under 4 minutes in all, everything to stdout.
#   bash bench/gpu.sh                 # on the GPU machine
#   DEVICE=cpu bash bench/gpu.sh      # the same run on a machine without one, to check the script
# PYTHON picks the interpreter (default: .venv/bin/python when present, else python3).
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
DEVICE=${DEVICE:-cuda}
start=$(date +%s)
echo "== bench/gpu.sh: device=$DEVICE python=$PYTHON $(date -u +%Y-%m-%dT%H:%MZ)"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
"$PYTHON" - <<'PY'
import importlib, torch
print("torch", torch.__version__, "cuda available:", torch.cuda.is_available(), "devices:", torch.cuda.device_count())
missing = [m for m in ("fastapi", "uvicorn", "orjson", "numpy", "pydantic_settings", "prometheus_client", "pytest")
           if importlib.util.find_spec(m) is None]
print("missing modules:", ", ".join(missing) if missing else "none",
      "| pybase64:", "yes" if importlib.util.find_spec("pybase64") else "no (stdlib base64, slower b64)")
PY
rc=0
step() {  # step NAME SECONDS COMMAND...
  local name=$1 limit=$2; shift 2
  echo; echo "== $name (limit ${limit}s)"
  local t0=$(date +%s)
  timeout "$limit" "$@"; local code=$?
  echo "== $name: exit $code after $(( $(date +%s) - t0 ))s"
  [ $code -eq 0 ] || rc=1
}
step "benchmark 2: large tensors" 90 "$PYTHON" -m bench.large_tensors --device "$DEVICE" --rounds 3
step "benchmark 3: MLP" 75 "$PYTHON" -m bench.mlp --device "$DEVICE" --rounds 3 --steps 20
step "tests/cuda" 45 "$PYTHON" -m pytest tests/cuda -q -p no:cacheprovider -p no:warnings -rs
echo; echo "== bench/gpu.sh done in $(( $(date +%s) - start ))s, exit $rc"
exit $rc
