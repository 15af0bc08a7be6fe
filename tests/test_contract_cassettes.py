"""The contract suite's cassettes (recorded from real Keystone 30.0.0, Swift 2.38.3,
Cinder 29.0.0 and Glance 33.0.0 with `python -m stackdouble.realcloud`) replay in the
default run, and drift against the fakes is reported.

`tests/contract` itself runs in fake mode in the default run; here it runs again, in a
subprocess from the rootdir (so node ids, and cassette paths, are the same), in replay mode.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASSETTES = ROOT / "cassettes" / "tests" / "contract"


def _pytest(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
         "tests/contract", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def test_every_contract_test_has_a_cassette() -> None:
    tests = sorted(p.stem for p in (ROOT / "tests" / "contract").glob("test_*.py"))
    assert sorted(p.name for p in CASSETTES.iterdir()) == tests


def test_the_contract_suite_replays_the_real_services_cassettes() -> None:
    run = _pytest("--openstack-mode", "replay")
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
    assert "skipped" not in run.stdout


def test_drift_between_the_fakes_and_the_cassettes_is_reported(tmp_path: Path) -> None:
    report = tmp_path / "drift.md"
    run = _pytest("--openstack-drift", str(report))
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    text = report.read_text()
    assert text.startswith("# stackdouble drift report")
    assert "without a cassette" not in text
