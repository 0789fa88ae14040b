"""Python operators, generated methods and functions, and indexing, against hand-computed values."""

from __future__ import annotations

import pytest

from autograd_client import Session


@pytest.fixture
def w(session: Session):
    return session.variable([[1.0, 2.0], [3.0, 4.0]], requires_grad=True, name="w")


def test_arithmetic_operators(w):
    assert (w + 1).tolist() == [[2, 3], [4, 5]]
    assert (w - w).tolist() == [[0, 0], [0, 0]]
    assert (w * w).tolist() == [[1, 4], [9, 16]]
    assert (w / 2).tolist() == [[0.5, 1], [1.5, 2]]
    assert (w**2).tolist() == [[1, 4], [9, 16]]
    assert (-w).tolist() == [[-1, -2], [-3, -4]]
    assert (+w) is w


def test_reflected_operators_put_the_number_first(w):
    assert (10 - w).tolist() == [[9, 8], [7, 6]]
    assert (12 / w).tolist() == [[12, 6], [4, 3]]
    assert (2**w).tolist() == [[2, 4], [8, 16]]
    assert (3 * w).tolist() == [[3, 6], [9, 12]]


def test_matmul_with_a_variable_and_a_list(w):
    assert (w @ w).tolist() == [[7, 10], [15, 22]]
    assert (w @ [1.0, 1.0]).tolist() == [3, 7]
    assert ([[1.0, 0.0]] @ w).tolist() == [[1, 2]]


def test_gradient_through_operators(session, w):
    # d/dw sum(w*w + 3w) = 2w + 3
    ((w * w + 3 * w).sum()).backward()
    assert w.grad == [[5, 7], [9, 11]]


def test_generated_methods_and_attributes(w):
    assert w.sum().item() == 10
    assert w.sum(dim=0).tolist() == [4, 6]
    assert w.sum(1, True).tolist() == [[3], [7]]
    assert w.mean().item() == 2.5
    assert w.transpose(0, 1).tolist() == [[1, 3], [2, 4]]
    assert w.reshape(4).tolist() == [1, 2, 3, 4]
    assert w.reshape(1, -1).tolist() == [[1, 2, 3, 4]]
    assert w.reshape([4, 1]).shape == (4, 1)
    assert (w - 1).relu().tolist() == [[0, 1], [2, 3]]
    assert (w * 0).exp().tolist() == [[1, 1], [1, 1]]


def test_generated_functions_namespace(session, w):
    assert session.ops.matmul(w, w).tolist() == [[7, 10], [15, 22]]
    assert session.ops.add(w, w, alpha=2).tolist() == [[3, 6], [9, 12]]
    assert "sum" in dir(session.ops)
    assert "exp" in dir(w)


def test_detach_cuts_the_graph(w):
    d = w.detach()
    assert (d.requires_grad, d.grad_fn, d.tolist()) == (False, None, [[1, 2], [3, 4]])


def test_indexing(w):
    assert w[0].tolist() == [1, 2]
    assert w[:, 1].tolist() == [2, 4]
    assert w[1, 0].item() == 3
    assert w[0:1].tolist() == [[1, 2]]
    assert w[..., None].shape == (2, 2, 1)
    assert w[[1, 0]].tolist() == [[3, 4], [1, 2]]
    assert [row.tolist() for row in w] == [[1, 2], [3, 4]]


def test_indexing_is_differentiable(w):
    w[1, 1].backward()
    assert w.grad == [[0, 0], [0, 1]]


def test_unknown_op_and_bad_arguments_fail_before_sending(w):
    with pytest.raises(AttributeError, match="no attribute or op 'frobnicate'"):
        w.frobnicate()
    with pytest.raises(TypeError, match="transpose\\(\\) has no attribute 'axis'"):
        w.transpose(0, 1, axis=2)
    with pytest.raises(TypeError):
        w + "text"


def test_comparisons(w):
    assert (w > 2).tolist() == [[False, False], [True, True]]
    assert (w == 1).tolist() == [[True, False], [False, False]]
    assert (2 < w).tolist() == [[False, False], [True, True]]  # noqa: SIM300 (the reflected form is the test)


def test_softmax_function(session):
    y = session.ops.softmax(session.variable([0.0, 0.0, 0.0, 0.0]), dim=-1)
    assert y.tolist() == [0.25, 0.25, 0.25, 0.25]


def test_bitwise_operators_mean_what_they_mean_in_torch_and_in_expressions(session: Session):
    a = session.variable([1, 2], dtype="int64", name="a")
    b = session.variable([2, 2], dtype="int64", name="b")
    assert (a & b).tolist() == [0, 2]  # bitwise, as torch: not logical_and's [True, True]
    assert (a | b).tolist() == [3, 2] and (a ^ b).tolist() == [3, 0] and (~a).tolist() == [-2, -3]
    assert session.compute("e = a & b")["e"].tolist() == [0, 2]
