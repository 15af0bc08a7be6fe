"""`stackdouble cassettes check|scrub`: exit statuses, and no secret in the output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stackdouble.cassettes import (
    Cassette,
    Interaction,
    RecordedRequest,
    RecordedResponse,
    load_cassette,
    save_cassette,
)
from stackdouble.cli import main

TOKEN = "gAAAAABpZ3Fhb3Zlcm5ldC10b2tlbi1mb3ItdGVzdHMtb25seS0xMjM0NTY3ODkw"


def leaky(path: Path) -> Path:
    body = json.dumps({"auth": {"passwordCredentials": {"username": "u",
                                                        "password": "hunter2-pw"}}})
    cassette = Cassette(interactions=[Interaction(
        request=RecordedRequest(method="POST", uri="http://10.0.0.5:5000/v2.0/tokens",
                                headers=[("Content-Type", "application/json")],
                                body=body.encode()),
        response=RecordedResponse(status=200, headers=[("X-Subject-Token", TOKEN)],
                                  body=b'{"access": {"token": {"id": "' + TOKEN.encode()
                                  + b'"}}}'))])
    return save_cassette(cassette, path)


def test_check_exits_1_and_lists_leaks_without_their_values(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    leaky(tmp_path / "deep" / "a.yaml")
    save_cassette(Cassette(), tmp_path / "clean.yaml")
    assert main(["cassettes", "check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "a.yaml: interaction 0: request body $.auth.passwordCredentials.password" in out
    assert "a.yaml: interaction 0: response header X-Subject-Token" in out
    assert "clean.yaml" not in out
    assert "hunter2-pw" not in out + err
    assert TOKEN not in out + err
    assert "2 cassette(s) checked, 1 with secrets" in err


def test_check_exits_0_on_clean_cassettes(tmp_path: Path) -> None:
    save_cassette(Cassette(), tmp_path / "clean.yaml")
    assert main(["cassettes", "check", str(tmp_path / "clean.yaml")]) == 0


def test_check_exits_2_on_an_unreadable_file(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.yaml").write_text("interactions: [")
    assert main(["cassettes", "check", str(tmp_path / "bad.yaml"),
                 str(tmp_path / "missing.yaml")]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml: not valid YAML" in err
    assert "missing.yaml: no such cassette" in err


def test_scrub_fixes_old_cassettes_and_normalises_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = leaky(tmp_path / "a.yaml")
    assert main(["cassettes", "scrub", str(tmp_path)]) == 0
    assert "a.yaml: 3 secret(s) scrubbed, normalised" in capsys.readouterr().out
    text = path.read_text()
    assert "hunter2-pw" not in text
    assert TOKEN not in text
    assert "10.0.0.5" not in text
    assert load_cassette(path).interactions[0].request.uri == \
        "http://cloud.stackdouble.test/v2.0/tokens"
    assert main(["cassettes", "check", str(path)]) == 0
    assert main(["cassettes", "scrub", str(path)]) == 0
    assert "already clean" in capsys.readouterr().out


def test_scrub_takes_extra_secret_names(tmp_path: Path) -> None:
    cassette = Cassette(interactions=[Interaction(
        request=RecordedRequest(method="GET", uri="http://x/?pin=1234",
                                headers=[("X-Vault", "v-123")]),
        response=RecordedResponse(status=200))])
    path = save_cassette(cassette, tmp_path / "v.yaml")
    assert main(["cassettes", "check", str(path)]) == 0
    assert main(["cassettes", "check", "--secret-header", "X-Vault", "--secret-key", "pin",
                 str(path)]) == 1
    assert main(["cassettes", "scrub", "--no-normalise", "--secret-header", "X-Vault",
                 "--secret-key", "pin", str(path)]) == 0
    request = load_cassette(path).interactions[0].request
    assert (request.uri, request.header("X-Vault")) == ("http://x/?pin=***", "***")


def test_cassettes_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["cassettes"])
    assert exit_.value.code == 2
    assert "ACTION" in capsys.readouterr().err
