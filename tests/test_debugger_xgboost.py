"""The Debugger's XGBoost hook on real tiny boosting runs: metrics, feature importance, trees, labels and
predictions, hyperparameters and SHAP values, read back through the analysis API and compared with
the booster's own."""

from __future__ import annotations

import json
import logging

import numpy as np
import pytest

xgboost = pytest.importorskip("xgboost")

from jupyter_smstudio.core.errors import BadRequest  # noqa: E402
from jupyter_smstudio.smdebug.trials import create_trial  # noqa: E402
from jupyter_smstudio.smdebug.xgboost import Hook, SaveConfig  # noqa: E402

FEATURES = ["size", "age", "noise", "rooms"]
COLLECTIONS = ("metrics", "feature_importance", "trees", "labels", "predictions", "hyperparameters")
COLLECTIONS += ("average_shap", "full_shap")
PARAMS = {"objective": "binary:logistic", "max_depth": 3, "eta": 0.3, "eval_metric": ["logloss", "error"]}


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    x = rng.random((300, 4))
    y = (x[:, 0] + 0.5 * x[:, 1] > 0.8).astype(float)
    train = xgboost.DMatrix(x[:200], label=y[:200], feature_names=FEATURES)
    validation = xgboost.DMatrix(x[200:], label=y[200:], feature_names=FEATURES)
    return train, validation


def test_every_collection_reads_back_equal_to_the_boosters(tmp_path, data):
    train, validation = data
    hook = Hook(
        str(tmp_path),
        save_config=SaveConfig(save_interval=3),
        hyperparameters=PARAMS,
        train_data=train,
        validation_data=validation,
        include_collections=[*COLLECTIONS],
    )
    log: dict = {}
    booster = xgboost.train(
        PARAMS, train, 7, evals=[(train, "train"), (validation, "validation")], evals_result=log, callbacks=[hook]
    )
    hook.close()
    trial = create_trial(str(tmp_path))
    assert trial.steps() == [0, 3, 6]  # boosting rounds; round 6 is the last: the final booster's values
    metrics = trial.tensor_names(collection="metrics")
    assert metrics == ["train-error", "train-logloss", "validation-error", "validation-logloss"]
    for step in (0, 3, 6):
        got = float(trial.tensor("validation-logloss").value(step))
        assert got == pytest.approx(log["validation"]["logloss"][step])
    for kind in ("weight", "gain", "cover", "total_gain", "total_cover"):
        for feature, score in booster.get_score(importance_type=kind).items():
            got = float(trial.tensor(f"feature_importance/{kind}/{feature}").value(6))
            assert got == pytest.approx(score, rel=1e-6)
    frame = booster.trees_to_dataframe()
    for column in ("Tree", "Node", "Split", "Gain", "Cover"):
        np.testing.assert_allclose(trial.tensor(f"trees/{column}").value(6), frame[column].to_numpy(dtype=float))
    depth = trial.tensor("trees/Depth").value(6)
    assert depth.shape == (len(frame),) and depth.max() <= 3 and (depth[frame["Node"] == 0] == 0).all()
    assert (depth[frame["Feature"] != "Leaf"] < 3).all()  # max_depth=3: splits sit above depth 3
    # labels and predictions are the validation data's
    np.testing.assert_array_equal(trial.tensor("labels").value(6), validation.get_label())
    np.testing.assert_allclose(trial.tensor("predictions").value(6), booster.predict(validation), rtol=1e-6)
    assert float(trial.tensor("hyperparameters/max_depth").value(0)) == 3
    assert trial.tensor_names(collection="hyperparameters") == ["hyperparameters/eta", "hyperparameters/max_depth"]
    # SHAP: the contributions of a row add up to its margin; so do their averages over the rows
    average = sum(float(trial.tensor(f"average_shap/{f}").value(6)) for f in [*FEATURES, "bias"])
    assert average == pytest.approx(float(np.mean(booster.predict(train, output_margin=True))), rel=1e-4)
    assert trial.tensor("full_shap/size").value(6).shape == (200,)


