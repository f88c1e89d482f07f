"""The command line: exit codes, one line per problem, JSON shapes, stale refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.cli import main
from journeymap.io.journey_files import read_journey_file
from tests.conftest import EXAMPLE_JOURNEY_FILES, ROOT


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_the_example_journeys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", *map(str, EXAMPLE_JOURNEY_FILES))
    assert code == 0
    assert out == ""
    assert err.count(": ok (") == len(EXAMPLE_JOURNEY_FILES)


def test_validate_prints_one_line_per_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    text = EXAMPLE_JOURNEY_FILES[0].read_text(encoding="utf-8")
    bad.write_text(
        text.replace("schema_version: 1", "schema_version: 1\nnmae: typo\ncolour: red"),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "validate", str(bad), str(EXAMPLE_JOURNEY_FILES[1]))
    assert code == 1
    assert out.splitlines() == [
        f"{bad}: nmae: unknown key 'nmae'; did you mean 'name'?",
        f"{bad}: colour: unknown key 'colour'; allowed keys here: id, name, description, "
        "persona, segment, variant_of, targets, stages, touchpoints, transitions, entries, "
        "metrics, friction_weights",
        f"{bad}: more checks (shares, reachability, dead ends, loops) run once these are fixed",
    ]
    assert f"{EXAMPLE_JOURNEY_FILES[1]}: ok" in err


def test_validate_reports_cross_reference_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    first = journey.touchpoints[0]
    text = EXAMPLE_JOURNEY_FILES[0].read_text(encoding="utf-8")
    bad.write_text(text.replace(f"stage: {first.stage}\n", "stage: nowhere\n", 1), "utf-8")
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    assert out.startswith(
        f"{bad}: touchpoints[{first.id}].stage: '{first.name}' is in an unknown stage 'nowhere'"
    )


def test_journeys_import_export_and_flow(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    assert run(capsys, "--db", db, "journeys", "--json")[1].strip() == "[]"
    code, out, _ = run(capsys, "--db", db, "import-journey", str(EXAMPLE_JOURNEY_FILES[0]))
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    assert (code, out) == (0, f"{journey.id}: created, revision 1\n")
    code, out, _ = run(capsys, "--db", db, "import-journey", str(EXAMPLE_JOURNEY_FILES[0]))
    assert out == f"{journey.id}: unchanged, revision 1\n"

    listed = json.loads(run(capsys, "--db", db, "journeys", "--json")[1])
    assert [(j["id"], j["name"], j["revision"]) for j in listed] == [(journey.id, journey.name, 1)]

    exported = tmp_path / "out.json"
    assert (
        run(
            capsys,
            "--db",
            db,
            "export-journey",
            journey.id,
            "--format",
            "json",
            "--out",
            str(exported),
        )[0]
        == 0
    )
    loaded = read_journey_file(exported)
    assert (loaded.journey, loaded.revision) == (journey, 1)

    code, out, _ = run(capsys, "--db", db, "flow", journey.id, "--json")
    rows = json.loads(out)
    assert code == 0
    assert [r["touchpoint"] for r in rows] == [t.id for t in journey.touchpoints]
    assert all({"touchpoint", "customers_per_month", "drop_off"} <= set(r) for r in rows)
    assert all(0 <= r["drop_off"] <= 1 for r in rows)


def test_import_of_a_stale_export_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    run(capsys, "--db", db, "import-journey", str(EXAMPLE_JOURNEY_FILES[0]))
    anna, bo = tmp_path / "anna.yaml", tmp_path / "bo.yaml"
    run(capsys, "--db", db, "export-journey", journey.id, "--out", str(anna))
    run(capsys, "--db", db, "export-journey", journey.id, "--out", str(bo))
    anna.write_text(
        anna.read_text("utf-8").replace(f"name: {journey.name}", "name: Anna's"), "utf-8"
    )
    bo.write_text(bo.read_text("utf-8").replace(f"name: {journey.name}", "name: Bo's"), "utf-8")
    assert run(capsys, "--db", db, "--as", "anna", "import-journey", str(anna))[1] == (
        f"{journey.id}: updated, revision 2\n"
    )
    code, out, err = run(capsys, "--db", db, "--as", "bo", "import-journey", str(bo))
    assert code == 1
    assert "was saved by anna (command line) after revision 1, which you started from" in err
    code, out, _ = run(capsys, "--db", db, "--as", "bo", "import-journey", str(bo), "--force")
    assert out == f"{journey.id}: updated, revision 3\n"


def test_an_imported_journey_is_saved_by_the_person_the_command_acts_as(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeymap.store.audit import read_audit
    from journeymap.store.engine import open_database
    from journeymap.store.journeys import JourneyRepository

    monkeypatch.setenv("JOURNEYMAP_AUTHOR", "ci-runner")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(
        EXAMPLE_JOURNEY_FILES[0]
        .read_text("utf-8")
        .replace(f"name: {journey.name}", "name: Renamed"),
        "utf-8",
    )
    assert (
        run(capsys, "--db", db, "--as", "bo", "import-journey", str(EXAMPLE_JOURNEY_FILES[0]))[0]
        == 0
    )
    # --author, as older scripts spell it, names the acting person as --as does.
    assert (
        run(capsys, "--db", db, "import-journey", str(renamed), "--author", "cy", "--force")[0] == 0
    )
    run(capsys, "--db", db, "import-journey", str(EXAMPLE_JOURNEY_FILES[0]), "--force")
    engine = open_database(db)
    revisions = JourneyRepository(engine).revisions(journey.id)
    expected = ["bo (command line)", "cy (command line)", "ci-runner (command line)"]
    assert [r.author for r in revisions] == expected
    log = read_audit(engine, object_kind="journey")
    assert [e.actor for e in reversed(log)] == expected


def test_unknown_journey_is_a_sentence(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--db", f"sqlite:///{tmp_path / 'w.db'}", "flow", "nope")
    assert code == 1
    assert err == (
        "journeymap: there is no journey 'nope' in the workspace: "
        "`python -m journeymap journeys` lists them\n"
    )


@pytest.mark.parametrize(
    "url",
    ["postgresql+psycopg://someone:secret@127.0.0.1:1/nowhere", "sqlite:///{tmp}/a-file/x.db"],
    ids=["server down", "folder is a file"],
)
def test_unusable_database_is_a_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, url: str
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    code, out, err = run(capsys, "--db", url.format(tmp=tmp_path), "journeys")
    assert code == 2
    assert err.startswith("journeymap: cannot use the database ")
    assert "Check --db or JOURNEYMAP_DB_URL." in err
    assert "secret" not in err


def test_cli_never_imports_streamlit(tmp_path: Path) -> None:
    code = (
        "import sys; from journeymap.cli import main; "
        f"main(['--db', 'sqlite:///{tmp_path / 'w.db'}', 'journeys']); "
        f"main(['validate', '{EXAMPLE_JOURNEY_FILES[0]}']); "
        "assert 'streamlit' not in sys.modules, 'streamlit was imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_cli_leaves_scikit_learn_to_the_theme_finder(tmp_path: Path) -> None:
    # scikit-learn (and scipy.stats with it) takes over a second to import: a command
    # that counts NPS or lists journeys must not pay for it.
    code = (
        "import sys; from journeymap.cli import main; "
        f"main(['--db', 'sqlite:///{tmp_path / 'w.db'}', 'journeys']); "
        "heavy = sorted(m for m in ('sklearn', 'scipy.stats') if m in sys.modules); "
        "assert not heavy, heavy"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_diff_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = EXAMPLE_JOURNEY_FILES[0]
    same = tmp_path / "same.json"
    assert main(["--db", f"sqlite:///{tmp_path / 'w.db'}", "import-journey", str(source)]) == 0
    journey = read_journey_file(source).journey
    main(
        ["--db", f"sqlite:///{tmp_path / 'w.db'}", "export-journey", journey.id, "--out", str(same)]
    )
    capsys.readouterr()
    code, out, _ = run(capsys, "diff", str(source), str(same))
    assert (code, out) == (0, f"{source} and {same} describe the same journey\n")
    changed = tmp_path / "changed.yaml"
    first = journey.touchpoints[0]
    changed.write_text(
        source.read_text("utf-8").replace(f"name: {first.name}\n", "name: Nyt navn\n", 1), "utf-8"
    )
    code, out, _ = run(capsys, "diff", str(source), str(changed))
    assert code == 1
    assert (
        out == f"touchpoint changed: 'Nyt navn' ({first.id}): name: {first.name!r} → 'Nyt navn'\n"
    )


def test_diff_exit_2_names_a_file_that_cannot_be_read_or_is_not_a_journey(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = EXAMPLE_JOURNEY_FILES[0]
    missing = tmp_path / "missing.yaml"
    code, out, err = run(capsys, "diff", str(source), str(missing))
    assert (code, out) == (2, "")
    assert f"{missing}: cannot read the file" in err
    assert "fix the file and run diff again" in err
    first = read_journey_file(source).journey.touchpoints[0]
    invalid = tmp_path / "invalid.yaml"
    text = source.read_text("utf-8")
    invalid.write_text(text.replace(f"stage: {first.stage}\n", "stage: nowhere\n", 1), "utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n", "utf-8")
    code, out, err = run(capsys, "diff", str(invalid), str(broken))
    assert (code, out) == (2, "")
    assert (
        f"{invalid}: touchpoints[{first.id}].stage: '{first.name}' is in an unknown stage 'nowhere'"
        in err
    )
    assert f"{broken}: " in err  # both files' problems, not only the first's


def test_validate_checks_questionnaires_against_their_journey(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = ROOT / "journeymap" / "demo" / "questionnaires" / "retail-returns.yaml"
    code, _, err = run(capsys, "validate", str(source))
    assert code == 0
    assert "ok (questionnaire, " in err
    bad = tmp_path / "q.yaml"
    bad.write_text(
        source.read_text("utf-8").replace("touchpoint: store-visit", "touchpoint: store-vist", 1),
        "utf-8",
    )
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    assert out.startswith(f"{bad}: sections[greeting].touchpoint: ")
    assert "store-vist" in out
