"""The Debugger's built-in rules on real PyTorch trainings (CPU, one thread, tiny nets) built to trigger
each rule family, and a healthy training where every applicable rule finds nothing. The trainings write
through the real PyTorch hook; the rules read through the analysis API, as a rule job does."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402

from jupyter_smstudio.debugger.rules import evaluate, load_rule  # noqa: E402
from jupyter_smstudio.smdebug.pytorch import Hook, SaveConfig  # noqa: E402
from jupyter_smstudio.smdebug.trials import create_trial  # noqa: E402

RELU_IO = "relu[0-9]*_(input|output)_0"


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


class Net(nn.Module):
    """Two ReLU layers: their inputs and outputs are what the activation rules read."""

    def __init__(self, width: int = 16) -> None:
        super().__init__()
        self.fc1, self.relu1 = nn.Linear(6, width), nn.ReLU()
        self.fc2, self.relu2 = nn.Linear(width, width), nn.ReLU()
        self.fc3 = nn.Linear(width, 3)

    def forward(self, x):
        return self.fc3(self.relu2(self.fc2(self.relu1(self.fc1(x)))))


def _data(n: int = 64, seed: int = 0):
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 6, generator=generator)
    return x, (x[:, :3] @ torch.tensor([[1.0, -1.0, 0.5], [0.5, 1.0, -1.0], [-1.0, 0.5, 1.0]])).argmax(dim=1)


def _train(path, model, steps, lr=0.1, data=None, validation=None, eval_every=0, optimizer="sgd"):
    """Trains `model` on full batches of `data`, saving weights, gradients, losses and the ReLUs' inputs and
    outputs at every step; with `validation`, an evaluation step every `eval_every` training steps."""
    hook = Hook(
        out_dir=str(path),
        save_config=SaveConfig(save_interval=1),
        include_collections=["weights", "biases", "gradients", "losses"],
        include_regex=[RELU_IO],
    )
    loss_fn = nn.CrossEntropyLoss()
    hook.register_module(model)
    hook.register_loss(loss_fn)
    x, y = data if data is not None else _data()
    make = torch.optim.Adam if optimizer == "adam" else torch.optim.SGD
    opt = make(model.parameters(), lr=lr)
    for step in range(steps):
        model.train()
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
        if validation is not None and eval_every and (step + 1) % eval_every == 0:
            model.eval()
            with torch.no_grad():
                loss_fn(model(validation[0]), validation[1])
    hook.close()
    return create_trial(str(path))


def _outcome(trial, **parameters):
    return evaluate(load_rule(trial, {k: str(v) for k, v in parameters.items()}), poll_seconds=0.05)


def test_vanishing_gradient_fires_on_a_deep_sigmoid_network(tmp_path):
    torch.manual_seed(0)
    layers = [nn.Linear(6, 16), nn.Sigmoid()]
    for _ in range(14):
        layers += [nn.Linear(16, 16), nn.Sigmoid()]
    model = nn.Sequential(*layers, nn.Linear(16, 3))
    trial = _train(tmp_path, model, steps=3)
    outcome = _outcome(trial, rule_to_invoke="VanishingGradient")
    assert outcome.status == "IssuesFound", outcome.details
    assert outcome.step == 0
    # the layer farthest from the loss, named with its value and the threshold
    assert "gradient/Sequential_0." in outcome.details and "< threshold 1e-07" in outcome.details


def test_exploding_tensor_fires_on_a_huge_learning_rate(tmp_path):
    torch.manual_seed(0)
    trial = _train(tmp_path, Net(), steps=8, lr=1e12)
    outcome = _outcome(trial, rule_to_invoke="ExplodingTensor")
    assert outcome.status == "IssuesFound", outcome.details
    assert "NaN" in outcome.details or "infinite" in outcome.details
    only_nan = _outcome(trial, rule_to_invoke="ExplodingTensor", only_nan="True")
    assert only_nan.status == "IssuesFound" and "NaN" in only_nan.details
    assert only_nan.step >= outcome.step


def test_loss_not_decreasing_fires_when_nothing_is_learned(tmp_path):
    torch.manual_seed(0)
    trial = _train(tmp_path, Net(), steps=14, lr=0.0)
    outcome = _outcome(trial, rule_to_invoke="LossNotDecreasing")
    assert outcome.status == "IssuesFound", outcome.details
    assert outcome.step == 10  # num_steps=10: step 10 is the first compared with a step 10 earlier
    assert "decreased only 0%" in outcome.details and "CrossEntropyLoss_output_0" in outcome.details
    # nothing changes: the weights' update ratio is 0 and the loss is the same at every step
    assert _outcome(trial, rule_to_invoke="WeightUpdateRatio").status == "IssuesFound"
    unchanged = _outcome(trial, rule_to_invoke="UnchangedTensor", collection_names="losses")
    assert unchanged.status == "IssuesFound" and unchanged.step == 2


def test_overfit_fires_on_a_tiny_data_set(tmp_path):
    torch.manual_seed(0)
    train = _data(8, seed=1)
    generator = torch.Generator().manual_seed(2)
    validation = (torch.randn(64, 6, generator=generator), torch.randint(0, 3, (64,), generator=generator))
    trial = _train(
        tmp_path, Net(64), steps=60, lr=0.02, data=train, validation=validation, eval_every=10, optimizer="adam"
    )
    outcome = _outcome(trial, rule_to_invoke="Overfit", patience="2")
    assert outcome.status == "IssuesFound", outcome.details
    assert "validation" in outcome.details and "ratio_threshold 0.1" in outcome.details
    mode, _ = trial.mode_of(outcome.step)
    assert mode.name == "EVAL"


def test_dead_relu_fires_when_a_layer_never_activates(tmp_path):
    torch.manual_seed(0)
    model = Net()
    with torch.no_grad():
        model.fc2.bias.fill_(-100.0)  # relu2's inputs are all far below zero: it never lets anything through
    trial = _train(tmp_path, model, steps=3)
    outcome = _outcome(trial, rule_to_invoke="DeadRelu", tensor_regex="relu[0-9]*_output")
    assert outcome.status == "IssuesFound", outcome.details
    assert "100% of the units of 'relu2_output_0' are dead ReLUs" in outcome.details
    assert _outcome(trial, rule_to_invoke="AllZero", tensor_regex="relu2_output").status == "IssuesFound"


def test_poor_weight_initialization_fires_on_a_layer_initialized_too_small(tmp_path):
    torch.manual_seed(0)
    model = Net()
    with torch.no_grad():
        model.fc2.weight.normal_(0.0, 1e-4)
    trial = _train(tmp_path, model, steps=3)
    outcome = _outcome(trial, rule_to_invoke="PoorWeightInitialization", activation_inputs_regex="relu[0-9]*_input")
    assert outcome.status == "IssuesFound", outcome.details
    assert "'relu1_input_0'" in outcome.details and "'relu2_input_0'" in outcome.details


def test_a_healthy_training_has_no_issues(tmp_path):
    torch.manual_seed(0)
    model = Net()
    for layer in (model.fc1, model.fc2):
        nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
        nn.init.zeros_(layer.bias)
    trial = _train(tmp_path, model, steps=30, lr=0.3)
    rules = {
        "VanishingGradient": {},
        "ExplodingTensor": {},
        "PoorWeightInitialization": {"activation_inputs_regex": "relu[0-9]*_input"},
        "SaturatedActivation": {},
        "DeadRelu": {"tensor_regex": "relu[0-9]*_output"},
        "WeightUpdateRatio": {},
        "AllZero": {"collection_names": "weights,gradients,losses"},
        "UnchangedTensor": {"collection_names": "weights,losses"},
        "TensorVariance": {"collection_names": "weights", "max_threshold": "10", "min_threshold": "0.00001"},
        "LossNotDecreasing": {},
        "Overfit": {},
        "Overtraining": {},
    }
    for name, parameters in rules.items():
        outcome = _outcome(trial, rule_to_invoke=name, **parameters)
        assert outcome.status == "NoIssuesFound", outcome.details
        # every step was read, but for the tanh and sigmoid layers this network does not have
        assert outcome.steps_evaluated == (0 if name == "SaturatedActivation" else 30), name


def test_saturated_activation_fires_when_tanh_inputs_are_huge(tmp_path):
    torch.manual_seed(0)
    model = nn.Sequential()
    model.add_module("fc1", nn.Linear(6, 16))
    model.add_module("tanh1", nn.Tanh())
    model.add_module("fc2", nn.Linear(16, 3))
    with torch.no_grad():
        model.fc1.bias.fill_(50.0)  # every input far up the flat part of tanh
    hook = Hook(out_dir=str(tmp_path), save_config=SaveConfig(save_interval=1), include_regex=["tanh1_input_0"])
    hook.register_module(model)
    x, _ = _data()
    for _ in range(2):
        model(x)
    hook.close()
    trial = create_trial(str(tmp_path))
    outcome = _outcome(trial, rule_to_invoke="SaturatedActivation", tensor_regex="tanh[0-9]*_input")
    assert outcome.status == "IssuesFound", outcome.details
    assert "of the units of 'tanh1_input_0' are saturated" in outcome.details
