# autograd-service. CPU image by default; for NVIDIA GPUs build with a CUDA runtime base and a CUDA torch:
#   docker build --build-arg BASE_IMAGE=nvidia/cuda:13.0.2-runtime-ubuntu24.04 \
#                --build-arg TORCH_INDEX_URL=https://download.pytorch.org/whl/cu130 -t autograd-service:cuda .
# Both stages start from the same base, so the venv built in one runs on the other's Python.
# See docs/containers.md (it has the size of each layer).
ARG BASE_IMAGE=python:3.11-slim-bookworm

FROM ${BASE_IMAGE} AS base
# A base without Python (the CUDA runtime images) gets its distribution's; Python images keep theirs.
RUN if ! python3 -c "import ensurepip" 2>/dev/null; then \
        apt-get update && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates \
        && rm -rf /var/lib/apt/lists/*; \
    fi
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1

FROM base AS build
# Where torch comes from: PyTorch's CPU index by default (PyPI's torch is the multi-GB CUDA build).
# Empty means pip's own index, with PIP_FIND_LINKS (a folder mounted into the build) for local wheels.
# TORCH_BUILD is the build torch must be (its local version label, "cpu", "cu130"): by default the
# index's last path part. The CPU image takes only the CPU build: the build fails if another torch,
# or any nvidia-* wheel, came in.
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ARG TORCH_BUILD=
ARG PIP_FIND_LINKS=
# Optional extras of the package, e.g. EXTRAS=ray for the ray backend (the compose file's ray profile).
ARG EXTRAS=
RUN python3 -m venv /opt/venv
WORKDIR /app
COPY constraints.txt .
# torch alone first: its layer stays cached while the source changes. No .pyc files yet (see below).
RUN build=${TORCH_BUILD:-${TORCH_INDEX_URL##*/}} && test -n "$build" \
    && pip install --no-cache-dir --no-compile ${TORCH_INDEX_URL:+--index-url "$TORCH_INDEX_URL"} \
        -c constraints.txt "torch==$(sed -n 's/^torch==//p' constraints.txt)+$build"
COPY . .
# The runtime only (never the dev extras), installed in place (editable) so that the code keeps the
# repository's layout, which it reads files by (web/ beside service/). Then what a server never runs
# goes: torch's C++ tests and test binaries, headers, CMake files, static libraries, protoc, and pip
# (torch_shm_manager stays: `import torch` looks for it).
# Bytecode is written only for the modules a server imports (a server cannot write it at run time:
# it runs as a user that does not own /opt/venv), not for all of torch.
RUN build=${TORCH_BUILD:-${TORCH_INDEX_URL##*/}} \
    && pip install --no-cache-dir --no-compile --require-hashes -r lock/serve.txt ${EXTRAS:+-r "lock/$EXTRAS.txt"} \
    && pip install --no-cache-dir --no-compile --no-deps --no-build-isolation -e . \
    && site=$(python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])") \
    && rm -rf "$site"/torch/test "$site"/torch/include "$site"/torch/share/cmake \
    && find "$site"/torch/bin -mindepth 1 ! -name torch_shm_manager -exec rm -rf {} + \
    && find "$site" -name '*.a' -delete \
    && python -c "import torch; v = torch.__version__; assert v.endswith('+$build'), f'torch {v}, not $build'" \
    && if [ "$build" = cpu ] && pip list 2>/dev/null | grep -qi '^nvidia-'; then echo "CUDA wheels in a CPU image" >&2; exit 1; fi \
    && pip uninstall -y pip \
    && env -u PYTHONDONTWRITEBYTECODE python -c "import service.__main__, service.app, uvicorn.protocols.http.h11_impl, uvicorn.lifespan.on, uvicorn.loops.asyncio; service.app.create_app()"

FROM base AS runtime
RUN groupadd --gid 10001 ags \
    && useradd --uid 10001 --gid ags --create-home --home-dir /home/ags --shell /usr/sbin/nologin ags \
    && mkdir -p /var/lib/autograd && chown ags:ags /var/lib/autograd
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
ENV AGS_STATE_DIR=/var/lib/autograd
VOLUME ["/var/lib/autograd"]
USER ags
WORKDIR /home/ags
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["python", "-m", "service", "--host", "0.0.0.0", "--port", "8000"]
