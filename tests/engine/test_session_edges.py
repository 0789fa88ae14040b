"""Session semantics at their edges, each written for mutants of engine/session.py that the other tests let live."""

import re

import pytest
import torch

import engine
from engine import Session, graph_from_json, parse_expression
from engine.errors import (
    AnomalyDetected,
    ComputeError,
    InvalidGraph,
    InvalidRequest,
    InvalidTensor,
    LimitExceeded,
    UnknownVariable,
)
from engine.session import Limits


def compute(s: Session, expr: str, **kw):
    return engine.compute(s, parse_expression(expr), **kw)


def test_put_answers_the_new_leaf_and_whether_it_is_new():
    s = Session()
    v, created = engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    assert (v.name, v.is_leaf, v.grad, created, v.value.tolist()) == ("x", True, None, True, [1.0, 2.0])
    assert engine.put(s, "x", [3.0])[1] is False


def test_a_leaf_put_over_a_computed_variable_replaces_it():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    compute(s, "y = x * 2")
    engine.put(s, "y", [5.0])
    assert s.names() == ["x", "y"]
    assert (engine.get(s, "y").is_leaf, engine.get(s, "y").value.tolist()) == (True, [5.0])


def test_replacing_a_leaf_frees_its_bytes_and_its_grads_bytes_first():
    s = Session(dtype=torch.float64, limits=Limits(max_session_bytes=88))
    engine.put(s, "x", [1.0, 2.0, 3.0, 4.0], requires_grad=True)  # 32 bytes
    engine.put(s, "z", [0.0, 0.0, 0.0])  # 24 bytes
    compute(s, "y = x.sum()")
    engine.backward(s, "y")  # x.grad: 32 bytes, 88 in all: at the limit
    engine.put(s, "x", [0.0] * 7)  # 88 - 64 + 56 = 80
    assert s.nbytes() == 80
    with pytest.raises(LimitExceeded, match="session would hold 96 bytes; the limit is 88 bytes per session"):
        engine.put(s, "x", [0.0] * 9)


def test_a_computed_variable_reads_as_no_leaf_and_an_unknown_name_is_refused():
    s = Session()
    engine.put(s, "x", [1.0], requires_grad=True)
    compute(s, "y = x * 2")
    assert (engine.get(s, "x").is_leaf, engine.get(s, "y").is_leaf, engine.get(s, "y").grad_fn) == (
        True,
        False,
        "MulBackward0",
    )
    with pytest.raises(UnknownVariable, match="no variable 'nope' in this session"):
        engine.get(s, "nope")


def test_compute_answers_named_outputs_and_refuses_a_backward_that_is_not_an_output():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    outputs, _ = compute(s, "y = x * 2; z = y.sum()")
    assert {k: (v.name, v.is_leaf) for k, v in outputs.items()} == {"y": ("y", False), "z": ("z", False)}
    with pytest.raises(InvalidRequest, match="'backward' names 'x', which is not an output of this graph"):
        compute(s, "w = x * 3", backward="x")


def test_deleting_a_variable_forgets_its_retained_grad():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    compute(s, "h = x * x; y = h.sum()", retain_grad=["h"])
    engine.backward(s, "y")
    engine.delete(s, "h")
    assert "h" not in s.retained and s.names() == ["x", "y"]
    with pytest.raises(UnknownVariable, match="no variable 'h' in this session"):
        engine.delete(s, "h")


def test_a_definition_whose_leaves_are_gone_names_itself_and_them():
    s = Session()
    engine.put(s, "a", [1.0], requires_grad=True)
    engine.put(s, "b", [2.0], requires_grad=True)
    compute(s, "y = (a * b).sum()")
    engine.delete(s, "a")
    engine.delete(s, "b")
    with pytest.raises(InvalidRequest, match=r"^'y' depends on 'a', 'b', no longer in this session$"):
        engine.backward(s, "y")


def test_backward_on_a_leaf_itself_accumulates_its_seed():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    assert engine.backward(s, "x", gradient=[3.0, 4.0])["x"].tolist() == [3.0, 4.0]
    assert engine.backward(s, "x", gradient=[1.0, 1.0])["x"].tolist() == [4.0, 5.0]


def test_a_seed_gradient_over_the_element_limit_is_refused_before_decoding():
    s = Session(limits=Limits(max_tensor_elements=2))
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    compute(s, "y = x * 2")
    with pytest.raises(LimitExceeded, match="limit of 2 elements"):
        engine.backward(s, "y", gradient=[1.0, 1.0, 1.0])


