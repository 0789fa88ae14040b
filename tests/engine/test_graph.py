"""Validation before evaluation: every structural error names the node."""

import pytest
import torch

from engine.errors import InvalidGraph, LimitExceeded
from engine.graph import compile_graph, graph_from_json, run
from engine.opspec import EvalContext


def compiled(nodes, outputs, available=("x",), **kw):
    return compile_graph(graph_from_json({"nodes": nodes, "outputs": outputs}), available, **kw)


def test_nodes_are_ordered_whatever_order_they_come_in():
    g = compiled(
        [{"id": "y", "op": "sum", "inputs": ["a"]}, {"id": "a", "op": "cos", "inputs": ["x"]}],
        ["y"],
    )
    assert [n.id for n in g.nodes] == ["a", "y"] and g.externals == {"x"}


@pytest.mark.parametrize(
    "nodes, message",
    [
        (
            [{"id": "a", "op": "neg", "inputs": ["b"]}, {"id": "b", "op": "neg", "inputs": ["a"]}],
            "cycle through node\\(s\\) 'a', 'b'",
        ),
        ([{"id": "a", "op": "neg", "inputs": ["missing"]}], "node 'a': input 'missing'"),
        ([{"id": "a", "op": "add", "inputs": ["x"]}], "node 'a': op 'add' takes 2"),
        ([{"id": "a", "op": "neg", "inputs": ["x"]}, {"id": "a", "op": "neg", "inputs": ["x"]}], "'a' is used twice"),
        ([{"id": "a", "op": "sum", "inputs": ["x"], "attrs": {"dim": "zero"}}], "node 'a' \\(sum\\): attribute 'dim"),
        ([{"id": "a", "op": "sum", "inputs": ["x"], "attrs": {"dims": 0}}], "attribute 'dims'"),
        ([{"id": "a", "op": "frobnicate", "inputs": ["x"]}], "node 'a': unknown op 'frobnicate'"),
        ([{"id": "a", "op": "neg", "inputs": ["x"], "extra": 1}], "node 'a': extra: Extra inputs are not permitted"),
        ([{"id": 3, "op": "neg", "inputs": ["x"]}], "nodes\\[0\\]: id: Input should be a valid string"),
        ([{"id": "a", "op": "neg", "inputs": "x"}], "node 'a': inputs: Input should be a valid list"),
    ],
)
def test_structural_errors_name_the_node(nodes, message):
    with pytest.raises(InvalidGraph, match=message):
        compiled(nodes, ["a"])


@pytest.mark.parametrize(
    "node, message",
    [
        ({"inputs": ["x", "x"], "attrs": {"min": {"tensor": 1}}}, "attribute 'min': {'tensor': 1} must name one of"),
        ({"inputs": ["x", "x", "x"], "attrs": {"min": {"tensor": 0}, "max": {"tensor": 0}}}, "attribute 'max'"),
        ({"inputs": ["x", "x"], "attrs": {"min": {"tensor": -1}}}, "attribute 'min': {'tensor': -1}"),
        ({"inputs": ["x", "x"], "attrs": {"min": 0.5}}, "takes 1 tensor input\\(s\\) and one more per attribute"),
        ({"inputs": ["x"], "attrs": {"min": {"tensor": 0}}}, "takes 1 tensor input\\(s\\) and one more"),
        ({"inputs": ["x", "x"], "attrs": {"min": {"tensor": "0"}}}, "attribute 'min"),
        ({"inputs": ["x", "x"], "attrs": {"min": {"tensor": 0, "k": 1}}}, "attribute 'min"),
    ],
)
def test_tensor_attribute_references_are_checked_and_named(node, message):
    with pytest.raises(InvalidGraph, match=f"node 'a'.*{message}"):
        compiled([{"id": "a", "op": "clamp", **node}], ["a"])


def test_a_tensor_attribute_names_an_input_after_the_ops_own():
    refs = {"min": {"tensor": 1}, "max": {"tensor": 0}}
    g = compiled([{"id": "a", "op": "clamp", "inputs": ["x", "hi", "lo"], "attrs": refs}], ["a"], ("x", "lo", "hi"))
    x, lo, hi = torch.tensor([-2.0, 0.5, 3.0]), torch.tensor(0.0), torch.tensor([1.0, 1.0, 2.0])
    out = run(g, {"x": x, "lo": lo, "hi": hi}, EvalContext())["a"]
    assert torch.equal(out, torch.clamp(x, lo, hi))


def test_node_limit():
    nodes = [{"id": f"n{i}", "op": "neg", "inputs": ["x"]} for i in range(5)]
    with pytest.raises(LimitExceeded, match="limit is 4 nodes"):
        compiled(nodes, ["n0"], max_nodes=4)


def test_prune_keeps_only_what_an_output_needs():
    g = compiled(
        [
            {"id": "a", "op": "cos", "inputs": ["x"]},
            {"id": "b", "op": "sin", "inputs": ["x"]},
            {"id": "y", "op": "sum", "inputs": ["a"]},
        ],
        ["y", "b"],
    )
    assert [n.id for n in g.prune("y").nodes] == ["a", "y"]


@pytest.mark.parametrize(
    ("node", "message"),
    [
        (
            {"op": "full", "attrs": {"size": [2], "fill_value": 2**70}},
            f"attribute 'fill_value': {2**70} is outside int64",
        ),
        (
            {"op": "full", "attrs": {"size": [2], "fill_value": 2**63}},
            f"attribute 'fill_value': {2**63} is outside int64",
        ),
        ({"op": "const", "attrs": {"value": 2**63}}, f"attribute 'value': {2**63} is outside int64"),
        ({"op": "const", "attrs": {"value": -(2**63) - 1}}, f"attribute 'value': {-(2**63) - 1} is outside int64"),
    ],
)
def test_an_integer_no_dtype_holds_is_a_compute_error_naming_node_and_attribute(node, message):
    from engine.errors import ComputeError
    from engine.shapes import infer

    g = compiled([{"id": "a", **node}], ["a"])
    with pytest.raises(ComputeError, match=f"^node 'a' \\({node['op']}\\): {message}"):
        infer(g, {}, EvalContext())  # the shape pass, then the run: one of them refuses
        run(g, {}, EvalContext())
