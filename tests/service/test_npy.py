"""The binary fast path: .npy bodies in and out, on the same paths as the JSON routes."""

from __future__ import annotations

import io

import numpy as np
import pytest

from service.wire import npy

NPY = {"content-type": "application/x-npy"}
ACCEPT = {"accept": "application/x-npy"}


def npy_bytes(a: np.ndarray, **kw) -> bytes:
    buf = io.BytesIO()
    np.save(buf, a, **kw)
    return buf.getvalue()


def load(content: bytes) -> np.ndarray:
    return np.load(io.BytesIO(content), allow_pickle=False)


@pytest.mark.parametrize("dtype", ["<f2", "<f4", "<f8", "<i4", "<i8", "|b1", ">f4", ">i8"])
def test_round_trip_of_every_supported_dtype(api, dtype):
    a = (np.arange(12).reshape(3, 4) % 3).astype(dtype)
    r = api.call("PUT", "/variables/x", content=npy_bytes(a), headers=NPY)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["shape"] == [3, 4] and "data" not in body and body["grad"] is None
    back = load(api.call("GET", "/variables/x", headers=ACCEPT).content)
    assert back.dtype == a.dtype.newbyteorder("<") and np.array_equal(back, a)
    assert api.ok("GET", "/variables/x")["data"] == a.tolist()  # the JSON route sees the same leaf


def test_fortran_order_and_zero_d_and_empty(api):
    a = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    api.ok("PUT", "/variables/f", 201, content=npy_bytes(a), headers=NPY)
    assert api.ok("GET", "/variables/f")["data"] == a.tolist()
    api.ok("PUT", "/variables/s", 201, content=npy_bytes(np.float32(2.5)), headers=NPY)
    assert api.ok("GET", "/variables/s")["data"] == 2.5
    api.ok("PUT", "/variables/e", 201, content=npy_bytes(np.zeros((0, 3), np.float32)), headers=NPY)
    assert load(api.call("GET", "/variables/e", headers=ACCEPT).content).shape == (0, 3)


def test_requires_grad_and_the_grad_field(api):
    x = np.array([1.0, 2.0, 3.0], np.float32)
    assert api.ok("PUT", "/variables/x?requires_grad=true", 201, content=npy_bytes(x), headers=NPY)["requires_grad"]
    r = api.call("GET", "/variables/x?field=grad", headers=ACCEPT)
    assert r.status_code == 404 and "no gradient yet" in r.json()["detail"]
    api.ok("POST", "/compute", json={"expr": "y = (x * x).sum()", "backward": "y"})
    api.ok("POST", "/backward", json={"variable": "y"})
    r = api.call("GET", "/variables/x?field=grad", headers=ACCEPT)
    assert r.headers["content-type"] == "application/x-npy"
    assert load(r.content).tolist() == [4.0, 8.0, 12.0]  # accumulated twice
    assert load(api.call("GET", "/variables/y", headers=ACCEPT).content) == np.float32(14.0)
    # the uploaded leaf is the session's own memory: an in-place optimizer step works on it
    api.ok("POST", "/step", json={"optimizer": {"type": "sgd", "lr": 0.25}})
    assert api.ok("GET", "/variables/x")["data"] == [0.0, 0.0, 0.0]


def test_replacing_answers_200_and_json_still_works_beside_it(api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0]})
    api.ok("PUT", "/variables/x", 200, content=npy_bytes(np.ones(2, np.float64)), headers=NPY)
    assert api.ok("GET", "/variables/x")["dtype"] == "float64"
    assert api.call("GET", "/variables/x", headers={"accept": "application/json"}).json()["data"] == [1.0, 1.0]


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (npy_bytes(np.array([1, "a"], dtype=object), allow_pickle=True), "pickles"),
        (npy_bytes(np.zeros(3, np.uint8)), "'|u1' is not supported"),
        (npy_bytes(np.zeros(3, np.complex64)), "not supported"),
        (npy_bytes(np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")])), "structured"),
        (b"not an npy file", "magic"),
        (npy_bytes(np.zeros(4, np.float32))[:-3], "needs 16 data bytes"),
        (npy_bytes(np.zeros(4, np.float32)) + b"x", "needs 16 data bytes"),
        (b"\x93NUMPY\x01\x00\x10\x00__import__('os')\n", "literal"),
        (b"\x93NUMPY\x03\x00\x04\x00\x00\x00{}\n", "version 3.0 is not read"),
        (b"\x93NUMPY\x02\x00\x00\x00\x01\x00" + b" " * 65536, "literal"),  # a header over MAX_HEADER
    ],
)
def test_bad_bodies_are_a_clear_422(api, body, detail):
    r = api.call("PUT", "/variables/x", content=body, headers=NPY)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json" and detail in r.json()["detail"]
    assert api.call("GET", "/variables/x").status_code == 404  # a failed call changes nothing


