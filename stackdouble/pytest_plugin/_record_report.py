"""The end-of-run summary of recordings: which cassettes were written, and which were left
as they were because their test did not pass."""

from __future__ import annotations

from typing import Any

import pytest

__all__ = ["RECORD_PROPERTY", "RecordReport"]

#: The `user_properties` name a test's recording outcome travels under (so xdist workers'
#: arrive on the controller).
RECORD_PROPERTY = "stackdouble_record"


class RecordReport:
    """Collects `(node id, what happened, cassette path)` from teardown reports and prints
    them at the end of the run (on the controller only).

    Attributes:
        recorded: What was collected so far.
    """

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.recorded: list[tuple[str, str, str]] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Keep the recording outcome a test's teardown report carries."""
        if report.when != "teardown" or not report.user_properties:
            return
        for name, value in report.user_properties:
            if name == RECORD_PROPERTY and isinstance(value, (list, tuple)):
                self.recorded.append((report.nodeid, str(value[0]), str(value[1])))

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        """Say how many cassettes were written, and why the others were not."""
        if hasattr(self.config, "workerinput") or not self.recorded:
            return
        written = sum(1 for _, what, _ in self.recorded if what.startswith("written"))
        terminalreporter.write_sep("-", "stackdouble recordings")
        terminalreporter.write_line(f"{written} of {len(self.recorded)} cassette(s) written")
        for nodeid, what, path in sorted(self.recorded):
            if what != "written":
                terminalreporter.write_line(f"{nodeid}: {path}: {what}")
