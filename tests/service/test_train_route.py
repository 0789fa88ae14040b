"""POST /train as JSON: the losses of torch's own loop, partial failures, refusals that change nothing."""

import time

import pytest

from tests.service.conftest import Api
from tests.torch_reference import ADAM, TS, XS, torch_line


def line(api: Api):
    for name, data, grad in (("w", 0.0, True), ("b", 0.0, True), ("x", XS, False), ("t", TS, False)):
        api.ok("PUT", f"/variables/{name}", 201, json={"data": data, "dtype": "float64", "requires_grad": grad})
    api.ok("POST", "/compute", json={"expr": "r = w * x + b - t; loss = (r * r).mean()"})


def test_the_answer_is_torchs_loop_step_for_step(api: Api):
    line(api)
    answer = api.ok("POST", "/train", json={"loss": "loss", "optimizer": ADAM, "steps": 50})
    losses, w, b = torch_line(ADAM, 50)
    durable = 0 if api.client.get("/v1/info").json()["durability"] == "off" else 50
    assert answer == {"steps": 50, "losses": losses, "logged_steps": list(range(1, 51)), "durable_steps": durable}
    assert (api.ok("GET", "/variables/w")["data"], api.ok("GET", "/variables/b")["data"]) == (w, b)


def test_calls_of_one_step_and_the_two_call_loop_share_the_optimizer_state(api: Api):
    line(api)
    losses, w, _ = torch_line(ADAM, 6)
    seen = [api.ok("POST", "/train", json={"loss": "loss", "optimizer": ADAM})["losses"][0] for _ in range(3)]
    api.ok("POST", "/zero_grad")
    api.ok("POST", "/backward", json={"variable": "loss", "grads": "none"})
    api.ok("POST", "/step", json={"optimizer": ADAM})
    last = api.ok("POST", "/train", json={"loss": "loss", "optimizer": ADAM, "steps": 2, "log_every": 5})
    assert seen == losses[:3]
    assert (last["losses"], last["logged_steps"]) == ([losses[5]], [2])
    assert api.ok("GET", "/variables/w")["data"] == w


def test_a_non_finite_loss_is_spelled_as_the_contract_spells_it(api: Api):
    api.ok("PUT", "/variables/w", 201, json={"data": [1.0, -1.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "loss = log(w).sum()"})
    answer = api.ok("POST", "/train", json={"loss": "loss", "optimizer": {"type": "sgd", "lr": 0.5}})
    assert answer["losses"] == ["NaN"]


def test_over_the_time_budget_part_way_keeps_the_steps_taken_and_says_how_many(app_client):
    api = Api(app_client(max_compute_seconds=2.0))  # setup calls must fit too, cold
    api.ok("PUT", "/variables/w", 201, json={"init": "randn", "shape": [200, 200], "seed": 0, "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "loss = (w @ w @ w @ w).tanh().pow(2).mean()"})
    r = api.call("POST", "/train", json={"loss": "loss", "optimizer": ADAM, "steps": 1_000_000, "log_every": 1000})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    k = problem["steps"]
    assert k >= 1 and problem["logged_steps"][-1] == k and len(problem["losses"]) == len(problem["logged_steps"])
    assert problem["title"] == "Compute time limit exceeded"
    assert problem["detail"].startswith(f"step {k + 1} of 1000000: the loop ran over its time limit")
    assert problem["detail"].endswith("stay applied" if k > 1 else "step 1 stays applied")
    assert problem["durable_steps"] == (0 if api.client.get("/v1/info").json()["durability"] == "off" else k)


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        ({"loss": "nope"}, 422, "'loss': no variable 'nope'; a loss is a computed variable, defined with compute"),
        ({"loss": "r"}, 422, "'loss' 'r' has shape [5]; training needs a scalar loss (one element)"),
        ({"optimizer": {"type": "adam", "lr": "fast"}}, 422, "'optimizer.lr' (adam): Input should be a valid number"),
        ({"optimizer": {"type": "lbfgs"}}, 422, "'optimizer.type' 'lbfgs' is unknown; expected one of"),
        ({"variables": ["x"]}, 422, "'variables' names 'x', which is not a leaf with requires_grad"),
        ({"steps": 0}, 422, "steps: Input should be greater than or equal to 1"),
        ({"log_every": 0}, 422, "log_every: Input should be greater than or equal to 1"),
    ],
)
def test_a_request_that_cannot_start_is_a_problem_and_changes_nothing(api: Api, body, status, detail):
    line(api)
    before = api.ok("GET", "/variables/w")
    r = api.call("POST", "/train", json={"loss": "loss", "optimizer": ADAM, "steps": 3, **body})
    assert r.status_code == status and r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"].startswith(detail)
    assert api.ok("GET", "/variables/w") == before
    losses, _, _ = torch_line(ADAM, 1)  # no optimizer state was made: the next step is a first step
    assert api.ok("POST", "/train", json={"loss": "loss", "optimizer": ADAM})["losses"] == losses


def test_with_a_state_dir_every_step_is_durable_and_survives_a_restart(app_client, tmp_path):
    api = Api(app_client(state_dir=str(tmp_path)))
    line(api)
    answer = api.ok("POST", "/train", json={"loss": "loss", "optimizer": ADAM, "steps": 5, "log_every": 5})
    assert (answer["steps"], answer["durable_steps"]) == (5, 5)
    again = app_client(state_dir=str(tmp_path))
    w = again.get(f"/v1/sessions/{api.id}/variables/w", headers=api.auth).json()["data"]
    assert w == torch_line(ADAM, 5)[1]


def test_a_quiet_stream_sends_keep_alive_comments_between_events(api: Api, monkeypatch):
    from service.api import train

    monkeypatch.setattr(train, "KEEPALIVE_S", 0.001)  # a step of this loss takes 20 ms or more
    api.ok("PUT", "/variables/w", 201, json={"init": "randn", "shape": [600, 600], "seed": 0, "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "loss = (w @ w @ w @ w @ w @ w).tanh().mean()"})
    body = {"loss": "loss", "optimizer": ADAM, "steps": 3}
    r = api.call("POST", "/train", json=body, headers={"Accept": "text/event-stream"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    lines = r.text.splitlines()
    assert ": keep-alive" in lines
    assert [line for line in lines if line.startswith("event: ")] == ["event: progress"] * 3 + ["event: done"]


def test_logged_steps_reach_the_server_in_batches_and_none_is_lost():
    """Each event from a host is a frame the server's event loop reads: a fast loop logging every step
    sends them together, at most every BATCH_S, each step in its batch."""
    from service.on_host.train import BATCH_S, Batch

    sent: list[list[dict]] = []
    batch = Batch(lambda name, data: sent.append(data))
    start = time.monotonic()
    for step in range(1, 2001):
        batch.add({"step": step})
    batch.flush()
    took = time.monotonic() - start
    assert [s["step"] for b in sent for s in b] == list(range(1, 2001))
    assert len(sent) <= took / BATCH_S + 2
