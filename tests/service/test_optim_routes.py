"""Optimizer steps over HTTP: a line fitted by 200 rounds, equal to torch.optim step for step."""

import torch

from tests.service.conftest import Api

XS = [0.0, 1.0, 2.0, 3.0, 4.0]
TS = [1.0, 3.0, 5.0, 7.0, 9.0]  # t = 2x + 1: the least-squares line is w = 2, b = 1
SGD = {"type": "sgd", "lr": 0.02, "momentum": 0.9, "nesterov": True}


def line(api: Api):
    for name, data, grad in (("w", 0.0, True), ("b", 0.0, True), ("x", XS, False), ("t", TS, False)):
        api.ok("PUT", f"/variables/{name}", 201, json={"data": data, "dtype": "float64", "requires_grad": grad})
    api.ok("POST", "/compute", json={"expr": "r = w * x + b - t; loss = (r * r).mean()"})


def torch_line(config, rounds):
    w = torch.zeros((), dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    x, t = torch.tensor(XS, dtype=torch.float64), torch.tensor(TS, dtype=torch.float64)
    cls = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam}[config["type"]]
    opt = cls([b, w], **{k: v for k, v in config.items() if k != "type"})  # leaves go in by name
    seen = []
    for _ in range(rounds):
        r = w * x + b - t
        (r * r).mean().backward()
        opt.step()
        opt.zero_grad(set_to_none=False)
        seen.append((w.item(), b.item()))
    return seen


def test_fitting_a_line_converges_and_matches_torch_step_for_step(api: Api):
    line(api)
    seen = []
    for _ in range(200):
        api.ok("POST", "/backward", json={"variable": "loss"})
        stepped = api.ok("POST", "/step", json={"optimizer": SGD, "zero_grad": True})["variables"]
        assert stepped["w"]["grad"] == 0.0
        seen.append((stepped["w"]["data"], stepped["b"]["data"]))
    assert seen == torch_line(SGD, 200)
    w, b = seen[-1]
    assert abs(w - 2) < 1e-5 and abs(b - 1) < 1e-5


def test_adam_state_is_kept_between_calls_and_dropped_when_a_leaf_is_replaced(api: Api):
    line(api)
    adam = {"type": "adam", "lr": 0.1}
    for _ in range(3):
        api.ok("POST", "/backward", json={"variable": "loss"})
        api.ok("POST", "/step", json={"optimizer": adam, "variables": ["w", "b"]})
        api.ok("POST", "/zero_grad")
    assert (api.ok("GET", "/variables/w")["data"], api.ok("GET", "/variables/b")["data"]) == torch_line(adam, 3)[-1]
    api.ok("PUT", "/variables/w", 200, json={"data": 0.0, "dtype": "float64", "requires_grad": True})
    b_now = api.ok("GET", "/variables/b")["data"]
    api.ok("POST", "/backward", json={"variable": "loss"})
    w = api.ok("POST", "/step", json={"optimizer": adam})["variables"]["w"]["data"]
    fresh_w = torch.zeros((), dtype=torch.float64, requires_grad=True)
    fresh_b = torch.tensor(b_now, dtype=torch.float64, requires_grad=True)
    r = fresh_w * torch.tensor(XS, dtype=torch.float64) + fresh_b - torch.tensor(TS, dtype=torch.float64)
    (r * r).mean().backward()
    torch.optim.Adam([fresh_b, fresh_w], lr=0.1).step()  # a fresh Adam: the old moments were dropped
    assert w == fresh_w.item()


def test_a_bad_optimizer_is_a_422_naming_the_field_and_moves_nothing(api: Api):
    line(api)
    api.ok("POST", "/backward", json={"variable": "loss"})
    for optimizer, detail in (
        ({"type": "lbfgs"}, "'optimizer.type' 'lbfgs' is unknown; expected one of sgd, adam, adamw, rmsprop, adagrad"),
        ({"type": "adam", "lr": -1.0}, "'optimizer' (adam): Invalid learning rate: -1.0"),
        ({"type": "sgd", "momentum": "lots"}, "'optimizer.momentum' (sgd): Input should be a valid number"),
    ):
        r = api.call("POST", "/step", json={"optimizer": optimizer})
        assert r.status_code == 422 and r.json()["detail"] == detail
    assert api.ok("GET", "/variables/w")["data"] == 0.0
