"""`stackdouble cassettes check|scrub PATH...`: find and remove secrets in cassette files.

`check` exits 1 when a secret is found (and 2 when a file cannot be read), printing where
each one is but never its value; `scrub` rewrites the files with every secret replaced and
(unless `--no-normalise`) hosts, ids and token times normalised.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, TextIO

__all__ = ["add_commands", "check_paths", "scrub_paths"]


def add_commands(commands: Any) -> None:
    """Add `cassettes` (with `check` and `scrub`) to the `stackdouble` subparsers."""
    cassettes = commands.add_parser(
        "cassettes", help="check cassettes for secrets, or scrub them",
        description="Tools for vcrpy-format cassettes (stackdouble's, vcrpy's, "
                    "pytest-recording's).")
    actions = cassettes.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("paths", nargs="+", metavar="PATH",
                        help="cassette files, or directories searched for *.yaml and *.yml")
    common.add_argument("--secret-header", action="append", default=[], metavar="NAME",
                        help="another header whose value is secret (repeatable)")
    common.add_argument("--secret-key", action="append", default=[], metavar="KEY",
                        help="another JSON/query/form key whose value is secret (repeatable)")
    check = actions.add_parser(
        "check", parents=[common], help="report secrets left in cassettes (exit 1 if any)",
        description="Report secret headers, secret JSON/query/form fields, token-looking "
                    "strings and secret values repeated elsewhere. Exit status: 0 clean, "
                    "1 secrets found, 2 a file could not be read.")
    check.set_defaults(handler=_check_command)
    scrub = actions.add_parser(
        "scrub", parents=[common], help="rewrite cassettes with every secret replaced",
        description="Replace every secret with *** and normalise hosts, ids and token times "
                    "(as recording does). Exit status: 0 done, 2 a file could not be read.")
    scrub.add_argument("--no-normalise", dest="normalise", action="store_false",
                       help="only scrub secrets; leave hosts, ids and times as they are")
    scrub.set_defaults(handler=_scrub_command)


def _policy(args: argparse.Namespace) -> Any:
    from stackdouble.cassettes import ScrubPolicy

    return ScrubPolicy(headers=args.secret_header, keys=args.secret_key)


def _check_command(args: argparse.Namespace) -> int:
    return check_paths(args.paths, policy=_policy(args))


def _scrub_command(args: argparse.Namespace) -> int:
    return scrub_paths(args.paths, policy=_policy(args), normalise=args.normalise)


def check_paths(paths: Sequence[str], *, policy: Any = None, out: TextIO | None = None,
                err: TextIO | None = None) -> int:
    """Check cassette files; print each leak (never its value) and return the exit status:
    0 clean, 1 leaks found, 2 a file could not be read."""
    from stackdouble.cassettes import CassetteError, check_cassette, iter_cassette_files

    out, err = out or sys.stdout, err or sys.stderr
    files = leaky = unreadable = 0
    for path in iter_cassette_files(paths):
        files += 1
        try:
            cassette = _load(path)
        except CassetteError as exc:
            print(f"stackdouble: {exc}", file=err)
            unreadable += 1
            continue
        leaks = check_cassette(cassette, policy) if policy is not None else check_cassette(
            cassette)
        if leaks:
            leaky += 1
            for leak in leaks:
                print(f"{leak}", file=out)
    summary = f"stackdouble: {files - unreadable} cassette(s) checked, {leaky} with secrets"
    if unreadable:
        summary += (f"; {unreadable} could not be read (above) and were not checked: fix or "
                    "remove them, or name only cassette files")
    print(summary, file=err)
    if unreadable:
        return 2
    return 1 if leaky else 0


def scrub_paths(paths: Sequence[str], *, policy: Any = None, normalise: bool = True,
                out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Scrub cassette files in place; return the exit status (0 done, 2 unreadable)."""
    from stackdouble.cassettes import (
        CassetteError,
        ScrubPolicy,
        iter_cassette_files,
        normalise_cassette,
        save_cassette,
        scrub_cassette,
    )

    out, err = out or sys.stdout, err or sys.stderr
    policy = policy or ScrubPolicy()
    unreadable = False
    for path in iter_cassette_files(paths):
        try:
            cassette = _load(path)
        except CassetteError as exc:
            print(f"stackdouble: {exc}", file=err)
            unreadable = True
            continue
        before = _dump(cassette)
        leaks = scrub_cassette(cassette, policy)
        if normalise:
            normalise_cassette(cassette)
        if _dump(cassette) != before:
            save_cassette(cassette, path)
            print(f"{path}: {len(leaks)} secret(s) scrubbed"
                  + (", normalised" if normalise else ""), file=out)
        else:
            print(f"{path}: already clean", file=out)
    return 2 if unreadable else 0


def _load(path: Any) -> Any:
    from stackdouble.cassettes import load_cassette

    return load_cassette(path)


def _dump(cassette: Any) -> str:
    from stackdouble.cassettes import dump_cassette

    text: str = dump_cassette(cassette)
    return text
