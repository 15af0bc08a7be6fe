"""A 1 GiB image upload and download through the client vs `requests` streaming the same
bytes, against the served fake Glance in its own process: CPU, and the peak memory the
transfer adds to the client's process.

Target: ≤ 1.2× the CPU of `requests`, and memory bounded by the chunk size, not the image
size. The fake (which keeps the bytes: it is a store) runs in a child process (this script
with `--serve`). Each transfer runs in a worker process of its own (`--worker`), so each
side's peak is its own: the worker resets its peak RSS (`/proc/self/clear_refs`), then
reports `time.process_time()` spent in the transfer and how far `VmHWM` rose above the RSS
it started from. Rounds rotate which side goes first; each round uploads one new
`raw`/`bare` image per side and deletes it afterwards.

The client gives every request a connect and a read limit (`ProviderClient.timeout`,
(10 s, 120 s) by default), and a socket with a timeout polls before each `send`/`recv`:
the floor is `requests` with the same `timeout=`, and `requests` without one is shown
beside it (the price of never hanging on a stalled server).

- upload: `imagedata.upload(image_client, id, chunks)` vs `session.put(url, data=chunks)`,
  `chunks` a generator of 64 KiB blocks (both stream with chunked transfer encoding).
- download, verified: `imagedata.download(..., DownloadOpts.from_image(image))` read with
  `iter_content()`, which checks Glance's MD5 `checksum` and sha512 `os_hash_value` after
  the last chunk, vs `session.get(url, stream=True).iter_content(65536)` feeding
  `hashlib.md5` and `hashlib.sha512` and comparing them: the same guarantee, hand-made.
- download, unverified: `iter_content(verify=False)` vs the bare `iter_content` loop, the
  transport's own cost.

    python bench/image_transfer.py [--size 1G] [--rounds 3]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import requests
from _common import report, serve_until_terminated, start_served_child

CHUNK = 64 * 1024
#: The transfers, in the order each round runs them (the downloads read the upload).
OPS = ("upload", "download", "download-unverified")
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
#: Who transfers: the client, `requests` with the client's timeout, `requests` without.
SIDES = ("client", "requests", "requests-no-timeout")
#: Environment variables handing the workers the token, the image's hashes, the timeout.
_TOKEN_ENV = "BENCH_IMAGE_TOKEN"
_OPTS_ENV = "BENCH_IMAGE_OPTS"
_TIMEOUT_ENV = "BENCH_IMAGE_TIMEOUT"


def parse_size(text: str) -> int:
    """`1G`, `256M`, `512K` or a number of bytes."""
    unit = text[-1:].upper() if text[-1:].isalpha() else ""
    return int(text[: len(text) - len(unit)]) * _UNITS[unit]


def chunks(size: int) -> Iterator[bytes]:
    """`size` bytes in CHUNK blocks (one pseudo-random block, sent again and again)."""
    block = random.Random(size).randbytes(CHUNK)
    full, rest = divmod(size, CHUNK)
    for _ in range(full):
        yield block
    if rest:
        yield block[:rest]


def _status(field: str) -> int:
    """A `/proc/self/status` memory field, in bytes."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise LookupError(field)


def measured(work: Callable[[], None]) -> None:
    """Run `work`; print its CPU seconds and the peak RSS it added, as JSON."""
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")  # reset VmHWM to the current RSS
        start = _status("VmRSS")
    except OSError:
        start = _status("VmHWM")
    cpu = time.process_time()
    work()
    cpu = time.process_time() - cpu
    print(json.dumps({"cpu": cpu, "grew": max(0, _status("VmHWM") - start)}), flush=True)


# -- the workers ---------------------------------------------------------------------------


