"""The load generator of bench/serving.py: the same for every server measured (HTTP/1.1 keep-alive, one
connection per request in flight).

    python bench/_load.py URL --body FILE --content-type T [--header K=V ...] [-c 16] [--seconds 5] [--warmup 1]

`-c` requests are kept in flight for `--seconds` after `--warmup`; prints one JSON line: requests, errors,
throughput, latency p50/p99 (ms) and how many answers each production variant gave (the router's header).
Run in a process of its own, so that its work is not counted in the server's.

Written on asyncio's protocols and httptools' response parser (no client library) because it shares the
machine's two cores with the servers it measures: aiohttp's client took 150 us of CPU a request here, a third
of a core at 2,000 requests a second, and every server measured lost that core time alike (wrk is written in C
for the same reason). Each connection sends the same request, formatted once, and parses the answer.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections import Counter
from typing import Optional
from urllib.parse import urlsplit

import httptools
import numpy as np

VARIANT_HEADER = b"x-amzn-invoked-production-variant"


class _Connection(asyncio.Protocol):
    """One kept-alive connection, one request at a time: `ask` resolves to (status, variant)."""

    def __init__(self) -> None:
        self.transport: Optional[asyncio.Transport] = None
        self._parser = httptools.HttpResponseParser(self)
        self._answer: Optional[asyncio.Future[tuple[int, str]]] = None
        self._variant = ""
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self._parser.feed_data(data)

    def connection_lost(self, exc: Optional[Exception]) -> None:
        self.closed = True  # a server that does not keep connections alive: the next request opens another
        if self._answer is not None and not self._answer.done():
            self._answer.set_exception(ConnectionError("the server closed the connection"))

    def on_header(self, name: bytes, value: bytes) -> None:
        if name.lower() == VARIANT_HEADER:
            self._variant = value.decode("latin-1")

    def on_message_complete(self) -> None:
        assert self._answer is not None
        self._answer.set_result((self._parser.get_status_code(), self._variant))

    def ask(self, request: bytes) -> asyncio.Future[tuple[int, str]]:
        assert self.transport is not None
        self._variant = ""
        self._answer = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return self._answer


def format_request(url: str, body: bytes, headers: dict[str, str]) -> tuple[str, int, bytes]:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = f"POST {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n{head}Content-Length: {len(body)}\r\n\r\n"
    return parts.hostname or "127.0.0.1", parts.port or 80, request.encode("latin-1") + body


async def _worker(
    host: str,
    port: int,
    request: bytes,
    start: float,
    end: float,
    out: list[float],
    errors: Counter[int],
    variants: Counter[str],
) -> None:
    loop = asyncio.get_running_loop()
    connection: Optional[_Connection] = None
    while True:
        began = time.perf_counter()
        if began >= end:
            break
        if connection is None or connection.closed:
            _, connection = await loop.create_connection(_Connection, host, port)
        try:
            status, variant = await connection.ask(request)
        except ConnectionError:
            status, variant, connection = 599, "", None
        if began < start:  # warm-up: connections opened, caches filled, nothing counted
            continue
        out.append(time.perf_counter() - began)
        if status >= 400:
            errors[status] += 1
        variants[variant] += 1
    if connection is not None and connection.transport is not None:
        connection.transport.close()


async def load(url: str, body: bytes, headers: dict[str, str], concurrency: int, seconds: float, warmup: float) -> dict:
    latencies: list[float] = []
    errors: Counter[int] = Counter()
    variants: Counter[str] = Counter()
    host, port, request = format_request(url, body, headers)
    start = time.perf_counter() + warmup
    end = start + seconds
    await asyncio.gather(
        *(_worker(host, port, request, start, end, latencies, errors, variants) for _ in range(concurrency))
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
