"""SageMaker's framework images, known by name: an `image_uri` naming the scikit-learn, PyTorch or XGBoost
framework container runs its script the way that container would (script mode), with this server's Python
and packages, so notebooks that pass `image_uris.retrieve(...)` need no container engine. Any other image
is refused (checks.py). The version a framework image or `framework_version` asks for is compared with the
library installed here, and a difference is said at the top of the job's log (`version_warning`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

# image repository -> framework (the name the training contract's `framework` uses)
REPOSITORIES = {
    "sagemaker-scikit-learn": "sklearn",
    "sagemaker-xgboost": "xgboost",
    "pytorch-training": "pytorch",
    "pytorch-inference": "pytorch",
}
# framework -> (the name users know it by, the distributions that may provide it here)
LIBRARIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "sklearn": ("scikit-learn", ("scikit-learn",)),
    "xgboost": ("XGBoost", ("xgboost", "xgboost-cpu")),
    "pytorch": ("PyTorch", ("torch",)),
}
# `registry/repository:tag`; the registry (an ECR host, or none) does not matter here
_TAG_VERSION = re.compile(r"^(?P<version>\d+(?:\.\d+)*(?:-\d+)?)(?:-(?:cpu|gpu)(?:-.*)?)?$")


@dataclass(frozen=True)
class FrameworkImage:
    framework: str
    version: str
    repository: str


def framework_image(image_uri: str) -> Optional[FrameworkImage]:
    """The framework and version an image URI names, or None when it is not a known framework image."""
    name = image_uri.strip().rsplit("/", 1)[-1]
    if ":" not in name or "@" in name:
        return None  # no tag (or a digest): which version it holds cannot be told
    repository, tag = name.split(":", 1)
    framework = REPOSITORIES.get(repository)
    match = _TAG_VERSION.match(tag)
    if framework is None or match is None:
        return None
    return FrameworkImage(framework=framework, version=match["version"], repository=repository)


def library_version(framework_version: str) -> str:
    """The library version a framework version asks for: SageMaker's `1.2-1` is scikit-learn 1.2 in the
    container's first release ("-1"); PyTorch versions are the library's own."""
    return re.sub(r"-\d+$", "", framework_version.strip())


def _matches(asked: str, installed: str) -> bool:
    """`1.2` is met by 1.2.x; `2.0.1` only by 2.0.1 (a local suffix such as `+cpu` aside)."""
    want = asked.split(".")
    have = installed.split("+", 1)[0].split(".")
    if len(have) < len(want):
        return False
    return all(w.lstrip("0") == h.lstrip("0") for w, h in zip(want, have[: len(want)], strict=True))


def installed_version(framework: str) -> Optional[str]:
    from importlib import metadata

    for dist in LIBRARIES[framework][1]:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return None


def version_warning(framework: Optional[str], framework_version: Optional[str]) -> Optional[str]:
    """A line for the job's log when this server's library is not the version the job asked for."""
    if not framework or not framework_version or framework not in LIBRARIES:
        return None
    label = LIBRARIES[framework][0]
    asked = library_version(framework_version)
    have = installed_version(framework)
    if have is None:
        return (
            f"smstudio: WARNING: framework_version {framework_version} asks for {label} {asked}, which is not "
            "installed on this server; the script runs without it"
        )
    if _matches(asked, have):
        return None
    return (
        f"smstudio: WARNING: framework_version {framework_version} asks for {label} {asked}, but this server "
        f"has {label} {have}; the script runs with {have} (a requirements.txt beside it can pin another)"
    )
