"""The design's seed example through the client, with PyTorch's numbers."""

from __future__ import annotations

import math

from autograd_client import Client


def test_seed_example_accumulates_and_zeroes(live_server):
    with Client(live_server.url).session() as s:
        x = s.variable([[1, 1], [1, 1]], requires_grad=True, name="x")
        y = x.sum()
        y.backward()
        assert x.grad == [[1, 1], [1, 1]]
        y.backward()
        assert x.grad == [[2, 2], [2, 2]]
        y.backward()
        assert x.grad == [[3, 3], [3, 3]]
        assert s.zero_grad() == ["x"]
        assert x.grad == [[0, 0], [0, 0]]
        y.backward()
        assert x.grad == [[1, 1], [1, 1]]


def test_variables_describe_themselves_like_tensors(session):
    x = session.variable([[1, 1], [1, 1]], requires_grad=True, name="x")
    y = x.sum()
    assert (x.name, x.shape, x.dtype, x.requires_grad, x.is_leaf, x.grad_fn) == (
        "x",
        (2, 2),
        "float32",
        True,
        True,
        None,
    )
    assert (y.shape, y.requires_grad, y.is_leaf, y.grad_fn) == ((), True, False, "SumBackward0")
    assert y.name.startswith("_t")
    assert y.data == 4.0
    assert y.item() == 4.0
    assert x.grad is None
    assert y.grad is None


def test_cosine_of_ones_everywhere(session):
    y = session.variable([[1.0] * 5] * 4).cos()
    assert y.shape == (4, 5)
    values = [v for row in y.tolist() for v in row]
    assert len(values) == 20
    assert all(abs(v - math.cos(1.0)) < 6e-8 for v in values)  # within one float32 step of 0.5403023


def test_anonymous_variables_get_distinct_generated_names(session):
    a = session.variable([1.0])
    b = session.variable([2.0])
    c = a + b
    assert len({a.name, b.name, c.name}) == 3
    assert session.get(c.name).tolist() == [3.0]


def test_session_closes_on_exit(client):
    with client.session() as s:
        s.variable(1.0, name="x")
    assert s.close() is None  # closing again is quiet
