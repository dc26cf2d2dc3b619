"""The Debugger tab's views over a real hook's output: a tiny PyTorch training in TRAIN and EVAL modes, a
NaN tensor, and the answers the tab plots (tensor list, statistics over steps, histograms, losses, the
gradient heatmap), through the operation table as the server and the SDK call them."""

from __future__ import annotations

import asyncio
import math
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402

from jupyter_smstudio.core.auth import Viewer  # noqa: E402
from jupyter_smstudio.core.errors import BadRequest, NotFound  # noqa: E402
from jupyter_smstudio.debugger.modes import ModeKeys, SaveConfig  # noqa: E402
from jupyter_smstudio.debugger.pytorch_hook import Hook  # noqa: E402
from jupyter_smstudio.debugger.trial import Trial, create_trial  # noqa: E402
from jupyter_smstudio.debugger.view_operations import VIEW_OPERATIONS  # noqa: E402
from jupyter_smstudio.debugger.views import TensorViews, natural_key, runs  # noqa: E402

pytestmark = pytest.mark.timeout(80)
JOB = "tiny-job"
LOSS = "CrossEntropyLoss_output_0"
TRAIN_STEPS, EVAL_EVERY = 40, 10
ALICE = Viewer(user="alice")


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(6, 12)
        self.relu1 = nn.ReLU()
        self.fc2 = nn.Linear(12, 3)

    def forward(self, x):
        return self.fc2(self.relu1(self.fc1(x)))


class Views(TensorViews):
    """The room's service as far as the views go: alice's job has the folder the hook wrote."""

    def __init__(self, folder: str):
        self.folder = folder

    def trial_of(self, viewer: Viewer, training_job_name: str) -> Trial:
        if viewer.user != "alice" or training_job_name != JOB:
            raise NotFound(f"training job '{training_job_name}' does not exist", field="training_job_name")
        return create_trial(self.folder)


class SharedViews(Views):
    """As the room's service does it: the trial kept open between requests."""

    opened = 0

    def trial_of(self, viewer: Viewer, training_job_name: str) -> Trial:
        super().trial_of(viewer, training_job_name)  # the viewer's check

        def open_trial() -> Trial:
            self.opened += 1
            return create_trial(self.folder)

        return self.shared_trial((viewer.user, training_job_name, self.folder), open_trial)


@pytest.fixture(scope="module")
def views(tmp_path_factory) -> Views:
    """40 TRAIN steps saving everything at every step (full values and histograms every 5 steps), one
    EVAL step every 10, and a script's own tensor that turns NaN at step 20."""
    folder = tmp_path_factory.mktemp("tensors")
    hook = Hook(
        out_dir=str(folder),
        save_config=SaveConfig(save_interval=1),
        include_collections=["weights", "biases", "gradients", "losses"],
    )
    for name in ("weights", "gradients"):
        hook.get_collection(name).save_config = SaveConfig(save_interval=1)
    torch.manual_seed(0)
    model, loss_fn = Net(), nn.CrossEntropyLoss()
    hook.register_module(model)
    hook.register_loss(loss_fn)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = torch.randn(32, 6), torch.randint(0, 3, (32,))
    for step in range(TRAIN_STEPS):
        model.train()
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        hook.save_tensor("activity", np.full(4, math.nan if step >= 20 else float(step)), "custom")
        optimizer.step()
        if step % EVAL_EVERY == EVAL_EVERY - 1:
            model.eval()
            with torch.no_grad():
                loss_fn(model(x), y)
    hook.close()
    return Views(str(folder))


def call(views: Views, operation: str, viewer: Viewer = ALICE, **text: str):
    """An operation as the server runs it: the query's text parsed, then the service method."""
    op = next(o for o in VIEW_OPERATIONS if o.name == operation)
    values = {"training_job_name": text.pop("training_job_name", JOB)}
    values.update({q.name: q.parse(text.pop(q.name, None)) for q in op.query})
    assert not text, f"unknown parameters {text}"
    return op.invoke(views, viewer, values)


