"""smdebug's Keras hook for Keras 3: a callback, `model.fit(..., callbacks=[hook])`.

A step is a batch: fit's training batches count TRAIN steps, its validation batches and `evaluate`'s
EVAL steps, `predict`'s PREDICT steps (each mode counts its own steps, the global step counts them all).

Tensor names (the contract with the rules and the plots):
- weights and biases: the variable's path, `sequential/dense/kernel`, `sequential/dense/bias` (read
  at the batch's start: the values its forward uses);
- gradients: `gradient/<path>`, read at the batch's end. Keras keeps them only with the torch backend
  (the parameters' `.grad` after its `backward`); with another backend they are not saved and the
  hook says so once;
- losses: `loss`, the batch's own loss (Keras' logs hold the epoch's running mean; the hook reads the
  batch's loss where the model computes it, `compute_loss`, and falls back to the logs when a model's
  own train_step bypasses it);
- metrics: the batch logs' other entries under their Keras names (`mae`, `accuracy`): running means over
  the epoch, as Keras reports them;
- inputs and outputs: `<layer name>_input_<i>` and `<layer name>_output_<i>`, as the PyTorch hook names
  a module's (`dense_output_0`), saved when a collection asks for them (outputs, inputs, an
  include_regex); with the torch backend only, where a Keras layer is a torch module.
"""

from __future__ import annotations

import functools
import logging
import math
import numbers
from typing import Any, Optional

import keras

from .collections import CollectionKeys, ReductionConfig
from .hook_setup import guarded
from .keras_xgboost_base import CallbackHook
from .modes import ModeKeys, SaveConfig

log = logging.getLogger(__name__)

METRICS = "metrics"
LOSS = "loss"


