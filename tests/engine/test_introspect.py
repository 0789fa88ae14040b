"""The autograd graph behind a variable, on graphs of known structure."""

import engine
from engine import Session, graph_from_json, introspect, parse_expression
from engine.session import Limits


def session(expr, **leaves):
    s = Session()
    for name, (data, requires_grad) in leaves.items():
        engine.put(s, name, data, requires_grad=requires_grad)
    engine.compute(s, parse_expression(expr))
    return s


def node(nid, name, kind, shape, leaf=None, grad=False):
    return {"id": nid, "name": name, "kind": kind, "shape": shape, "leaf": leaf, "requires_grad_leaf": grad}


def test_sum_of_a_product():
    s = session("y = (x * w).sum()", x=([1.0, 2.0], True), w=([3.0, 4.0], True))
    assert introspect.graph_json(s, "y") == {
        "variable": "y",
        "nodes": [
            node("n0", "y", "output", []),
            node("n1", "SumBackward0", "op", []),
            node("n2", "MulBackward0", "op", [2]),
            node("n3", "x", "leaf", [2], "x", True),
            node("n4", "w", "leaf", [2], "w", True),
        ],
        "edges": [
            {"from": "n2", "to": "n1"},
            {"from": "n3", "to": "n2"},
            {"from": "n4", "to": "n2"},
            {"from": "n1", "to": "n0"},
        ],
    }


def test_a_leaf_used_twice_has_two_edges_and_leaves_without_grad_are_not_in_the_graph():
    s = session("y = (x * x * c).mean()", x=([1.0, 2.0], True), c=([5.0, 6.0], False))
    g = introspect.graph_json(s, "y")
    assert [n["name"] for n in g["nodes"]] == ["y", "MeanBackward0", "MulBackward0", "MulBackward0", "x"]
    assert g["edges"].count({"from": "n4", "to": "n3"}) == 2 and len(g["edges"]) == 5


def test_a_leaf_and_a_value_without_graph_are_one_node():
    s = session("y = c * 2", x=([1.0], True), c=([5.0], False))
    alone = {"variable": "x", "nodes": [node("n0", "x", "output", [1], "x", True)], "edges": []}
    assert introspect.graph_json(s, "x") == alone
    assert introspect.graph_json(s, "y")["nodes"] == [node("n0", "y", "output", [1])]


def test_dot_text():
    s = session("y = sin(x).sum()", x=([1.0, 2.0], True))
    assert introspect.to_dot(introspect.graph_json(s, "y")) == (
        'digraph "y" {\n'
        '  node [shape=box, style="rounded,filled", fontname="Helvetica"];\n'
        '  n0 [label="y\\n[]", fillcolor=darkolivegreen1];\n'
        '  n1 [label="SumBackward0\\n[]", fillcolor=lightgrey];\n'
        '  n2 [label="SinBackward0\\n[2]", fillcolor=lightgrey];\n'
        '  n3 [label="x\\n[2]", fillcolor=lightblue];\n'
        "  n2 -> n1;\n"
        "  n3 -> n2;\n"
        "  n1 -> n0;\n"
        "}\n"
    )


def test_a_deep_graph_is_walked_without_recursion():
    s = Session(limits=Limits(max_graph_nodes=5000))
    engine.put(s, "x", [1.0], requires_grad=True)
    nodes = [{"id": f"n{i}", "op": "neg", "inputs": [f"n{i - 1}" if i else "x"]} for i in range(3000)]
    engine.compute(s, graph_from_json({"nodes": nodes, "outputs": ["n2999"]}))
    g = introspect.graph_json(s, "n2999")
    assert len(g["nodes"]) == 3002 and len(g["edges"]) == 3001
    assert g["nodes"][-1] == node("n3001", "x", "leaf", [1], "x", True)
