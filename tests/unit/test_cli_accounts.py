"""`create-user`, `users`, `set-password`, `visit-link` and `audit` from a shell."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest

from journeymap.cli import main
from journeymap.store.accounts import sign_in
from journeymap.store.engine import open_database
from journeymap.store.visit_links import open_link
from tests.access_workspace import ADA, seed_access_workspace
from tests.conftest import ROOT

PASSWORD = "a long enough sentence"


def run(capsys: pytest.CaptureFixture[str], monkeypatch, stdin: str, *args: str):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def make_admin_anna(capsys, monkeypatch, url: str):  # type: ignore[no-untyped-def]
    return run(
        capsys, monkeypatch, PASSWORD + "\n", "--db", url, "create-user", "anna", "--role", "admin"
    )


def test_the_first_admin_is_made_with_the_password_from_standard_input(
    sqlite_url: str, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = make_admin_anna(capsys, monkeypatch, sqlite_url)
    assert code == 0
    assert out.strip() == "Created anna (admin)."
    engine = open_database(sqlite_url)
    assert sign_in(engine, "anna", PASSWORD).name == "anna"
    code, out, _ = run(capsys, monkeypatch, "", "--db", sqlite_url, "users", "--json")
    assert json.loads(out) == [
        {
            "name": "anna",
            "role": "admin",
            "email": "",
            "shopper": None,
            "locations": [],
            "active": True,
        }
    ]
    code, out, _ = run(capsys, monkeypatch, "", "--db", sqlite_url, "audit", "--json")
    newest_first = json.loads(out)
    assert [(e["action"], e["object"]) for e in newest_first] == [
        ("signed in", "anna"),
        ("created", "anna"),
    ]
    assert newest_first[1]["actor"].endswith("(command line)")
    assert newest_first[0]["actor"] == "anna"
    engine.dispose()


def test_a_short_password_is_refused_with_the_fix(sqlite_url: str, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(
        capsys, monkeypatch, "short\n", "--db", sqlite_url, "create-user", "anna", "--role", "admin"
    )
    assert code == 1
    assert "at least 10 characters" in err
    assert "Traceback" not in err


def test_set_password(sqlite_url: str, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    make_admin_anna(capsys, monkeypatch, sqlite_url)
    code, out, _ = run(
        capsys, monkeypatch, "another long sentence\n", "--db", sqlite_url, "set-password", "anna"
    )
    assert code == 0
    engine = open_database(sqlite_url)
    assert sign_in(engine, "anna", "another long sentence")
    engine.dispose()


def test_visit_link_prints_an_address_that_opens_the_visit(
    sqlite_url: str, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    engine = open_database(sqlite_url)
    seeded = seed_access_workspace(engine)
    code, out, _ = run(
        capsys,
        monkeypatch,
        "",
        "--db",
        sqlite_url,
        "visit-link",
        str(seeded.ada_visit),
        "--hours",
        "4",
        "--base-url",
        "https://shop.example.org/",
    )
    assert code == 0
    match = re.search(
        rf"https://shop\.example\.org/visit-form\?visit={seeded.ada_visit}&token=(\S+)", out
    )
    assert match, out
    assert open_link(engine, seeded.ada_visit, match.group(1)).shopper_id == ADA
    engine.dispose()


def test_create_user_reads_a_piped_password_and_never_prints_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A pipe, not a terminal: the password is the first line of standard input.
    url = f"sqlite:///{tmp_path / 'w.db'}"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "journeymap",
            "--db",
            url,
            "create-user",
            "anna",
            "--role",
            "leader",
        ],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert PASSWORD not in done.stdout + done.stderr