def test_defaults_save_the_metrics_every_10_rounds(tmp_path, data):
    train, validation = data
    hook = Hook(str(tmp_path))
    xgboost.train(PARAMS, train, 25, evals=[(validation, "validation")], callbacks=[hook])
    hook.close()
    trial = create_trial(str(tmp_path))
    assert trial.steps() == [0, 10, 20]
    assert trial.tensor_names() == ["validation-error", "validation-logloss"]


class Saver(xgboost.callback.TrainingCallback):
    def __init__(self, hook: Hook) -> None:
        super().__init__()
        self.hook = hook

    def after_iteration(self, model, epoch, evals_log):
        self.hook.save_scalar("trees_so_far", model.num_boosted_rounds())
        return False


def test_from_sagemakers_json_with_the_scikit_learn_api_and_a_callback_after_the_hook(tmp_path, data, monkeypatch):
    config = {
        "LocalPath": str(tmp_path / "tensors"),
        "HookParameters": {"save_interval": "2"},
        "CollectionConfigurations": [
            {"CollectionName": "metrics"},
            {"CollectionName": "feature_importance", "CollectionParameters": {"save_interval": "4"}},
            {"CollectionName": "scalars"},
        ],
    }
    (tmp_path / "hook.json").write_text(json.dumps(config))
    monkeypatch.setenv("SMDEBUG_CONFIG_FILE_PATH", str(tmp_path / "hook.json"))
    hook = Hook.create_from_json_file()
    train, _ = data
    x, y = train.get_data().toarray(), train.get_label()
    # scikit-learn's API copies its callbacks: the hook stays itself
    model = xgboost.XGBClassifier(n_estimators=5, max_depth=2, callbacks=[hook, Saver(hook)])
    model.fit(x, y, eval_set=[(x, y)], verbose=False)
    hook.close()
    trial = create_trial(str(tmp_path / "tensors"))
    assert trial.steps() == [0, 2, 4]
    assert trial.tensor("validation_0-logloss").steps() == [0, 2, 4]
    assert trial.tensor("feature_importance/weight/f0").steps() == [0, 4]
    assert [float(trial.tensor("trees_so_far").value(s)) for s in (0, 2, 4)] == [1, 3, 5]


def _nan_metric(predt, dmatrix):
    return "always_nan", float("nan")


def test_a_linear_booster_and_a_nan_metric_are_said_and_training_goes_on(tmp_path, data, caplog):
    train, _ = data
    hook = Hook(str(tmp_path), save_config=SaveConfig(save_interval=1), save_all=True, train_data=train)
    params = {"booster": "gblinear", "objective": "binary:logistic"}
    with caplog.at_level(logging.WARNING):
        booster = xgboost.train(params, train, 3, evals=[(train, "train")], custom_metric=_nan_metric, callbacks=[hook])
    hook.close()
    assert booster.num_boosted_rounds() == 3 and hook.errors == 0
    assert "saves no trees" in caplog.text
    assert caplog.text.count("train-always_nan is nan") == 1
    trial = create_trial(str(tmp_path))
    assert trial.steps() == [0, 1, 2]
    assert trial.tensor("train-always_nan").reduction_value(2, "nan_count") == 1
    assert trial.tensor_names(regex="^trees/") == []
    assert trial.tensor("feature_importance/weight/size").value(2).shape == ()  # a linear booster's weights


def test_bad_hook_arguments_name_the_field(tmp_path):
    with pytest.raises(BadRequest) as err:
        Hook(out_dir="")
    assert err.value.field == "out_dir"
    with pytest.raises(BadRequest) as err:
        Hook(str(tmp_path), hyperparameters=["max_depth", 3])
    assert err.value.field == "hyperparameters"
    with pytest.raises(BadRequest) as err:
        Hook(str(tmp_path), train_data="train.csv")
    assert err.value.field == "train_data"
    with pytest.raises(BadRequest) as err:
        Hook(str(tmp_path), save_config=SaveConfig(save_interval=0))
    assert err.value.field == "save_config.save_interval"
    # a (features, labels) pair is data too
    pair = Hook(str(tmp_path), validation_data=(np.zeros((4, 2)), np.zeros(4)), dry_run=True)
    assert pair.validation_data.num_row() == 4