def test_tensor_list_names_collections_steps_and_summaries(views):
    answer = call(views, "list_debugger_tensors")
    names = [t.TensorName for t in answer.Tensors]
    assert names == sorted(names, key=natural_key)
    assert set(names) == {
        "activity",
        LOSS,
        "Net_fc1.weight",
        "Net_fc1.bias",
        "Net_fc2.weight",
        "Net_fc2.bias",
        "gradient/Net_fc1.weight",
        "gradient/Net_fc1.bias",
        "gradient/Net_fc2.weight",
        "gradient/Net_fc2.bias",
    }
    collections = {c.CollectionName: c.TensorCount for c in answer.Collections}
    assert collections["gradients"] == 4 and collections["losses"] == 1 and collections["custom"] == 1
    modes = {m.Mode: m for m in answer.Modes}
    assert modes["TRAIN"].StepCount == TRAIN_STEPS and modes["EVAL"].StepCount == TRAIN_STEPS // EVAL_EVERY
    assert answer.TrainingEnded and answer.Warning is None

    loss = next(t for t in answer.Tensors if t.TensorName == LOSS)
    assert {m.Mode: m.StepCount for m in loss.Modes} == {"TRAIN": TRAIN_STEPS, "EVAL": 4}
    assert loss.StepCount == TRAIN_STEPS + 4 and loss.Latest["mean"] is not None

    activity = next(t for t in answer.Tensors if t.TensorName == "activity")
    assert activity.NonFiniteStepCount == 20  # steps 20..39 of TRAIN held NaN
    assert activity.Latest["nan_count"] == 4 and activity.Latest["mean"] is None  # NaN is null, counted
    weight = next(t for t in answer.Tensors if t.TensorName == "Net_fc1.weight")
    assert weight.Shape == [12, 6] and weight.DType == "float32" and weight.ValueSteps


def test_tensor_filters_warn_when_nothing_matches_and_refuse_a_bad_regex(views):
    gradients = call(views, "list_debugger_tensors", collection="gradients", regex="fc2")
    assert [t.TensorName for t in gradients.Tensors] == ["gradient/Net_fc2.bias", "gradient/Net_fc2.weight"]
    assert len(gradients.Collections) >= 5  # the picker still lists every collection

    nothing = call(views, "list_debugger_tensors", regex="^conv")
    assert nothing.Tensors == [] and "matches none of the 10 tensors" in (nothing.Warning or "")
    unknown = call(views, "list_debugger_tensors", collection="activations")
    assert unknown.Tensors == [] and "'activations'" in (unknown.Warning or "")

    with pytest.raises(BadRequest) as bad:
        call(views, "list_debugger_tensors", regex="fc[")
    assert bad.value.field == "regex"


def test_statistics_over_steps_follow_the_saved_reductions(views):
    stats = call(views, "describe_tensor_statistics", tensor_name=LOSS)
    assert stats.StepCount == TRAIN_STEPS + 4 and not stats.Downsampled
    assert stats.Steps == sorted(stats.Steps) and len(stats.Steps) == len(stats.Values["mean"])
    assert stats.Modes.count("EVAL") == 4
    trial = views.trial_of(ALICE, JOB)
    tensor = trial.tensor(LOSS)
    for i in (0, 7, len(stats.Steps) - 1):
        assert stats.Values["mean"][i] == pytest.approx(tensor.reduction_value(stats.Steps[i], "mean"))

    train_only = call(views, "describe_tensor_statistics", tensor_name=LOSS, mode="train", reductions="min,l2")
    assert set(train_only.Values) == {"min", "l2"} and train_only.ModeSteps == list(range(TRAIN_STEPS))


def test_long_series_are_thinned_keeping_spikes(views):
    stats = call(views, "describe_tensor_statistics", tensor_name="gradient/Net_fc1.weight", max_points="10")
    assert stats.Downsampled and len(stats.Steps) == 10 and stats.StepCount == TRAIN_STEPS
    full = call(views, "describe_tensor_statistics", tensor_name="gradient/Net_fc1.weight")
    assert max(stats.Values["max"]) == max(full.Values["max"])  # the run's maximum, not a sampled value
    assert min(stats.Values["min"]) == min(full.Values["min"])
    assert stats.Steps[-1] == full.Steps[-1]  # the last step is always a point
    assert [len(r) for r in runs(2500, 2000)].count(2) == 500


