"""The Debugger's Keras hook (Keras 3, torch backend) on real tiny trainings: what it saves, at which
steps and in which mode, read back through the analysis API and compared with the model's own values."""

from __future__ import annotations

import json
import logging
import os

import numpy as np
import pytest

os.environ["KERAS_BACKEND"] = "torch"  # the gradients are read from torch's parameters
import keras  # noqa: E402  (the test extra installs it: a missing Keras fails here, it is not skipped)

assert keras.backend.backend() == "torch", keras.backend.backend()

from jupyter_smstudio.core.errors import BadRequest  # noqa: E402
from jupyter_smstudio.smdebug.core.modes import ModeKeys  # noqa: E402
from jupyter_smstudio.smdebug.exceptions import TensorUnavailableForStep  # noqa: E402
from jupyter_smstudio.smdebug.keras import KerasHook, SaveConfig, SaveConfigMode  # noqa: E402
from jupyter_smstudio.smdebug.trials import create_trial  # noqa: E402

KERNEL, BIAS = "net/dense/kernel", "net/dense/bias"


def _data(rows: int = 64) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.random((rows, 3)).astype("float32")
    return x, (x @ np.array([[1.0], [-2.0], [0.5]], dtype="float32") + 0.3)


def _linear_model() -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, name="dense")], name="net")
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
    return model


class Recorder(keras.callbacks.Callback):
    """The model's own values at each training batch: weights at its start, gradients at its end."""

    def __init__(self) -> None:
        super().__init__()
        self.weights: list[dict[str, np.ndarray]] = []
        self.grads: list[dict[str, np.ndarray]] = []

    def on_train_batch_begin(self, batch, logs=None):
        self.weights.append({v.path: np.array(v.numpy()) for v in self.model.variables})

    def on_train_batch_end(self, batch, logs=None):
        self.grads.append({f"gradient/{v.path}": v.value.grad.numpy().copy() for v in self.model.trainable_variables})


def test_weights_gradients_and_batch_losses_read_back_equal_the_models(tmp_path):
    x, y = _data()
    hook = KerasHook(
        str(tmp_path),
        save_config=SaveConfig(save_interval=2),
        include_collections=["weights", "biases", "gradients", "losses", "metrics"],
    )
    recorder, model = Recorder(), _linear_model()
    model.fit(x, y, batch_size=16, epochs=2, shuffle=False, callbacks=[recorder, hook], verbose=0)
    hook.close()
    trial = create_trial(str(tmp_path))
    assert trial.steps(mode=ModeKeys.TRAIN) == [0, 2, 4, 6]  # 4 batches a epoch, 2 epochs
    assert trial.tensor_names(collection="weights") == [KERNEL]
    assert trial.tensor_names(collection="biases") == [BIAS]
    assert trial.tensor_names(collection="gradients") == [f"gradient/{BIAS}", f"gradient/{KERNEL}"]
    for step in (0, 2, 4, 6):
        for name, expected in {**recorder.weights[step], **recorder.grads[step]}.items():
            np.testing.assert_allclose(trial.tensor(name).value(step, mode=ModeKeys.TRAIN), expected, rtol=1e-6)
        # the batch's own loss (not Keras' running mean): mse of that batch under the weights it started with
        w = recorder.weights[step]
        batch = slice(16 * (step % 4), 16 * (step % 4) + 16)
        expected_loss = np.mean((x[batch] @ w[KERNEL] + w[BIAS] - y[batch]) ** 2)
        assert float(trial.tensor("loss").value(step, mode=ModeKeys.TRAIN)) == pytest.approx(expected_loss, rel=1e-5)
    assert trial.tensor("mae").reduction_value(6, "mean", mode=ModeKeys.TRAIN) > 0  # a metric, as Keras logs it


def test_fit_validation_evaluate_and_predict_count_their_own_steps(tmp_path):
    x, y = _data()
    hook = KerasHook(
        str(tmp_path),
        save_config=SaveConfig(save_interval=3, mode_save_configs={ModeKeys.EVAL: SaveConfigMode(save_interval=1)}),
        include_collections=["weights", "losses"],
    )
    model = _linear_model()
    # per epoch 3 training batches (48 rows) and 1 validation batch (16 rows)
    model.fit(x[:48], y[:48], batch_size=16, epochs=2, validation_data=(x[48:], y[48:]), callbacks=[hook], verbose=0)
    evaluated = [
        model.evaluate(x[i : i + 32], y[i : i + 32], batch_size=32, verbose=0, callbacks=[hook]) for i in (0, 32)
    ]
    model.predict(x, batch_size=32, verbose=0, callbacks=[hook])
    hook.close()
    trial = create_trial(str(tmp_path))
    assert trial.steps(mode=ModeKeys.TRAIN) == [0, 3]
    assert trial.steps(mode=ModeKeys.EVAL) == [0, 1, 2, 3]  # two validation batches, two evaluate batches
    assert trial.steps(mode=ModeKeys.PREDICT) == [0]
    # global steps: train 0-2, eval 3, train 4-6, eval 7, evaluate 8 and 9, predict 10 and 11
    assert trial.steps() == [0, 3, 4, 7, 8, 9, 10]
    loss = trial.tensor("loss")
    assert [float(loss.value(s, mode=ModeKeys.EVAL)) for s in (2, 3)] == pytest.approx([e[0] for e in evaluated])
    assert trial.tensor(KERNEL).steps(mode=ModeKeys.PREDICT) == [0]
    with pytest.raises(TensorUnavailableForStep):
        trial.tensor("loss").value(0, mode=ModeKeys.PREDICT)  # predict has no loss


