"""The Debugger room: SageMaker Debugger's hooks, rules and analysis API, and the Debugger tab's views.

Inside a training job (library code, under smdebug's import paths in `jupyter_smstudio.smdebug`):
- `modes`, `collections`, `hook_config`, `reductions`: what a hook saves and when (SageMaker's hook config JSON);
- `pytorch_hook`, `keras_hook`, `xgboost_hook`, `auto_hook*`: the hooks, and hooking a plain script;
- `store` (and its writer): the on-disk layout, written off the training thread; `tensorboard_export`;
- `trial`: smdebug's analysis API (`create_trial`); `rules/`: the built-in rules and the evaluation loop.

On the server (the room): `training_setup` (a training job's settings checked and resolved), `rule_jobs` and
`rule_job` (one job per rule beside the training job), `service`/`room` (StopTraining, statuses), `views` (the tab).
"""