def test_the_session_node_limit_holds_for_json_graphs():
    s = Session(limits=Limits(max_graph_nodes=2))
    engine.put(s, "x", [1.0], requires_grad=True)
    with pytest.raises(LimitExceeded):
        compute(s, "y = ((x * 2) * 3) * 4")


def test_a_node_id_that_shadows_a_leaf_is_refused():
    s = Session()
    engine.put(s, "x", [1.0], requires_grad=True)
    engine.put(s, "w", [2.0], requires_grad=True)
    graph = graph_from_json(
        {
            "nodes": [{"id": "x", "op": "neg", "inputs": ["w"]}, {"id": "y", "op": "sum", "inputs": ["x"]}],
            "outputs": ["y"],
        }
    )
    with pytest.raises(InvalidGraph, match="node id 'x' shadows the session variable 'x'; rename the node"):
        engine.compute(s, graph)


def test_backward_from_a_value_without_grad_says_so_in_our_words():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    compute(s, "y = (x * 2).sum()", grad_mode="no_grad")
    message = r"^element 0 of tensors does not require grad: no leaf it depends on has requires_grad=True$"
    with pytest.raises(ComputeError, match=message):
        engine.backward(s, "y", inputs=["x"])


def test_a_leaf_the_graph_reads_but_no_gradient_reaches_keeps_no_grad():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    engine.put(s, "w", [-1.0, 3.0], requires_grad=True)
    compute(s, "y = x.sum() + (w > 0).sum()")
    assert {k: v.tolist() for k, v in engine.backward(s, "y").items()} == {"x": [1.0, 1.0]}
    assert engine.get(s, "w").grad is None


def test_backward_with_a_seed_fills_retained_grads_scaled_by_it():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    compute(s, "h = x * x; y = h * 3", retain_grad=["h"])
    assert engine.backward(s, "y", gradient=[1.0, 10.0])["x"].tolist() == [6.0, 120.0]
    assert engine.get(s, "h").grad.tolist() == [3.0, 30.0]


def test_grad_refusals_say_what_is_wrong():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    engine.put(s, "c", [1.0])
    compute(s, "y = x * 2; k = c * 2")
    with pytest.raises(InvalidRequest, match=r"^'outputs' and 'inputs' must each name at least one variable$"):
        engine.grad(s, [], ["x"])
    with pytest.raises(InvalidRequest, match=r"^'grad_outputs' has 2 entries for 1 outputs$"):
        engine.grad(s, ["y"], ["x"], grad_outputs=[[1.0, 1.0], [1.0, 1.0]])
    with pytest.raises(
        ComputeError, match=r"^'k' does not require grad: no leaf it depends on has requires_grad=True$"
    ):
        engine.grad(s, ["k"], ["x"])
    with pytest.raises(ComputeError, match="Mismatch in shape"):
        engine.grad(s, ["y"], ["x"], grad_outputs=[[1.0, 1.0, 1.0]])