def test_histogram_saved_or_binned_from_the_value(views):
    latest = call(views, "describe_tensor_histogram", tensor_name="Net_fc1.weight")
    assert sum(latest.Counts) == 72 and len(latest.Edges) == len(latest.Counts) + 1
    trial = views.trial_of(ALICE, JOB)
    value = trial.tensor("Net_fc1.weight").value(latest.Step)
    assert latest.Edges[0] == pytest.approx(float(value.min())) and latest.Edges[-1] == pytest.approx(value.max())

    at_eval = call(views, "describe_tensor_histogram", tensor_name=LOSS, step="1", mode="EVAL")
    assert at_eval.Mode == "EVAL" and at_eval.ModeStep == 1 and sum(at_eval.Counts) == 1

    nan = call(views, "describe_tensor_histogram", tensor_name="activity")
    assert nan.NanCount == 4 and nan.Counts == []  # only NaN: nothing to bin, counted


def test_missing_tensor_and_step_name_their_field(views):
    with pytest.raises(NotFound) as missing:
        call(views, "describe_tensor_statistics", tensor_name="Net_conv9.weight")
    assert missing.value.field == "tensor_name"
    with pytest.raises(NotFound) as step:
        call(views, "describe_tensor_histogram", tensor_name=LOSS, step="9999")
    assert step.value.field == "step"
    with pytest.raises(BadRequest) as text:
        call(views, "describe_tensor_histogram", tensor_name=LOSS, step="ten")
    assert text.value.field == "step"
    with pytest.raises(BadRequest) as mode:
        call(views, "describe_tensor_statistics", tensor_name=LOSS, mode="testing")
    assert mode.value.field == "mode"
    with pytest.raises(BadRequest) as reduction:
        call(views, "describe_tensor_statistics", tensor_name=LOSS, reductions="mean,median")
    assert reduction.value.field == "reductions"
    with pytest.raises(BadRequest) as points:
        call(views, "describe_debugger_losses", max_points="1")
    assert points.value.field == "max_points"
    with pytest.raises(BadRequest):
        call(views, "describe_tensor_statistics")  # tensor_name is required


def test_another_user_sees_no_tensors(views):
    with pytest.raises(NotFound):
        call(views, "list_debugger_tensors", viewer=Viewer(user="bob"))


def test_losses_train_versus_validation(views):
    losses = call(views, "describe_debugger_losses")
    by_mode = {s.Mode: s for s in losses.Series}
    assert set(by_mode) == {"TRAIN", "EVAL"}
    assert len(by_mode["TRAIN"].Values) == TRAIN_STEPS and len(by_mode["EVAL"].Values) == 4
    assert by_mode["TRAIN"].Values[-1] < by_mode["TRAIN"].Values[0]  # it learns
    assert by_mode["EVAL"].ModeSteps == [0, 1, 2, 3]


def test_gradient_heatmap_layers_by_steps(views):
    heat = call(views, "describe_gradient_heatmap")
    assert heat.Reduction == "l2"
    assert heat.TensorNames == [
        "gradient/Net_fc1.bias",
        "gradient/Net_fc1.weight",
        "gradient/Net_fc2.bias",
        "gradient/Net_fc2.weight",
    ]
    assert len(heat.Steps) == TRAIN_STEPS  # gradients exist only in TRAIN steps (no backward in EVAL)
    assert all(len(row) == len(heat.Steps) for row in heat.Values)
    trial = views.trial_of(ALICE, JOB)
    expected = trial.tensor("gradient/Net_fc2.weight").reduction_value(heat.Steps[3], "l2")
    assert heat.Values[3][3] == pytest.approx(expected)

    thin = call(views, "describe_gradient_heatmap", reduction="abs_mean", regex="weight", max_steps="10")
    assert thin.Downsampled and len(thin.Steps) == 10 and len(thin.TensorNames) == 2
    none = call(views, "describe_gradient_heatmap", regex="conv")
    assert none.TensorNames == [] and "matches none" in (none.Warning or "")
    with pytest.raises(BadRequest) as bad:
        call(views, "describe_gradient_heatmap", reduction="median")
    assert bad.value.field == "reduction"


def test_a_running_job_shows_new_steps(tmp_path):
    """The views read the index as the hook writes it: a later question sees later steps."""
    hook = Hook(out_dir=str(tmp_path), save_config=SaveConfig(save_interval=1))
    views = SharedViews(str(tmp_path))
    loss_fn = nn.MSELoss()
    hook.register_loss(loss_fn)
    for _ in range(3):
        loss_fn(torch.ones(2), torch.zeros(2))
    hook._flush()  # hands the third step to the writer thread now, not at the next step
    deadline = time.monotonic() + 20
    while not (first := call(views, "list_debugger_tensors")).Tensors or first.Tensors[0].StepCount < 3:
        assert time.monotonic() < deadline, "the written steps never showed"
        time.sleep(0.05)
    assert not first.TrainingEnded
    for _ in range(3):
        loss_fn(torch.ones(2), torch.zeros(2))
    hook.close()
    later = call(views, "list_debugger_tensors")
    assert later.TrainingEnded and later.Tensors[0].StepCount == 6
    assert views.opened == 1  # every question after the first read only the new steps of the open trial
    assert call(views, "describe_tensor_statistics", tensor_name=later.Tensors[0].TensorName).StepCount == 6
    assert create_trial(str(tmp_path)).steps(mode=ModeKeys.TRAIN) == list(range(6))


