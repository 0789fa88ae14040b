"""The fast JSON paths give exactly what the plain ones give: numpy-written lists, numpy-read lists, b64."""

from __future__ import annotations

import math

import orjson
import pytest
import torch

from engine.errors import InvalidTensor
from engine.tensors import ARRAYS_FROM, NUMPY_FROM, decode, encode

gen = torch.Generator().manual_seed(0)
EXPONENTS = torch.randint(-300, 300, (4000,), generator=gen).double()
SPREAD = torch.randn(4000, generator=gen, dtype=torch.float64) * 10.0**EXPONENTS


@pytest.mark.parametrize(
    "t",
    [
        SPREAD,
        SPREAD.clamp(-3e38, 3e38).float(),
        SPREAD.clamp(-6e4, 6e4).half(),
        SPREAD.clamp(-1e30, 1e30).bfloat16().reshape(40, 100),
        torch.tensor([1e-7, 1e22, 1e16, 123456789.0, 5e-324, 0.1, -0.0] * 200, dtype=torch.float64),
        torch.randint(-(2**62), 2**62, (3000,), generator=gen),
        torch.randint(-(2**31), 2**31 - 1, (30, 100), generator=gen, dtype=torch.int32),
        torch.randint(0, 2, (2000,), generator=gen).bool(),
    ],
    ids=lambda t: str(t.dtype),
)
def test_arrays_write_the_same_json_as_lists(t):
    fast = encode(t, arrays=True)
    assert not isinstance(fast, list)
    assert orjson.dumps(fast, option=orjson.OPT_SERIALIZE_NUMPY) == orjson.dumps(encode(t))


def test_non_finite_and_small_tensors_keep_the_list_path():
    t = torch.ones(ARRAYS_FROM * 2)
    t[3], t[4] = math.nan, -math.inf
    out = encode(t, arrays=True)
    assert isinstance(out, list) and out[3] == "NaN" and out[4] == "-Infinity"
    assert isinstance(encode(torch.ones(3), arrays=True), list)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float32, torch.float64])
def test_large_lists_decode_as_torch_tensor_would(dtype):
    values = [[(i * 7919 % 1000) / 7.0 - 70.0, True, 3, 1e300] for i in range(NUMPY_FROM * 2)]
    assert torch.equal(decode(values, dtype=dtype), torch.tensor(values, dtype=dtype))


@pytest.mark.parametrize(
    "bad",
    [
        [1.0] * NUMPY_FROM + [None],
        [[1.0, 2.0]] * NUMPY_FROM + [[1.0]],
        [1.0] * NUMPY_FROM + ["x"],
        [1.0] * NUMPY_FROM + [{"a": 1}],
    ],
)
def test_large_bad_lists_fail_as_before(bad):
    with pytest.raises(InvalidTensor):
        decode(bad, dtype=torch.float32)


def test_large_lists_with_non_finite_strings_and_integer_targets():
    values = [1.0] * NUMPY_FROM + ["NaN", "-Infinity"]
    t = decode(values, dtype=torch.float32)
    assert math.isnan(t[-2]) and t[-1] == -math.inf
    with pytest.raises(InvalidTensor):  # overflow is refused, not wrapped, for integer dtypes
        decode({"dtype": "int32", "shape": [NUMPY_FROM], "data": [2**40] * NUMPY_FROM}, dtype=torch.float32)


def test_b64_round_trip_shares_no_memory_with_the_request():
    t = torch.randn(1000, generator=gen)
    obj = encode(t, "b64")
    back = decode(obj, dtype=torch.float32)
    assert torch.equal(back, t)
    back.add_(1.0)  # writable, its own memory
    with pytest.raises(InvalidTensor, match="not valid base64"):
        decode({**obj, "b64": obj["b64"][:-4] + "!!!!"}, dtype=torch.float32)
