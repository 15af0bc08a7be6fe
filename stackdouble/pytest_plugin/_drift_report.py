"""The `--openstack-drift` report: findings gathered from every test, written once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

__all__ = ["DRIFT_PROPERTY", "DriftCollector"]

#: The `user_properties` name a test's drift findings travel under.
DRIFT_PROPERTY = "stackdouble_drift"


class DriftCollector:
    """Collects drift findings and writes the report (registered only with
    `--openstack-drift`). Findings travel in `user_properties`, so xdist workers' arrive on
    the controller, which alone writes the file. With `fail` (`--openstack-drift-fail`), a
    run whose tests passed exits 1 when any test differs from its cassette."""

    def __init__(self, config: pytest.Config, report: Path, *, fail: bool = False) -> None:
        self.config = config
        self.report = report
        self.fail = fail
        self.found: list[tuple[str, Any]] = []
        self.results: list[tuple[str, str | None, list[Any]]] = []
        self.missing: list[str] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Keep the findings a test's teardown report carries."""
        if report.when != "teardown":
            return
        for name, value in report.user_properties:
            if name == DRIFT_PROPERTY:
                self.found.append((report.nodeid, value))

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Write the report (on the controller only)."""
        if hasattr(self.config, "workerinput"):
            return
        from stackdouble.cassettes import DriftFinding, render_report

        for nodeid, (path, findings) in sorted(self.found):
            if path is None:
                self.missing.append(nodeid)
            else:
                self.results.append((nodeid, path,
                                     [DriftFinding.from_json(f) for f in findings]))
        self.report.parent.mkdir(parents=True, exist_ok=True)
        self.report.write_text(render_report(self.results, missing=self.missing),
                               encoding="utf-8")
        if self.fail and self.differing and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    @property
    def differing(self) -> int:
        """How many tests' answers differ from their cassettes."""
        return sum(1 for _, _, findings in self.results if findings)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        """Say how many tests differ, and where the report is."""
        if hasattr(self.config, "workerinput"):
            return
        differing = self.differing
        terminalreporter.write_line(
            f"stackdouble drift: {differing} of {len(self.results)} test(s) differ from their "
            f"cassettes ({len(self.missing)} without a cassette); report: {self.report}")
        if self.fail and differing:
            terminalreporter.write_line(
                "stackdouble drift: failing the run (--openstack-drift-fail): fix the fake, "
                "or record the cassettes again if the cloud changed")
