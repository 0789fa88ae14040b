"""List constants go to tensors and come back with exactly the values a definition had."""

import pytest
import torch

import engine
from engine import Limits, Session, graph_from_json, snapshot


@pytest.mark.parametrize(
    ("value", "dtype", "expected"),
    [
        ([True, False], "bool", [True, False]),
        ([2**60 + 1, 1], "int64", [2**60 + 1, 1]),
        ([1, 2.5], None, [1.0, 2.5]),
        (["NaN", "-Infinity", 1.0], "float64", ["NaN", "-Infinity", 1.0]),
        ([[0.1, 0.2], [0.3, 0.4]], "float64", [[0.1, 0.2], [0.3, 0.4]]),
    ],
)
def test_a_constant_round_trips_through_a_tensor(value, dtype, expected):
    session = Session()
    attrs = {"value": value, **({"dtype": dtype} if dtype else {})}
    engine.compute(session, graph_from_json({"nodes": [{"id": "c", "op": "const", "attrs": attrs}], "outputs": ["c"]}))
    tensors, meta = snapshot.dump(session)
    assert meta["definitions"]["c"]["nodes"][0]["attrs"]["value"] == {"tensor": next(iter(tensors))}
    again = snapshot.load(tensors, meta, torch.device("cpu"), Limits())
    assert again.definitions["c"].nodes[0].attrs["value"] == expected
    got, before = engine.get(again, "c").value, engine.get(session, "c").value
    assert got.dtype == before.dtype and torch.equal(got.isnan(), before.isnan())
    assert torch.equal(got.nan_to_num(), before.nan_to_num())


def test_a_float_constant_with_an_integer_past_int64_is_written_and_read_back_exactly():
    session = Session()
    attrs = {"value": [2**63, -(2**64) - 1, 1.5], "dtype": "float64"}
    engine.compute(session, graph_from_json({"nodes": [{"id": "c", "op": "const", "attrs": attrs}], "outputs": ["c"]}))
    tensors, meta = snapshot.dump(session)
    assert meta["definitions"]["c"]["nodes"][0]["attrs"]["value"] == attrs["value"]
    again = snapshot.load(tensors, meta, torch.device("cpu"), Limits())
    assert again.definitions["c"].nodes[0].attrs["value"] == attrs["value"]
    assert torch.equal(engine.get(again, "c").value, torch.tensor(attrs["value"], dtype=torch.float64))
