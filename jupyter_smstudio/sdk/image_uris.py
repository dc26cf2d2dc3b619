"""`sagemaker.image_uris.retrieve`: the URIs of SageMaker's scikit-learn, XGBoost and PyTorch framework
images, as SageMaker forms them (`683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3`).

Nothing is pulled: an estimator or processor given one of these URIs runs its script here as that framework's
container would (training/images.py), with this server's packages. Registry accounts are SageMaker's."""

from __future__ import annotations

from typing import Any, Optional

from ._boto import default_region

# the account that hosts SageMaker's own framework images (scikit-learn, XGBoost) in each region
_SAGEMAKER_ACCOUNTS = {
    "af-south-1": "510948584623",
    "ap-east-1": "651117190479",
    "ap-northeast-1": "354813040037",
    "ap-northeast-2": "366743142698",
    "ap-northeast-3": "867004704886",
    "ap-south-1": "720646828776",
    "ap-south-2": "628508329040",
    "ap-southeast-1": "121021644041",
    "ap-southeast-2": "783357654285",
    "ap-southeast-3": "951798379941",
    "ap-southeast-4": "106583098589",
    "ca-central-1": "341280168497",
    "cn-north-1": "450853457545",
    "cn-northwest-1": "451049120500",
    "eu-central-1": "492215442770",
    "eu-central-2": "680994064768",
    "eu-north-1": "662702820516",
    "eu-south-1": "978288397137",
    "eu-south-2": "104374241257",
    "eu-west-1": "141502667606",
    "eu-west-2": "764974769150",
    "eu-west-3": "659782779980",
    "me-central-1": "272398656194",
    "me-south-1": "801668240914",
    "sa-east-1": "737474898029",
    "us-east-1": "683313688378",
    "us-east-2": "257758044811",
    "us-gov-east-1": "237065988967",
    "us-gov-west-1": "414596584902",
    "us-west-1": "746614075791",
    "us-west-2": "246618743249",
}
# the Deep Learning Containers account (PyTorch): one for most regions, its own for a few
_DLC_DEFAULT_ACCOUNT = "763104351884"
_DLC_ACCOUNTS = {
    "af-south-1": "626614931356",
    "ap-east-1": "871362719292",
    "ap-northeast-3": "364406365360",
    "ap-south-2": "772153158452",
    "ap-southeast-3": "907027046896",
    "ap-southeast-4": "457447274322",
    "cn-north-1": "727897471807",
    "cn-northwest-1": "727897471807",
    "eu-central-2": "380420809688",
    "eu-south-1": "692866216735",
    "eu-south-2": "503227376785",
    "me-central-1": "914824155844",
    "me-south-1": "217643126080",
    "us-gov-east-1": "446045086412",
    "us-gov-west-1": "442386744353",
}
SKLEARN_VERSIONS = ("0.20.0", "0.23-1", "1.0-1", "1.2-1", "1.4-2")
# XGBoost images before 1.2-1 carry the processor and Python in their tag, later ones only the version
XGBOOST_VERSIONS = ("0.90-1", "0.90-2", "1.0-1", "1.2-1", "1.2-2", "1.3-1", "1.5-1", "1.7-1")
_XGBOOST_TAGGED = ("0.90-1", "0.90-2", "1.0-1")
# PyTorch training/inference versions and the Python each image has
PYTORCH_VERSIONS = {
    "1.8.1": ("py36", "py3"),
    "1.9.1": ("py38",),
    "1.10.2": ("py38",),
    "1.11.0": ("py38",),
    "1.12.1": ("py38",),
    "1.13.1": ("py39",),
    "2.0.1": ("py310",),
    "2.1.0": ("py310",),
    "2.2.0": ("py310",),
    "2.3.0": ("py311",),
    "2.4.0": ("py311",),
    "2.5.1": ("py311",),
    "2.6.0": ("py312",),
}
FRAMEWORKS = ("sklearn", "xgboost", "pytorch")


