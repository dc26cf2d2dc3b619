"""The Debugger room's library: what hooks save during training and how the analysis API reads it back.

- `modes`: ModeKeys (TRAIN / EVAL / PREDICT / GLOBAL) and the per-mode save intervals;
- `collections`: named groups of tensors (weights, gradients, losses, ...) with their save settings;
- `hook_config`: SageMaker's debug hook config JSON (DebugHookConfig) read into those;
- `reductions`: the cheap statistics kept at every save step;
- `store`: the on-disk layout (writer off the training thread, reader by step with random access);
- `trial`: smdebug's analysis API (`create_trial`);
- `pytorch_hook`: the PyTorch hook.

Not yet a room: no REST routes and no registration in studio.py (the first piece of issue 14).
"""
