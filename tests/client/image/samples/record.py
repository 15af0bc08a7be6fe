"""Record the samples from a real Glance: `python -m tests.client.image.samples.record`, with
`OS_CLIENT_CONFIG_FILE` naming the clouds.yaml of `python -m stackdouble.realcloud start`
(clouds `realcloud` and `realcloud-admin`). It makes and deletes its own images."""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from stackdouble.client import ServiceClient
from stackdouble.client.config import load_cloud
from stackdouble.client.openstack import authenticated_client, new_image_v2

_HERE = Path(__file__).parent
_DROPPED = {"Date", "Connection", "Server"}
_ALL = range(100, 600)
PATCH = {"Content-Type": "application/openstack-images-v2.1-json-patch"}
OCTETS = {"Content-Type": "application/octet-stream"}
DATA = b"hello glance " * 100


def _client(cloud: str) -> ServiceClient:
    config = load_cloud(cloud)
    return new_image_v2(authenticated_client(config.auth_options), config.endpoint_opts)


class Recorder:
    """Sends requests and writes each answer worth keeping as `<name>.json`."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client
        match = re.match(r"https?://[^/]+", client.endpoint)
        self.host = match.group(0) if match else client.endpoint

    def call(self, method: str, path: str, name: str | None = None, *,
             client: ServiceClient | None = None, **kw: Any) -> Any:
        client = client or self.client
        response = client.request(method, client.endpoint + path.lstrip("/"), ok_codes=_ALL,
                                  **kw)
        ctype = response.headers.get("Content-Type", "")
        body: Any = None
        if response.content:
            body = response.json() if ctype.startswith("application/json") else response.text
        if name is not None:
            sent: dict[str, Any] = {"method": method, "path": path}
            if "json" in kw:
                sent["json"] = kw["json"]
            if "headers" in kw:
                sent["headers"] = kw["headers"]
            headers = {k: v.replace(self.host, "http://glance.test")
                       for k, v in response.headers.items() if k not in _DROPPED}
            sample = {"request": sent, "status": response.status_code, "headers": headers,
                      "body": body}
            (_HERE / f"{name}.json").write_text(json.dumps(sample, indent=2) + "\n")
        return body


def record() -> None:
    """Run the scenario against the clouds.yaml's `realcloud` and `realcloud-admin`."""
    demo, admin = _client("realcloud"), _client("realcloud-admin")
    rec = Recorder(demo)
    admin_project = admin.provider.auth_result.extract_project().id
    made: list[str] = []
    try:
        image = rec.call("POST", "v2/images", "image-create", json={
            "name": "sample-cirros", "disk_format": "raw", "container_format": "bare",
            "tags": ["sample"], "os_distro": "cirros", "min_ram": 64})
        made.append(image["id"])
        path = f"v2/images/{image['id']}"
        rec.call("GET", path, "image-get-queued")
        rec.call("GET", path + "/file", "download-queued-204")
        rec.call("PUT", path + "/file", "upload-204", data=DATA, headers=OCTETS)
        rec.call("GET", path, "image-get-active")
        rec.call("GET", path + "/file", "download-200")
        rec.call("PUT", path + "/file", "error-409-upload-active", data=b"again",
                 headers=OCTETS)
        rec.call("PATCH", path, "image-update", json=[
            {"op": "replace", "path": "/name", "value": "sample-cirros-renamed"},
            {"op": "add", "path": "/hw_disk_bus", "value": "virtio"},
            {"op": "replace", "path": "/tags", "value": ["sample", "boot"]}], headers=PATCH)
        rec.call("PATCH", path, "error-415-patch-json", json=[
            {"op": "replace", "path": "/name", "value": "x"}])
        rec.call("PATCH", path, "error-409-patch-missing-property", json=[
            {"op": "remove", "path": "/nope"}], headers=PATCH)
        rec.call("PATCH", path, "error-403-publicize", json=[
            {"op": "replace", "path": "/visibility", "value": "public"}], headers=PATCH)
        rec.call("PATCH", path, "error-400-patch-schema", json=[
            {"op": "replace", "path": "/min_ram", "value": "x"}], headers=PATCH)
        rec.call("GET", "v2/images/00000000-0000-0000-0000-000000000000", "error-404-image")
        rec.call("PUT", path + "/tags/extra", "tag-add-204")
        rec.call("DELETE", path + "/tags/missing", "error-404-tag")
        rec.call("POST", path + "/actions/deactivate", "deactivate-204")
        rec.call("GET", path + "/file", "error-403-download-deactivated")
        rec.call("POST", path + "/actions/reactivate", "reactivate-204")
        member = f"{path}/members/{admin_project}"
        rec.call("POST", path + "/members", "member-create", json={"member": admin_project})
        rec.call("GET", path + "/members", "members-list")
        rec.call("PUT", member, "error-403-modify-member", json={"status": "accepted"})
        rec.call("PUT", member, "member-update", json={"status": "accepted"}, client=admin)
        rec.call("DELETE", member, "member-delete-204")
        rec.call("PATCH", path, None, json=[
            {"op": "replace", "path": "/protected", "value": True}], headers=PATCH)
        rec.call("DELETE", path, "error-403-delete-protected")
        rec.call("PATCH", path, None, json=[
            {"op": "replace", "path": "/protected", "value": False}], headers=PATCH)
        for name in ("sample-b", "sample-c"):
            made.append(rec.call("POST", "v2/images", None, json={
                "name": name, "tags": ["sample-page"]})["id"])
        made.append(rec.call("POST", "v2/images", None, json={
            "name": "sample-a", "tags": ["sample-page"]})["id"])
        first = rec.call("GET", "v2/images?tag=sample-page&sort=name:asc&limit=2",
                         "images-page-1")
        rec.call("GET", first["next"], "images-page-2")
        rec.call("GET", "v2/images?marker=nope", "error-400-marker")
        rec.call("GET", "v2/images?sort_key=name&sort=name:asc", "error-400-sort-mixed")
        rec.call("GET", "v2/info/import", "import-info")
        staged = rec.call("POST", "v2/images", None, json={
            "name": "sample-imported", "disk_format": "raw", "container_format": "bare"})
        made.append(staged["id"])
        staged_path = f"v2/images/{staged['id']}"
        rec.call("POST", staged_path + "/import", "error-409-import-unstaged",
                 json={"method": {"name": "glance-direct"}})
        rec.call("PUT", staged_path + "/stage", "stage-204", data=b"staged data!",
                 headers=OCTETS)
        rec.call("GET", staged_path, "image-get-uploading")
        rec.call("POST", staged_path + "/import", "import-202",
                 json={"method": {"name": "glance-direct"}})
        for _ in range(100):
            if rec.call("GET", staged_path)["status"] == "active":
                break
            time.sleep(0.2)
        rec.call("GET", staged_path, "image-get-imported")
        tasks = rec.call("GET", "v2/tasks?limit=1", "tasks-list",
                         client=admin)
        rec.call("GET", f"v2/tasks/{tasks['tasks'][0]['id']}", "task-get", client=admin)
        rec.call("GET", "v2/tasks", "error-403-tasks", client=demo)
    finally:
        for image_id in made:
            rec.call("DELETE", f"v2/images/{image_id}", client=admin)


if __name__ == "__main__":
    record()
    sys.exit(0)
