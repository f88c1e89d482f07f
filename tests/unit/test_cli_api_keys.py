"""`api-key`: made (printed once), listed without secrets, revoked; `api` is a command."""

from __future__ import annotations

import json

import pytest

from journeymap.cli import build_parser, main
from journeymap.services.api_keys import KeyRefused, let_in
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from tests.api_workspace import ADMIN, JOURNEY, seed_api_workspace


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_key_is_printed_once_and_works(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_api_workspace(sqlite_url).engine.dispose()
    code, out, _ = run(
        capsys, "--db", sqlite_url, "--as", "Rita", "api-key", "typeform", "--scope", "push",
        "--journey", JOURNEY,
    )  # fmt: skip
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "API key 'typeform' (push, bank-advisory):"
    secret = lines[1]
    assert secret.startswith("jm_")
    assert len(secret) > 40
    assert lines[2] == "It is shown only now: store it in the survey tool or a secret store."
    engine = open_database(sqlite_url)
    assert let_in(engine, secret, "push", JOURNEY, "test").viewer.name == "API key typeform"
    code, out, _ = run(capsys, "--db", sqlite_url, "api-key", "--list", "--json")
    listed = {row["name"]: row for row in json.loads(out)}
    assert listed["typeform"]["journeys"] == [JOURNEY]
    assert secret not in out  # the secret is never shown again
    created = [e for e in read_audit(engine, object_kind="api key") if e.action == "created"]
    assert (created[0].actor, created[0].object_id) == ("Rita (command line)", "typeform")
    engine.dispose()


def test_revoke_and_the_errors_as_sentences(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = seed_api_workspace(sqlite_url)
    code, out, _ = run(capsys, "--db", sqlite_url, "api-key", "--revoke", "push")
    assert (code, out.strip()) == (0, "API key 'push' revoked: it is refused from now on")
    with pytest.raises(KeyRefused) as refused:
        let_in(workspace.engine, workspace.keys["push"], "push", JOURNEY, "test")
    assert refused.value.status == 401
    assert run(capsys, "--db", sqlite_url, "api-key", "--revoke", "push")[2] == (
        "journeymap: the API key 'push' is already revoked\n"
    )
    assert run(capsys, "--db", sqlite_url, "api-key", "read", "--scope", "read")[2] == (
        "journeymap: there is already an API key named 'read': choose another name\n"
    )
    code, _, err = run(
        capsys, "--db", sqlite_url, "api-key", "x", "--scope", "push", "--journey", "nowhere"
    )
    assert code == 1
    assert err.startswith("journeymap: there is no journey 'nowhere': use one of")
    assert run(capsys, "--db", sqlite_url, "api-key", "x")[2] == (
        "journeymap: give the key's scope: --scope read, push or both\n"
    )
    code, out, _ = run(capsys, "--db", sqlite_url, "api-key", "--list")
    assert "push" in out
    assert "revoked" in out
    workspace.engine.dispose()


def test_only_admins_make_keys(sqlite_url: str) -> None:
    from journeymap.model.access import Role, Viewer
    from journeymap.services.access import NotAllowed
    from journeymap.services.api_keys import create_api_key

    engine = open_database(sqlite_url)
    with pytest.raises(NotAllowed, match="may not create API keys"):
        create_api_key(Viewer("Lea", Role.LEADER), engine, "k", "read")
    assert create_api_key(ADMIN, engine, "k", "read")[0].scope == "read"
    engine.dispose()


def test_the_api_command_takes_host_and_port() -> None:
    args = build_parser().parse_args(["api", "--port", "9000", "--host", "0.0.0.0"])
    assert (args.port, args.host) == (9000, "0.0.0.0")


def test_the_rate_limiter_refills_at_its_pace() -> None:
    from journeymap.services.rate_limit import RateLimiter, retry_after

    now = [0.0]
    limiter = RateLimiter(60, clock=lambda: now[0])  # one a second, bursts of 60
    assert [limiter.take("k") for _ in range(60)] == [0.0] * 60
    assert limiter.take("k") == pytest.approx(1.0)
    assert limiter.take("other") == 0.0
    now[0] = 2.5
    assert limiter.take("k") == 0.0
    assert limiter.take("k") == 0.0
    assert limiter.take("k") == pytest.approx(0.5)
    assert retry_after(0.5) == "1"


def test_the_access_log_hides_keys_in_the_query() -> None:
    import logging

    from journeymap.api.server import HideKeys

    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "POST", "/api/v1/journeys/b/webhooks/typeform?key=jm_secret&score=nps",
         "1.1", 200), None,
    )  # fmt: skip
    assert HideKeys().filter(record)
    assert "jm_secret" not in record.getMessage()
    assert "?key=***&score=nps" in record.getMessage()
