"""The client's train: the losses of torch's loop, progress as it streams, failures as exceptions."""

from __future__ import annotations

import pytest

from autograd_client import AsyncClient, Client, InvalidRequest, TrainProgress
from tests.torch_reference import ADAM, TS, XS, torch_line


def line(s):
    """w and b on the server, and a loss the client writes as a chain of ops."""
    w = s.variable(0.0, dtype="float64", requires_grad=True, name="w")
    b = s.variable(0.0, dtype="float64", requires_grad=True, name="b")
    x = s.variable(XS, dtype="float64", name="x")
    t = s.variable(TS, dtype="float64", name="t")
    return w, b, ((w * x + b - t) ** 2).mean()


def test_train_answers_torchs_losses_and_the_leaves_moved(session):
    w, _, loss = line(session)
    assert session.train(loss, "adam", lr=0.1, steps=20) == torch_line(ADAM, 20)[0]
    assert session.train(loss, {"type": "adam", "lr": 0.1}, steps=10, log_every=5) == torch_line(ADAM, 30)[0][24::5]
    assert w.data != 0.0


def test_progress_text_prints_lines_and_the_last_step(session, capsys):
    _, _, loss = line(session)
    losses = session.train(loss, "adam", lr=0.1, steps=40, log_every=4, progress="text")
    err = capsys.readouterr().err.splitlines()
    assert losses == torch_line(ADAM, 40)[0][3::4]
    assert err[-1].startswith(f"step 40/40  loss {losses[-1]:.6g}  ")
    assert 1 <= len(err) <= 10


def test_progress_true_draws_a_tqdm_bar_when_tqdm_is_installed(session, capsys):
    pytest.importorskip("tqdm")
    _, _, loss = line(session)
    session.train(loss, "adam", lr=0.1, steps=30, progress=True)
    err = capsys.readouterr().err
    assert "train: 100%" in err and "30/30" in err


def test_on_progress_sees_every_logged_step_as_it_streams(session):
    _, _, loss = line(session)
    seen: list[TrainProgress] = []
    losses = session.train(loss, "adam", lr=0.1, steps=9, log_every=3, on_progress=seen.append)
    assert [(p.step, p.loss) for p in seen] == [(3, losses[0]), (6, losses[1]), (9, losses[2])]
    assert losses == torch_line(ADAM, 9)[0][2::3]
    assert seen[0].elapsed_s <= seen[-1].elapsed_s


def test_a_request_that_cannot_start_raises_and_leaves_nothing_changed(session):
    w, _, loss = line(session)
    with pytest.raises(InvalidRequest, match="'loss': the leaf 'x'"):
        session.train("x", "adam", lr=0.1, steps=3, progress="text")
    with pytest.raises(InvalidRequest, match="Invalid learning rate"):
        session.train(loss, "adam", lr=-1.0)
    assert w.data == 0.0


@pytest.fixture(scope="module")
def budget_server(live_server):
    server = type(live_server)(env={"AGS_MAX_COMPUTE_SECONDS": "5"}).start()
    yield server
    server.stop()


def test_a_failure_part_way_raises_with_the_steps_kept_in_its_body(budget_server):
    with Client(budget_server.url) as client, client.session(device="cpu") as s:
        w = s.variable(0.0, dtype="float64", requires_grad=True, name="w")
        m = s.variable(init="rand", shape=[300, 300], seed=0, name="m")
        loss = w + (m @ m).sum() * 0  # SGD with lr 1 counts the steps in w
        seen: list[TrainProgress] = []
        with pytest.raises(InvalidRequest) as e:
            s.train(loss, "sgd", lr=1.0, steps=1_000_000, log_every=100_000, on_progress=seen.append)
        kept = e.value.body["steps"]
        assert e.value.status == 422 and e.value.detail.startswith(f"step {kept + 1} of 1000000")
        assert w.data == -kept and seen[-1].step == kept


@pytest.mark.anyio
async def test_the_async_client_streams_the_same_progress(live_server):
    async with AsyncClient(live_server.url) as client, client.session(device="cpu") as s:
        await s.variable(0.0, dtype="float64", requires_grad=True, name="w")
        await s.variable(0.0, dtype="float64", requires_grad=True, name="b")
        await s.variable(XS, dtype="float64", name="x")
        await s.variable(TS, dtype="float64", name="t")
        await s.compute("loss = ((w * x + b - t) ** 2).mean()")
        seen: list[TrainProgress] = []
        losses = await s.train("loss", "adam", lr=0.1, steps=12, log_every=4, on_progress=seen.append)
        assert losses == torch_line(ADAM, 12)[0][3::4] == [p.loss for p in seen]
        assert await s.train("loss", "adam", lr=0.1) == [torch_line(ADAM, 13)[0][-1]]
