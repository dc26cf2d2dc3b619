"""A user's own rule (Rule.custom): fires once a loss falls below `threshold`."""

from jupyter_smstudio.smdebug.rules import Rule


class LossBelow(Rule):
    def __init__(self, base_trial, threshold=1.0):
        super().__init__(base_trial)
        self.threshold = float(threshold)

    def invoke_at_step(self, step):
        for name in self.base_trial.tensor_names(collection="losses"):
            if float(self.base_trial.tensor(name).value(step)) < self.threshold:
                return True
        return False
