"""Which SageMaker Python SDK this one stands in for. `sagemaker.__version__` is that release's number, so
notebooks that check it (`packaging.version.parse(sagemaker.__version__) >= Version("2.x")`) run; SmStudio's
own version is `jupyter_smstudio.__version__`."""

SAGEMAKER_SDK_VERSION = "2.232.0"
