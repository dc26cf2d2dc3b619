"""The SDK: same names as the SageMaker SDK; embedded mode, a running server, and a kernel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import requests

from tests.live_server import jupyter_server


def run_script(code: str, env: dict, cwd, timeout: float = 120) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SMSTUDIO_")}
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env={**clean, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


# A script run by `script_values` calls `report(name=value, ...)`; the test asserts on the values.
REPORT = """
import json as _json
def report(**values):
    print("SMSTUDIO-TEST-VALUES " + _json.dumps(values, default=str), flush=True)
"""


def script_values(code: str, env: dict, cwd, timeout: float = 120) -> dict:
    """Run `code` as a user's script and return everything it `report()`ed, as values."""
    out = run_script(REPORT + textwrap.dedent(code), env, cwd, timeout)
    values: dict = {}
    for line in out.splitlines():
        if line.startswith("SMSTUDIO-TEST-VALUES "):
            values.update(json.loads(line.split(" ", 1)[1]))
    return values


SDK_SCRIPT = """
    import os, pathlib
    from jupyter_smstudio.sdk import Session, get_execution_role
    from jupyter_smstudio.sdk.s3 import S3Uploader, S3Downloader, s3_path_join, parse_s3_url

    session = Session(region_name="eu-west-1", role="arn:aws:iam::1:role/x")  # AWS-only args are ignored
    print("mode", session.mode)
    bucket = session.default_bucket()
    print("bucket", bucket)
    pathlib.Path("train.csv").write_text("a,b\\n1,2\\n")
    pathlib.Path("folder/sub").mkdir(parents=True, exist_ok=True)
    pathlib.Path("folder/sub/x.txt").write_text("nested")
    url = session.upload_data("train.csv", key_prefix="datasets/iris")
    assert url == s3_path_join(bucket, "datasets/iris/train.csv"), url
    assert S3Downloader.read_file(url) == "a,b\\n1,2\\n"
    prefix = S3Uploader.upload("folder", s3_path_join(bucket, "up"))
    listed = S3Downloader.list(prefix)
    assert listed == [s3_path_join(bucket, "up/sub/x.txt")], listed
    files = S3Downloader.download(prefix, "back")
    assert pathlib.Path("back/sub/x.txt").read_text() == "nested", files
    S3Uploader.upload_string_as_file_body("hello", s3_path_join(bucket, "notes/hello.txt"))
    assert session.read_s3_file(bucket, "notes/hello.txt") == "hello"
    assert session.list_s3_files(bucket, "notes") == ["notes/hello.txt"]
    print("role", get_execution_role())
    pathlib.Path("job.py").write_text("import sys\\nprint('job says', sys.argv[1:])\\n")
    job = session.run_script_job("job.py", arguments=["--n", 3], job_name="sdk-job", logs=True)
    assert job["status"] == "Completed", job
    assert [j["job_name"] for j in session.list_jobs()] == ["sdk-job"]
    try:
        session.run_script_job("../../etc/passwd")
    except Exception as err:
        print("refused", type(err).__name__, getattr(err, "field", None))
"""


def test_sdk_embedded_mode(tmp_path):
    (tmp_path / "work").mkdir()
    out = run_script(SDK_SCRIPT, {"SMSTUDIO_HOME": str(tmp_path / "home")}, cwd=tmp_path / "work")
    assert "mode embedded" in out
    assert f"bucket file://{tmp_path}/home/storage/" in out
    assert "job says ['--n', '3']" in out
    # embedded mode is the user's own process: no confinement, so the answer is that no such script exists
    assert "refused BadRequest script" in out


def test_sdk_against_a_running_server(tmp_path):
    with jupyter_server(tmp_path / "srv") as srv:
        out = run_script(SDK_SCRIPT, {"SMSTUDIO_URL": srv["url"], "SMSTUDIO_TOKEN": srv["token"]}, cwd=srv["root"])
        assert "mode server" in out
        assert f"bucket file://{srv['home']}/storage/" in out
        assert "job says ['--n', '3']" in out
        assert "refused Forbidden script" in out
        # the job is the server's record: the REST API sees it
        jobs = requests.get(f"{srv['url']}smstudio/api/jobs", headers={"Authorization": f"token {srv['token']}"}).json()
        assert [j["job_name"] for j in jobs["jobs"]] == ["sdk-job"]
        # a wrong token is refused with a clear error
        bad = run_script(
            """
            from jupyter_smstudio.sdk import Session
            try:
                Session().default_bucket()
            except Exception as err:
                print("error", type(err).__name__)
        """,
            {"SMSTUDIO_URL": srv["url"], "SMSTUDIO_TOKEN": "wrong"},
            cwd=tmp_path,
        )
        assert "error" in bad


def test_kernel_of_the_server_finds_it(tmp_path):
    """A kernel the server starts inherits SMSTUDIO_URL/TOKEN and talks to that server."""
    from jupyter_client import BlockingKernelClient

    with jupyter_server(tmp_path / "srv") as srv:
        headers = {"Authorization": f"token {srv['token']}"}
        kernel = requests.post(f"{srv['url']}api/kernels", json={"name": "python3"}, headers=headers).json()
        client = BlockingKernelClient()
        client.load_connection_file(str(srv["runtime"] / f"kernel-{kernel['id']}.json"))
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            out = []
            reply = client.execute_interactive(
                "from jupyter_smstudio.sdk import Session\ns = Session()\nprint(s.mode, s.default_bucket())\n",
                timeout=60,
                output_hook=lambda msg: out.append(msg["content"].get("text", "")),
            )
            assert reply["content"]["status"] == "ok", reply["content"]
            text = "".join(out)
            assert text.startswith("server file://"), text
            assert str(srv["home"]) in text
        finally:
            client.stop_channels()
            requests.delete(f"{srv['url']}api/kernels/{kernel['id']}", headers=headers)
