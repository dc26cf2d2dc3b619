"""The TensorBoard export: steps a hook saves, read back from the event files with TensorBoard's own
reader (EventAccumulator): the losses as scalars, the weights as histograms, per mode."""

from __future__ import annotations

import json
import logging
import sys

import numpy as np
import pytest

pytest.importorskip("tensorboard")
torch = pytest.importorskip("torch")
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator  # noqa: E402
from torch import nn  # noqa: E402

from jupyter_smstudio.debugger.modes import ModeKeys  # noqa: E402
from jupyter_smstudio.debugger.store import StepRecord, StepWriter, numpy_record  # noqa: E402
from jupyter_smstudio.smdebug.pytorch import Hook  # noqa: E402
from jupyter_smstudio.smdebug.trials import create_trial  # noqa: E402

LOSS = "MSELoss_output_0"


def _events(folder) -> EventAccumulator:
    events = EventAccumulator(str(folder), size_guidance={"scalars": 0, "histograms": 0})
    events.Reload()
    return events


def test_a_hook_config_with_export_tensorboard_writes_scalars_and_histograms(tmp_path):
    config = {
        "LocalPath": str(tmp_path / "tensors"),
        "HookParameters": {
            "save_interval": "2",
            "export_tensorboard": "true",
            "tensorboard_dir": str(tmp_path / "tensorboard"),
        },
        "CollectionConfigurations": [{"CollectionName": "weights"}, {"CollectionName": "losses"}],
    }
    (tmp_path / "hook.json").write_text(json.dumps(config))
    hook = Hook.create_from_json_file(str(tmp_path / "hook.json"))
    torch.manual_seed(0)
    model, loss_fn = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1)), nn.MSELoss()
    hook.register_module(model)
    hook.register_loss(loss_fn)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = torch.randn(32, 4), torch.randn(32, 1)
    for _ in range(7):
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        for _ in range(3):
            loss_fn(model(x), y)
    hook.close()
    assert hook.errors == 0 and hook._writer.failures == 0

    trial = create_trial(str(tmp_path / "tensors"))
    train = _events(tmp_path / "tensorboard" / "train")
    assert LOSS in train.Tags()["scalars"] and "Sequential_0.weight" in train.Tags()["histograms"]
    losses = {e.step: e.value for e in train.Scalars(LOSS)}
    assert sorted(losses) == [0, 2, 4, 6]  # the global steps the hook saved
    for step, value in losses.items():
        assert value == pytest.approx(float(trial.tensor(LOSS).value(step)), rel=1e-6)
    histograms = {e.step: e.histogram_value for e in train.Histograms("Sequential_0.weight")}
    assert sorted(histograms) == [0, 2, 4, 6]
    weight = trial.tensor("Sequential_0.weight").value(4)
    h = histograms[4]
    assert h.num == weight.size == sum(h.bucket)
    assert h.min == pytest.approx(weight.min()) and h.max == pytest.approx(weight.max())
    assert h.bucket_limit[-1] == pytest.approx(weight.max())
    assert h.sum_squares == pytest.approx(float(np.square(weight.astype(np.float64)).sum()), rel=1e-5)
    # evaluation is a run of its own, on the same (global) step axis
    evaluation = _events(tmp_path / "tensorboard" / "eval")
    assert [e.step for e in evaluation.Scalars(LOSS)] == [7, 9]  # eval steps 0 and 2, global 7 and 9


def test_the_thread_writer_exports_too_and_nan_is_left_out_of_the_histogram(tmp_path):
    writer = StepWriter(str(tmp_path / "tensors"), "worker_0", tensorboard_dir=str(tmp_path / "board"))
    for step in range(3):
        record = StepRecord(step, ModeKeys.TRAIN, step)
        values = np.array([1.0, 2.0, np.nan, 4.0]) * (step + 1)
        record.tensors["act"] = numpy_record("act", values, ["outputs"], save_raw=False)
        record.tensors["lr"] = numpy_record("lr", np.asarray(0.1 * step), ["scalars"], save_histogram=False)
        writer.submit(record)
    writer.close()
    board = _events(tmp_path / "board" / "train")
    assert [round(e.value, 6) for e in board.Scalars("lr")] == [0.0, 0.1, 0.2]
    h = board.Histograms("act")[2].histogram_value
    assert h.num == 3 and h.max == 12.0 and h.min == 3.0


def test_without_tensorboard_the_export_logs_once_and_steps_are_saved(tmp_path, monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "tensorboard.summary.writer.event_file_writer", None)  # as if not installed
    with caplog.at_level(logging.WARNING):
        writer = StepWriter(str(tmp_path / "tensors"), "worker_0", tensorboard_dir=str(tmp_path / "board"))
        for step in range(2):
            record = StepRecord(step, ModeKeys.TRAIN, step)
            record.tensors["lr"] = numpy_record("lr", np.asarray(0.5), ["scalars"])
            writer.submit(record)
        writer.close()
    assert caplog.text.count("pip install tensorboard") == 1
    assert writer.failures == 0
    assert create_trial(str(tmp_path / "tensors")).steps() == [0, 1]
    assert not (tmp_path / "board").exists()
