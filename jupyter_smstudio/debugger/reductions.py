"""The reduced statistics kept at every save step: a handful of numbers per tensor, cheap to compute.

Where they are computed is chosen for the training loop's sake. A CPU tensor is copied once (a memcpy,
about 60 us for 0.4M floats) and reduced by numpy in the writer (its own process, see `writer_process`):
torch's reductions on the training thread cost 10 ms for the same tensor on one thread. A GPU tensor is
reduced on the GPU (`launch` only queues the kernels); the few numbers, stacked into one small tensor,
are read when the step is handed to the writer, so a GPU tensor costs one small copy per save step.
min, max, mean, std and the norms are over the finite values; NaN and infinities are counted apart
(nan_count, inf_count), zero_fraction is over all values. Standard deviations are the population ones
(numpy's `std`, `ddof=0`).
"""

from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np

from ..core.errors import BadRequest

# the order of the values in the stacked tensor that `launch` returns
_RAW = ("min", "max", "mean", "std", "l1", "l2", "zeros", "nan_count", "inf_count", "abs_min", "abs_max")
# every reduction a reader can ask for
REDUCTIONS = (
    "min",
    "max",
    "mean",
    "std",
    "variance",
    "sum",
    "l1",
    "l2",
    "zero_fraction",
    "nan_count",
    "inf_count",
    "abs_min",
    "abs_max",
    "abs_mean",
    "abs_std",
    "abs_variance",
)
DEFAULT_REDUCTIONS = ("min", "max", "mean", "std", "l2", "zero_fraction")
# reduction_value(..., abs=True) of a plain reduction
ABS_OF = {"min": "abs_min", "max": "abs_max", "mean": "abs_mean", "std": "abs_std", "variance": "abs_variance"}
ABS_OF.update({"sum": "l1", "l1": "l1", "l2": "l2", "zero_fraction": "zero_fraction"})


def check_reductions(names: Iterable[str], field_name: str) -> tuple[str, ...]:
    checked = []
    for name in names:
        # SageMaker's "norms" / "abs_reductions" spellings come as plain names here
        clean = name.strip().lower()
        if clean not in REDUCTIONS:
            raise BadRequest(
                f"'{field_name}': unknown reduction {name!r}; one of {', '.join(REDUCTIONS)}", field=field_name
            )
        checked.append(clean)
    return tuple(dict.fromkeys(checked))


def launch(tensor: Any) -> Any:
    """Starts the reductions of a torch tensor on its device; `finish` reads them (off the training thread).
    No test on the values here (it would wait for the device): NaN and infinities are masked out of the
    statistics whether there are any or not."""
    import torch

    x = tensor.detach()
    if x.numel() == 0:
        return np.full(len(_RAW), math.nan)
    if not x.is_floating_point() or x.dtype in (torch.float16, torch.bfloat16):
        x = x.float()
    x = x.reshape(-1)
    finite = torch.isfinite(x)
    count = finite.sum()
    nans = torch.isnan(x).sum()
    kept = torch.where(finite, x, 0)
    mean = kept.sum() / count
    std = (torch.where(finite, x - mean, 0).square().sum() / count).sqrt()
    lo = torch.where(finite, x, math.inf).min()
    hi = torch.where(finite, x, -math.inf).max()
    a = kept.abs()
    alo = torch.where(finite, a, math.inf).min()

    def statistics(*parts: Any) -> Any:  # no finite value at all: no statistics (not what the masks leave)
        return torch.where(count > 0, torch.stack([p.to(torch.float64) for p in parts]), math.nan)

    counts = torch.stack([p.to(torch.float64) for p in ((x == 0).sum(), nans, x.numel() - count - nans)])
    # in _RAW's order; no tensor is made from host values here (that would wait for the device)
    return torch.cat(
        [statistics(lo, hi, mean, std, a.sum(), torch.linalg.vector_norm(kept)), counts, statistics(alo, a.max())]
    )


