"""The PyTorch hook only counts the steps no collection saves (it plans them ahead at each full step start):
whatever the script does between saves - switching modes, changing a save config, including a collection -
every step the schedule names is saved, and no other."""

from __future__ import annotations

import random

import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402

from jupyter_smstudio.smdebug.core.modes import ModeKeys  # noqa: E402
from jupyter_smstudio.smdebug.pytorch import Hook, SaveConfig, SaveConfigMode  # noqa: E402
from jupyter_smstudio.smdebug.trials import create_trial  # noqa: E402

LOSS = "CrossEntropyLoss_output_0"
WEIGHT = "Linear_weight"
MODES = (ModeKeys.TRAIN, ModeKeys.EVAL, ModeKeys.PREDICT)


def _model(hook):
    torch.manual_seed(0)
    model, loss_fn = nn.Linear(4, 3), nn.CrossEntropyLoss()
    hook.register_module(model)
    hook.register_loss(loss_fn)
    return model, loss_fn, (torch.randn(8, 4), torch.randint(0, 3, (8,)))


def _step(model, loss_fn, batch):
    loss_fn(model(batch[0]), batch[1])


def _saved(path, name):
    trial = create_trial(str(path))
    return {mode: trial.tensor(name).steps(mode=mode) for mode in MODES} if name in trial.tensor_names() else {}


@pytest.mark.parametrize("seed", range(6))
def test_mode_switches_and_schedules_save_exactly_the_steps_they_name(tmp_path, seed):
    rng = random.Random(seed)
    interval = rng.randint(2, 9)
    eval_config = SaveConfigMode(save_interval=rng.randint(1, 5), start_step=rng.randint(0, 6))
    save_config = SaveConfig(
        save_interval=interval, start_step=rng.randint(0, 5), end_step=rng.choice([None, 70]),
        mode_save_configs={ModeKeys.EVAL: eval_config, ModeKeys.PREDICT: SaveConfigMode(save_steps=(1, 4, 11))},
    )  # fmt: skip
    hook = Hook(out_dir=str(tmp_path), save_config=save_config, include_collections=["losses", "weights"])
    hook.get_collection("weights").save_config = SaveConfig(save_interval=interval * 2 + 1)
    model, loss_fn, batch = _model(hook)
    counted = dict.fromkeys(MODES, -1)
    for _ in range(25):  # runs of a few steps in one mode, set by model.train()/eval() or by set_mode
        if rng.random() < 0.3:
            mode = ModeKeys.PREDICT
            hook.set_mode(mode)
        else:
            mode = rng.choice([ModeKeys.TRAIN, ModeKeys.EVAL])
            if hook._mode_set or rng.random() < 0.3:
                hook.set_mode(mode)
            model.train(mode == ModeKeys.TRAIN)
        for _ in range(rng.randint(1, 12)):
            counted[mode] += 1
            _step(model, loss_fn, batch)
    hook.close()

    def expected(config):
        return {m: [s for s in range(counted[m] + 1) if config.should_save(m, s)] for m in MODES}

    assert _saved(tmp_path, LOSS) == expected(save_config)
    assert _saved(tmp_path, WEIGHT) == expected(hook.get_collection("weights").save_config)
    assert hook.step == sum(counted.values()) + len(MODES) - 1  # the steps of all modes, from 0
    assert {m: hook.mode_steps[m] for m in MODES} == counted


def test_a_change_between_saves_takes_effect_at_the_next_step(tmp_path):
    hook = Hook(out_dir=str(tmp_path), save_config=SaveConfig(save_interval=100), include_collections=["losses"])
    model, loss_fn, batch = _model(hook)
    for step in range(40):
        if step == 5:  # a collection's own save config
            hook.get_collection("losses").save_config = SaveConfig(save_interval=7)
        if step == 16:  # the hook's, for a collection that has none of its own
            hook.get_collection("losses").save_config = None
        if step == 17:
            hook.save_config = SaveConfig(save_interval=3)
        if step in (22, 23):  # a collection included mid-step by a script's own tensor, saved every step
            if step == 22:
                hook.get_collection("custom").save_config = SaveConfig(save_interval=1)
            _step(model, loss_fn, batch)
            hook.save_tensor("mine", torch.ones(2), "custom")
            continue
        if step == 30:
            hook.save_config = SaveConfig(save_steps=[31, 38])
        _step(model, loss_fn, batch)
    hook.close()
    losses = _saved(tmp_path, LOSS)[ModeKeys.TRAIN]
    assert losses == [0, 7, 14, 18, 21, 24, 27, 31, 38]
    assert _saved(tmp_path, "mine")[ModeKeys.TRAIN] == [22, 23]
    assert hook.step == 39


def test_a_dry_run_counts_its_steps_and_writes_nothing(tmp_path):
    hook = Hook(out_dir=str(tmp_path / "out"), dry_run=True, save_config=SaveConfig(save_interval=1))
    model, loss_fn, batch = _model(hook)
    for _ in range(5):
        _step(model, loss_fn, batch)
    model.eval()
    _step(model, loss_fn, batch)
    hook.close()
    assert hook.step == 5 and hook._mode_step() == 0 and hook.mode == ModeKeys.EVAL
    assert not (tmp_path / "out").exists()


def test_a_copy_of_a_hooked_model_is_not_hooked_and_the_original_goes_on(tmp_path):
    """copy.deepcopy(model) (an EMA model, the best one so far) and torch.save(model) crashed a hooked script:
    they copied the hook's writer with the module's hooks."""
    import copy
    import io

    hook = Hook(out_dir=str(tmp_path), save_config=SaveConfig(save_interval=2), include_collections=["losses"])
    model, loss_fn, batch = _model(hook)
    for _ in range(3):
        _step(model, loss_fn, batch)
    snapshot = copy.deepcopy(model)
    saved = io.BytesIO()
    torch.save(model, saved)
    saved.seek(0)
    loaded = torch.load(saved, weights_only=False)
    for copied in (snapshot, loaded):
        for _ in range(2):  # none of their forwards is a step of the original's hook
            assert torch.equal(copied(batch[0]), model(batch[0]))
        assert not copied._forward_pre_hooks  # taken off at the first call
    for _ in range(2):
        _step(model, loss_fn, batch)
    hook.close()
    assert hook.step == 3 + 4 + 2 - 1 and hook.errors == 0  # the original's own forwards above count
    assert _saved(tmp_path, LOSS)[ModeKeys.TRAIN] == [0, 2, 8]
