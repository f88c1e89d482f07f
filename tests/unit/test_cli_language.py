"""The command line in the reader's language: --language, else JOURNEYMAP_LANGUAGE; the
help, argparse's own words, the messages and the refusals (Danish written out by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.cli import main
from journeymap.i18n import use_language
from journeymap.model.access import Capability, Role, Viewer
from journeymap.model.actions import status_label
from journeymap.model.visit_status import StatusChangeRefused, check_transition
from journeymap.services.access import NotAllowed, require

COMMANDS = (
    "validate", "demo", "journeys", "import-journey", "export-journey", "diff", "flow",
    "import-responses", "import-metrics", "imports", "undo-import", "nps", "nps-compare",
    "cases", "themes", "sand", "import-questionnaire", "import-visits", "shopper-scores",
    "plan-wave", "add-shopper", "edit-shopper", "shoppers", "add-location", "edit-location",
    "locations", "visits", "cancel-visit", "reassign-visit", "export", "actions", "report",
    "create-user", "set-password", "users", "visit-link", "audit", "alerts", "api-key", "api",
    "backup", "restore",
)  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as done:  # --help and argparse's refusals exit from the parser
        code = int(done.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_help_is_in_the_language_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--language", "da", "--help")
    assert code == 0
    assert out.startswith("brug: python -m journeymap")
    assert "Kunderejser kortlagt med evidensen på hvert trin." in out
    assert "vis denne hjælp og afslut" in out
    assert "vis kunderejserne i arbejdsområdet" in out  # a command's help
    code, out, _ = run(capsys, "--language", "en", "--help")
    assert "Customer-journey mapping with the evidence on every step." in out
    assert "show this help message and exit" in out


def test_a_command_speaks_danish_and_argparse_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code, out, _ = run(capsys, "--language", "da", "--db", db, "journeys")
    assert (code, out) == (
        0,
        "Ingen kunderejser endnu: kør `python -m journeymap demo` eller `import-journey FILE`.\n",
    )
    code, _, err = run(capsys, "--language", "da", "nps")
    assert code == 2
    assert (
        err.splitlines()[-1] == "python -m journeymap nps: fejl: disse argumenter mangler: JOURNEY"
    )


def test_the_workspace_language_is_the_default(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNEYMAP_LANGUAGE", "sv")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code, out, _ = run(capsys, "--db", db, "journeys")
    assert out.startswith("Inga kundresor ännu")
    code, out, _ = run(capsys, "--language", "nb", "--db", db, "journeys")
    assert out.startswith("Ingen kundereiser ennå")


def test_an_unknown_language_is_one_sentence_and_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "--language", "fr", "journeys")
    assert (code, out) == (2, "")
    assert err == (
        "journeymap: 'fr' is not a language journeymap speaks: use da (Danish), "
        "nb (Norwegian), sv (Swedish) or en (English)\n"
    )


@pytest.mark.parametrize("language", ["da", "nb", "sv", "en"])
def test_every_command_has_its_help_in_every_language(
    capsys: pytest.CaptureFixture[str], language: str
) -> None:
    """argparse %-formats help texts: a translation with a bare % would break --help."""
    for command in COMMANDS:
        code, out, _ = run(capsys, "--language", language, command, "--help")
        assert code == 0, (language, command)
        assert out, (language, command)


def test_labels_and_refusals_are_translated_where_they_are_shown() -> None:
    with use_language("da"):
        assert status_label("in_progress") == "I gang"
        with pytest.raises(StatusChangeRefused, match="^et besøg, der er tildelt, kan ikke"):
            check_transition("assigned", "counted")
        viewer = Viewer(name="Ida", role=Role.ANALYST)
        with pytest.raises(NotAllowed) as refused:
            require(viewer, Capability.EDIT_JOURNEYS, "change journeys")
    assert str(refused.value) == (
        "Ida (Analytiker/konsulent) må ikke ændre kunderejser: spørg en admin, hvis du har "
        "brug for det."
    )
    assert status_label("in_progress") == "In progress"


def test_the_api_answers_in_english_whatever_the_workspace_language(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    from journeymap.api.app import create_app
    from journeymap.i18n import current_language
    from journeymap.store.engine import open_database

    monkeypatch.setenv("JOURNEYMAP_LANGUAGE", "da")
    app = create_app(open_database(sqlite_url))
    app.get("/language")(lambda: {"language": current_language()})
    assert TestClient(app).get("/language").json() == {"language": "en"}
    assert current_language() == "da"
