"""The compiled-graph cache and the read cache: faster, and never a different answer or error."""

from __future__ import annotations

import pytest
import torch

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
    s.put("x", [1.0, 2.0], requires_grad=True)
    g1 = cache.parse_expression("y = (x * x).sum()")
    assert cache.parse_expression("y = (x * x).sum()") is g1
    c1 = cache.compile_graph(g1, s.names())
    assert cache.compile_graph(g1, s.names()) is c1
    assert (
        cache.compile_graph(
            graph_from_json({"nodes": [{"id": "y", "op": "sum", "inputs": ["x"]}], "outputs": ["y"]}), ["x"]
        )
        is not c1
    )
    assert cache.GRAPHS.hits == 2


def test_errors_are_the_same_with_and_without_the_cache():
    text = "y = sum(x, dim=)"
    with pytest.raises(InvalidGraph) as cached:
        cache.parse_expression(text)
    with pytest.raises(InvalidGraph) as again:
        cache.parse_expression(text)
    assert cached.value.detail == again.value.detail
    g = parse_expression("y = (x * w).sum()")
    assert cache.compile_graph(g, ["x", "w"]).externals == {"x", "w"}
    with pytest.raises(InvalidGraph, match="input 'w' is neither a node nor a variable"):
        cache.compile_graph(g, ["x"])  # cached, but 'w' is gone: the real check runs


def test_attribute_types_are_part_of_the_key():
    def graph(keepdim):
        return Graph((Node("y", "sum", ("x",), {"dim": 0, "keepdim": keepdim}),), ("y",))

    assert cache.compile_graph(graph(True), ["x"]).nodes[0].attrs["keepdim"] is True
    with pytest.raises(InvalidGraph, match="keepdim"):
        cache.compile_graph(graph(1), ["x"])  # strict validation: 1 is not True, cached or not
    assert cache.canonical(graph(1.0)) != cache.canonical(graph(1)) != cache.canonical(graph(True))


def test_a_zero_size_cache_keeps_nothing():
    cache.configure(0)
    g = cache.parse_expression("y = x.sum()")
    assert cache.parse_expression("y = x.sum()") is not g and len(cache.GRAPHS) == 0


def test_the_lru_is_bounded():
    cache.configure(3)
    for i in range(10):
        cache.parse_expression(f"y = x * {i}")
    assert len(cache.GRAPHS) == 3


def test_reads_reuse_a_value_until_a_leaf_changes():
    s = Session()
    s.put("x", [1.0, 2.0], requires_grad=True)
    s.put("c", [3.0, 3.0])
    s.compute(parse_expression("y = (x * c).sum()"))
    first = s.get("y").value
    assert s.get("y").value is first and s.get("y").grad_fn == "SumBackward0"
    s.backward("y")
    assert s.get("y").value is first  # a backward changes grads, not values
    with torch.no_grad():
        s.leaves["x"].add_(1.0)  # in place, as an optimizer step does: torch bumps the version
    assert s.get("y").value.item() == 15.0
    s.put("c", [1.0, 1.0])
    assert s.get("y").value.item() == 5.0
    s.leaves["x"].requires_grad_(False)
    assert not s.get("y").value.requires_grad
    s.delete("c")
    with pytest.raises(Exception, match="no longer in this session"):
        s.get("y")
    s.put("c", [1.0, 1.0])
    s.compute(parse_expression("y = (x - c).sum()"))  # redefined: the old value is not reused
    assert s.get("y").value.item() == 3.0
    with pytest.raises(UnknownVariable):
        s.get("nope")


def test_backward_always_runs_a_fresh_forward():
    s = Session()
    s.put("x", [[1.0, 1.0], [1.0, 1.0]], requires_grad=True)
    s.compute(parse_expression("y = x.sum()"))
    s.get("y")
    for k in (1, 2, 3):
        assert s.backward("y")["x"].tolist() == [[k, k], [k, k]]
        s.get("y")
