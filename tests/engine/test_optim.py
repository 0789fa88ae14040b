"""Optimizer steps on session leaves equal torch.optim's, step for step, exactly in float64."""

import pytest
import torch

import engine
from engine import Session, optim, parse_expression
from engine.errors import InvalidRequest, UnknownVariable

W0, B0 = [0.5, -1.0], [0.25]
CONFIGS = {
    "sgd": {"type": "sgd", "lr": 0.1},
    "sgd momentum": {"type": "sgd", "lr": 0.05, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01},
    "sgd nesterov": {"type": "sgd", "lr": 0.05, "momentum": 0.9, "nesterov": True},
    "adam": {"type": "adam", "lr": 0.1, "betas": [0.8, 0.99], "weight_decay": 0.1},
    "adam amsgrad": {"type": "adam", "lr": 0.1, "amsgrad": True, "maximize": True},
    "adamw": {"type": "adamw", "lr": 0.1, "weight_decay": 0.05},
    "rmsprop": {"type": "rmsprop", "lr": 0.01, "alpha": 0.9, "momentum": 0.5, "centered": True},
    "adagrad": {"type": "adagrad", "lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.1},
}


def session():
    s = Session(dtype=torch.float64)
    engine.put(s, "w", W0, requires_grad=True)
    engine.put(s, "b", B0, requires_grad=True)
    engine.put(s, "x", [1.0, 2.0])
    engine.compute(s, parse_expression("loss = ((w * x).sum() + b - 3).pow(2).sum()"))
    return s


def torch_steps(config, n):
    """The same loss and steps in-process, returning (w, b) after each step."""
    w = torch.tensor(W0, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(B0, dtype=torch.float64, requires_grad=True)
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in config.items() if k != "type"}
    cls = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}.get(config["type"])
    cls = cls or {"rmsprop": torch.optim.RMSprop, "adagrad": torch.optim.Adagrad}[config["type"]]
    opt = cls([b, w], **kwargs)  # the service orders leaves by name
    seen = []
    for _ in range(n):
        ((w * x).sum() + b - 3).pow(2).sum().backward()
        opt.step()
        opt.zero_grad(set_to_none=False)
        seen.append((w.tolist(), b.tolist()))
    return seen


def test_every_optimizer_has_a_case():
    assert {c["type"] for c in CONFIGS.values()} == set(optim.OPTIMIZERS)


@pytest.mark.parametrize("name", CONFIGS)
def test_steps_equal_torch_optim_exactly(name):
    s = session()
    seen = []
    for _ in range(5):
        engine.backward(s, "loss")
        stepped = optim.step(s, CONFIGS[name], zero_grad=True)
        seen.append((stepped["w"].value.tolist(), stepped["b"].value.tolist()))
        assert stepped["w"].grad.tolist() == [0.0, 0.0]
    assert seen == torch_steps(CONFIGS[name], 5)


def test_state_is_kept_per_configuration_and_spelling_does_not_matter():
    s = session()
    for config in ({"type": "sgd", "lr": 0.05, "momentum": 0.9}, {"momentum": 0.9, "lr": 0.05, "type": "sgd"}):
        engine.backward(s, "loss")
        optim.step(s, config, zero_grad=True)
    assert len(s.optimizers) == 1
    assert engine.get(s, "w").value.tolist() == torch_steps({"type": "sgd", "lr": 0.05, "momentum": 0.9}, 2)[-1][0]
    engine.backward(s, "loss")
    optim.step(s, {"type": "sgd", "lr": 0.05, "momentum": 0.9}, ["w"])  # other leaves: other state
    assert len(s.optimizers) == 2


def test_replacing_a_leaf_drops_the_state_over_it():
    s = session()
    engine.backward(s, "loss")
    optim.step(s, {"type": "adam", "lr": 0.1}, zero_grad=True)
    engine.put(s, "w", W0, requires_grad=True)
    assert s.optimizers == {}
    fresh = session()
    engine.put(fresh, "b", engine.get(s, "b").value.tolist(), requires_grad=True)  # where the first step left it
    engine.backward(s, "loss")
    optim.step(s, {"type": "adam", "lr": 0.1})
    engine.backward(fresh, "loss")
    assert optim.step(fresh, {"type": "adam", "lr": 0.1})["w"].value.tolist() == engine.get(s, "w").value.tolist()


def test_a_leaf_without_grad_is_not_moved():
    s = session()
    engine.backward(s, "loss", inputs=["b"])
    stepped = optim.step(s, {"type": "sgd", "lr": 0.1})
    assert stepped["w"].value.tolist() == W0 and stepped["b"].value.tolist() == [0.25 + 0.1 * 2 * (3 - 0.25 + 1.5)]


@pytest.mark.parametrize(
    "config, variables, error, message",
    [
        ({"type": "lbfgs"}, None, InvalidRequest, "'optimizer.type' 'lbfgs' is unknown"),
        ({"lr": 0.1}, None, InvalidRequest, "'optimizer' must be an object with a 'type'"),
        ({"type": "sgd", "foreach": True}, None, InvalidRequest, "'optimizer.foreach' \\(sgd\\): Extra inputs"),
        ({"type": "sgd", "lr": "fast"}, None, InvalidRequest, "'optimizer.lr' \\(sgd\\)"),
        ({"type": "adam", "betas": [0.9]}, None, InvalidRequest, "'optimizer.betas'"),
        ({"type": "sgd", "lr": -1.0}, None, InvalidRequest, "Invalid learning rate: -1.0"),
        ({"type": "sgd", "nesterov": True}, None, InvalidRequest, "Nesterov momentum requires a momentum"),
        ({"type": "sgd"}, ["x"], InvalidRequest, "'variables' names 'x', which is not a leaf with requires_grad"),
        ({"type": "sgd"}, ["loss"], InvalidRequest, "'variables' names 'loss'"),
        ({"type": "sgd"}, ["nope"], UnknownVariable, "'variables': no variable 'nope'"),
        ({"type": "sgd"}, [], InvalidRequest, "'variables' must name at least one leaf"),
    ],
)
def test_bad_configurations_name_the_field_and_change_nothing(config, variables, error, message):
    s = session()
    engine.backward(s, "loss")
    with pytest.raises(error, match=message):
        optim.step(s, config, variables)
    assert engine.get(s, "w").value.tolist() == W0 and s.optimizers == {}
