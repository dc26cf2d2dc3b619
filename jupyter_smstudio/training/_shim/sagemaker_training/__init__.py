"""`sagemaker_training`, the training toolkit of SageMaker's framework containers, as far as scripts use it
(`from sagemaker_training import environment; environment.Environment()`). Jobs find it on their
PYTHONPATH (training/container.py puts this folder first); the real package, if installed, is shadowed."""
