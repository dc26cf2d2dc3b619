"""The Debugger's tensor store and analysis API, without torch: numpy steps written by `StepWriter`
(in this process and in another one that is still writing), read back through `create_trial`;
SageMaker's debug hook config parsed, and refused with the field named when wrong."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from jupyter_smstudio.core.errors import BadRequest
from jupyter_smstudio.debugger.hook_config import parse_hook_config
from jupyter_smstudio.debugger.modes import ModeKeys
from jupyter_smstudio.debugger.reductions import finish, launch, launch_numpy
from jupyter_smstudio.debugger.store import StepRecord, StepWriter, numpy_record
from jupyter_smstudio.smdebug.exceptions import (
    NoMoreData,
    StepNotYetAvailable,
    StepUnavailable,
    TensorUnavailable,
    TensorUnavailableForStep,
)
from jupyter_smstudio.smdebug.trials import create_trial

REPO = Path(__file__).resolve().parents[1]


def _weights(step: int) -> np.ndarray:
    return np.arange(12, dtype=np.float32).reshape(3, 4) * (step + 1) - 5


def _write_steps(url: str, steps: list[int], mode: ModeKeys = ModeKeys.TRAIN) -> None:
    writer = StepWriter(url, "worker_0")
    writer.write_collections({"worker": "worker_0", "collections": []})
    for step in steps:
        record = StepRecord(step, mode, step)
        record.tensors["w"] = numpy_record("w", _weights(step), ["weights"])
        # losses keep reductions only (no full tensor, no histogram)
        loss = np.asarray(1.0 / (step + 1))
        record.tensors["loss"] = numpy_record("loss", loss, ["losses"], save_raw=False, save_histogram=False)
        # activations keep a histogram without the full tensor
        record.tensors["act"] = numpy_record("act", _weights(step) ** 2, ["outputs"], save_raw=False)
        writer.submit(record)
    writer.close()


def test_steps_values_and_reductions_read_back(tmp_path):
    _write_steps(str(tmp_path), [0, 3, 6, 9])
    trial = create_trial(str(tmp_path))
    assert trial.steps() == [0, 3, 6, 9]
    assert trial.steps(mode=ModeKeys.TRAIN) == [0, 3, 6, 9]
    assert trial.steps(mode=ModeKeys.EVAL) == []
    assert trial.tensor_names() == ["act", "loss", "w"]
    assert trial.tensor_names(collection="losses") == ["loss"]
    assert trial.tensor_names(regex="^w$") == ["w"]
    assert trial.loaded_all_steps
    w = trial.tensor("w")
    for step in (9, 0, 6):  # random order: each step is its own file
        np.testing.assert_array_equal(w.value(step), _weights(step))
        expected = _weights(step).astype(np.float64)
        assert w.reduction_value(step, "mean") == pytest.approx(expected.mean())
        assert w.reduction_value(step, "std") == pytest.approx(expected.std())
        assert w.reduction_value(step, "l2") == pytest.approx(np.linalg.norm(expected))
        assert w.reduction_value(step, "min", abs=True) == pytest.approx(np.abs(expected).min())
        assert w.reduction_value(step, "zero_fraction") == pytest.approx(np.mean(expected == 0))
        counts, edges = w.histogram(step)
        np.testing.assert_array_equal(counts, np.histogram(expected, bins=len(counts))[0])
        np.testing.assert_allclose(edges, np.histogram(expected, bins=len(counts))[1])
    counts, edges = trial.tensor("act").histogram(6)
    np.testing.assert_array_equal(counts, np.histogram(_weights(6) ** 2, bins=len(counts))[0])
    with pytest.raises(TensorUnavailableForStep):
        trial.tensor("act").value(6)
    loss = trial.tensor("loss")
    assert loss.reduction_value(3, "max") == pytest.approx(0.25)
    with pytest.raises(TensorUnavailableForStep) as only_reductions:
        loss.value(3)
    assert only_reductions.value.has_reductions
    assert set(trial.collections()) == {"weights", "losses", "outputs"}


def test_missing_steps_and_tensors_raise_smdebugs_errors(tmp_path):
    _write_steps(str(tmp_path), [0, 5])
    trial = create_trial(str(tmp_path))
    with pytest.raises(StepUnavailable):
        trial.tensor("w").value(3)  # the job went past step 3 without saving it
    with pytest.raises(StepUnavailable):
        trial.tensor("w").value(0, mode=ModeKeys.EVAL)
    with pytest.raises(TensorUnavailable):
        trial.tensor("nothing")
    with pytest.raises(ValueError, match="reduction_name"):
        trial.tensor("w").reduction_value(0, "median")
    with pytest.raises(NoMoreData):
        trial.wait_for_steps([7])
    trial.wait_for_steps([0, 3, 5])  # 3 was passed: waiting is over for it too


def test_a_running_job_is_read_step_by_step(tmp_path):
    _write_steps(str(tmp_path), [0, 2])
    (tmp_path / "training_job_end.ts").unlink()  # as if the job still ran
    trial = create_trial(str(tmp_path))
    assert not trial.loaded_all_steps
    with pytest.raises(StepNotYetAvailable):
        trial.tensor("w").value(4)
    with pytest.raises(StepNotYetAvailable):
        trial.wait_for_steps([4], timeout=0.3)


def test_nan_and_inf_are_counted_not_fatal():
    values = np.array([1.0, np.nan, np.inf, -np.inf, 0.0])
    reduced = finish(launch_numpy(values), values.size)
    assert reduced["nan_count"] == 1 and reduced["inf_count"] == 2 and reduced["zero_fraction"] == 0.2
    empty = finish(launch_numpy(np.zeros(0)), 0)
    assert math.isnan(empty["mean"])


def test_reductions_over_many_blocks_equal_numpys_in_float64():
    """A tensor larger than a block (64K values) is reduced block by block: the blocks' sums, centered squares
    and counts must combine to what numpy computes over the whole in float64, with the mean far from zero
    (where squares that are not centered cancel), NaN and infinities in one block, and zeros in another."""
    generator = np.random.default_rng(3)
    x = (1000.0 + 0.01 * generator.standard_normal(200_003)).astype(np.float32)
    x[70_000:70_010] = np.nan
    x[70_010:70_013] = np.inf
    x[150_000:150_100] = 0.0
    reduced = finish(launch_numpy(x), x.size)
    finite = x[np.isfinite(x)].astype(np.float64)
    assert reduced["nan_count"] == 10 and reduced["inf_count"] == 3 and reduced["zero_fraction"] == 100 / x.size
    expected = {"min": 0.0, "max": finite.max(), "mean": finite.mean(), "std": finite.std(), "abs_min": 0.0}
    expected.update(l1=np.abs(finite).sum(), l2=np.linalg.norm(finite), sum=finite.sum())
    for name, value in expected.items():
        assert reduced[name] == pytest.approx(value, rel=1e-6), name


def test_float32_sums_that_overflow_are_summed_in_float64():
    x = np.full(100_000, 3e38, dtype=np.float32)  # each value finite; their float32 sum is not
    x[::2] *= -1
    reduced = finish(launch_numpy(x), x.size)
    assert reduced["inf_count"] == 0 and reduced["mean"] == pytest.approx(0.0, abs=1e30)
    assert reduced["std"] == pytest.approx(3e38, rel=1e-6) and reduced["l1"] == pytest.approx(3e43, rel=1e-6)


def test_torch_reductions_equal_numpys():
    torch = pytest.importorskip("torch")
    t = torch.randn(50, 7, generator=torch.Generator().manual_seed(1))
    t[0, :3] = 0
    got = finish(launch(t), t.numel())
    x = t.numpy().astype(np.float64)
    expected = {
        "min": x.min(),
        "max": x.max(),
        "mean": x.mean(),
        "std": x.std(),
        "variance": x.var(),
        "sum": x.sum(),
        "l1": np.abs(x).sum(),
        "l2": np.linalg.norm(x),
        "zero_fraction": np.mean(x == 0),
        "abs_mean": np.abs(x).mean(),
        "abs_std": np.abs(x).std(),
        "abs_max": np.abs(x).max(),
    }
    for name, value in expected.items():
        assert got[name] == pytest.approx(value, rel=1e-5, abs=1e-6), name


WRITER = textwrap.dedent(
    """
    import sys, time
    import numpy as np
    from jupyter_smstudio.debugger.modes import ModeKeys
    from jupyter_smstudio.debugger.store import StepRecord, StepWriter, numpy_record

    url, release = sys.argv[1], sys.argv[2]
    writer = StepWriter(url, "worker_0")
    writer.write_collections({"worker": "worker_0", "collections": []})
    import os
    for step in range(40):
        if step == 10:
            while not os.path.exists(release):  # the test looks at the first 10 steps meanwhile
                time.sleep(0.02)
        record = StepRecord(step, ModeKeys.TRAIN, step)
        # 2 MB per step: large enough that a reader would catch a half-written file if there were one
        record.tensors["big"] = numpy_record("big", np.full(500_000, step, dtype=np.float32), ["weights"])
        writer.submit(record)
        time.sleep(0.01)
    writer.close()
    """
)


def test_a_reader_sees_whole_steps_while_another_process_writes(tmp_path):
    url = str(tmp_path / "tensors")
    release = tmp_path / "release"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    writer = subprocess.Popen([sys.executable, "-c", WRITER, url, str(release)], env=env)
    try:
        trial = create_trial(url)
        trial.wait_for_steps([9], timeout=30)
        assert writer.poll() is None, "the writer still runs"
        assert trial.steps() == list(range(10))
        assert not trial.loaded_all_steps
        assert trial.tensor("big").value(7)[0] == 7
        release.touch()
        seen: set[int] = set()
        deadline = time.monotonic() + 40
        while not trial.loaded_all_steps and time.monotonic() < deadline:
            for step in trial.steps():
                if step not in seen:  # every listed step is whole: all its 500 000 values are there
                    value = trial.tensor("big").value(step)
                    assert value.shape == (500_000,) and float(value.min()) == float(value.max()) == step
                    seen.add(step)
            time.sleep(0.02)
        assert trial.steps() == list(range(40))
        assert writer.wait(timeout=30) == 0
    finally:
        writer.kill()


@pytest.mark.services
def test_steps_on_s3(fresh_s3_config, monkeypatch):
    import fsspec

    s3 = fresh_s3_config
    monkeypatch.setitem(
        fsspec.config.conf,
        "s3",
        {
            "key": s3["key"],
            "secret": s3["secret"],
            "client_kwargs": {"endpoint_url": s3["endpoint_url"], "region_name": "us-east-1"},
            "skip_instance_cache": True,
        },
    )
    url = f"s3://{s3['bucket']}/job/debug-output"
    _write_steps(url, [0, 4, 8])
    trial = create_trial(url)
    assert trial.steps() == [0, 4, 8] and trial.loaded_all_steps
    np.testing.assert_array_equal(trial.tensor("w").value(4), _weights(4))
    assert trial.tensor("loss").reduction_value(8, "min") == pytest.approx(1 / 9)


# -- SageMaker's debug hook config ---------------------------------------------------------------
SAGEMAKER_CONFIG = {
    "LocalPath": "/opt/ml/output/tensors",
    "S3OutputPath": "s3://bucket/job/debug-output",
    "HookParameters": {"save_interval": "50", "eval.save_interval": "5", "reductions": "max,mean"},
    "CollectionConfigurations": [
        {"CollectionName": "weights", "CollectionParameters": {"save_interval": "10", "save_raw_tensor": "true"}},
        {"CollectionName": "losses"},
        {"CollectionName": "relu_outputs", "CollectionParameters": {"include_regex": "relu.*_output_0,act"}},
    ],
}


def test_sagemaker_config_is_read():
    config = parse_hook_config(SAGEMAKER_CONFIG)
    assert config.out_dir == "/opt/ml/output/tensors"
    assert config.save_config.should_save(ModeKeys.TRAIN, 100) and not config.save_config.should_save(
        ModeKeys.TRAIN, 10
    )
    assert config.save_config.should_save(ModeKeys.EVAL, 10)
    weights, losses, relu = config.collections
    assert weights.save_config is not None and weights.save_config.should_save(ModeKeys.TRAIN, 10)
    assert weights.save_config.should_save(ModeKeys.EVAL, 5)  # the hook's eval interval still holds
    assert weights.save_raw_tensor and weights.reductions == ("max", "mean")
    assert losses.save_config is None and not losses.save_raw_tensor  # reductions asked for: only them
    assert relu.include_regex == ("relu.*_output_0", "act") and relu.has_tensor("relu1_output_0")
    # what a collection has is remembered per name, and forgotten when it includes more
    assert not relu.has_tensor("fc1_output_0")
    relu.include([r"^fc\d_output"])
    assert relu.has_tensor("fc1_output_0") and relu.has_tensor("relu1_output_0")
    relu.add_tensor_name("fc1.weight")
    assert relu.has_tensor("fc1.weight")


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda c: c["HookParameters"].update(save_interval="ten"), "HookParameters.save_interval"),
        (lambda c: c["HookParameters"].update(save_interval="0"), "HookParameters.save_config.save_interval"),
        (lambda c: c["HookParameters"].update(save_intreval="10"), "HookParameters.save_intreval"),
        (lambda c: c["HookParameters"].update(reductions="median"), "HookParameters.reductions"),
        (lambda c: c["HookParameters"].update(include_regex="(unclosed"), "HookParameters.include_regex"),
        (
            lambda c: c["CollectionConfigurations"][0]["CollectionParameters"].update(save_histogram="maybe"),
            "CollectionConfigurations[0].CollectionParameters.save_histogram",
        ),
        (
            lambda c: c["CollectionConfigurations"][1].pop("CollectionName"),
            "CollectionConfigurations[1].CollectionName",
        ),
        (lambda c: c["CollectionConfigurations"].append({"CollectionName": "losses"}), "CollectionConfigurations"),
        (lambda c: (c.pop("LocalPath"), c.pop("S3OutputPath")), "LocalPath"),
    ],
)
def test_bad_config_names_the_field(change, field):
    config = json.loads(json.dumps(SAGEMAKER_CONFIG))
    change(config)
    with pytest.raises(BadRequest) as err:
        parse_hook_config(config)
    assert err.value.field == field, err.value.message
    assert field in err.value.message


# -- the writer process and its ring in shared memory ---------------------------------------------
def test_the_writer_process_reads_steps_through_a_ring_that_wraps_around(tmp_path):
    from jupyter_smstudio.debugger.store import TensorRecord
    from jupyter_smstudio.debugger.writer_process import ProcessStepWriter

    # 64 KiB of ring, 20 KiB a step: it wraps around every few steps, and waits for the writer
    writer = ProcessStepWriter(str(tmp_path), "worker_0", ring_bytes=64 << 10)
    writer.write_collections({"worker": "worker_0", "collections": []})
    for step in range(30):
        record = StepRecord(step, ModeKeys.TRAIN, step)
        place = writer.reserve((5000,), np.float32)
        assert place is not None
        place[:] = np.arange(5000, dtype=np.float32) + step  # what the hook's copy does
        record.tensors["w"] = TensorRecord("w", ["weights"], None, place.size, place.shape, "float32", place, True)
        # larger than half the ring: no place there, the hook copies it apart and it goes down the pipe
        assert writer.reserve((40_000,), np.float32) is None
        big = np.full(40_000, step, dtype=np.float64)
        record.tensors["big"] = numpy_record("big", big, ["weights"], save_histogram=False)
        writer.submit(record)
    writer.close()
    assert writer.failures == 0
    trial = create_trial(str(tmp_path))
    assert trial.steps() == list(range(30)) and trial.loaded_all_steps
    for step in (0, 7, 29):
        np.testing.assert_array_equal(trial.tensor("w").value(step), np.arange(5000, dtype=np.float32) + step)
        assert trial.tensor("big").reduction_value(step, "max") == step
    assert not os.path.exists(writer._ring_path)  # gone once both processes had it mapped
