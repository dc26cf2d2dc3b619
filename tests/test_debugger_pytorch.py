"""The Debugger's PyTorch hook on real (tiny) trainings: what it saves, at which steps, in which
mode, and that the values read back through the analysis API are the model's own."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402

from jupyter_smstudio.core.errors import BadRequest  # noqa: E402
from jupyter_smstudio.smdebug import ReductionConfig  # noqa: E402
from jupyter_smstudio.smdebug.core.modes import ModeKeys  # noqa: E402
from jupyter_smstudio.smdebug.exceptions import TensorUnavailableForStep  # noqa: E402
from jupyter_smstudio.smdebug.pytorch import Hook, SaveConfig, SaveConfigMode  # noqa: E402
from jupyter_smstudio.smdebug.trials import create_trial  # noqa: E402

LOSS = "CrossEntropyLoss_output_0"


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(6, 12)
        self.relu1 = nn.ReLU()
        self.fc2 = nn.Linear(12, 3)

    def forward(self, x):
        return self.fc2(self.relu1(self.fc1(x)))


@pytest.fixture
def data():
    generator = torch.Generator().manual_seed(0)
    return torch.randn(32, 6, generator=generator), torch.randint(0, 3, (32,), generator=generator)


def _train(hook, data, steps, keep_at=(), lr=0.05):
    """Trains `steps` steps; returns the weights, gradients and losses at the steps in `keep_at`."""
    torch.manual_seed(0)
    model, loss_fn = Net(), nn.CrossEntropyLoss()
    hook.register_module(model)
    hook.register_loss(loss_fn)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    kept = {}
    x, y = data
    for step in range(steps):
        weights = {f"Net_{n}": p.detach().clone().numpy() for n, p in model.named_parameters()}
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        if step in keep_at:
            grads = {f"gradient/Net_{n}": p.grad.clone().numpy() for n, p in model.named_parameters()}
            kept[step] = {**weights, **grads, LOSS: loss.detach().numpy().copy()}
        optimizer.step()
    hook.close()
    return kept


def test_weights_gradients_and_losses_read_back_equal_the_models(tmp_path, data):
    hook = Hook(
        out_dir=str(tmp_path),
        save_config=SaveConfig(save_interval=5),
        include_collections=["weights", "biases", "gradients", "losses"],
    )
    kept = _train(hook, data, steps=23, keep_at=(0, 5, 10, 15, 20))
    trial = create_trial(str(tmp_path))
    assert trial.steps() == [0, 5, 10, 15, 20]
    assert trial.steps(mode=ModeKeys.TRAIN) == [0, 5, 10, 15, 20]  # model.train() is the TRAIN mode
    assert set(trial.tensor_names()) == set(kept[0])
    assert trial.tensor_names(collection="biases") == ["Net_fc1.bias", "Net_fc2.bias"]
    assert trial.tensor_names(collection="gradients", regex="fc2") == [
        "gradient/Net_fc2.bias",
        "gradient/Net_fc2.weight",
    ]
    for step, tensors in kept.items():
        for name, expected in tensors.items():
            np.testing.assert_array_equal(trial.tensor(name).value(step), expected, err_msg=f"{name} at {step}")
    # the reductions are numpy's over the same values
    grad = trial.tensor("gradient/Net_fc1.weight")
    value = kept[10]["gradient/Net_fc1.weight"].astype(np.float64)
    for reduction, expected in {
        "min": value.min(),
        "max": value.max(),
        "mean": value.mean(),
        "std": value.std(),
        "l2": np.linalg.norm(value),
        "zero_fraction": np.mean(value == 0),
    }.items():
        assert grad.reduction_value(10, reduction) == pytest.approx(expected, rel=1e-5, abs=1e-7), reduction
    assert grad.reduction_value(10, "max", abs=True) == pytest.approx(np.abs(value).max(), rel=1e-6)
    assert trial.tensor(LOSS).reduction_value(20, "mean") == pytest.approx(float(kept[20][LOSS]), rel=1e-6)


def test_full_tensors_and_histograms_only_at_their_interval(tmp_path, data):
    hook = Hook(
        out_dir=str(tmp_path), save_config=SaveConfig(save_interval=2), include_collections=["weights", "gradients"]
    )
    # gradients: only reductions, every 2 steps; weights: full tensors and histograms every 6 steps
    hook.get_collection("gradients").save_raw_tensor = False
    hook.get_collection("gradients").save_histogram = False
    hook.get_collection("weights").save_config = SaveConfig(save_interval=6)
    _train(hook, data, steps=13)
    trial = create_trial(str(tmp_path))
    weights, grads = trial.tensor("Net_fc1.weight"), trial.tensor("gradient/Net_fc1.weight")
    assert weights.steps() == [0, 6, 12]
    assert grads.steps() == [0, 2, 4, 6, 8, 10, 12]
    counts, edges = weights.histogram(6)
    assert counts.sum() == 72 and len(edges) == len(counts) + 1
    assert grads.reduction_value(4, "l2") > 0
    with pytest.raises(TensorUnavailableForStep):
        grads.value(4)
    with pytest.raises(TensorUnavailableForStep):
        grads.histogram(4)
    with pytest.raises(TensorUnavailableForStep):
        weights.value(4, mode=ModeKeys.GLOBAL)  # step 4 was saved, for gradients only


def test_modes_count_their_own_steps(tmp_path, data):
    hook = Hook(
        out_dir=str(tmp_path),
        save_config=SaveConfig(save_interval=2, mode_save_configs={ModeKeys.EVAL: SaveConfigMode(save_interval=1)}),
        include_collections=["losses"],
    )
    torch.manual_seed(0)
    model, loss_fn = Net(), nn.CrossEntropyLoss()
    hook.register_module(model)
    hook.register_loss(loss_fn)
    x, y = data
    eval_losses = []
    for _epoch in range(2):
        hook.set_mode(ModeKeys.TRAIN)
        for _ in range(4):
            loss_fn(model(x), y).backward()
        hook.set_mode(ModeKeys.EVAL)
        with torch.no_grad():
            for i in range(3):
                eval_losses.append(float(loss_fn(model(x[i:]), y[i:])))
    hook.close()
    trial = create_trial(str(tmp_path))
    # global steps: 0-3 train, 4-6 eval, 7-10 train, 11-13 eval
    assert trial.steps(mode=ModeKeys.TRAIN) == [0, 2, 4, 6]
    assert trial.steps(mode=ModeKeys.EVAL) == [0, 1, 2, 3, 4, 5]
    assert trial.steps() == [0, 2, 4, 5, 6, 7, 9, 11, 12, 13]
    loss = trial.tensor(LOSS)
    assert loss.steps(mode=ModeKeys.EVAL) == [0, 1, 2, 3, 4, 5]
    assert [float(loss.value(s, mode=ModeKeys.EVAL)) for s in range(6)] == pytest.approx(eval_losses)
    assert trial.mode_of(12) == (ModeKeys.EVAL, 4)


def test_create_from_sagemakers_json(tmp_path, data, monkeypatch):
    out = tmp_path / "tensors"
    config = {
        "LocalPath": str(out),
        "HookParameters": {"save_interval": "4"},
        "CollectionConfigurations": [
            {"CollectionName": "weights"},
            {"CollectionName": "losses", "CollectionParameters": {"save_interval": "1"}},
            {
                "CollectionName": "relu_activations",
                "CollectionParameters": {"include_regex": "relu1_output_0", "save_interval": "3"},
            },
        ],
    }
    path = tmp_path / "debughookconfig.json"
    path.write_text(json.dumps(config))
    monkeypatch.setenv("SMDEBUG_CONFIG_FILE_PATH", str(path))
    hook = Hook.create_from_json_file()
    _train(hook, data, steps=9)
    trial = create_trial(str(out))
    assert trial.tensor("Net_fc1.weight").steps() == [0, 4, 8]
    assert trial.tensor(LOSS).steps() == list(range(9))
    assert trial.tensor("relu1_output_0").steps() == [0, 3, 6]
    assert trial.tensor("relu1_output_0").reduction_value(3, "min") >= 0
    assert trial.tensor_names(collection="gradients") == []  # not configured: not saved
    assert {"weights", "losses", "relu_activations"} <= set(trial.collections())


def test_bad_hook_arguments_name_the_field(tmp_path):
    with pytest.raises(BadRequest) as err:
        Hook(out_dir=None)
    assert err.value.field == "out_dir"
    with pytest.raises(BadRequest) as err:
        Hook(out_dir=str(tmp_path), include_regex=["(unclosed"])
    assert err.value.field == "include_regex"
    with pytest.raises(BadRequest) as err:
        Hook(out_dir=str(tmp_path), save_config=SaveConfig(save_interval=0))
    assert err.value.field == "save_config.save_interval"
    with pytest.raises(BadRequest) as err:
        ReductionConfig(reductions=["median"])
    assert err.value.field == "reduction_config.reductions"
    with pytest.raises(BadRequest) as err:
        Hook.create_from_json_file(str(tmp_path / "missing.json"))
    assert err.value.field == "path"


def test_scalars_custom_tensors_reductions_only_and_a_failing_save(tmp_path, data, caplog):
    hook = Hook(
        out_dir=str(tmp_path),
        save_config=SaveConfig(save_interval=3),
        include_collections=["weights", "scalars"],
        reduction_config=ReductionConfig(reductions=["mean"], norms=["l2"]),
    )
    torch.manual_seed(0)
    model = Net()
    hook.register_module(model)
    x, _ = data
    with caplog.at_level(logging.ERROR):
        for step in range(7):
            out = model(x)
            hook.save_scalar("lr", 0.1 * step)
            hook.save_tensor("logits", out, collections_to_write="predictions")
            if step == 3:
                hook.save_tensor("broken", object())  # logged; training goes on
    hook.close()
    assert hook.errors == 1 and "training goes on" in caplog.text
    trial = create_trial(str(tmp_path))
    assert trial.tensor("lr").steps() == [0, 3, 6]
    assert trial.tensor("lr").reduction_value(6, "mean") == pytest.approx(0.6)
    assert trial.tensor("logits").value(3).shape == (32, 3)
    assert trial.tensor_names(collection="predictions") == ["logits"]
    with pytest.raises(TensorUnavailableForStep):
        trial.tensor("Net_fc1.weight").value(3)  # reduction_config: only the reductions
    assert trial.tensor("Net_fc1.weight").reduction_value(3, "l2") > 0


SMDEBUG_SCRIPT = """
import torch
from torch import nn
import jupyter_smstudio.smdebug.pytorch as smd

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.Sigmoid(), nn.Linear(8, 1))
loss_fn = nn.MSELoss()
hook = smd.Hook.create_from_json_file()
hook.register_module(model)
hook.register_loss(loss_fn)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(16, 4), torch.randn(16, 1)
for step in range(12):
    hook.set_mode(smd.modes.ModeKeys.TRAIN)
    optimizer.zero_grad()
    loss_fn(model(x), y).backward()
    optimizer.step()
