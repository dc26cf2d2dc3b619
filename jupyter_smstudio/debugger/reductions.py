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
import threading
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


# values one pass covers at a time: a block and its scratch (256 KB each in float32) stay in the core's own
# cache, so the passes after the first read the cache, not memory shared with the training loop's core
_BLOCK = 1 << 16
_scratch = threading.local()


def launch_numpy(array: np.ndarray) -> np.ndarray:
    """The _RAW values of a numpy array, block by block, in its own float type; the statistics are over the
    finite values, NaN and infinities counted apart.

    Why blocks: the writer process reduces megabytes a saved step on the core beside the training loop's,
    and eight passes over a whole tensor stream it eight times through the cache both cores share (what
    slowed the loop after each save; half the writer's time was these passes). A block is read from memory
    once. Each block's sum is numpy's pairwise one (relative error about 1e-7 on float32, what np.mean
    gives) and its squares are centered on the block's own mean, so the variance never cancels; blocks are
    combined in float64 (Chan's formula for the variance), nothing is converted to float64 (a 4 ms copy for
    0.5M values) unless a float32 sum overflows. No BLAS (np.dot would start OpenBLAS threads that fight the
    training loop for the cores)."""
    x = np.asarray(array).reshape(-1)
    if x.size == 0:
        return np.full(len(_RAW), math.nan)
    if x.dtype.kind != "f" or x.dtype.itemsize < 4:
        x = x.astype(np.float64)
    flags, work = _buffers(x.dtype)
    zeros = nans = infs = 0
    blocks: list[tuple[int, float, float, float, float, float, float]] = []
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, x.size, _BLOCK):
            block = x[start : start + _BLOCK]
            # a compare and a count of booleans: 5x faster than counting floats
            zeros += int(np.count_nonzero(np.equal(block, 0, out=flags[: block.size])))
            reduced = _reduce_block(block, work)
            if not all(math.isfinite(v) for v in reduced[1:4]):  # a NaN or an infinity here, or a sum too large
                finite = np.isfinite(block)
                bad = block.size - int(np.count_nonzero(finite))
                if bad:
                    block_nans = int(np.count_nonzero(np.isnan(block)))
                    nans, infs = nans + block_nans, infs + bad - block_nans
                    block = block[finite]
                    if block.size == 0:
                        continue
                    reduced = _reduce_block(block, work)
                if not all(math.isfinite(v) for v in reduced[1:4]):  # float32 sums that overflow: in float64
                    reduced = _reduce_block(block.astype(np.float64), np.empty(block.size, np.float64))
            blocks.append(reduced)
    values = np.full(len(_RAW), math.nan)
    values[_RAW.index("zeros")], values[_RAW.index("nan_count")], values[_RAW.index("inf_count")] = zeros, nans, infs
    if not blocks:  # no finite value at all
        return values
    n = sum(b[0] for b in blocks)
    mean = math.fsum(b[1] for b in blocks) / n
    # Chan et al.: the blocks' centered squares, plus each block's mean's distance to the whole mean
    m2 = math.fsum(b[2] + b[0] * (b[1] / b[0] - mean) ** 2 for b in blocks)
    squares = math.fsum(b[2] + b[1] * b[1] / b[0] for b in blocks)
    lo, hi = min(b[5] for b in blocks), max(b[6] for b in blocks)
    values[_RAW.index("min")], values[_RAW.index("max")], values[_RAW.index("mean")] = lo, hi, mean
    values[_RAW.index("std")] = math.sqrt(max(m2, 0.0) / n)
    values[_RAW.index("l1")] = math.fsum(b[3] for b in blocks)
    values[_RAW.index("l2")] = math.sqrt(max(squares, 0.0))
    values[_RAW.index("abs_min")] = min(b[4] for b in blocks)
    values[_RAW.index("abs_max")] = max(abs(lo), abs(hi))
    return values


def _reduce_block(block: np.ndarray, work: np.ndarray) -> tuple[int, float, float, float, float, float, float]:
    """(count, sum, squares centered on the block's mean, sum of absolute values, least absolute value, min,
    max) of finite values; `work` is scratch of the block's type and at least its size."""
    k = block.size
    total = float(block.sum())
    scratch = work[:k]
    np.subtract(block, block.dtype.type(total / k), out=scratch)
    centered = float(np.square(scratch, out=scratch).sum())
    np.abs(block, out=scratch)
    l1, abs_min = float(scratch.sum()), float(scratch.min())
    return k, total, centered, l1, abs_min, float(block.min()), float(block.max())


def _buffers(kind: np.dtype) -> tuple[np.ndarray, np.ndarray]:
    """This thread's scratch for a block (the writer process and a writer thread may reduce at once)."""
    buffers = getattr(_scratch, "buffers", None)
    if buffers is None:
        buffers = _scratch.buffers = {}
    if kind not in buffers:
        buffers[kind] = (np.empty(_BLOCK, np.bool_), np.empty(_BLOCK, kind))
    pair: tuple[np.ndarray, np.ndarray] = buffers[kind]
    return pair


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
