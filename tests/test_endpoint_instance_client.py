"""The router's client to its instances (endpoints/instance_client.py) against a real instance process: it keeps
one connection alive across requests, says InstanceGone for a refused port and for an instance that dies
before answering (the router then tries the next instance), gives up after its timeout without reusing that
connection, and refuses a header that would break the request's head."""

from __future__ import annotations

import asyncio
from contextlib import contextmanager

import pytest

from jupyter_smstudio.endpoints.instance_client import InstanceClient, InstanceGone
from tests.conftest import write_script
from tests.test_endpoint_batching import X, _csv
from tests.test_endpoint_serving import _free_port, _serve, model_dir  # noqa: F401 (the module's model fixture)


def _address(url: str) -> tuple[str, int]:
    host, port = url.removeprefix("http://").split(":")
    return host, int(port)


def test_one_connection_serves_request_after_request(tmp_path, model_dir):  # noqa: F811
    proc, url = _serve(tmp_path, model_dir)
    try:
        assert url
        host, port = _address(url)

        async def twice():
            client = InstanceClient(timeout=30)
            first = await client.post(host, port, _csv(X[:1]), "text/csv", "application/json", ())
            kept = list(client._idle[(host, port)])
            second = await client.post(host, port, b"1,2", "text/csv", "application/json", (("X-Extra", "yes"),))
            assert client._idle[(host, port)] == kept and len(kept) == 1  # the same connection, kept
            client.close()
            return first, second

        first, second = asyncio.run(twice())
        assert (first.status_code, first.content_type, first.content) == (200, "application/json", b"[0]")
        assert second.status_code == 400 and b"the model refused the input" in second.content
    finally:
        proc.terminate()
        proc.wait(10)


def test_no_instance_is_instance_gone():
    async def refused():
        await InstanceClient(timeout=5).post("127.0.0.1", _free_port(), b"1", "text/csv", "text/csv", ())

    with pytest.raises(InstanceGone, match="refused the connection"):
        asyncio.run(refused())


@contextmanager
def _instance_whose_predict_fn_is(tmp_path, model_dir, body: str):  # noqa: F811
    """A real instance whose predict_fn runs `body`: (its process, its address); killed afterwards."""
    code = tmp_path / "code"
    write_script(code, "predict.py", f"import os\nimport time\n\ndef predict_fn(data, model):\n    {body}\n")
    proc, url = _serve(tmp_path, model_dir, code, "predict.py")
    try:
        assert url
        yield proc, _address(url)
    finally:
        proc.kill()
        proc.wait(10)


def test_an_instance_that_dies_before_answering_is_instance_gone(tmp_path, model_dir):  # noqa: F811
    with _instance_whose_predict_fn_is(tmp_path, model_dir, "os._exit(3)") as (proc, (host, port)):
        with pytest.raises(InstanceGone, match="closed the connection"):
            asyncio.run(InstanceClient(timeout=30).post(host, port, b"1,2,3,4", "text/csv", "text/csv", ()))
        assert proc.wait(10) == 3


def test_a_slow_instance_times_out_and_its_connection_is_dropped(tmp_path, model_dir):  # noqa: F811
    client = InstanceClient(timeout=0.5)
    with _instance_whose_predict_fn_is(tmp_path, model_dir, "time.sleep(3)\n    return [1]") as (_, (host, port)):
        with pytest.raises(TimeoutError):
            asyncio.run(client.post(host, port, b"1,2,3,4", "text/csv", "text/csv", ()))
        assert not client._idle[(host, port)]


def test_a_header_with_a_line_break_is_refused_before_anything_is_sent():
    async def smuggle():
        await InstanceClient(timeout=5).post("127.0.0.1", _free_port(), b"", "text/csv\r\nX-Evil: 1", "text/csv", ())

    with pytest.raises(ValueError, match="line break"):
        asyncio.run(smuggle())
