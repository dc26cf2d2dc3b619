"""Storage URLs: file:// confined to the user's volume, s3:// against a real SeaweedFS server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jupyter_smstudio.core.errors import BadRequest, Forbidden, NotFound
from jupyter_smstudio.core.storage import StorageService


@pytest.fixture
def volumes(tmp_path):
    service = StorageService(
        root_url_template="file://{smstudio_home}/storage/{user}",
        home_volume_template=str(tmp_path / "volumes" / "{user}"),
        shared_roots=[str(tmp_path / "shared")],
        s3_options={},
        variables={"smstudio_home": str(tmp_path / "home"), "root_dir": str(tmp_path)},
    )
    (tmp_path / "shared").mkdir()
    (tmp_path / "secret.txt").write_text("top secret")
    return service


def test_relative_paths_live_in_the_volume(volumes, tmp_path):
    alice = volumes.for_user("alice")
    entry = alice.write_bytes("data/train.csv", b"a,b\n1,2\n")
    assert entry.url == (tmp_path / "volumes/alice/data/train.csv").as_uri()
    assert alice.read_bytes("data/train.csv") == b"a,b\n1,2\n"
    assert alice.read_bytes(entry.url) == b"a,b\n1,2\n"
    assert [e.name for e in alice.list("data").entries] == ["train.csv"]
    assert alice.write_bytes((tmp_path / "shared" / "x.txt").as_uri(), b"shared").size == 6
    assert alice.write_bytes(alice.root_url + "/out/model.bin", b"m").size == 1


@pytest.mark.parametrize(
    "bad",
    [
        "../secret.txt",
        "data/../../secret.txt",
        "file:///etc/passwd",
        "/etc/passwd",
        "file://{tmp}/secret.txt",
        "file://{tmp}/volumes/bob/notes.txt",
        "{tmp}/volumes/alice/../bob/notes.txt",
    ],
)
def test_escapes_are_refused_and_nothing_written(volumes, tmp_path, bad):
    (tmp_path / "volumes" / "bob").mkdir(parents=True, exist_ok=True)
    (tmp_path / "volumes" / "bob" / "notes.txt").write_text("bob's")
    alice = volumes.for_user("alice")
    url = bad.format(tmp=tmp_path)
    with pytest.raises(Forbidden):
        alice.read_bytes(url)
    with pytest.raises(Forbidden):
        alice.write_bytes(url, b"overwritten")
    with pytest.raises(Forbidden):
        alice.list(url)
    assert (tmp_path / "secret.txt").read_text() == "top secret"
    assert (tmp_path / "volumes" / "bob" / "notes.txt").read_text() == "bob's"


def test_symlink_out_of_the_volume_is_refused(volumes, tmp_path):
    alice = volumes.for_user("alice")
    os.symlink(tmp_path, tmp_path / "volumes" / "alice" / "escape")
    os.symlink(tmp_path / "secret.txt", tmp_path / "volumes" / "alice" / "link.txt")
    for url in ("escape/secret.txt", "link.txt", "escape"):
        with pytest.raises(Forbidden):
            alice.read_bytes(url)
    with pytest.raises(Forbidden):
        alice.write_bytes("escape/new.txt", b"x")
    assert not (tmp_path / "new.txt").exists()


def test_listings_report_a_symlink_itself(volumes, tmp_path):
    """A link in alice's volume to /etc, to a secret or to bob's volume is listed as the link (its own size
    and time, `symlink`), never as its target, and nothing is read or listed through it."""
    bob = tmp_path / "volumes" / "bob"
    (bob / "private").mkdir(parents=True)
    (bob / "private" / "notes.txt").write_text("bob's notes, 24 bytes..")
    alice = volumes.for_user("alice")
    home = Path(alice.home_volume)
    (home / "data").mkdir()
    (home / "data" / "train.csv").write_text("a,b\n")
    links = {"etc": "/etc", "secret.txt": tmp_path / "secret.txt", "bobs": bob / "private", "in-volume": home / "data"}
    for name, target in links.items():
        os.symlink(target, home / name)
    entries = {e.name: e for e in alice.list(".").entries}
    for name in links:
        entry = entries[name]
        assert entry.symlink and entry.type == "file", entry
        assert entry.size == os.lstat(home / name).st_size  # the link's own size: the length of its target's path
        assert entry.modified is not None
    assert entries["secret.txt"].size != len("top secret") and not entries["data"].symlink
    assert entries["data"].type == "directory" and entries["data"].size is None
    for url in ("etc", "etc/passwd", "secret.txt", "bobs", "bobs/notes.txt", "file:///etc"):
        with pytest.raises(Forbidden):
            alice.list(url)
        with pytest.raises(Forbidden):
            alice.read_bytes(url)
        with pytest.raises(Forbidden):
            alice.info(url)
    with pytest.raises(Forbidden):
        alice.write_bytes("bobs/planted.txt", b"x")
    assert not (bob / "private" / "planted.txt").exists()
    # a link that stays inside the volume is followed where it is used, as before
    assert [e.name for e in alice.list("in-volume").entries] == ["train.csv"]
    assert alice.read_bytes("in-volume/train.csv") == b"a,b\n"


async def test_rest_listing_reports_symlinks_themselves(api, tmp_path):
    home = tmp_path / "vol"
    home.mkdir(exist_ok=True)
    os.symlink("/etc/passwd", home / "passwd")
    code, listing = await api("GET", "storage", params={"url": "."})
    assert code == 200, listing
    (entry,) = [e for e in listing["entries"] if e["name"] == "passwd"]
    assert entry["symlink"] and entry["size"] == len("/etc/passwd"), entry
    code, body = await api("GET", "storage/object", params={"url": "passwd"})
    assert code == 403 and body["field"] == "url", body


def test_an_embedded_session_reaches_what_its_process_can(tmp_path, monkeypatch):
    """No server in between (the SDK in a plain script): a script started in ~/project/scripts reads
    ~/project/data, by a relative path or a file:// URL; a server's requests stay confined (tests above)."""
    from jupyter_smstudio.sdk import Session
    from jupyter_smstudio.sdk.s3 import S3Downloader

    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    (project / "data").mkdir()
    (project / "data" / "train.csv").write_text("a,b\n1,2\n")
    monkeypatch.setenv("SMSTUDIO_HOME", str(tmp_path / "home"))
    for key in ("SMSTUDIO_URL", "SMSTUDIO_TOKEN", "SMSTUDIO_JOB_TOKEN", "SMSTUDIO_JOB_NAME"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(project / "scripts")
    session = Session()
    try:
        assert session.mode == "embedded"
        data = (project / "data" / "train.csv").as_uri()
        assert S3Downloader.read_file(data, sagemaker_session=session) == "a,b\n1,2\n"
        assert session.backend.read_bytes("../data/train.csv") == b"a,b\n1,2\n"
        assert [e["name"] for e in session.backend.list("../data")["entries"]] == ["train.csv"]
        out = session.upload_string_as_file_body("done", (project / "results").as_uri(), "run.txt")
        assert (project / "results" / "run.txt").read_text() == "done", out
    finally:
        session.backend.close()


def test_unknown_scheme_and_missing_files(volumes):
    alice = volumes.for_user("alice")
    with pytest.raises(BadRequest):
        alice.read_bytes("http://example.com/x")
    with pytest.raises(NotFound):
        alice.read_bytes("nothing-here.txt")
    with pytest.raises(BadRequest):
        alice.read_bytes("")


def test_user_names_cannot_name_other_folders(volumes):
    with pytest.raises(Forbidden):
        volumes.for_user("..")
    weird = volumes.for_user("a/../../b")
    assert "/volumes/" in weird.home_volume and ".." not in weird.home_volume.split("/")


# -- through the REST API --------------------------------------------------------------------------


@pytest.fixture
def smstudio_config(tmp_path):
    return {"home_volume": str(tmp_path / "vol")}


async def test_rest_upload_download_list(api, tmp_path):
    code, entry = await api("PUT", "storage/object", params={"url": "data/a.txt"}, raw_body=b"hello")
    assert code == 201 and entry["size"] == 5
    code, listing = await api("GET", "storage", params={"url": "data"})
    assert [e["name"] for e in listing["entries"]] == ["a.txt"]
    code, body = await api("GET", "storage/object", params={"url": "data/a.txt"})
    assert code == 200 and body == "hello"


@pytest.mark.parametrize("url", ["../outside.txt", "file:///etc/hostname", "/tmp/elsewhere.txt"])
async def test_rest_refuses_escapes(api, tmp_path, url):
    code, body = await api("PUT", "storage/object", params={"url": url}, raw_body=b"x")
    assert code == 403 and body["field"] == "url", body
    code, body = await api("GET", "storage/object", params={"url": url})
    assert code == 403
    assert not (tmp_path / "outside.txt").exists() and not os.path.exists("/tmp/elsewhere.txt")


# -- S3 against SeaweedFS ---------------------------------------------------------------------------


@pytest.fixture
def s3_user(fresh_s3_config, tmp_path):
    cfg = fresh_s3_config
    service = StorageService(
        root_url_template=f"s3://{cfg['bucket']}/users/{{user}}",
        home_volume_template=str(tmp_path / "volumes" / "{user}"),
        shared_roots=[],
        s3_options={
            "key": cfg["key"],
            "secret": cfg["secret"],
            "endpoint_url": cfg["endpoint_url"],
            "client_kwargs": {"region_name": "us-east-1"},
        },
        variables={"smstudio_home": str(tmp_path / "home"), "root_dir": str(tmp_path)},
    )
    return service.for_user("alice")


def test_s3_put_get_list_open(s3_user, tmp_path):
    root = s3_user.root_url
    assert root.startswith("s3://")
    s3_user.write_bytes(f"{root}/data/train.csv", b"x,y\n1,2\n")
    assert s3_user.read_bytes(f"{root}/data/train.csv") == b"x,y\n1,2\n"
    assert [e.name for e in s3_user.list(f"{root}/data").entries] == ["train.csv"]
    with s3_user.open(f"{root}/data/big.bin", "wb") as fh:
        fh.write(os.urandom(6 * 1024 * 1024))
    assert s3_user.info(f"{root}/data/big.bin").size == 6 * 1024 * 1024
    local = tmp_path / "folder"
    (local / "sub").mkdir(parents=True)
    (local / "sub" / "f.txt").write_text("nested")
    s3_user.upload_file(str(local), f"{root}/up")
    out = s3_user.download(f"{root}/up", str(tmp_path / "back"))
    assert any(p.endswith("sub/f.txt") for p in out)
    assert (tmp_path / "back" / "sub" / "f.txt").read_text() == "nested"
    with pytest.raises(NotFound):
        s3_user.read_bytes(f"{root}/nope.txt")
