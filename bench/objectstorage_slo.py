"""A 1 GiB static large object upload and download through the client vs `requests`
streaming the same segments, against the served fake Swift in its own process: client CPU,
and the peak memory the transfer adds to the client's process.

Target: ≤ 1.2× the CPU of `requests`, and memory bounded by the segment size (the client
streams each segment in 1 MiB blocks, so it stays near one block). Shape of
`bench/image_transfer.py`: the fake runs in a child (`--serve`), each transfer in a worker
process of its own (`--worker`) that resets its peak RSS and reports the CPU and VmHWM it
added. Rounds rotate which side goes first.

- upload: `largeobjects.upload(storage, c, name, chunks, UploadOpts(segment_size=...))`
  (a HEAD of the container, the object and the segment container, one streamed PUT per
  segment with its MD5 checked against Swift's ETag, the manifest PUT with
  `?multipart-manifest=put`) vs `requests`: one `put(data=segment_chunks)` per segment
  hashing MD5 as it goes and comparing the ETag, then the manifest PUT: the same requests
  and the same guarantee, hand-made.
- download: `objects.download(...).iter_content()` of each segment (MD5 checked) vs
  `session.get(stream=True).iter_content` + MD5 per segment. The segments are read one by
  one, not through the manifest, so the figure measures the transfer of each segment, not
  the fake's assembly of the SLO.

The served fake runs the slo middleware (`stackdouble/fakes/objectstorage/middleware/slo.py`,
in its default pipeline), so the manifest PUT answers the SLO ETag and the upload checks
it. `--no-verify` skips that check, for a fake started with a pipeline without `slo`.

    python bench/objectstorage_slo.py [--size 1G] [--segment 100M] [--rounds 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator

import requests
from _common import report, serve_until_terminated, start_served_child
from image_transfer import measured, parse_size

BLOCK = 1 << 20
OPS = ("upload", "download")
SIDES = ("client", "requests")
_TOKEN_ENV = "BENCH_SLO_TOKEN"


def chunks(size: int) -> Iterator[bytes]:
    """`size` bytes in 1 MiB blocks (one block of pseudo-random bytes, sent again)."""
    block = os.urandom(BLOCK) if size else b""
    full, rest = divmod(size, BLOCK)
    for _ in range(full):
        yield block
    if rest:
        yield block[:rest]


def _storage(base: str) -> object:
    from stackdouble.client import AuthOptions
    from stackdouble.client.openstack import authenticated_client, new_object_storage_v1

    opts = AuthOptions(identity_endpoint=f"{base}/identity/v3", username="demo",
                       password="demo-secret", project_name="demo", domain_name="Default")
    return new_object_storage_v1(authenticated_client(opts))


def client_worker(op: str, base: str, name: str, size: int, segment: int, verify: bool) -> None:
    """Upload or download through `stackdouble.client`."""
    from stackdouble.client.openstack.objectstorage.v1 import largeobjects, objects

    storage = _storage(base)

    def upload() -> None:
        opts = largeobjects.UploadOpts(segment_size=segment, verify=verify, mtime=1.0,
                                       leave_segments=True)
        made = largeobjects.upload(storage, "bench", name, chunks(size), opts).extract()  # type: ignore[arg-type]
        assert made.size == size, made.size

    def download() -> None:
        got = 0
        for index in range(-(-size // segment)):
            seg = f"{name}/slo/1.000000/{segment}/{index:08d}"
            with objects.download(storage, "bench_segments", seg) as data:  # type: ignore[arg-type]
                for chunk in data.iter_content(BLOCK):
                    got += len(chunk)
        assert got == size, got

    measured(upload if op == "upload" else download)


def requests_worker(op: str, base: str, name: str, size: int, segment: int,
                    verify: bool) -> None:
    """The same requests with a plain `requests.Session`, hashing as the client does."""
    session = requests.Session()
    account = os.environ["BENCH_SLO_ACCOUNT"]
    token = {"X-Auth-Token": os.environ[_TOKEN_ENV]}
    prefix = f"{name}/slo/1.000000/{segment}/"

    def segment_chunks(stream: Iterator[bytes], digest: object) -> Iterator[bytes]:
        left = segment
        for block in stream:
            digest.update(block)  # type: ignore[attr-defined]
            yield block
            left -= len(block)
            if left <= 0:
                return

    def upload() -> None:
        for path in (f"{account}/bench", f"{account}/bench/{name}?symlink=get",
                     f"{account}/bench_segments"):
            session.head(path, headers=token)
        stream = chunks(size)
        entries = []
        for index in range(-(-size // segment)):
            digest = hashlib.md5(usedforsecurity=False)
            seg = f"{prefix}{index:08d}"
            response = session.put(f"{account}/bench_segments/{seg}", headers=token,
                                   data=segment_chunks(stream, digest))
            assert response.status_code == 201, response.status_code
            assert response.headers["Etag"].strip('"') == digest.hexdigest()
            entries.append({"path": f"/bench_segments/{seg}", "etag": digest.hexdigest(),
                            "size_bytes": min(segment, size - index * segment)})
        response = session.put(f"{account}/bench/{name}?multipart-manifest=put",
                               headers=token, data=json.dumps(entries).encode())
        assert response.status_code == 201, response.status_code

    def download() -> None:
        got = 0
        for index in range(-(-size // segment)):
            digest = hashlib.md5(usedforsecurity=False)
            url = f"{account}/bench_segments/{prefix}{index:08d}"
            with session.get(url, headers=token, stream=True) as response:
                response.raise_for_status()
                for chunk in response.iter_content(BLOCK):
                    digest.update(chunk)
                    got += len(chunk)
            assert digest.hexdigest() == response.headers["Etag"].strip('"')
        assert got == size, got

    measured(upload if op == "upload" else download)


def serve() -> None:
    """The child: a fake cloud, served."""
    from stackdouble.fakes import FakeCloud

    serve_until_terminated(FakeCloud(seed=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1G")
    parser.add_argument("--segment", default="100M")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-verify", action="store_true",
                        help="do not check the manifest's SLO ETag (a fake without SLO)")
    args = parser.parse_args()
    size, segment = parse_size(args.size), parse_size(args.segment)
    proc, base = start_served_child([sys.executable, __file__, "--serve"])
    try:
        from stackdouble.client.openstack.objectstorage.v1 import containers

        storage = _storage(base)
        containers.create(storage, "bench").extract_err()  # type: ignore[arg-type]
        env = {**os.environ, _TOKEN_ENV: storage.provider.token_id or "",  # type: ignore[attr-defined]
               "BENCH_SLO_ACCOUNT": storage.resource_base_url().rstrip("/")}  # type: ignore[attr-defined]
        costs: dict[tuple[str, str], list[float]] = {}
        grew: dict[tuple[str, str], list[int]] = {}
        for i in range(args.rounds):
            order = SIDES[i % 2:] + SIDES[:i % 2]
            for op in OPS:
                for side in order:
                    done = subprocess.run(
                        [sys.executable, __file__, "--worker", side, op, base, f"o-{side}",
                         str(size), str(segment), "0" if args.no_verify else "1"],
                        env=env, capture_output=True, text=True)
                    if done.returncode:
                        raise SystemExit(f"{side} {op} failed:\n{done.stderr[-3000:]}")
                    result = json.loads(done.stdout.strip().splitlines()[-1])
                    costs.setdefault((side, op), []).append(float(result["cpu"]))
                    grew.setdefault((side, op), []).append(int(result["grew"]))
        label = f"{args.size} in {args.segment} segments"
        report(f"SLO upload {label}, client CPU (served fake Swift)",
               "largeobjects.upload(storage, c, o, chunks, opts)",
               "requests put per segment + md5 + manifest", costs[("client", "upload")],
               costs[("requests", "upload")], "ms", 1e3, target=1.2)
        report(f"download the {label}, MD5 checked, client CPU",
               "objects.download(...).iter_content() per segment",
               "requests iter_content + md5 per segment", costs[("client", "download")],
               costs[("requests", "download")], "ms", 1e3, target=1.2)
        print(f"peak RSS added by the transfer (largest of {args.rounds} rounds, MiB; "
              f"segments {segment / (1 << 20):,.0f} MiB, blocks 1 MiB)")
        for op in OPS:
            row = "   ".join(f"{side} {max(grew[(side, op)]) / (1 << 20):6.2f}"
                           for side in SIDES)
            print(f"  {op:<10} {row}")
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve()
    elif sys.argv[1:2] == ["--worker"]:
        side, op, base, name, size, segment, verify = sys.argv[2:9]
        worker = client_worker if side == "client" else requests_worker
        worker(op, base, name, int(size), int(segment), verify == "1")
    else:
        main()