def launch_numpy(array: np.ndarray) -> np.ndarray:
    """The _RAW values of a numpy array in about eight passes over it, in its own float type; the
    statistics are over the finite values, NaN and infinities counted apart.

    numpy's sums are pairwise (relative error about 1e-7 on float32, what np.mean gives), so nothing
    is converted to float64 (a 4 ms copy for 0.5M values). The squares serve both the l2 norm and the
    standard deviation (E[x^2] - mean^2) unless the mean dominates, where that would cancel: then
    the second, centered pass. No BLAS (np.dot would start OpenBLAS threads that fight the training
    loop for the cores)."""
    x = np.asarray(array).reshape(-1)
    if x.size == 0:
        return np.full(len(_RAW), math.nan)
    if x.dtype.kind != "f" or x.dtype.itemsize < 4:
        x = x.astype(np.float64)
    zeros = int(np.count_nonzero(x == 0))  # a compare and a count of booleans: 5x faster than counting floats
    nans = infs = 0
    with np.errstate(invalid="ignore", over="ignore"):
        total = float(x.sum())
        if not math.isfinite(total):  # a NaN or an infinity somewhere (or a sum too large): look for them
            nans = int(np.count_nonzero(np.isnan(x)))
            infs = int(np.count_nonzero(np.isinf(x)))
            if nans or infs:
                x = x[np.isfinite(x)]
                total = float(x.sum())
        n = x.size
        if n == 0:
            values = np.full(len(_RAW), math.nan)
            values[_RAW.index("zeros")], values[_RAW.index("nan_count")], values[_RAW.index("inf_count")] = (
                zeros,
                nans,
                infs,
            )
            return values
        mean = total / n
        squares = float(np.square(x).sum())
        variance = squares / n - mean * mean
        if mean * mean > 1e-3 * squares / n:  # E[x^2] - mean^2 would lose digits: center first
            centered = x - x.dtype.type(mean)
            variance = float(np.square(centered).sum()) / n
        lo, hi = float(x.min()), float(x.max())
        a = np.abs(x)
        values_list = [lo, hi, mean, math.sqrt(max(variance, 0.0)), float(a.sum()), math.sqrt(squares)]
        values_list += [zeros, nans, infs, float(a.min()), max(abs(lo), abs(hi))]
    return np.array(values_list, dtype=np.float64)


def finish(pending: Any, size: int) -> dict[str, float]:
    """The reductions by name, from what `launch` or `launch_numpy` computed (a GPU tensor's few values
    are copied here, once). Statistics are over the finite values; zero_fraction over all of them."""
    values = pending.tolist()  # a torch tensor of the _RAW values (launch) or a numpy array (launch_numpy)
    raw = dict(zip(_RAW, (float(v) for v in values), strict=True))
    nan_count = 0.0 if math.isnan(raw["nan_count"]) else raw["nan_count"]
    inf_count = 0.0 if math.isnan(raw["inf_count"]) else raw["inf_count"]
    finite = size - nan_count - inf_count
    n = max(finite, 1)
    out = {k: raw[k] for k in ("min", "max", "mean", "std", "l1", "l2", "abs_min", "abs_max")}
    out["nan_count"], out["inf_count"] = nan_count, inf_count
    out["variance"] = raw["std"] ** 2
    out["sum"] = raw["mean"] * finite if finite else math.nan
    out["zero_fraction"] = raw["zeros"] / max(size, 1)
    out["abs_mean"] = raw["l1"] / n if finite else math.nan
    # E[|x|^2] - E[|x|]^2, clipped at 0 against rounding
    abs_var = max(raw["l2"] ** 2 / n - out["abs_mean"] ** 2, 0.0) if math.isfinite(raw["l2"]) and finite else math.nan
    out["abs_variance"] = abs_var
    out["abs_std"] = math.sqrt(abs_var) if math.isfinite(abs_var) else math.nan
    return out


def histogram(array: np.ndarray, reduced: dict[str, float], bins: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """Counts and edges over the finite values (NaN and infinities are counted in the reductions); the
    range comes from the reductions, which saves numpy two passes."""
    x = np.asarray(array).reshape(-1)
    if x.dtype.kind not in "fiu" or x.dtype.itemsize < 4:
        x = x.astype(np.float32)
    if reduced["nan_count"] or reduced["inf_count"]:
        x = x[np.isfinite(x)]
        if x.size == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        low, high = float(x.min()), float(x.max())
    else:
        low, high = reduced["min"], reduced["max"]
    if x.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    if low == high:  # one value: numpy's own half-unit range around it
        low, high = low - 0.5, high + 0.5
    assert bins <= 255, "bin numbers are one byte"
    # np.histogram's uniform bins, counted through one-byte bin numbers: 1-2 ms for 0.5M floats where
    # np.histogram takes 3-4 ms and intp bin numbers 8 (a bincount casts them; uint8 is the cheap cast)
    scaled = x - low
    scaled *= bins / (high - low)
    index = scaled.astype(np.uint8)
    np.minimum(index, bins - 1, out=index)  # the maximum itself falls in the last bin, as numpy counts it
    counts = np.bincount(index, minlength=bins)
    return counts.astype(np.int64), np.linspace(low, high, bins + 1)
