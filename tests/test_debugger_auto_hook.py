"""Zero script change: plain PyTorch, Keras and XGBoost scripts run as a training job runs them (the
job's sitecustomize on PYTHONPATH, its /opt/ml mapped onto a folder, SMDEBUG_CONFIG_FILE_PATH naming
the hook config) are hooked as SageMaker's framework containers hook them; the tensors are read back
with the analysis API. The scripts start together (each is a fresh Python that imports its framework)
and each test waits for its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("torch")

from jupyter_smstudio.smdebug.core.modes import ModeKeys  # noqa: E402
from jupyter_smstudio.smdebug.trials import create_trial  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHIM = REPO / "jupyter_smstudio" / "training" / "_shim"

TORCH_SCRIPT = """
import json
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(16, 4), torch.randn(16, 1)
losses = []
for step in range(6):
    model.train()
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
model.eval()
with torch.no_grad():
    eval_loss = loss_fn(model(x), y).item()
with open("/opt/ml/model/model.pt", "wb") as file:  # Python's open: mapped by the shim
    torch.save(model.state_dict(), file)
print(json.dumps({"losses": losses, "eval_loss": eval_loss}))
"""

BAD_TORCH_SCRIPT = """
import torch
from torch import nn

torch.manual_seed(0)
scale = nn.Identity()  # no parameters: not a model
frozen = nn.Linear(4, 4).requires_grad_(False)  # a frozen part: not the model either
shared = nn.Linear(4, 4)
model = nn.Sequential(shared, nn.Tanh(), shared, nn.Linear(4, 1))  # the same module twice
critic = nn.Linear(1, 1)  # a second network
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(16, 4), torch.randn(16, 1)
for step in range(6):
    optimizer.zero_grad()
    out = model(frozen(scale(x)))
    if step == 3:
        out = out * float("nan")
    loss = loss_fn(out, y)
    critic(out.detach())
    loss.backward()
    optimizer.step()
print("trained", step + 1, "steps")
"""

LOSS_ONLY_SCRIPT = """
import torch
from torch import nn

model = nn.Sequential(nn.ReLU())  # a model with no parameters at all
loss_fn = nn.L1Loss()
x, y = torch.randn(8, 3), torch.randn(8, 3)
for step in range(4):
    loss_fn(model(x), y)
print("done")
"""

OWN_HOOK_SCRIPT = """
import sys
import torch
from torch import nn
import jupyter_smstudio.smdebug.pytorch as smd

model = nn.Sequential(nn.Linear(4, 1))
loss_fn = nn.MSELoss()
hook = smd.Hook(out_dir=sys.argv[1], save_config=smd.SaveConfig(save_interval=5), include_collections=["losses"])
hook.register_module(model)
hook.register_loss(loss_fn)
x, y = torch.randn(8, 4), torch.randn(8, 1)
for step in range(11):
    loss_fn(model(x), y).backward()
print("done")
"""

KERAS_SCRIPT = """
import numpy as np
import keras

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
x = np.random.rand(64, 4).astype("float32")
y = x.sum(1, keepdims=True)
model.fit(x[:48], y[:48], batch_size=16, epochs=2, validation_data=(x[48:], y[48:]), verbose=0)
model.evaluate(x, y, batch_size=32, verbose=0)
print("done")
"""

XGBOOST_SCRIPT = """
import numpy as np
import xgboost as xgb

rng = np.random.default_rng(0)
x = rng.random((300, 4))
y = (x[:, 0] + x[:, 1] > 1).astype(float)
train, validation = xgb.DMatrix(x[:200], label=y[:200]), xgb.DMatrix(x[200:], label=y[200:])
params = {"objective": "binary:logistic", "max_depth": 3, "eta": 0.3}
xgb.train(params, train, 5, evals=[(train, "train"), (validation, "validation")], verbose_eval=False)
xgb.XGBClassifier(n_estimators=4, max_depth=2).fit(x, y, eval_set=[(x, y)], verbose=False)
# then a hook of the script's own: that training is not hooked twice
import sys
from jupyter_smstudio.smdebug.xgboost import Hook

xgb.train(params, train, 3, evals=[(validation, "validation")], callbacks=[Hook(sys.argv[1])], verbose_eval=False)
print("done")
"""

LAZY_SCRIPT = """
import sys
watched = ("jupyter_smstudio.debugger.auto_hook", "torch", "keras", "xgboost", "numpy")
print(sorted(m for m in watched if m in sys.modules))
"""

TYPO_SCRIPT = """
import numpy as np
import xgboost as xgb