# no hook.close(): the hook writes its last steps at exit, as smdebug's does
"""


def test_a_smdebug_script_runs_unchanged_but_for_the_import(tmp_path):
    config = {
        "LocalPath": str(tmp_path / "tensors"),
        "HookParameters": {"save_interval": "5"},
        "CollectionConfigurations": [{"CollectionName": "gradients"}, {"CollectionName": "losses"}],
    }
    (tmp_path / "hook.json").write_text(json.dumps(config))
    env = dict(
        os.environ,
        SMDEBUG_CONFIG_FILE_PATH=str(tmp_path / "hook.json"),
        PYTHONPATH=str(Path(__file__).resolve().parents[1]),
    )
    subprocess.run([sys.executable, "-c", SMDEBUG_SCRIPT], env=env, check=True, timeout=60)
    trial = create_trial(str(tmp_path / "tensors"))
    assert trial.loaded_all_steps
    assert trial.steps(mode=ModeKeys.TRAIN) == [0, 5, 10]
    assert trial.tensor_names(collection="gradients") == [
        "gradient/Sequential_0.bias",
        "gradient/Sequential_0.weight",
        "gradient/Sequential_2.bias",
        "gradient/Sequential_2.weight",
    ]
    assert trial.tensor("MSELoss_output_0").value(10, mode=ModeKeys.TRAIN).shape == ()


def test_nan_and_infinite_tensors_are_counted_and_the_statistics_are_over_the_finite_values(tmp_path, data):
    hook = Hook(out_dir=str(tmp_path), save_config=SaveConfig(save_interval=1), include_collections=["custom"])
    torch.manual_seed(0)
    model = Net()
    hook.register_module(model)
    x, _ = data
    bad = torch.tensor([[1.0, float("nan"), 3.0], [float("inf"), -float("inf"), 2.0]])
    for step in range(3):
        model(x)
        hook.save_tensor("activations", bad * (step + 1), collections_to_write="custom")
    hook.close()
    assert hook.errors == 0
    t = create_trial(str(tmp_path)).tensor("activations")
    assert t.reduction_value(2, "nan_count") == 1 and t.reduction_value(2, "inf_count") == 2
    finite = np.array([1.0, 3.0, 2.0]) * 3
    for reduction, expected in {"min": 3.0, "max": 9.0, "mean": finite.mean(), "std": finite.std()}.items():
        assert t.reduction_value(2, reduction) == pytest.approx(expected), reduction
    counts, _ = t.histogram(2)
    assert counts.sum() == 3  # the finite values
    value = t.value(2)
    assert np.isnan(value[0, 1]) and np.isinf(value[1, 0])  # the full tensor is as it was


class SharedNet(nn.Module):
    """One Linear under two names, called twice per forward (weights tied on purpose)."""

    def __init__(self) -> None:
        super().__init__()
        self.encoder = nn.Linear(6, 6)
        self.decoder = self.encoder

    def forward(self, x):
        return self.decoder(torch.relu(self.encoder(x)))


def test_a_shared_module_is_saved_once_and_the_log_says_so(tmp_path, data, caplog):
    hook = Hook(out_dir=str(tmp_path), save_config=SaveConfig(save_interval=1), include_collections=["all"])
    model = SharedNet()
    with caplog.at_level(logging.WARNING):
        hook.register_module(model)
    assert "SharedNet_encoder once" in caplog.text and "also SharedNet_decoder" in caplog.text
    x, _ = data
    for _ in range(2):
        model(x[:, :6]).sum().backward()
    hook.close()
    assert hook.errors == 0
    trial = create_trial(str(tmp_path))
    names = trial.tensor_names()
    assert "SharedNet_encoder.weight" in names and not any("decoder" in n for n in names)
    # the first call's output (the encoder's), not the second's
    first = model.encoder(x[:, :6]).detach().numpy()
    np.testing.assert_allclose(trial.tensor("encoder_output_0").value(1), first, rtol=1e-6)


def test_two_networks_in_one_script_are_both_saved_and_steps_count_on_the_first(tmp_path, data):
    """A GAN's shape: a generator and a discriminator of the same class, trained in one loop."""
    hook = Hook(out_dir=str(tmp_path), save_config=SaveConfig(save_interval=2), include_collections=["weights"])
    torch.manual_seed(0)
    generator, discriminator = Net(), nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
    second_net = Net()
    hook.register_module(generator)
    hook.register_module(discriminator)
    hook.register_module(second_net)
    hook.register_module(generator)  # twice: registered once
    x, _ = data
    optimizer = torch.optim.SGD(
        [*generator.parameters(), *discriminator.parameters(), *second_net.parameters()], lr=0.1
    )
    kept = {}
    for step in range(4):
        optimizer.zero_grad()
        (discriminator(generator(x)).mean() + second_net(x).sum()).backward()
        kept[step] = discriminator[0].weight.detach().clone().numpy()
        optimizer.step()
    hook.close()
    assert hook.errors == 0
    trial = create_trial(str(tmp_path))
    assert trial.steps() == [0, 2]  # one step a generator forward, not one per network
    weights = trial.tensor_names(collection="weights")
    assert {"Net_fc1.weight", "Sequential_0.weight", "Net_2_fc1.weight"} <= set(weights)
    np.testing.assert_array_equal(trial.tensor("Sequential_0.weight").value(2), kept[2])


