"""The expression language: Python-like text parsed into the same graph IR as the JSON form.

``a = cos(x); y = sum(a * w, dim=0)`` becomes nodes ``a`` and ``y`` and anonymous ``%N``
nodes between them. Python's own parser reads the text; a whitelist walks its tree. Nothing
is ever evaluated by Python: anything outside the whitelist is an ExpressionError naming
the line and column. The whitelist:

- statements ``name = expression``, separated by ``;`` or newlines; every name is an output;
- operators ``+ - * / // % ** @``, unary ``-``, comparisons (chained ones are and-ed), and
  ``& | ^ ~`` as torch has them (logical on bools, bitwise on integers);
- calls ``op(...)`` and methods ``x.op(...)``: tensors and attributes positionally in torch's
  order (OpSpec.params), attributes and named tensors by keyword; ``x.T`` is ``t(x)``; where
  torch takes a tensor or a number (``clamp(x, lo)``), a literal is the attribute and anything
  else a tensor input the attribute refers to;
- indexing with ints, slices, ``None``, ``...``, tensors and int or bool list literals;
- literals: numbers, ``True``/``False``/``None``, ``inf``, ``nan``; strings and lists only
  as attribute values, where the op's attribute type checks them.

Length, bracket nesting, tree depth and node count are limited before anything recurses.
"""

from __future__ import annotations

import ast
import math
import warnings
from typing import Any

from pydantic import ValidationError

from engine.errors import ExpressionError
from engine.graph import Graph, Node, check_attrs, check_name
from engine.ops import OPERATORS, OPS
from engine.opspec import OpSpec

# Python's syntax -> the operator's method stem; the op it means comes from engine.ops.OPERATORS.
STEMS: dict[type, str] = {
    ast.Add: "add",
    ast.Sub: "sub",
    ast.Mult: "mul",
    ast.Div: "truediv",
    ast.FloorDiv: "floordiv",
    ast.Mod: "mod",
    ast.Pow: "pow",
    ast.MatMult: "matmul",
    ast.BitAnd: "and",
    ast.BitOr: "or",
    ast.BitXor: "xor",
    ast.USub: "neg",
    ast.Invert: "invert",
    ast.Eq: "eq",
    ast.NotEq: "ne",
    ast.Lt: "lt",
    ast.LtE: "le",
    ast.Gt: "gt",
    ast.GtE: "ge",
}
BINARY = {node: OPERATORS[stem] for node, stem in STEMS.items() if issubclass(node, ast.operator)}
UNARY = {node: OPERATORS[stem] for node, stem in STEMS.items() if issubclass(node, ast.unaryop)}
COMPARE = {node: OPERATORS[stem] for node, stem in STEMS.items() if issubclass(node, ast.cmpop)}
NAMED_CONSTANTS = {"inf": math.inf, "nan": math.nan}
REFUSED = {
    ast.Lambda: "lambda expressions",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "generator expressions",
    ast.JoinedStr: "f-strings",
    ast.NamedExpr: "':=' assignments",
    ast.Starred: "'*' unpacking",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.IfExp: "conditional expressions",
    ast.BoolOp: "'and'/'or' (use & and |)",
    ast.Dict: "dict literals",
    ast.Set: "set literals",
    ast.Attribute: "attribute access (only method calls of ops, like x.sum())",
}


def _err(node: ast.AST, msg: str) -> ExpressionError:
    return ExpressionError(msg, getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1)


def _flat(value: Any) -> list[Any]:
    out, stack = [], [value]
    while stack:
        v = stack.pop()
        if isinstance(v, list):
            stack.extend(v)
        else:
            out.append(v)
    return out