booster = xgb.train({"max_depth": 2}, xgb.DMatrix(np.eye(4), label=np.arange(4)), 3)
print("trained", booster.num_boosted_rounds(), "rounds")
"""

TORCH_COLLECTIONS = [{"CollectionName": "weights"}, {"CollectionName": "gradients"}, {"CollectionName": "losses"}]


@dataclass
class Job:
    root: Path
    process: subprocess.Popen[str]

    def finish(self) -> tuple[str, str]:
        out, err = self.process.communicate(timeout=120)
        assert self.process.returncode == 0, err
        return out, err

    def trial(self):
        return create_trial(str(self.root / "output" / "tensors"))


def _start(tmp: Path, name: str, script: str, hook_config: dict, *args: str, **env: str) -> Job:
    """Runs a script as a training job would: /opt/ml is the job's folder, the hook config in its place."""
    root = tmp / name
    for folder in ("input/config", "model", "output", "code"):
        (root / folder).mkdir(parents=True)
    config = {"LocalPath": "/opt/ml/output/tensors", **hook_config}
    (root / "input" / "config" / "debughookconfig.json").write_text(json.dumps(config))
    (root / "code" / "train.py").write_text(script)
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SHIM), str(REPO)]),
        "SMSTUDIO_OPT_ML": str(root),
        "SMDEBUG_CONFIG_FILE_PATH": "/opt/ml/input/config/debughookconfig.json",
        "KERAS_BACKEND": "torch",
        "OMP_NUM_THREADS": "1",
        **env,
    }
    command = [sys.executable, str(root / "code" / "train.py"), *args]
    return Job(
        root, subprocess.Popen(command, env=environment, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    )


@pytest.fixture(scope="module")
def jobs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("jobs")
    every_2 = {"HookParameters": {"save_interval": "2"}, "CollectionConfigurations": TORCH_COLLECTIONS}
    every_step = {"HookParameters": {"save_interval": "1"}, "CollectionConfigurations": TORCH_COLLECTIONS}
    # the writer process is the PyTorch and Keras jobs' (the default); the others write from a thread,
    # which spares this machine's two cores a Python start per job
    thread = {"SMSTUDIO_DEBUGGER_WRITER": "thread"}
    started = {
        "torch": _start(tmp, "torch", TORCH_SCRIPT, every_2),
        "bad": _start(tmp, "bad", BAD_TORCH_SCRIPT, every_step, **thread),
        "loss_only": _start(tmp, "loss_only", LOSS_ONLY_SCRIPT, every_step, **thread),
        "own_hook": _start(tmp, "own_hook", OWN_HOOK_SCRIPT, every_step, str(tmp / "own_tensors"), **thread),
        "off": _start(tmp, "off", LAZY_SCRIPT, every_2, SMSTUDIO_DEBUGGER_AUTO_HOOK="0"),
        "typo": _start(tmp, "typo", TYPO_SCRIPT, {"HookParameters": {"save_intreval": "2"}}, **thread),
        "lazy": _start(tmp, "lazy", LAZY_SCRIPT, every_2),
        "keras": _start(
            tmp,
            "keras",
            KERAS_SCRIPT,
            {"HookParameters": {"save_interval": "2"}, "CollectionConfigurations": TORCH_COLLECTIONS},
        ),
        "xgboost": _start(
            tmp,
            "xgboost",
            XGBOOST_SCRIPT,
            {
                "HookParameters": {"save_interval": "2"},
                "CollectionConfigurations": [{"CollectionName": "metrics"}, {"CollectionName": "hyperparameters"}],
            },
            str(tmp / "own_xgboost_tensors"),
            **thread,
        ),
    }
    yield started
    for job in started.values():
        if job.process.poll() is None:
            job.process.kill()
            job.process.wait()


def test_a_plain_pytorch_script_is_hooked_from_its_first_step(jobs):
    out, _ = jobs["torch"].finish()
    printed = json.loads(out)
    assert (jobs["torch"].root / "model" / "model.pt").is_file()  # the shim's /opt/ml mapping still works
    trial = jobs["torch"].trial()
    assert trial.loaded_all_steps
    assert trial.steps(mode=ModeKeys.TRAIN) == [0, 2, 4]
    assert trial.steps(mode=ModeKeys.EVAL) == [0]  # model.eval(): the EVAL mode
    loss = trial.tensor("MSELoss_output_0")
    for step in (0, 2, 4):
        assert float(loss.value(step, mode=ModeKeys.TRAIN)) == pytest.approx(printed["losses"][step], rel=1e-6)
    assert float(loss.value(0, mode=ModeKeys.EVAL)) == pytest.approx(printed["eval_loss"], rel=1e-6)
    assert trial.tensor_names(collection="gradients") == [
        "gradient/Sequential_0.bias",
        "gradient/Sequential_0.weight",
        "gradient/Sequential_2.bias",
        "gradient/Sequential_2.weight",
    ]
    assert trial.tensor("Sequential_0.weight").value(0, mode=ModeKeys.TRAIN).shape == (8, 4)


def test_no_parameters_a_shared_module_and_a_nan_loss_are_said_and_a_second_network_saved(jobs):
    out, err = jobs["bad"].finish()
    assert "trained 6 steps" in out
    assert "skips Identity: it has no parameters" in err
    assert "does not hook Linear: none of its parameters is trained" in err
    assert "Sequential_0 once" in err and "Sequential_2" in err  # the shared module: saved once, said why
    assert "does not save Linear" not in err  # the second network is saved too, beside the model
    assert "the loss MSELoss is nan at step 3" in err
    assert "Traceback" not in err
    trial = jobs["bad"].trial()
    assert trial.steps() == [0, 1, 2, 3, 4, 5]  # training went on after the NaN
    assert trial.tensor("MSELoss_output_0").reduction_value(3, "nan_count") == 1
    weights = trial.tensor_names(collection="weights")
    assert weights == ["Linear_weight", "Sequential_0.weight", "Sequential_3.weight"]  # the shared Linear once
    assert "gradient/Linear_weight" not in trial.tensor_names()  # nothing flows back to the critic: no gradient
    critic = trial.tensor("Linear_weight")
    assert critic.steps() == [0, 1, 2, 3, 4, 5] and critic.value(5).shape == (1, 1)


def test_a_model_without_parameters_counts_steps_on_its_loss(jobs):
    _, err = jobs["loss_only"].finish()
    assert "skips Sequential: it has no parameters" in err
    trial = jobs["loss_only"].trial()
    assert trial.steps() == [0, 1, 2, 3]
    assert trial.tensor_names() == ["L1Loss_output_0"]


def test_a_script_with_its_own_hook_is_not_hooked_twice(jobs, tmp_path_factory):
    jobs["own_hook"].finish()
    assert not (jobs["own_hook"].root / "output" / "tensors").exists()  # the automatic hook stood aside
    own = create_trial(str(jobs["own_hook"].root.parent / "own_tensors"))
    assert own.steps() == [0, 5, 10]
    assert own.tensor_names() == ["MSELoss_output_0"]


def test_turned_off_or_misconfigured_the_script_runs_unhooked(jobs):
    out, _ = jobs["off"].finish()
    assert out.strip() == "[]"  # SMSTUDIO_DEBUGGER_AUTO_HOOK=0: not even installed
    out, err = jobs["typo"].finish()
    assert "save_intreval" in err and "automatic xgboost hook is off" in err
    assert "trained 3 rounds" in out
    assert not (jobs["typo"].root / "output" / "tensors").exists()


def test_installing_imports_no_framework(jobs):
    out, _ = jobs["lazy"].finish()
    # installed, and torch, keras, xgboost (and numpy) are left for the script to import
    assert out.strip() == "['jupyter_smstudio.debugger.auto_hook']"


def test_a_plain_keras_fit_and_evaluate_are_hooked_once(jobs):
    out, err = jobs["keras"].finish()
    assert "done" in out
    trial = jobs["keras"].trial()
    assert trial.loaded_all_steps
    assert trial.steps(mode=ModeKeys.TRAIN) == [0, 2, 4]  # 3 batches a epoch, 2 epochs
    assert trial.steps(mode=ModeKeys.EVAL) == [0, 2]  # 2 validation batches, then evaluate's 2
    names = trial.tensor_names()
    assert "loss" in names and "gradient/sequential/dense/kernel" in names
    assert not [n for n in names if n.startswith(("Sequential_", "gradient/Sequential_"))]  # not as torch modules


def test_a_plain_xgboost_train_and_its_scikit_learn_api_are_hooked(jobs):
    jobs["xgboost"].finish()
    trial = jobs["xgboost"].trial()
    # 5 rounds, then 4 more: one hook, its steps go on; the 3 rounds with the script's own hook are not here
    assert trial.steps() == [0, 2, 4, 6, 8]
    assert set(trial.tensor_names(collection="metrics")) == {
        "train-logloss",
        "validation-logloss",
        "validation_0-logloss",
    }
    assert float(trial.tensor("hyperparameters/max_depth").value(0)) == 3
    assert trial.tensor("validation_0-logloss").steps() == [6, 8]
    own = create_trial(str(jobs["xgboost"].root.parent / "own_xgboost_tensors"))
    assert own.steps() == [0] and own.tensor_names() == ["validation-logloss"]  # the script's hook alone
