"""The shape pass: sizes and errors known on the meta device, before any real data is touched."""

from __future__ import annotations

import pytest
import torch

import engine
from engine import Limits, Session
from engine.errors import ComputeError, LimitExceeded
from engine.expr import parse_expression
from engine.graph import compile_graph, graph_from_json, run
from engine.opspec import EvalContext
from engine.shapes import infer


def shapes(expr: str, **inputs: torch.Tensor):
    compiled = compile_graph(parse_expression(expr), inputs)
    return infer(compiled, inputs, EvalContext())


def test_every_node_has_its_shape_dtype_and_bytes():
    info = shapes("h = x @ w; y = relu(h).sum(dim=1); n = h > 0", x=torch.ones(2, 3), w=torch.ones(3, 4))
    assert (info["h"].shape, info["h"].dtype, info["h"].nbytes) == ((2, 4), torch.float32, 32)
    assert (info["y"].shape, info["y"].nbytes) == ((2,), 8)
    assert (info["n"].dtype, info["n"].nbytes) == (torch.bool, 8)


def test_no_real_data_is_touched():
    huge = torch.empty(1_000_000, 1_000_000, device="meta")  # 4 TB if it were real
    info = shapes("m = x * 2; y = m.sum(dim=0)", x=huge)
    assert info["m"].nbytes == 4_000_000_000_000 and info["y"].shape == (1_000_000,)


def test_a_shape_error_names_the_node_the_op_the_sizes_and_torchs_reason():
    with pytest.raises(ComputeError) as e:
        shapes("h = x @ w", x=torch.ones(2, 3), w=torch.ones(4, 5))
    assert e.value.detail.startswith("node 'h' (matmul) on inputs of size [2, 3] float32, [4, 5] float32: ")
    assert "[2, 3] X [4, 5]" in e.value.detail


def test_a_dtype_error_is_found_too():
    with pytest.raises(ComputeError, match=r"node 'g' \(gather\).*Expected dtype int32/int64 for index"):
        shapes("g = gather(x, 1, i)", x=torch.ones(2, 2), i=torch.zeros(2, 1))


def test_data_dependent_sizes_are_unknown_and_still_run():
    x, m = torch.tensor([1.0, 2.0, 3.0]), torch.tensor([True, False, True])
    info = shapes("s = masked_select(x, m); z = s * 2; k = x + 1", x=x, m=m)
    assert not info["s"].known and not info["z"].known and info["s"].shape is None
    assert info["k"].shape == (3,)
    values = run(
        compile_graph(parse_expression("z = masked_select(x, m) * 2"), {"x", "m"}), {"x": x, "m": m}, EvalContext()
    )
    assert values["z"].tolist() == [2.0, 6.0]


def test_a_tuple_node_has_parts():
    graph = graph_from_json(
        {
            "nodes": [
                {"id": "p", "op": "split", "inputs": ["x"], "attrs": {"split_size_or_sections": [1, 2]}},
                {"id": "q", "op": "index", "inputs": ["p"], "attrs": {"index": [1]}},
            ],
            "outputs": ["q"],
        }
    )
    x = torch.ones(3, 2)
    info = infer(compile_graph(graph, {"x"}), {"x": x})
    assert [part.shape for part in info["p"].parts] == [(1, 2), (2, 2)] and info["p"].nbytes == 24
    assert info["q"].shape == (2, 2)


def test_a_tuple_output_is_refused_up_front():
    with pytest.raises(ComputeError, match="output 'y' is a tuple of 2 values"):
        shapes("y = x.max(dim=0)", x=torch.ones(2, 2))


def test_constants_and_higher_derivatives_take_part():
    x = torch.ones(3, requires_grad=True)
    info = shapes("r = arange(6).reshape(2, 3) * 1.5; y = (x ** 3).sum(); d = grad(grad(y, x).sum(), x)", x=x)
    assert (info["r"].shape, info["r"].dtype) == ((2, 3), torch.float32)
    assert (info["d"].shape, info["d"].dtype) == ((3,), torch.float32)


def test_session_compute_checks_shapes_before_running_anything():
    s = Session()
    engine.put(s, "a", [1.0, 2.0, 3.0])
    engine.put(s, "b", [1.0, 2.0])
    with pytest.raises(ComputeError, match=r"node 'c' \(add\) on inputs of size \[3\] float32, \[2\] float32"):
        engine.compute(s, parse_expression("ok = a * 2; c = a + b"))
    assert s.names() == ["a", "b"]


def test_a_tensor_over_the_element_limit_is_refused_before_it_exists():
    compiled = compile_graph(parse_expression("y = x.repeat(1000, 1000)"), {"x"})
    with pytest.raises(LimitExceeded, match=r"node 'y' \(repeat\) would make a tensor of 2000000 elements"):
        infer(compiled, {"x": torch.ones(2)}, max_elements=1_000_000)
    s = Session(limits=Limits(max_tensor_elements=100))
    with pytest.raises(LimitExceeded, match="limit is 100 elements per tensor"):
        engine.compute(s, parse_expression("z = zeros(1000000, 1000000)"))