def client_worker(op: str, base: str, image_id: str, size: int) -> None:
    """Upload or download through `stackdouble.client`."""
    from stackdouble.client import AuthOptions
    from stackdouble.client.openstack import authenticated_client, new_image_v2
    from stackdouble.client.openstack.image.v2 import imagedata, images

    opts = AuthOptions(identity_endpoint=f"{base}/identity/v3", username="demo",
                       password="demo-secret", project_name="demo", domain_name="Default")
    image_client = new_image_v2(authenticated_client(opts))
    check = imagedata.DownloadOpts.from_image(images.get(image_client, image_id).extract())

    def upload() -> None:
        imagedata.upload(image_client, image_id, chunks(size)).extract_err()

    def download(verify: bool) -> None:
        got = 0
        with imagedata.download(image_client, image_id, check) as data:
            for chunk in data.iter_content(CHUNK, verify=verify):
                got += len(chunk)
        assert got == size, got

    measured(upload if op == "upload" else lambda: download(op == "download"))


def requests_worker(op: str, base: str, image_id: str, size: int) -> None:
    """Upload or download with a plain `requests.Session`, with the timeout in
    `_TIMEOUT_ENV` (JSON: a `(connect, read)` pair, or null for none)."""
    session = requests.Session()
    url = f"{base}/image/v2/images/{image_id}/file"
    token = {"X-Auth-Token": os.environ[_TOKEN_ENV]}
    hashes = json.loads(os.environ.get(_OPTS_ENV, "{}"))
    limit = json.loads(os.environ.get(_TIMEOUT_ENV, "null"))
    timeout = tuple(limit) if isinstance(limit, list) else limit
    session.get(f"{base}/image/v2/images/{image_id}", headers=token,
                timeout=timeout).raise_for_status()

    def upload() -> None:
        response = session.put(url, data=chunks(size), timeout=timeout, headers={
            **token, "Content-Type": "application/octet-stream"})
        assert response.status_code == 204, (response.status_code, response.text[:200])

    def download(verify: bool) -> None:
        md5 = hashlib.md5(usedforsecurity=False)
        sha = hashlib.new(hashes["os_hash_algo"])
        got = 0
        with session.get(url, headers=token, stream=True, timeout=timeout) as response:
            response.raise_for_status()
            for chunk in response.iter_content(CHUNK):
                got += len(chunk)
                if verify:
                    md5.update(chunk)
                    sha.update(chunk)
        assert got == size, got
        if verify:
            assert md5.hexdigest() == hashes["checksum"]
            assert sha.hexdigest() == hashes["os_hash_value"]

    measured(upload if op == "upload" else lambda: download(op == "download"))


# -- the parent ----------------------------------------------------------------------------


def serve() -> None:
    """The child: a fake cloud, served."""
    from stackdouble.fakes import FakeCloud

    serve_until_terminated(FakeCloud(seed=1))