class ScalarSaver(keras.callbacks.Callback):
    def __init__(self, hook: KerasHook) -> None:
        super().__init__()
        self.hook = hook

    def on_train_batch_end(self, batch, logs=None):
        self.hook.save_scalar("learning_rate", float(self.model.optimizer.learning_rate))
        self.hook.save_tensor("first_row", self.model.predict_on_batch(_data(1)[0]), "predictions")


def test_from_sagemakers_json_scalars_custom_tensors_and_reductions_only(tmp_path, monkeypatch):
    config = {
        "LocalPath": str(tmp_path / "tensors"),
        "HookParameters": {"save_interval": "2"},
        "CollectionConfigurations": [
            {"CollectionName": "weights", "CollectionParameters": {"reductions": "mean,max"}},
            {"CollectionName": "losses", "CollectionParameters": {"save_interval": "1"}},
            {"CollectionName": "scalars"},
        ],
    }
    (tmp_path / "hook.json").write_text(json.dumps(config))
    monkeypatch.setenv("SMDEBUG_CONFIG_FILE_PATH", str(tmp_path / "hook.json"))
    hook = KerasHook.create_from_json_file()
    x, y = _data(48)
    # the saver is listed after the hook: a step stays open until the next one starts
    _linear_model().fit(x, y, batch_size=16, epochs=1, callbacks=[hook, ScalarSaver(hook)], verbose=0)
    hook.close()
    trial = create_trial(str(tmp_path / "tensors"))
    assert trial.tensor("loss").steps() == [0, 1, 2]
    assert trial.tensor(KERNEL).steps() == [0, 2]
    assert trial.tensor("learning_rate").reduction_value(2, "mean") == pytest.approx(0.1)
    assert trial.tensor("first_row").value(0).shape == (1, 1)
    assert trial.tensor_names(collection="gradients") == []  # not configured: not saved
    with pytest.raises(TensorUnavailableForStep):
        trial.tensor(KERNEL).value(2)  # reductions asked for: only the reductions
    assert trial.tensor(KERNEL).reduction_value(2, "max") >= trial.tensor(KERNEL).reduction_value(2, "mean")
    assert {"weights", "losses", "scalars"} <= set(trial.collections())


def test_layer_outputs_and_a_regex_collection(tmp_path):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((3,)), keras.layers.Dense(4, activation="relu", name="hidden"), keras.layers.Dense(1, name="out")]
    )
    model.compile(optimizer="sgd", loss="mse")
    hook = KerasHook(
        str(tmp_path), save_config=SaveConfig(save_interval=2), include_collections=["outputs", "hidden_inputs"]
    )
    hook.get_collection("hidden_inputs").include([r"^hidden_input_"])  # a collection of the script's own
    x, y = _data(48)
    model.fit(x, y, batch_size=16, epochs=1, shuffle=False, callbacks=[hook], verbose=0)
    hook.close()
    trial = create_trial(str(tmp_path))
    assert trial.tensor_names(collection="outputs") == ["hidden_output_0", "out_output_0"]
    assert trial.tensor_names(collection="hidden_inputs") == ["hidden_input_0"]
    hidden = trial.tensor("hidden_output_0")
    assert hidden.steps() == [0, 2] and hidden.value(2).shape == (16, 4)
    assert hidden.reduction_value(0, "min") >= 0  # after the relu
    np.testing.assert_allclose(trial.tensor("hidden_input_0").value(2), x[32:48])


def test_a_nan_loss_is_said_once_and_training_goes_on(tmp_path, caplog):
    x, y = _data()
    y[20] = np.nan  # the second batch's loss is NaN, and the weights after it
    hook = KerasHook(str(tmp_path), save_config=SaveConfig(save_interval=1), include_collections=["losses"])
    with caplog.at_level(logging.WARNING):
        _linear_model().fit(x, y, batch_size=16, epochs=1, shuffle=False, callbacks=[hook], verbose=0)
    hook.close()
    assert caplog.text.count("the loss is nan") == 1 and "training goes on" in caplog.text
    trial = create_trial(str(tmp_path))
    assert trial.steps() == [0, 1, 2, 3]
    assert trial.tensor("loss").reduction_value(1, "nan_count") == 1
    assert hook.errors == 0


def test_bad_hook_arguments_name_the_field(tmp_path):
    with pytest.raises(BadRequest) as err:
        KerasHook(out_dir=None)
    assert err.value.field == "out_dir"
    with pytest.raises(BadRequest) as err:
        KerasHook(str(tmp_path), include_workers="some")
    assert err.value.field == "include_workers"
    with pytest.raises(BadRequest) as err:
        KerasHook(str(tmp_path), include_regex=["(unclosed"])
    assert err.value.field == "include_regex"
    with pytest.raises(BadRequest) as err:
        KerasHook.create_from_json_file(str(tmp_path / "missing.json"))
    assert err.value.field == "path"


def test_a_dry_run_writes_nothing(tmp_path):
    hook = KerasHook(str(tmp_path / "tensors"), dry_run=True, include_collections=["weights"])
    x, y = _data(32)
    _linear_model().fit(x, y, batch_size=16, epochs=1, callbacks=[hook], verbose=0)
    hook.close()
    assert hook.step == 1 and not (tmp_path / "tensors").exists()