# -- the routes on a real Jupyter server: a training job hooked with no script change, two users ----------------

MULTIUSER = True  # alice, bob and an admin (tests/conftest.py); only the test below starts a server
ALICE_TOKEN, BOB_TOKEN = "alice-token", "bob-token"
SCRIPTS = Path(__file__).parent / "debugger_scripts"


async def test_the_routes_answer_a_hooked_training_job_to_its_owner_only(api, jp_root_dir):
    (jp_root_dir / "src").mkdir()
    shutil.copy(SCRIPTS / "regression.py", jp_root_dir / "src" / "regression.py")
    losses = {"CollectionName": "losses", "CollectionParameters": {"save_interval": "1"}}
    gradients = {"CollectionName": "gradients", "CollectionParameters": {"save_interval": "2"}}
    body = {
        "job_name": "hooked",
        "entry_point": "regression.py",
        "source_dir": "src",
        "framework": "pytorch",
        "hyperparameters": {"steps": "20"},
        "debug_hook_config": {"S3OutputPath": "tensors", "CollectionConfigurations": [losses, gradients]},
    }
    code, answer = await api("POST", "training-jobs", body, token=ALICE_TOKEN)
    assert code == 201, answer
    job = "debugger/training-jobs/hooked"
    deadline = time.monotonic() + 60
    while True:
        code, rules = await api("GET", f"{job}/rules", token=ALICE_TOKEN)
        assert code == 200, rules
        if rules["TrainingJobStatus"] not in ("InProgress", "Stopping"):
            break
        assert time.monotonic() < deadline, rules
        await asyncio.sleep(0.3)
    assert rules["TrainingJobStatus"] == "Completed", rules

    code, tensors = await api("GET", f"{job}/tensors", params={"collection": "gradients"}, token=ALICE_TOKEN)
    assert code == 200, tensors
    names = [t["TensorName"] for t in tensors["Tensors"]]
    assert names and all(n.startswith("gradient/") for n in names)
    # a slash in the tensor's name travels in the query
    code, stats = await api("GET", f"{job}/tensor-statistics", params={"tensor_name": names[0]}, token=ALICE_TOKEN)
    assert code == 200 and stats["StepCount"] == 10, stats
    code, histogram = await api("GET", f"{job}/tensor-histogram", params={"tensor_name": names[0]}, token=ALICE_TOKEN)
    assert code == 200 and sum(histogram["Counts"]) > 0, histogram
    code, losses_answer = await api("GET", f"{job}/losses", token=ALICE_TOKEN)
    assert code == 200 and [s["Mode"] for s in losses_answer["Series"]] == ["TRAIN"], losses_answer
    code, heat = await api("GET", f"{job}/gradients", token=ALICE_TOKEN)
    assert code == 200 and len(heat["TensorNames"]) == len(names) and len(heat["Steps"]) == 10, heat

    code, bad = await api("GET", f"{job}/tensors", params={"regex": "fc["}, token=ALICE_TOKEN)
    assert code == 400 and bad["field"] == "regex", bad
    code, missing = await api("GET", f"{job}/tensor-statistics", params={"tensor_name": "nope"}, token=ALICE_TOKEN)
    assert code == 404 and missing["field"] == "tensor_name", missing
    code, step = await api(
        "GET", f"{job}/tensor-histogram", params={"tensor_name": names[0], "step": "x"}, token=ALICE_TOKEN
    )
    assert code == 400 and step["field"] == "step", step
    for route in ("tensors", "losses", "gradients", "rules"):
        code, _ = await api("GET", f"{job}/{route}", token=BOB_TOKEN)
        assert code == 404, route  # bob's view: alice's job does not exist
        code, _ = await api("GET", f"{job}/{route}")
        assert code in (401, 403), route  # no identity, no answer