class Run:
    """The parent's side: the served fake, a client to set up images, the workers."""

    def __init__(self, base: str, size: int) -> None:
        from stackdouble.client import AuthOptions
        from stackdouble.client.openstack import authenticated_client, new_image_v2

        opts = AuthOptions(identity_endpoint=f"{base}/identity/v3", username="demo",
                           password="demo-secret", project_name="demo", domain_name="Default")
        self.provider = authenticated_client(opts)
        self.image_client = new_image_v2(self.provider)
        self.base = base
        self.size = size
        self.images: dict[str, str] = {}
        self.hashes: dict[str, dict[str, str]] = {}
        self.grew: dict[tuple[str, str], list[int]] = {}

    def new_image(self, side: str) -> None:
        """A queued raw/bare image for `side` to upload to."""
        from stackdouble.client.openstack.image.v2 import images

        image = images.create(self.image_client, images.CreateOpts(
            name=f"bench-{side}", disk_format="raw", container_format="bare")).extract()
        self.images[side] = image.id

    def uploaded(self, side: str) -> None:
        """Check the upload landed; keep the hashes Glance computed."""
        from stackdouble.client.openstack.image.v2 import images

        image = images.get(self.image_client, self.images[side]).extract()
        assert image.status == "active", image.status
        assert image.size == self.size, image.size
        assert image.checksum, "no checksum"
        assert image.os_hash_algo, "no os_hash_algo"
        assert image.os_hash_value, "no os_hash_value"
        self.hashes[side] = {"checksum": image.checksum, "os_hash_algo": image.os_hash_algo,
                       "os_hash_value": image.os_hash_value}

    def delete(self, side: str) -> None:
        """Delete `side`'s image (the fake frees its bytes)."""
        from stackdouble.client.openstack.image.v2 import images

        images.delete(self.image_client, self.images.pop(side)).extract_err()

    def worker(self, side: str, op: str) -> float:
        """Run one transfer in a worker process; keep its memory growth, return its CPU."""
        timeout = self.provider.timeout if side == "requests" else None
        env = {**os.environ, _TOKEN_ENV: self.provider.token_id or "",
               _OPTS_ENV: json.dumps(self.hashes.get(side, {})),
               _TIMEOUT_ENV: json.dumps(timeout)}
        done = subprocess.run(
            [sys.executable, __file__, "--worker", side, op, self.base, self.images[side],
             str(self.size)], env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"{side} {op} failed:\n{done.stderr}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        self.grew.setdefault((side, op), []).append(int(result["grew"]))
        return float(result["cpu"])

    def transfer(self, side: str, op: str) -> float:
        """One measured transfer of `side`; an upload gets a new image first."""
        if op != "upload":
            return self.worker(side, op)
        self.new_image(side)
        cpu = self.worker(side, op)
        self.uploaded(side)
        return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1G", help="image size: 1G (default), 256M...")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    size = parse_size(args.size)
    proc, base = start_served_child([sys.executable, __file__, "--serve"])
    try:
        run = Run(base, size)
        costs: dict[tuple[str, str], list[float]] = {}
        for i in range(args.rounds):
            order = SIDES[i % len(SIDES):] + SIDES[:i % len(SIDES)]
            for op in OPS:
                for side in order:
                    costs.setdefault((side, op), []).append(run.transfer(side, op))
            for side in SIDES:
                run.delete(side)
        label = f"{args.size} ({size:,} bytes)"
        titles = {
            "upload": (f"upload {label} from a generator of 64 KiB chunks, client CPU "
                       "(served fake Glance)", "imagedata.upload(image_client, id, chunks)",
                       "requests put(url, data=chunks, timeout=)"),
            "download": (f"download {label}, MD5 checksum and sha512 verified, client CPU",
                         "download(..., from_image(image)).iter_content()",
                         "requests iter_content + md5 + sha512"),
            "download-unverified": (f"download {label}, unverified, client CPU",
                                    "download(...).iter_content(verify=False)",
                                    "requests get(stream=True).iter_content"),
        }
        for op in OPS:
            title, subject, floor = titles[op]
            ours = costs[("client", op)]
            report(title, subject, floor, ours, costs[("requests", op)], "ms", 1e3,
                   target=1.2)
            bare = costs[("requests-no-timeout", op)]
            ratio = statistics.median(x / y for x, y in zip(ours, bare, strict=True))
            print(f"  {'requests without a timeout':<44} median "
                  f"{statistics.median(bare) * 1e3:10.1f} ms (client / it: {ratio:.2f}×)")
        print(f"peak RSS added by the transfer (largest of {args.rounds} rounds, MiB; image "
              f"{size / (1 << 20):,.0f} MiB, chunks {CHUNK // 1024} KiB)")
        for op in OPS:
            grew = "   ".join(f"{side} {max(run.grew[(side, op)]) / (1 << 20):6.2f}"
                              for side in SIDES)
            print(f"  {op:<20} {grew}")
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve()
    elif sys.argv[1:2] == ["--worker"]:
        side, op, base, image_id, size = sys.argv[2:7]
        worker = client_worker if side == "client" else requests_worker
        worker(op, base, image_id, int(size))
    else:
        main()