def test_inits_make_what_they_name_in_the_sessions_dtype():
    s = Session(dtype=torch.float64)
    made = {
        "zeros": engine.put(s, "a", init="zeros", shape=[2])[0].value,
        "ones": engine.put(s, "b", init="ones", shape=[2, 1])[0].value,
        "full": engine.put(s, "c", init="full", shape=[2], value=7.0)[0].value,
        "rand": engine.put(s, "d", init="rand", shape=[3], seed=0)[0].value,
        "randn": engine.put(s, "e", init="randn", shape=[3], seed=0)[0].value,
    }
    assert {k: v.dtype for k, v in made.items()} == dict.fromkeys(made, torch.float64)
    assert (made["zeros"].tolist(), made["ones"].tolist(), made["full"].tolist()) == ([0, 0], [[1], [1]], [7, 7])
    for init, fn in (("rand", torch.rand), ("randn", torch.randn)):
        expected = fn(3, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
        assert torch.equal(made[init], expected)
    assert engine.put(s, "f", init="ones", shape=[2], dtype="float32")[0].value.dtype == torch.float32
    assert engine.put(s, "g", [1, 2], dtype="float32")[0].value.dtype == torch.float32
    assert engine.put(s, "h", torch.tensor([1, 2]), dtype="float64")[0].value.dtype == torch.float64
    assert engine.put(s, "i", init="zeros", shape=[0])[0].value.shape == (0,)


def test_init_refusals_name_the_problem():
    s = Session(limits=Limits(max_tensor_elements=6))
    assert engine.put(s, "ok", init="zeros", shape=[2, 3])[0].value.shape == (2, 3)
    cases = [
        ({"init": "zeros", "shape": [3, 3]}, LimitExceeded, "tensor of 9 elements is over the limit of 6"),
        # counted over every dim before torch sees the shape (torch would refuse this one with its own words)
        ({"init": "zeros", "shape": [2**40, 2**40, 1]}, LimitExceeded, f"tensor of {2**80} elements is over the limit"),
        ({"init": "zeros", "shape": [-1]}, InvalidRequest, "init 'zeros' needs 'shape', a list of non-negative"),
        ({"init": "zeros", "shape": [True]}, InvalidRequest, "init 'zeros' needs 'shape'"),
        ({"init": "zeros", "shape": 3}, InvalidRequest, "init 'zeros' needs 'shape'"),
        (
            {"init": "bogus", "shape": [1]},
            InvalidRequest,
            "unknown init 'bogus'; expected one of zeros, ones, full, rand",
        ),
        ({"init": "full", "shape": [1]}, InvalidRequest, "init 'full' needs 'value'"),
        ({"init": "full", "shape": [1], "value": "seven"}, InvalidTensor, "init 'full': "),
        ({}, InvalidRequest, "give exactly one of 'data' or 'init'"),
    ]
    for kwargs, error, message in cases:
        with pytest.raises(error, match=f"^{re.escape(message)}"):
            engine.put(s, "x", **kwargs)
    with pytest.raises(InvalidTensor, match=r"^only floating-point tensors can require grad; 'n' is int64$"):
        engine.put(s, "n", [1, 2], dtype="int64", requires_grad=True)
    assert s.names() == ["ok"]


def test_anomaly_mode_holds_on_the_retained_grad_path_and_changes_nothing():
    s = Session()
    engine.put(s, "x", [0.0], requires_grad=True)
    compute(s, "h = x * 1; y = (sqrt(h) * 0).sum()", retain_grad=["h"])
    with pytest.raises(AnomalyDetected, match="'SqrtBackward0' returned nan values"):
        engine.backward(s, "y", anomaly=True)
    assert (engine.get(s, "x").grad, s.retained) == (None, {"h": None})


@pytest.mark.parametrize(
    ("expr", "elements"),
    [
        ("y = one_hot(i)", 100_000_000),  # 1M indices up to 99: 100M, where the shape pass sees nothing
        ("y = masked_select(x, m)", 16_000_002),  # (1, 2) against (8000001, 1): the mask's values decide
        ("y = repeat_interleave(x, r)", 20_000_000),
    ],
)
def test_an_op_sized_by_its_data_is_held_to_the_element_limit_before_it_allocates(expr, elements):
    s = Session(limits=Limits(max_tensor_elements=16_000_000))
    engine.put(s, "i", torch.arange(1_000_000) % 100)
    engine.put(s, "x", torch.ones(1, 2))
    engine.put(s, "m", torch.ones(8_000_001, 1, dtype=torch.bool))
    engine.put(s, "r", torch.tensor([10_000_000, 10_000_000]))
    with pytest.raises(LimitExceeded, match=r"node 'y' \(\w+\): its output would have \d+ elements") as e:
        engine.compute(s, parse_expression(expr))
    assert "the limit is 16000000" in e.value.detail and "y" not in s.definitions


def test_a_listing_evaluates_nothing_it_can_size_on_the_meta_device():
    s = Session()
    engine.put(s, "x", torch.ones(2, 3), requires_grad=True)
    engine.compute(s, parse_expression("y = (x @ x.T).sum(); z = x.detach() * 2; m = masked_select(x, x > 0)"))
    s.reads.forget()
    listing = {v.name: v for v in engine.list_variables(s)}
    assert s.reads.nbytes == 4 * 6  # only m, whose size depends on x's values, was evaluated (and kept)
    y, z = listing["y"], listing["z"]
    assert (y.value.shape, y.grad_fn, y.requires_grad, y.is_leaf) == ((), "SumBackward0", True, False)
    assert (z.value.shape, z.grad_fn, z.requires_grad, z.is_leaf) == ((2, 3), None, False, True)
    assert listing["m"].value.shape == (6,) and listing["m"].grad_fn == "MaskedSelectBackward0"