def _check(value: str, allowed: tuple[str, ...], argument: str, framework: str) -> None:
    if value not in allowed:
        raise ValueError(
            f"'{argument}': {value!r} is not supported for {framework} images (supported: {', '.join(allowed)})"
        )


def _processor(instance_type: Optional[str], framework: str) -> str:
    """cpu or gpu, from the instance type as SageMaker reads it (ml.p*/ml.g* and local_gpu are GPUs)."""
    if instance_type is None:
        if framework == "pytorch":
            raise ValueError("'instance_type' is required for pytorch images (cpu and gpu images differ)")
        return "cpu"
    if instance_type.startswith("local"):
        return "gpu" if instance_type == "local_gpu" else "cpu"
    parts = instance_type.split(".")
    if len(parts) != 3 or parts[0] != "ml":
        raise ValueError(f"'instance_type': {instance_type!r} is not an instance type (ml.<family>.<size> or local)")
    return "gpu" if parts[1][:1] in ("g", "p") else "cpu"


def _pytorch_version(version: str) -> str:
    if version in PYTORCH_VERSIONS:
        return version
    newest = [v for v in PYTORCH_VERSIONS if v.startswith(version + ".")]  # "2.0" means 2.0.1, as SageMaker's
    if newest:
        return newest[-1]
    _check(version, tuple(PYTORCH_VERSIONS), "version", "pytorch")
    return version  # not reached: _check raised


def retrieve(
    framework: str,
    region: Optional[str] = None,
    version: Optional[str] = None,
    py_version: Optional[str] = None,
    instance_type: Optional[str] = None,
    accelerator_type: Optional[str] = None,
    image_scope: Optional[str] = None,
    container_version: Optional[str] = None,
    distribution: Optional[dict[str, Any]] = None,
    base_framework_version: Optional[str] = None,
    training_compiler_config: Any = None,
    sagemaker_session: Any = None,
    **_aws_only: Any,
) -> str:
    """The URI of a framework image: `retrieve("sklearn", "us-east-1", "1.2-1")`. Frameworks here:
    sklearn, xgboost (framework mode) and pytorch; other names raise a ValueError naming `framework`."""
    if framework not in FRAMEWORKS:
        raise ValueError(
            f"'framework': {framework!r} images are not available in SmStudio (it runs scripts of "
            f"{', '.join(FRAMEWORKS)} with the server's packages)"
        )
    if not version:
        raise ValueError(f"'version' is required: the {framework} version of the image")
    region = region or getattr(sagemaker_session, "boto_region_name", None) or default_region()
    scope = image_scope or "training"
    _check(scope, ("training", "inference"), "image_scope", framework)
    processor = _processor(instance_type, framework)
    if framework == "pytorch":
        version = _pytorch_version(version)
        pythons = PYTORCH_VERSIONS[version]
        py = py_version or pythons[0]
        _check(py, pythons, "py_version", framework)
        repository, tag = f"pytorch-{scope}", f"{version}-{processor}-{py}"
        account = _DLC_ACCOUNTS.get(region, _DLC_DEFAULT_ACCOUNT)
        _check(region, tuple(_SAGEMAKER_ACCOUNTS), "region", framework)  # the regions both registries serve
    else:
        _check(version, SKLEARN_VERSIONS if framework == "sklearn" else XGBOOST_VERSIONS, "version", framework)
        if processor != "cpu":
            raise ValueError(f"'instance_type': {instance_type!r} is a GPU instance; {framework} images are CPU only")
        _check(py_version or "py3", ("py3",), "py_version", framework)
        _check(region, tuple(_SAGEMAKER_ACCOUNTS), "region", framework)
        repository = "sagemaker-scikit-learn" if framework == "sklearn" else "sagemaker-xgboost"
        tagged = framework == "sklearn" or version in _XGBOOST_TAGGED
        tag = f"{version}-cpu-py3" if tagged else version
        account = _SAGEMAKER_ACCOUNTS[region]
    domain = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    return f"{account}.dkr.ecr.{region}.{domain}/{repository}:{tag}"
