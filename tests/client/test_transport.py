"""Tensor transport: lists for small tensors, ``{dtype, shape, b64}`` for large ones, numpy on request."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import textwrap

import numpy as np

from autograd_client import Client
from autograd_client.tensors import decode, encode, nest


def bodies(recording, method: str, suffix: str):
    return [json.loads(r.content) for r in recording.sent if r.method == method and r.url.path.endswith(suffix)]


def params(recording, method: str, suffix: str):
    return [dict(r.url.params) for r in recording.sent if r.method == method and r.url.path.endswith(suffix)]


def test_small_tensors_travel_as_lists(recorded, recording):
    x = recorded.variable([[1, 2], [3, 4]], name="x")
    assert x.tolist() == [[1, 2], [3, 4]]
    assert bodies(recording, "PUT", "/x")[0]["data"] == [[1, 2], [3, 4]]
    assert params(recording, "GET", "/x") == [{}]


def test_large_tensors_travel_as_b64_both_ways(recorded, recording):
    values = [i / 8 for i in range(3000)]
    x = recorded.variable(values, name="big")
    sent = bodies(recording, "PUT", "/big")[0]["data"]
    assert (sent["dtype"], sent["shape"], len(sent["b64"])) == ("float32", [3000], 16000)
    assert x.tolist() == values
    assert params(recording, "GET", "/big") == [{"encoding": "b64"}]
    assert (x * 2).sum().item() == 2 * sum(values)


def test_large_numpy_arrays_are_uploaded_as_npy(recorded, recording):
    x = recorded.variable(np.linspace(0, 1, 2000, dtype=np.float32), requires_grad=True, name="x")
    (put,) = [r for r in recording.sent if r.method == "PUT"]
    assert (put.headers["content-type"], put.url.params["requires_grad"]) == ("application/x-npy", "true")
    assert put.content.startswith(b"\x93NUMPY")
    assert (x.shape, x.dtype, x.requires_grad) == ((2000,), "float32", True)
    np.testing.assert_array_equal(x.numpy(), np.linspace(0, 1, 2000, dtype=np.float32))


def test_without_npy_large_arrays_go_as_b64(live_server, recording):
    with Client(live_server.url, transport=recording, npy=False) as c, c.session() as s:
        s.variable(np.ones(1500, dtype=np.int32), name="ones")
        assert bodies(recording, "PUT", "/ones")[0]["data"]["dtype"] == "int32"
        assert s.get("ones").sum().item() == 1500


def test_numpy_arrays_keep_their_dtype_and_come_back_as_numpy(live_server):
    with Client(live_server.url, arrays="numpy") as c, c.session() as s:
        big = s.variable(np.arange(2048, dtype=np.float64).reshape(32, 64), requires_grad=True, name="big")
        small = s.variable(np.array([1, 2, 3], dtype=np.int32), name="small")
        (big * big).sum().backward()
        assert (big.dtype, small.dtype) == ("float64", "int32")
        assert isinstance(big.data, np.ndarray) and big.data.dtype == np.float64
        np.testing.assert_array_equal(big.grad, 2 * np.arange(2048.0).reshape(32, 64))
        np.testing.assert_array_equal(small.data, np.array([1, 2, 3], dtype=np.int32))


def test_non_finite_values_round_trip(session):
    x = session.variable([math.inf, -math.inf, math.nan, 1.0])
    values = x.tolist()
    assert values[:2] == [math.inf, -math.inf] and math.isnan(values[2]) and values[3] == 1.0
    assert x.numpy()[0] == np.inf


def test_codec_without_numpy_matches_numpy():
    raw = encode([[1.5, -2.0], [3.25, 0.0]], dtype="float16", default_dtype="float32", threshold=1)
    assert decode(raw) == [[1.5, -2.0], [3.25, 0.0]]
    assert decode(raw, as_numpy=True).tolist() == np.array([[1.5, -2.0], [3.25, 0.0]], dtype=np.float16).tolist()
    assert decode(encode([1.0, 3.0], dtype="bfloat16", default_dtype="float32", threshold=1)) == [1.0, 3.0]
    assert nest([], [2, 0]) == [[], []]


def run_isolated(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60)


def test_client_imports_and_works_without_torch_or_numpy(live_server):
    done = run_isolated(f"""
        import sys
        sys.modules["torch"] = None
        sys.modules["numpy"] = None
        from autograd_client import Client
        with Client("{live_server.url}").session() as s:
            x = s.variable([float(i) for i in range(2000)], requires_grad=True, name="x")
            (x * x).sum().backward()
            assert x.grad == [2.0 * i for i in range(2000)], "grad"
            assert x[1999].item() == 1999.0
        assert "torch" not in [m for m in sys.modules if sys.modules[m] is not None]
        print("ok")
    """)
    assert done.stdout.strip() == "ok", done.stderr
