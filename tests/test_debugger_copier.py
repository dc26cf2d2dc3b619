"""The PyTorch hook's weights and gradients over 64 KB are copied by the copier's thread (debugger/copier.py):
what the analysis API reads must still be the weights forward used and the gradients backward computed, when
the script changes both in place right after backward (gradient clipping, an optimizer with momentum, zeroing
the gradients in place) and when a step has no backward at all."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402

from jupyter_smstudio.debugger.copier import Copier  # noqa: E402
from jupyter_smstudio.smdebug.pytorch import Hook, SaveConfig  # noqa: E402
from jupyter_smstudio.smdebug.trials import create_trial  # noqa: E402


class Wide(nn.Module):
    """fc1's weight (128 KB) and gradient are most of a step's copies; the biases and fc2 are small."""

    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(64, 512)
        self.fc2 = nn.Linear(512, 3)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


def _data():
    generator = torch.Generator().manual_seed(1)
    return torch.randn(128, 64, generator=generator), torch.randint(0, 3, (128,), generator=generator)


def _every_step(tmp_path, collections):
    """A hook saving `collections` at every step of Wide, trained by SGD with momentum."""
    hook = Hook(out_dir=str(tmp_path), save_config=SaveConfig(save_interval=1), include_collections=collections)
    torch.manual_seed(0)
    model, loss_fn = Wide(), nn.CrossEntropyLoss()
    hook.register_module(model)
    return hook, model, loss_fn, torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)


def test_saved_gradients_are_backwards_before_the_script_clips_them_in_place(tmp_path):
    hook, model, loss_fn, optimizer = _every_step(tmp_path, ["weights", "biases", "gradients"])
    x, y = _data()
    kept = {}
    for step in range(12):
        weights = {f"Wide_{n}": p.detach().clone().numpy() for n, p in model.named_parameters()}
        optimizer.zero_grad(set_to_none=step % 2 == 0)  # every other step zeroes the gradients in place
        loss_fn(model(x), y).backward()
        grads = {f"gradient/Wide_{n}": p.grad.clone().numpy() for n, p in model.named_parameters()}
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1e-3)  # in place, right after backward
        optimizer.step()  # the weights in place
        kept[step] = {**weights, **grads}
    hook.close()
    assert hook.errors == 0 and hook._writer.failures == 0
    trial = create_trial(str(tmp_path))
    assert trial.steps() == list(range(12))
    for step, tensors in kept.items():
        for name, expected in tensors.items():
            np.testing.assert_array_equal(trial.tensor(name).value(step), expected, err_msg=f"{name} at {step}")


def test_saved_weights_alone_and_steps_without_backward_are_the_weights_forward_used(tmp_path):
    """No gradient is saved: the weights' copies are still waited for when backward has each gradient; an
    evaluation step (forward under no_grad, then the weights changed in place) copies them at once."""
    hook = Hook(out_dir=str(tmp_path), save_config=SaveConfig(save_interval=1), include_collections=["weights"])
    torch.manual_seed(0)
    model, loss_fn = Wide(), nn.CrossEntropyLoss()
    hook.register_module(model)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    x, y = _data()
    kept = {}
    for step in range(10):
        kept[step] = model.fc1.weight.detach().clone().numpy()
        if step % 3 == 2:  # an evaluation step: forward only, then the weights change with no backward seen
            model.eval()
            with torch.no_grad():
                model(x)
                model.fc1.weight.mul_(0.5)
            model.train()
            continue
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()
        optimizer.step()
    hook.close()
    assert hook.errors == 0
    trial = create_trial(str(tmp_path))
    assert trial.steps() == list(range(10))
    for step, expected in kept.items():
        np.testing.assert_array_equal(trial.tensor("Wide_fc1.weight").value(step), expected, err_msg=f"step {step}")


def test_the_copier_runs_jobs_in_order_waits_for_a_ticket_and_survives_a_failing_job(caplog):
    copier = Copier()
    done: list[int] = []

    def fail() -> None:
        raise RuntimeError("a failing job")

    target = np.zeros(4, dtype=np.float32)
    first = copier.copy([target], [torch.arange(4, dtype=torch.float32)])
    copier.then(fail)
    last = copier.then(lambda: done.append(len(done)))
    copier.wait(first)
    np.testing.assert_array_equal(target, [0, 1, 2, 3])
    copier.wait()
    assert done == [0] and last == 3
    assert copier.failures == 1 and "a failing job" in caplog.text
    copier.close()


def test_a_script_that_starts_clipping_later_loses_that_steps_gradients_not_their_values(tmp_path, caplog):
    """Once the first saved step has shown that the script leaves its gradients alone after backward, their
    copies are waited for when the next step starts (not at backward's end). A script that starts clipping in
    place later: that step's gradients are not saved (a warning names them; their copy may mix two values),
    and from the next step on they are copied before backward returns, as backward computed them."""
    hook, model, loss_fn, optimizer = _every_step(tmp_path, ["weights", "gradients"])
    x, y = _data()
    kept = {}
    clipped_from = 6
    for step in range(10):
        optimizer.zero_grad()  # set_to_none: the saved gradients are left alone
        loss_fn(model(x), y).backward()
        kept[step] = {f"gradient/Wide_{n}": p.grad.clone().numpy() for n, p in model.named_parameters()}
        if step >= clipped_from:
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1e-3)
        optimizer.step()
        if step == 2:
            assert hook._changes_gradients is False  # the first saved step showed it: copies waited for later
    hook.close()
    assert hook.errors == 0 and hook._writer.failures == 0
    assert hook._changes_gradients is True
    warning = next(r.getMessage() for r in caplog.records if "did not save" in r.getMessage())
    assert "gradient/Wide_fc1.weight" in warning and f"at step {clipped_from}:" in warning
    trial = create_trial(str(tmp_path))
    for name in kept[0]:
        saved = trial.tensor(name).steps()
        assert saved == [s for s in range(10) if s != clipped_from], name
        for step in saved:
            np.testing.assert_array_equal(trial.tensor(name).value(step), kept[step][name], err_msg=f"{name} at {step}")
