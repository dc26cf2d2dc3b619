"""The load generator of bench/serving.py: the same for every server measured (aiohttp, keep-alive).

    python bench/_load.py URL --body FILE --content-type T [--header K=V ...] [-c 16] [--seconds 5] [--warmup 1]

`-c` requests are kept in flight for `--seconds` after `--warmup`; prints one JSON line: requests, errors,
throughput, latency p50/p99 (ms) and how many answers each production variant gave (the router's header).
Run in a process of its own, so that its work is not counted in the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections import Counter

import aiohttp
import numpy as np

VARIANT_HEADER = "X-Amzn-Invoked-Production-Variant"


async def _worker(
    session: aiohttp.ClientSession,
    url: str,
    body: bytes,
    headers: dict[str, str],
    start: float,
    end: float,
    out: list[float],
    errors: Counter[int],
    variants: Counter[str],
) -> None:
    while True:
        began = time.perf_counter()
        if began >= end:
            return
        async with session.post(url, data=body, headers=headers) as resp:
            await resp.read()
            status = resp.status
            variant = resp.headers.get(VARIANT_HEADER, "")
        if began < start:  # warm-up: connections opened, caches filled, nothing counted
            continue
        out.append(time.perf_counter() - began)
        if status >= 400:
            errors[status] += 1
        variants[variant] += 1


async def load(url: str, body: bytes, headers: dict[str, str], concurrency: int, seconds: float, warmup: float) -> dict:
    latencies: list[float] = []
    errors: Counter[int] = Counter()
    variants: Counter[str] = Counter()
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        start = time.perf_counter() + warmup
        end = start + seconds
        await asyncio.gather(
            *(_worker(session, url, body, headers, start, end, latencies, errors, variants) for _ in range(concurrency))
        )
    ms = np.array(latencies) * 1000
    return {
        "concurrency": concurrency,
        "requests": len(latencies),
        "errors": dict(errors),
        "rps": len(latencies) / seconds,
        "p50_ms": float(np.percentile(ms, 50)) if len(ms) else None,
        "p99_ms": float(np.percentile(ms, 99)) if len(ms) else None,
        "variants": {k: v for k, v in variants.items() if k},
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--body", required=True)
    parser.add_argument("--content-type", default="text/csv")
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("-c", "--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    args = parser.parse_args()
    headers = {"Content-Type": args.content_type, **dict(h.split("=", 1) for h in args.header)}
    with open(args.body, "rb") as fh:
        body = fh.read()
    print(json.dumps(asyncio.run(load(args.url, body, headers, args.concurrency, args.seconds, args.warmup))))


if __name__ == "__main__":
    main()
