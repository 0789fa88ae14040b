"""The three JSON forms of a tensor, both ways, and their errors."""

import base64
import struct

import pytest
import torch

from engine.errors import InvalidTensor, LimitExceeded
from engine.tensors import DTYPES, decode, encode


def test_nested_lists_take_the_default_dtype():
    t = decode([[1, 2], [3, 4]], dtype=torch.float32)
    assert t.dtype == torch.float32 and t.tolist() == [[1.0, 2.0], [3.0, 4.0]]


def test_flat_form_names_its_own_dtype():
    t = decode({"dtype": "int32", "shape": [2, 2], "data": [1, 2, 3, 4]}, dtype=torch.float32)
    assert t.dtype == torch.int32 and t.tolist() == [[1, 2], [3, 4]]


def test_b64_is_little_endian_row_major():
    raw = struct.pack("<3d", 1.5, -2.0, 3.25)
    t = decode({"dtype": "float64", "shape": [3], "b64": base64.b64encode(raw).decode()}, dtype=torch.float32)
    assert t.tolist() == [1.5, -2.0, 3.25]
    assert base64.b64decode(encode(t, "b64")["b64"]) == raw


@pytest.mark.parametrize("name", list(DTYPES))
def test_every_dtype_round_trips_through_b64(name):
    t = torch.tensor([[0, 1], [1, 0]], dtype=DTYPES[name])
    back = decode(encode(t, "b64"), dtype=torch.float32)
    assert back.dtype == t.dtype and torch.equal(back, t)


def test_b64_of_a_one_element_view_with_any_stride_is_its_element():
    x = torch.arange(15.0).reshape(5, 3)
    for t in (x.diagonal(offset=2), x[0:1, 2], x[2:3, 1:2], torch.tensor(7.0).expand(1), x.t()[1:2, 4]):
        assert t.numel() == 1 and t.is_contiguous()
        back = decode(encode(t, "b64"), dtype=torch.float32)
        assert back.shape == t.shape and torch.equal(back, t)


def test_non_finite_values_are_strings_in_lists():
    t = decode(["NaN", "Infinity", "-Infinity", 1.0], dtype=torch.float32)
    assert encode(t) == ["NaN", "Infinity", "-Infinity", 1.0]
    assert encode(torch.tensor(2.0)) == 2.0


@pytest.mark.parametrize(
    "value, message",
    [
        ([[1, 2], [3]], "rectangular"),
        (["one"], "unexpected string"),
        ({"dtype": "float32", "shape": [3], "data": [1, 2]}, "needs 3"),
        ({"dtype": "float32", "shape": [2], "b64": "AAAA"}, "needs 8"),
        ({"dtype": "float32", "shape": [1], "b64": "!!"}, "base64"),
        ({"dtype": "complex64", "shape": [1], "data": [1]}, "unknown dtype"),
        ({"shape": [1], "data": [1], "b64": ""}, "exactly one"),
        ({"shape": [-1], "data": []}, "non-negative"),
        ({"shape": [True, 1], "data": [1]}, "non-negative integers, got \\[True, 1\\]"),
        ({"shape": [2**63, 0], "data": []}, f"shape \\[{2**63}, 0\\] is larger than any tensor can be"),
        ({"shape": [2**62, 4, 0], "b64": ""}, f"shape \\[{2**62}, 4, 0\\] is larger than any tensor can be"),
        (None, "a tensor is"),
    ],
)
def test_bad_tensors_say_what_is_wrong(value, message):
    with pytest.raises(InvalidTensor, match=message):
        decode(value, dtype=torch.float32)


def test_element_limit_is_checked_from_the_shape_before_decoding():
    with pytest.raises(LimitExceeded, match="10 elements"):
        decode({"dtype": "float32", "shape": [1000, 1000], "b64": ""}, dtype=torch.float32, max_elements=10)


def test_dtype_and_init_names_are_defined_once_and_the_tables_follow_them():
    from typing import get_args

    from engine import DTYPES, INITS, DTypeName, FloatDTypeName, InitName

    assert tuple(DTYPES) == get_args(DTypeName)
    assert set(get_args(FloatDTypeName)) == {n for n, d in DTYPES.items() if d.is_floating_point}
    assert tuple(INITS) == get_args(InitName)
