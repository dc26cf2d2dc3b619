"""Batch transform on S3 storage (a real SeaweedFS server): gzip-compressed input files found by a name prefix,
the model and its code read from the owner's prefix, answers written under an s3:// S3OutputPath, progress read
from the job's metrics on S3; another user's prefix refused as the output."""

from __future__ import annotations

import gzip

import pytest

from jupyter_smstudio.core.errors import BadRequest
from jupyter_smstudio.endpoints.models import CreateModelRequest
from jupyter_smstudio.studio import ENDPOINTS, StudioSettings, build_services
from tests.test_transform import create, finish, make_model, request

pytestmark = pytest.mark.timeout(120)


def test_gzip_input_by_prefix_and_output_on_s3(tmp_path, fresh_s3_config):
    cfg = fresh_s3_config
    options = {"key": cfg["key"], "secret": cfg["secret"], "endpoint_url": cfg["endpoint_url"]}
    options["client_kwargs"] = {"region_name": "us-east-1"}
    settings = StudioSettings(
        smstudio_home=str(tmp_path / "home"),
        root_dir=str(tmp_path),
        storage_root=f"s3://{cfg['bucket']}/{{user}}",
        s3_options=options,
    )
    services = build_services(settings)
    services.start()
    try:
        storage = services.storage.for_user("alice")
        bucket = storage.root_url
        model = make_model(tmp_path, "ons3")
        for name in ("model.tar.gz", "code/inference.py"):
            storage.upload_file(str(tmp_path / "ons3" / name), f"{bucket}/model/{name}")
        container = model["PrimaryContainer"]
        container["ModelDataUrl"] = f"{bucket}/model/model.tar.gz"
        container["Environment"]["SAGEMAKER_SUBMIT_DIRECTORY"] = f"{bucket}/model/code"
        services.get(ENDPOINTS).create_model(services.viewer("alice"), CreateModelRequest.model_validate(model))
        for part, rows in (("part-1", range(0, 300)), ("part-2", range(300, 500))):
            data = gzip.compress("".join(f"{i},1\n" for i in rows).encode())
            storage.write_bytes(f"{bucket}/data/{part}.csv.gz", data)
        storage.write_bytes(f"{bucket}/data/other.csv", b"not,this\n")  # outside the prefix

        body = request(
            "ons3",
            "ons3",
            f"{bucket}/data/part-",
            f"{bucket}/out",
            TransformInput={"CompressionType": "Gzip"},
            TransformResources={"InstanceCount": 2},
        )
        create(services, "alice", body)
        desc = finish(services, "alice", "ons3")
        assert desc["TransformJobStatus"] == "Completed", desc
        assert desc["Progress"] == {"RecordsDone": 500, "RecordsTotal": 500}
        first = storage.read_bytes(f"{bucket}/out/part-1.csv.gz.out").decode().splitlines()
        second = storage.read_bytes(f"{bucket}/out/part-2.csv.gz.out").decode().splitlines()
        assert first + second == [f"{(i + 1) * 2.0}" for i in range(500)]
        assert not storage.exists(f"{bucket}/out/other.csv.out")

        # bob, with a model of his own, may not write under alice's prefix
        bob = services.storage.for_user("bob")
        for name in ("model.tar.gz", "code/inference.py"):
            bob.upload_file(str(tmp_path / "ons3" / name), f"{bob.root_url}/model/{name}")
        container["ModelDataUrl"] = f"{bob.root_url}/model/model.tar.gz"
        container["Environment"]["SAGEMAKER_SUBMIT_DIRECTORY"] = f"{bob.root_url}/model/code"
        services.get(ENDPOINTS).create_model(services.viewer("bob"), CreateModelRequest.model_validate(model))
        bob.write_bytes(f"{bob.root_url}/in.csv", b"1,2\n")
        with pytest.raises(BadRequest) as err:
            create(services, "bob", request("stolen", "ons3", f"{bob.root_url}/in.csv", f"{bucket}/bob-out"))
        assert err.value.field == "TransformOutput.S3OutputPath"
    finally:
        services.close()