def test_a_module_without_parameters_warns_and_training_goes_on(tmp_path, data, caplog):
    hook = Hook(out_dir=str(tmp_path), save_config=SaveConfig(save_interval=1))
    module, loss_fn = nn.ReLU(), nn.MSELoss()
    with caplog.at_level(logging.WARNING):
        hook.register_module(module)
    hook.register_loss(loss_fn)
    assert "no parameters" in caplog.text
    x, _ = data
    for _ in range(3):
        loss_fn(module(x), x)
    hook.close()
    assert hook.errors == 0
    assert create_trial(str(tmp_path)).tensor("MSELoss_output_0").steps() == [0, 1, 2]
    with pytest.raises(BadRequest) as err:
        Hook(out_dir=str(tmp_path / "other")).register_module("not a module")
    assert err.value.field == "module"


def test_a_writer_process_that_dies_is_logged_and_training_goes_on(tmp_path, data, caplog):
    hook = Hook(out_dir=str(tmp_path), save_config=SaveConfig(save_interval=1), include_collections=["weights"])
    torch.manual_seed(0)
    model = Net()
    hook.register_module(model)
    x, _ = data
    with caplog.at_level(logging.ERROR):
        for step in range(6):
            if step == 3:
                create_trial(str(tmp_path)).wait_for_steps([1], timeout=30)
                hook._writer._process.kill()
                hook._writer._process.wait()
            model(x).sum().backward()
        hook.close()
    assert "writer process ended" in caplog.text and "training goes on" in caplog.text
    assert hook.errors == 0
    trial = create_trial(str(tmp_path))
    assert trial.steps()[:2] == [0, 1] and trial.loaded_all_steps  # what was written stays readable; the end is marked


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device here: the GPU path runs where one is")
def test_a_gpu_models_tensors_are_reduced_on_the_gpu_and_read_back_equal(tmp_path, data):
    """A CUDA model: its reductions are computed on the device (reductions.launch), its full tensors copied off it
    once per save step; what the analysis API reads equals the model's own values."""
    hook = Hook(out_dir=str(tmp_path), save_config=SaveConfig(save_interval=2), include_collections=["all"])
    torch.manual_seed(0)
    model, loss_fn = Net().cuda(), nn.CrossEntropyLoss()
    hook.register_module(model)
    hook.register_loss(loss_fn)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    x, y = (t.cuda() for t in data)
    kept = {}
    for step in range(6):
        kept[step] = model.fc1.weight.detach().cpu().numpy().copy()
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()
        optimizer.step()
    hook.close()
    assert hook.errors == 0
    trial = create_trial(str(tmp_path))
    assert trial.steps() == [0, 2, 4]
    weight = trial.tensor("Net_fc1.weight")
    np.testing.assert_allclose(weight.value(4), kept[4], rtol=1e-6)
    assert weight.reduction_value(4, "mean") == pytest.approx(float(kept[4].mean()), rel=1e-5)
    assert weight.reduction_value(4, "l2") == pytest.approx(float(np.linalg.norm(kept[4])), rel=1e-5)
