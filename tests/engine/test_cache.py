"""The compiled-graph cache and the read cache: faster, and never a different answer or error."""

from __future__ import annotations

import pytest
import torch

import engine
from engine import Session, cache, parse_expression
from engine.errors import InvalidGraph, UnknownVariable
from engine.graph import Graph, Node, graph_from_json


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.GRAPHS.clear()
    yield
    cache.configure(cache.DEFAULT_SIZE)


def test_an_expression_is_parsed_once_and_compiled_once():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    g1 = cache.parsed_expression("y = (x * x).sum()")
    assert cache.parsed_expression("y = (x * x).sum()") is g1
    c1 = cache.compiled_graph(g1, s.names())
    assert cache.compiled_graph(g1, s.names()) is c1
    assert (
        cache.compiled_graph(
            graph_from_json({"nodes": [{"id": "y", "op": "sum", "inputs": ["x"]}], "outputs": ["y"]}), ["x"]
        )
        is not c1
    )
    assert cache.GRAPHS.hits == 2


def test_errors_are_the_same_with_and_without_the_cache():
    text = "y = sum(x, dim=)"
    with pytest.raises(InvalidGraph) as cached:
        cache.parsed_expression(text)
    with pytest.raises(InvalidGraph) as again:
        cache.parsed_expression(text)
    assert cached.value.detail == again.value.detail
    g = parse_expression("y = (x * w).sum()")
    assert cache.compiled_graph(g, ["x", "w"]).externals == {"x", "w"}
    with pytest.raises(InvalidGraph, match="input 'w' is neither a node nor a variable"):
        cache.compiled_graph(g, ["x"])  # cached, but 'w' is gone: the real check runs


def test_attribute_types_are_part_of_the_key():
    def graph(keepdim):
        return Graph((Node("y", "sum", ("x",), {"dim": 0, "keepdim": keepdim}),), ("y",))

    assert cache.compiled_graph(graph(True), ["x"]).nodes[0].attrs["keepdim"] is True
    with pytest.raises(InvalidGraph, match="keepdim"):
        cache.compiled_graph(graph(1), ["x"])  # strict validation: 1 is not True, cached or not
    assert cache.canonical(graph(1.0)) != cache.canonical(graph(1)) != cache.canonical(graph(True))


def test_a_zero_size_cache_keeps_nothing():
    cache.configure(0)
    g = cache.parsed_expression("y = x.sum()")
    assert cache.parsed_expression("y = x.sum()") is not g and len(cache.GRAPHS) == 0


def test_the_lru_is_bounded():
    cache.configure(3)
    for i in range(10):
        cache.parsed_expression(f"y = x * {i}")
    assert len(cache.GRAPHS) == 3


def test_reads_reuse_a_value_until_a_leaf_changes():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    engine.put(s, "c", [3.0, 3.0])
    engine.compute(s, parse_expression("y = (x * c).sum()"))
    first = engine.get(s, "y").value
    assert engine.get(s, "y").value is first and engine.get(s, "y").grad_fn == "SumBackward0"
    engine.backward(s, "y")
    assert engine.get(s, "y").value is first  # a backward changes grads, not values
    with torch.no_grad():
        s.leaves["x"].add_(1.0)  # in place, as an optimizer step does: torch bumps the version
    assert engine.get(s, "y").value.item() == 15.0
    engine.put(s, "c", [1.0, 1.0])
    assert engine.get(s, "y").value.item() == 5.0
    s.leaves["x"].requires_grad_(False)
    assert not engine.get(s, "y").value.requires_grad
    engine.delete(s, "c")
    with pytest.raises(Exception, match="no longer in this session"):
        engine.get(s, "y")
    engine.put(s, "c", [1.0, 1.0])
    engine.compute(s, parse_expression("y = (x - c).sum()"))  # redefined: the old value is not reused
    assert engine.get(s, "y").value.item() == 3.0
    with pytest.raises(UnknownVariable):
        engine.get(s, "nope")


def test_backward_always_runs_a_fresh_forward():
    s = Session()
    engine.put(s, "x", [[1.0, 1.0], [1.0, 1.0]], requires_grad=True)
    engine.compute(s, parse_expression("y = x.sum()"))
    engine.get(s, "y")
    for k in (1, 2, 3):
        assert engine.backward(s, "y")["x"].tolist() == [[k, k], [k, k]]
        engine.get(s, "y")


def test_a_graph_with_a_large_list_constant_is_not_cached_and_counts_in_the_session_bytes():
    s = Session()
    big = {
        "nodes": [
            {"id": "c", "op": "const", "attrs": {"value": [0.5] * 10_000}},
            {"id": "y", "op": "sum", "inputs": ["c"]},
        ],
        "outputs": ["y"],
    }
    engine.compute(s, graph_from_json(big))
    assert len(cache.GRAPHS) == 0  # nothing of it outlives the session in the cache
    assert s.nbytes() == 10_000 * cache.VALUE_BYTES
    engine.compute(
        s, graph_from_json({"nodes": [{"id": "z", "op": "const", "attrs": {"value": [1.0] * 10}}], "outputs": ["z"]})
    )
    assert len(cache.GRAPHS) > 0  # a small one is


def test_a_list_constant_past_the_session_byte_limit_is_refused_before_it_is_kept():
    s = Session(limits=engine.Limits(max_session_bytes=100_000))
    big = {"nodes": [{"id": "c", "op": "const", "attrs": {"value": [0.5] * 10_000}}], "outputs": ["c"]}
    with pytest.raises(engine.LimitExceeded, match="list constants need 400000 bytes"):
        engine.compute(s, graph_from_json(big))
    assert s.definitions == {}