def header_with_shape(shape: str, itemsize: int = 4, elements: int = 0) -> bytes:
    """An .npy file whose header declares ``shape`` (any Python literal), with ``elements`` float32s."""
    text = f"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}"
    text += " " * (-(len(text) + 11) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + len(text).to_bytes(2, "little") + text.encode() + b"\0" * (itemsize * elements)


@pytest.mark.parametrize(
    ("shape", "elements", "status", "detail"),
    [
        ("(-2, -2)", 4, 422, "shape must be a list of non-negative integers, got (-2, -2)"),
        ("(0, -5)", 0, 422, "shape must be a list of non-negative integers, got (0, -5)"),
        ("(True, 3)", 3, 422, "shape must be a list of non-negative integers, got (True, 3)"),
        (f"({2**63}, 0)", 0, 422, f"shape [{2**63}, 0] is larger than any tensor can be"),
        (f"({2**62}, 4, 0)", 0, 422, f"shape [{2**62}, 4, 0] is larger than any tensor can be"),
        (str((1,) * 65), 1, 413, "has 65 dimensions; the limit is 32 per tensor"),
        (f"({2**40}, {2**40})", 0, 413, f"shape [{2**40}, {2**40}] has {2**80} elements, over the limit"),
    ],
)
def test_a_header_shape_no_tensor_can_have_is_a_4xx_naming_it(api, shape, elements, status, detail):
    r = api.call("PUT", "/variables/x", content=header_with_shape(shape, elements=elements), headers=NPY)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"] == ("/problems/invalid-tensor" if status == 422 else "/problems/limit-exceeded")
    assert detail in r.json()["detail"]
    assert api.call("GET", "/variables/x").status_code == 404


@pytest.mark.parametrize("form", [{"data": []}, {"b64": ""}])
def test_a_json_tensor_of_such_a_shape_is_a_422_naming_it_too(api, form):
    r = api.call("PUT", "/variables/x", json={"data": {"dtype": "float32", "shape": [2**63, 0], **form}})
    assert r.status_code == 422, r.text
    assert r.json()["type"] == "/problems/invalid-tensor" and f"shape [{2**63}, 0]" in r.json()["detail"]


def test_bfloat16_has_no_npy_form(api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0], "dtype": "bfloat16"})
    r = api.call("GET", "/variables/x", headers=ACCEPT)
    assert r.status_code == 422 and "b64" in r.json()["detail"]


def test_limits_and_auth_apply(app_client):
    from tests.service.conftest import Api

    api = Api(app_client(max_tensor_elements=10))
    r = api.call("PUT", "/variables/x", content=npy_bytes(np.zeros(11, np.float32)), headers=NPY)
    assert r.status_code == 413
    r = api.client.put(f"/v1/sessions/{api.id}/variables/x", content=npy_bytes(np.zeros(1)), headers=NPY)
    assert r.status_code == 401


def test_header_writer_matches_numpy():
    import torch

    for t in (torch.zeros(3, 5), torch.arange(7), torch.tensor(True), torch.zeros(0, 2, dtype=torch.float16)):
        written = npy.write(t)
        assert len(npy.header_for(t.dtype, tuple(t.shape))) % 64 == 0
        assert np.array_equal(load(written), t.numpy()) and load(written).dtype == t.numpy().dtype