def _depth(tree: ast.AST) -> int:
    """The nesting depth of the tree, measured without recursion."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((child, d + 1) for child in ast.iter_child_nodes(node))
    return deepest


def parse_expression(text: str, *, max_length: int = 10_000, max_depth: int = 100, max_nodes: int = 1000) -> Graph:
    """Parse ``text`` into a Graph whose outputs are the assigned names, in order."""
    if not isinstance(text, str):
        raise ExpressionError("the expression must be a string", 1, 1)
    if len(text) > max_length:
        raise ExpressionError(f"expression is {len(text)} characters; the limit is {max_length}", 1, 1)
    _check_brackets(text, max_depth)
    try:
        with warnings.catch_warnings():  # Python's warnings about the text are not the client's business here
            warnings.simplefilter("ignore")
            tree = ast.parse(text, mode="exec")
    except SyntaxError as e:
        raise ExpressionError(f"syntax error: {e.msg}", e.lineno or 1, e.offset or 1) from None
    except (RecursionError, MemoryError):  # Python's parser guards its own stack
        raise ExpressionError("expression is nested too deeply to parse", 1, 1) from None
    except ValueError as e:  # e.g. a NUL character
        raise ExpressionError(f"expression cannot be parsed: {e}", 1, 1) from None
    if _depth(tree) > max_depth:
        raise ExpressionError(f"expression is nested deeper than the limit of {max_depth}", 1, 1)
    try:
        return _Builder(max_nodes).build(tree)
    except RecursionError:  # only where max_depth is set above what Python's stack holds
        raise ExpressionError("expression is nested too deeply to build", 1, 1) from None


def _check_brackets(text: str, max_depth: int) -> None:
    """Refuse bracket nesting over the limit before Python's parser sees the text."""
    depth, line, column = 0, 1, 0
    for ch in text:
        column += 1
        if ch == "\n":
            line, column = line + 1, 0
        elif ch in "([{":
            depth += 1
            if depth > max_depth:
                raise ExpressionError(f"brackets are nested deeper than the limit of {max_depth}", line, column)
        elif ch in ")]}":
            depth -= 1


