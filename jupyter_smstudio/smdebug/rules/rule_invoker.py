"""smdebug.rules.rule_invoker: invoke_rule(rule_obj, start_step=0, end_step=None, raise_eval_cond=False)."""

from ...debugger.rules.runner import invoke_rule

__all__ = ["invoke_rule"]