class KerasHook(CallbackHook, keras.callbacks.Callback):  # type: ignore[misc]
    BUILT_IN = (
        CollectionKeys.DEFAULT,
        CollectionKeys.ALL,
        CollectionKeys.WEIGHTS,
        CollectionKeys.BIASES,
        CollectionKeys.GRADIENTS,
        CollectionKeys.LOSSES,
        METRICS,
        CollectionKeys.SCALARS,
        CollectionKeys.INPUTS,
        CollectionKeys.OUTPUTS,
    )
    # weights and biases are named when the model is known (their names carry no mark to match)
    REGEXES = {
        CollectionKeys.ALL: (".*",),
        CollectionKeys.GRADIENTS: (r"^gradient/",),
        CollectionKeys.INPUTS: (r"_input_\d+$",),
        CollectionKeys.OUTPUTS: (r"_output_\d+$",),
    }
    DEFAULT_INCLUDE = (CollectionKeys.LOSSES, METRICS, CollectionKeys.SCALARS)

    def __init__(
        self,
        out_dir: Optional[str] = None,
        export_tensorboard: bool = False,
        tensorboard_dir: Optional[str] = None,
        dry_run: bool = False,
        reduction_config: Optional[ReductionConfig] = None,
        save_config: Optional[SaveConfig] = None,
        include_regex: Optional[list[str]] = None,
        include_collections: Optional[list[str]] = None,
        save_all: bool = False,
        include_workers: str = "one",
    ):
        CallbackHook.__init__(
            self,
            out_dir,
            export_tensorboard,
            tensorboard_dir,
            dry_run,
            reduction_config,
            save_config,
            include_regex,
            include_collections,
            save_all,
            include_workers,
        )
        keras.callbacks.Callback.__init__(self)
        self._named: tuple[int, int] = (0, -1)  # (id of the model, its number of variables) already named
        self._layers_watched: set[int] = set()  # ids of the layers whose inputs and outputs are watched
        self._batch_loss: Any = None

    # -- the model ---------------------------------------------------------------------------------
    def set_model(self, model: Any) -> None:
        super().set_model(model)
        self._watch_loss(model)

    def _watch_loss(self, model: Any) -> None:
        """Wraps the model's `compute_loss` (once) to read each batch's own loss."""
        compute_loss = getattr(model, "compute_loss", None)
        if compute_loss is None or getattr(compute_loss, "_smdebug_hook", None) is self:
            return
        hook = self

        def reading_the_loss(*args: Any, **kwargs: Any) -> Any:
            loss = compute_loss(*args, **kwargs)
            if hook.saving:
                hook._batch_loss = loss
            return loss

        reading_the_loss._smdebug_hook = self  # type: ignore[attr-defined]
        model.compute_loss = reading_the_loss

    def _variables(self) -> list[Any]:
        """The model's variables, their names added to the weights and biases collections when new."""
        model = self.model
        variables = list(model.variables)
        if self._named != (id(model), len(variables)):
            self._named = (id(model), len(variables))
            for v in variables:
                kind = CollectionKeys.BIASES if v.path.endswith("/bias") else CollectionKeys.WEIGHTS
                self.get_collection(kind).add_tensor_name(v.path)
            for v in model.trainable_variables:
                self.get_collection(CollectionKeys.GRADIENTS).add_tensor_name(f"gradient/{v.path}")
        return variables

    # -- the steps ---------------------------------------------------------------------------------
    def _watch_layers(self) -> None:
        """Saves the layers' inputs and outputs (`<layer>_input_<i>`, `<layer>_output_<i>`) when a
        collection asks for them: with the torch backend a Keras layer is a torch module, watched by a
        forward hook that returns at its first test between save steps."""
        io = (CollectionKeys.INPUTS, CollectionKeys.OUTPUTS, CollectionKeys.ALL)
        by_regex = (c for c in self.included if c.name not in self.BUILT_IN or c.name == CollectionKeys.DEFAULT)
        if not any(c.name in io for c in self.included) and not any(c.include_regex for c in by_regex):
            return
        layers = _layers(self.model)
        if not all(hasattr(layer, "register_forward_hook") for layer in layers):
            self.say_once(
                "layers",
                "the debugger saves no layer inputs or outputs with Keras' %s backend (the torch backend has them)",
                keras.backend.backend(),
            )
            return
        for layer in layers:
            if id(layer) not in self._layers_watched:
                self._layers_watched.add(id(layer))
                layer.register_forward_hook(functools.partial(self._layer_io, layer.name))

    @guarded
    def _layer_io(self, name: str, layer: Any, inputs: Any, outputs: Any) -> None:
        if not self.saving:
            return
        for kind, values in (("input", inputs), ("output", outputs)):
            for i, value in enumerate(keras.tree.flatten(values)):
                if hasattr(value, "shape"):
                    self.save(f"{name}_{kind}_{i}", value)

    def _begin(self, mode: ModeKeys) -> None:
        self._batch_loss = None
        if self.begin_step(mode):
            self._watch_layers()
            for v in self._variables():
                self.save(v.path, v.value)

    def _end(self, logs: Optional[dict[str, Any]], gradients: bool) -> None:
        if self.saving:
            if gradients:
                self._save_gradients()
            loss = self._batch_loss if self._batch_loss is not None else (logs or {}).get(LOSS)
            if loss is not None:
                self.get_collection(CollectionKeys.LOSSES).add_tensor_name(LOSS)
                self.save(LOSS, loss)
            for name, value in (logs or {}).items():
                if name != LOSS and isinstance(value, numbers.Real):
                    self.get_collection(METRICS).add_tensor_name(name)
                    self.save(name, float(value))
        logged_loss = (logs or {}).get(LOSS)
        if isinstance(logged_loss, numbers.Real) and not math.isfinite(logged_loss):
            self.say_once(
                "nan",
                "the loss is %s at step %s (%s): the debugger saves it as it is; training goes on",
                logged_loss,
                self.step,
                self.mode.name,
            )
        self._batch_loss = None

    def _save_gradients(self) -> None:
        variables = [v for v in self.model.trainable_variables if self.wants(f"gradient/{v.path}")]
        found = 0
        for v in variables:
            grad = getattr(v.value, "grad", None)  # torch keeps it on the parameter after backward
            if grad is not None:
                found += 1
                self.save(f"gradient/{v.path}", grad)
        if variables and not found:
            self.say_once(
                "gradients",
                "the debugger saves no gradients with Keras' %s backend: it keeps none where a callback reads "
                "them (the torch backend does); weights, losses and metrics are saved",
                keras.backend.backend(),
            )

    @guarded
    def on_train_batch_begin(self, batch: int, logs: Optional[dict[str, Any]] = None) -> None:
        self._begin(ModeKeys.TRAIN)

    @guarded
    def on_train_batch_end(self, batch: int, logs: Optional[dict[str, Any]] = None) -> None:
        self._end(logs, gradients=True)

    @guarded
    def on_test_batch_begin(self, batch: int, logs: Optional[dict[str, Any]] = None) -> None:
        self._begin(ModeKeys.EVAL)

    @guarded
    def on_test_batch_end(self, batch: int, logs: Optional[dict[str, Any]] = None) -> None:
        self._end(logs, gradients=False)

    # a step is handed to the writer when the next one starts or the loop ends, so that a callback
    # listed after the hook can still save_scalar into it
    @guarded
    def on_train_end(self, logs: Optional[dict[str, Any]] = None) -> None:
        self.end_step()

    @guarded
    def on_test_end(self, logs: Optional[dict[str, Any]] = None) -> None:
        self.end_step()

    @guarded
    def on_predict_end(self, logs: Optional[dict[str, Any]] = None) -> None:
        self.end_step()

    @guarded
    def on_predict_batch_begin(self, batch: int, logs: Optional[dict[str, Any]] = None) -> None:
        self._begin(ModeKeys.PREDICT)

    @guarded
    def on_predict_batch_end(self, batch: int, logs: Optional[dict[str, Any]] = None) -> None:
        self._end(None, gradients=False)


def _layers(model: Any) -> list[Any]:
    """Every layer of a model, those of the models inside it too (a model is a layer with layers)."""
    found = []
    for layer in getattr(model, "layers", []):
        found.append(layer)
        found.extend(_layers(layer))
    return found