class _Builder:
    def __init__(self, max_nodes: int) -> None:
        self.nodes: list[Node] = []
        self.bound: dict[str, str] = {}
        self.max_nodes = max_nodes

    def build(self, tree: ast.Module) -> Graph:
        outputs: list[str] = []
        for stmt in tree.body:
            if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
                raise _err(stmt, "each statement must be an assignment 'name = expression'")
            name = stmt.targets[0].id
            try:
                check_name(name)
            except Exception as e:
                raise _err(stmt.targets[0], str(e)) from None
            ref = self.expr(stmt.value)
            if not ref.startswith("%") or ref in self.bound.values():
                ref = self.add(stmt, "identity", [ref])
            self.bound[name] = ref
            if name not in outputs:
                outputs.append(name)
        if not outputs:
            raise ExpressionError("the expression assigns nothing; write e.g. 'y = sum(x)'", 1, 1)
        return self.rename(outputs)

    def rename(self, outputs: list[str]) -> Graph:
        """Give each output's final node the output's name."""
        final = {self.bound[name]: name for name in outputs}
        nodes = [
            Node(final.get(n.id, n.id), n.op, tuple(final.get(i, i) for i in n.inputs), n.attrs) for n in self.nodes
        ]
        return Graph(tuple(nodes), tuple(outputs))

    def add(self, at: ast.AST, opname: str, inputs: list[str], attrs: dict[str, Any] | None = None) -> str:
        spec = OPS.get(opname)
        if spec is None:
            raise _err(at, f"unknown op {opname!r} (GET /v1/ops lists them)")
        if len(self.nodes) >= self.max_nodes:
            raise _err(at, f"expression makes more than {self.max_nodes} nodes, the limit per graph")
        try:
            check_attrs(spec, attrs or {})
        except ValidationError as e:
            first = e.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise _err(at, f"{opname}: attribute {field!r}: {first['msg']}") from None
        nid = f"%{len(self.nodes)}"
        self.nodes.append(Node(nid, opname, tuple(inputs), attrs or {}))
        return nid

    def expr(self, node: ast.expr) -> str:
        """Add the nodes for ``node``; return the id or variable name holding its value."""
        if isinstance(node, ast.Name):
            if node.id in NAMED_CONSTANTS:
                return self.add(node, "const", [], {"value": NAMED_CONSTANTS[node.id]})
            return self.bound.get(node.id, node.id)
        if isinstance(node, ast.Constant):
            if isinstance(node.value, (bool, int, float)):
                return self.add(node, "const", [], {"value": node.value})
            raise _err(node, f"{type(node.value).__name__} literals are not allowed here")
        if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
            return self.add(node, BINARY[type(node.op)], [self.expr(node.left), self.expr(node.right)])
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.UAdd):
                return self.expr(node.operand)
            if isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
                value = node.operand.value
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    return self.add(node, "const", [], {"value": -value})
            if type(node.op) in UNARY:
                return self.add(node, UNARY[type(node.op)], [self.expr(node.operand)])
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Subscript):
            return self.subscript(node)
        if isinstance(node, ast.Attribute) and node.attr == "T":  # x.T: torch's matrix transpose
            return self.add(node, "t", [self.expr(node.value)])
        what = REFUSED.get(type(node), f"{type(node).__name__} expressions")
        raise _err(node, f"not allowed in expressions: {what}")

    def compare(self, node: ast.Compare) -> str:
        left, result = self.expr(node.left), None
        for cmp, right_node in zip(node.ops, node.comparators, strict=True):
            if type(cmp) not in COMPARE:
                raise _err(node, f"comparison {type(cmp).__name__} is not allowed")
            right = self.expr(right_node)
            step = self.add(node, COMPARE[type(cmp)], [left, right])
            result = step if result is None else self.add(node, "logical_and", [result, step])
            left = right
        assert result is not None
        return result

    def call(self, node: ast.Call) -> str:
        func = node.func
        args: list[ast.expr] = list(node.args)
        if isinstance(func, ast.Name):
            opname, method = func.id, False
        elif isinstance(func, ast.Attribute) and not func.attr.startswith("_"):
            opname, method = func.attr, True
        else:
            raise _err(func, "only ops can be called, as op(x) or x.op()")
        spec = OPS.get(opname)
        if spec is None:
            raise _err(func, f"unknown op {opname!r} (GET /v1/ops lists them)")
        if any(isinstance(a, ast.Starred) for a in args) or any(k.arg is None for k in node.keywords):
            raise _err(node, "'*' and '**' unpacking are not allowed")
        if method:
            if spec.arity == 0 or len(args) < spec.method_self:
                raise _err(func, f"{opname} is not a method: write {opname}(...)")
            assert isinstance(func, ast.Attribute)
            args.insert(spec.method_self, func.value)
        inputs, attrs = self.bind(spec, args, node)
        return self.add(node, opname, inputs, attrs)

    def bind(self, spec: OpSpec, args: list[ast.expr], node: ast.Call) -> tuple[list[str], dict[str, Any]]:
        """Arguments to tensor inputs and attributes, positionally in torch's order, then by keyword."""
        positional = [p for p in spec.params if p.kind != "kw"]
        kinds = {p.name: p.kind for p in spec.params if not p.name.startswith("#")}
        tensors: dict[str, Any] = {}
        attrs: dict[str, Any] = {}
        slot = 0
        for arg in args:
            if slot >= len(positional):
                last = positional[-1] if positional else None
                if last is not None and last.kind == "attr" and self.gathers(spec, last.name):
                    attrs[last.name].append(self.literal(arg))
                    continue
                raise _err(arg, f"{spec.name} takes at most {len(positional)} positional argument(s)")
            p = positional[slot]
            if p.kind == "variadic" and not isinstance(arg, (ast.List, ast.Tuple)):
                if spec.variadic != "spread":
                    raise _err(arg, f"{spec.name} takes a list of tensors, like {spec.name}([a, b])")
                tensors.setdefault(p.name, []).append(self.expr(arg))  # every later positional is a tensor
                continue
            self.bind_one(spec, p.name, p.kind, arg, tensors, attrs)
            slot += 1
        for kw in node.keywords:
            assert kw.arg is not None
            if kw.arg not in kinds:
                allowed = ", ".join(n for n in kinds if kinds[n] in ("attr", "kw")) or "none"
                raise _err(kw, f"{spec.name} has no attribute {kw.arg!r} (attributes: {allowed})")
            if kw.arg in attrs or kw.arg in tensors:
                raise _err(kw, f"{spec.name}: argument {kw.arg!r} given twice")
            self.bind_one(spec, kw.arg, kinds[kw.arg], kw.value, tensors, attrs)
        given = [n for n in spec.tensor_attrs if n in tensors]  # tensors where torch takes a tensor or a number
        attrs.update({n: {"tensor": k} for k, n in enumerate(given)})
        return self.tensor_inputs(spec, tensors, node) + [tensors[n] for n in given], attrs

    def bind_one(
        self, spec: OpSpec, name: str, kind: str, arg: ast.expr, tensors: dict[str, Any], attrs: dict[str, Any]
    ) -> None:
        if kind == "variadic":
            if not isinstance(arg, (ast.List, ast.Tuple)):
                raise _err(arg, f"{spec.name}: {name} is a list of tensors, like [a, b]")
            tensors[name] = [self.expr(e) for e in arg.elts]
        elif kind in ("tensor", "optional"):
            absent = kind == "optional" and isinstance(arg, ast.Constant) and arg.value is None
            tensors[name] = None if absent else self.expr(arg)
        elif name in spec.tensor_attrs and not self.is_literal(arg):
            tensors[name] = self.expr(arg)
        else:
            value = self.literal(arg)
            attrs[name] = [value] if self.gathers(spec, name) and not isinstance(value, list) else value

    def tensor_inputs(self, spec: OpSpec, tensors: dict[str, Any], at: ast.AST) -> list[str]:
        """The tensor arguments in the order a graph node lists them; optional ones only as a prefix."""
        inputs: list[str] = []
        skipped: str | None = None
        for p in spec.params:
            value = tensors.get(p.name)
            if p.kind == "variadic":
                inputs.extend(value or [])
            elif p.kind in ("tensor", "optional"):
                if value is not None and skipped:
                    raise _err(at, f"{spec.name}: {p.name} needs {skipped} too, in torch's order")
                if value is not None:
                    inputs.append(value)
                elif p.kind == "optional":
                    skipped = skipped or p.name
                else:
                    given = sum(1 for v in tensors.values() if v is not None)
                    raise _err(at, f"{spec.name} takes {spec.arity} tensor argument(s), got {given}")
        if len(inputs) < spec.arity:
            raise _err(at, f"{spec.name} takes at least {spec.arity} tensor argument(s), got {len(inputs)}")
        return inputs

    @staticmethod
    def gathers(spec: OpSpec, name: str) -> bool:
        return any(a.name == name and a.gather for a in spec.attrs)

    def literal(self, node: ast.expr) -> Any:
        """A literal attribute value: number, bool, None, string, or a list or tuple of them."""
        if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, (bool, int, float, str))):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            value = self.literal(node.operand)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return -value
        if isinstance(node, ast.Name) and node.id in NAMED_CONSTANTS:
            return NAMED_CONSTANTS[node.id]
        if isinstance(node, (ast.List, ast.Tuple)):
            return [self.literal(e) for e in node.elts]
        raise _err(node, "attribute values must be literals (numbers, True/False/None, strings or lists of them)")

    def subscript(self, node: ast.Subscript) -> str:
        base = self.expr(node.value)
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        index: list[Any] = []
        tensors: list[str] = []
        for item in items:
            if isinstance(item, ast.Slice):
                bounds = (item.lower, item.upper, item.step)
                parts = [None if b is None else self.try_literal(b) for b in bounds]
                for b, p in zip(bounds, parts, strict=True):
                    literal_none = isinstance(b, ast.Constant) and b.value is None
                    if b is not None and not literal_none and (not isinstance(p, int) or isinstance(p, bool)):
                        raise _err(b, "slice bounds must be integer literals")
                index.append({"slice": parts})
            elif isinstance(item, ast.Constant) and item.value is Ellipsis:
                index.append("...")
            elif isinstance(item, ast.Constant) and item.value is None:
                index.append(None)
            elif isinstance(item, ast.Constant) and isinstance(item.value, bool):
                raise _err(item, "True/False as an index is not supported; index with a bool tensor")
            elif isinstance(item, (ast.Constant, ast.UnaryOp)) and isinstance(self.try_literal(item), int):
                index.append(self.literal(item))
            elif isinstance(item, (ast.Constant, ast.UnaryOp)) and self.try_literal(item) is not None:
                raise _err(item, "an index is an int, a slice, None, ..., or a tensor")
            elif isinstance(item, ast.List):  # x[[0, 2]]: a literal index tensor, as in torch
                value = self.literal(item)
                dtype = "bool" if all(isinstance(v, bool) for v in _flat(value)) else "int64"
                index.append({"tensor": len(tensors)})
                tensors.append(self.add(item, "const", [], {"value": value, "dtype": dtype}))
            else:
                index.append({"tensor": len(tensors)})
                tensors.append(self.expr(item))
        return self.add(node, "index", [base, *tensors], {"index": index})

    def is_literal(self, node: ast.expr) -> bool:
        try:
            self.literal(node)
        except ExpressionError:
            return False
        return True

    def try_literal(self, node: ast.expr) -> Any:
        try:
            return self.literal(node)
        except ExpressionError:
            return None
