"""AppTest for the journey editor, history, compare and new-journey pages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from journeymap.model import Journey
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.journey_drafts import read_draft
from journeymap.store.journeys import JourneyRepository
from tests.app.conftest import app, page_path
from tests.app.test_pages import assert_clean, unescaped

OWNER = "apptest"  # JOURNEYMAP_AUTHOR: the owner of a workspace without accounts


def open_page(name: str, journey: Journey) -> AppTest:
    at = app()
    at.query_params["journey"] = journey.id
    at.run()
    at.switch_page(page_path(name)).run()
    assert_clean(at)
    return at


def section(at: AppTest, name: str) -> AppTest:
    at.segmented_control[0].set_value(name).run()
    assert_clean(at)
    return at


def widget_by_label(widgets, label: str):  # noqa: ANN001, ANN201 - AppTest's widget lists
    return next(w for w in widgets if w.label == label)


def button(at: AppTest, label: str):  # noqa: ANN201
    return next(b for b in at.button if b.label == label)


def errors(at: AppTest) -> str:
    return unescaped("\n".join(e.value for e in at.error))


def stored(url: str, journey_id: str):  # noqa: ANN201
    return JourneyRepository(open_database(url)).get(journey_id)


# --- editor ------------------------------------------------------------------------------


def test_editor_shows_the_draft_and_its_sections(example_workspace: list[Journey]) -> None:
    journey = example_workspace[0]
    at = open_page("edit", journey)
    assert unescaped(at.title[0].value) == f"Edit: {journey.name}"
    assert "no unsaved edits" in unescaped(at.caption[0].value)
    assert any("valid and can be saved" in s.value for s in at.success)
    for name in (
        "Canvas",
        "Journey",
        "Stages",
        "Table: transitions & entries",
        "Table: touchpoints",
    ):
        section(at, name)
    assert len(at.dataframe) >= 1  # the touchpoint grid


def no_name_field(at: AppTest) -> bool:
    return not [t for t in at.text_input if t.label == "Your name"]


def test_edit_then_save_makes_a_revision(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    journey = example_workspace[0]
    at = section(open_page("edit", journey), "Journey")
    # Nobody types who they are: the revision is the workspace owner's.
    assert no_name_field(at)
    assert f"saves are recorded under {OWNER}" in unescaped(at.caption[0].value)
    widget_by_label(at.text_input, "Name").input("Renamed in the workshop").run()
    assert_clean(at)
    assert "unsaved edits" in unescaped(at.caption[0].value)
    assert unescaped(at.title[0].value) == "Edit: Renamed in the workshop"
    button(at, "Save").click().run()
    assert_clean(at)
    assert not at.error
    saved = stored(empty_workspace, journey.id)
    assert (saved.revision, saved.saved_by) == (2, OWNER)
    entry = read_audit(open_database(empty_workspace), object_kind="journey")[0]
    assert (entry.actor, entry.detail) == (OWNER, "revision 2: edited in the app")
    assert saved.journey.name == "Renamed in the workshop"
    assert "no unsaved edits" in unescaped(at.caption[0].value)


def test_unsaved_edits_survive_a_page_switch_and_discard_restores(
    example_workspace: list[Journey],
) -> None:
    journey = example_workspace[0]
    at = section(open_page("edit", journey), "Journey")
    widget_by_label(at.text_input, "Segment").input("Everyone").run()
    at.switch_page(page_path("journey")).run()
    at.switch_page(page_path("edit")).run()
    assert "unsaved edits" in unescaped(at.caption[0].value)
    button(at, "Discard edits").click().run()
    assert_clean(at)
    assert "no unsaved edits" in unescaped(at.caption[0].value)


def test_invalid_save_is_refused_with_the_models_messages(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    journey = example_workspace[0]
    at = section(open_page("edit", journey), "Journey")
    widget_by_label(at.text_input, "Name").input("").run()
    assert_clean(at)
    # Next to the field, and in the summary.
    assert "'name' is empty" in errors(at)
    assert any("1 problem to fix" in e.label for e in at.expander)
    button(at, "Save").click().run()
    assert_clean(at)
    assert "Not saved: the journey has 1 problem" in errors(at)
    assert stored(empty_workspace, journey.id).revision == 1


def test_adding_a_touchpoint_and_a_transition(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    journey = example_workspace[0]
    at = section(open_page("edit", journey), "Table: touchpoints")
    widget_by_label(at.text_input, "Touchpoint name").input("Reads the FAQ")
    next(b for b in at.button if b.label == "Add").click().run()
    assert_clean(at)
    # A new touchpoint is a dead end until it is connected: the model says so, by name.
    assert "'Reads the FAQ' is a dead end" in errors(at)
    at = section(at, "Table: transitions & entries")
    first = journey.touchpoints[0].id
    # Into the new touchpoint (no share: it gets what the others leave) and back: a loop.
    for source, target, share in ((first, "reads-the-faq", None), ("reads-the-faq", first, 0.5)):
        widget_by_label(at.selectbox, "From").set_value(source)
        widget_by_label(at.selectbox, "To").set_value(target)
        widget_by_label(at.number_input, "Share (0–1)").set_value(share)
        next(b for b in at.button if b.label == "Add").click().run()
        assert_clean(at)
        assert "Added the transition" in unescaped(at.info[0].value)
    assert not at.error
    button(at, "Save").click().run()
    assert_clean(at)
    saved = stored(empty_workspace, journey.id).journey
    assert "reads-the-faq" in {tp.id for tp in saved.touchpoints}
    links = {(t.source, t.target) for t in saved.transitions}
    assert {(first, "reads-the-faq"), ("reads-the-faq", first)} <= links


def saved_meanwhile(
    url: str, journey: Journey, field: str, mine: str
) -> tuple[AppTest, JourneyRepository]:
    """The editor with my edit of ``field``; bo renamed the journey and changed its
    persona meanwhile; then I press Save."""
    at = section(open_page("edit", journey), "Journey")
    widget_by_label(at.text_input, field).input(mine).run()
    repository = JourneyRepository(open_database(url))
    theirs = journey.model_copy(update={"name": "Theirs", "persona": "Bo's persona"})
    repository.save(theirs, author="bo", base_revision=1)
    button(at, "Save").click().run()
    assert_clean(at)
    return at, repository


def test_a_save_after_someone_elses_keeps_both_when_they_do_not_overlap(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    journey = example_workspace[0]
    at, repository = saved_meanwhile(empty_workspace, journey, "Segment", "Mine")
    saved = repository.get(journey.id)
    # Not an overwrite that reverts bo's rename: both changes are in revision 3.
    assert (saved.revision, saved.journey.segment, saved.journey.name) == (3, "Mine", "Theirs")
    assert saved.journey.persona == "Bo's persona"


def test_a_conflict_asks_only_about_what_both_changed(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    journey = example_workspace[0]
    at, repository = saved_meanwhile(empty_workspace, journey, "Name", "Mine")
    assert repository.get(journey.id).revision == 2  # nothing saved over bo yet
    assert any("bo saved revision 2 while you were editing" in unescaped(i.value) for i in at.info)
    assert [r.label for r in at.radio] == ["Name"]  # the persona is no question
    at.radio[0].set_value("theirs")
    button(at, "Save with these choices").click().run()
    assert_clean(at)
    saved = repository.get(journey.id)
    assert (saved.revision, saved.journey.name, saved.journey.persona) == (
        2,
        "Theirs",
        "Bo's persona",
    )  # my only change lost the vote: nothing new to save


def test_a_conflict_decided_for_mine_keeps_theirs_elsewhere(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    journey = example_workspace[0]
    at, repository = saved_meanwhile(empty_workspace, journey, "Name", "Mine")
    button(at, "Save with these choices").click().run()
    assert_clean(at)
    saved = repository.get(journey.id)
    assert (saved.revision, saved.journey.name, saved.journey.persona) == (
        3,
        "Mine",
        "Bo's persona",
    )


def test_a_reload_reads_the_draft_back_from_the_server(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    journey = example_workspace[0]
    at = section(open_page("edit", journey), "Journey")
    widget_by_label(at.text_input, "Segment").input("Typed before the reload").run()
    fresh = open_page("edit", journey)  # a new session: a reload, another tab, a restart
    assert "unsaved edits" in unescaped(fresh.caption[0].value)
    assert any("Unsaved edits" in w.value for w in fresh.sidebar.warning)
    fresh = section(fresh, "Journey")
    assert widget_by_label(fresh.text_input, "Segment").value == "Typed before the reload"


# --- history, compare, new journey ------------------------------------------------------


def test_history_lists_revisions_shows_the_diff_and_restores(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    journey = example_workspace[0]
    repository = JourneyRepository(open_database(empty_workspace))
    moved = journey.touchpoints[1].model_copy(update={"name": "Renamed step"})
    changed = journey.model_copy(update={"touchpoints": [journey.touchpoints[0], moved]})
    repository.save(changed, author="bo", base_revision=1, force=True)
    at = open_page("history", journey)
    assert no_name_field(at)
    assert len(at.dataframe[0].value) == 2
    shown = unescaped("\n".join(m.value for m in at.markdown))
    assert f"touchpoint changed: 'Renamed step' ({moved.id}): name:" in shown
    assert "touchpoint removed:" in shown
    button(at, "Restore revision 1 as a new revision").click().run()
    assert_clean(at)
    saved = repository.get(journey.id)
    assert (saved.revision, saved.saved_by) == (3, OWNER)
    assert saved.journey == journey
    assert repository.revisions(journey.id)[-1].note == "restored revision 1"


def test_compare_page_shows_changes_and_both_curves(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    as_is = example_workspace[0]
    first = as_is.touchpoints[0].model_copy(update={"name": "Better first step", "feels": 2})
    to_be = as_is.model_copy(
        update={
            "id": "to-be",
            "name": "To-be",
            "variant_of": as_is.id,
            "touchpoints": [first, *as_is.touchpoints[1:]],
        }
    )
    JourneyRepository(open_database(empty_workspace)).save(to_be, author="anna", base_revision=None)
    at = open_page("compare", to_be)
    assert [s.value for s in at.selectbox if s.label in ("As-is", "To-be")] == [as_is.id, "to-be"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Touchpoints changed"] == "1"
    assert len(at.get("plotly_chart")) == 1
    table = at.dataframe[0].value
    row = table[table["Touchpoint"] == "Better first step"].iloc[0]  # named, not an id
    assert (row["Change"], row["To-be"]) == ("changed", "Better first step")


def test_two_unrelated_journeys_are_compared_only_when_asked(
    example_workspace: list[Journey],
) -> None:
    # No variant is marked: listing every touchpoint as added and removed would say nothing.
    first, other = example_workspace[0], example_workspace[1]
    at = open_page("compare", first)
    to_be = next(s for s in at.selectbox if s.label == "To-be")
    assert to_be.value is None
    assert f"{first.name} has no to-be variant yet" in unescaped(" ".join(i.value for i in at.info))
    assert not at.metric
    to_be.set_value(other.id).run()
    assert_clean(at)
    assert {m.label for m in at.metric} >= {"Touchpoints added", "Touchpoints removed"}


def test_new_journey_from_a_template_opens_the_editor(empty_workspace: str) -> None:
    at = app().run()
    at.switch_page(page_path("new_journey")).run()
    assert_clean(at)
    assert no_name_field(at)
    widget_by_label(at.selectbox, "Start from").set_value("template:retail-returns.yaml")
    widget_by_label(at.text_input, "Name").input("Returns <b>workshop</b>")
    button(at, "Create the journey").click().run()
    assert_clean(at)
    assert unescaped(at.title[0].value) == "Edit: Returns <b>workshop</b>"
    assert at.sidebar.selectbox[0].value == "returns-b-workshop-b"
    assert stored(empty_workspace, "returns-b-workshop-b").saved_by == OWNER


def test_a_template_is_offered_and_copied_in_the_readers_language(
    monkeypatch: pytest.MonkeyPatch, empty_workspace: str
) -> None:
    monkeypatch.setenv("JOURNEYMAP_LANGUAGE", "da")
    at = app().run()
    at.switch_page(page_path("new_journey")).run()
    assert_clean(at)
    start_from = widget_by_label(at.selectbox, "Start fra")
    assert "Skabelon: Køb, returnering og klage i en kæde med friluftstøj (retail-returns)" in (
        start_from.options
    )
    start_from.set_value("template:retail-returns.yaml")
    widget_by_label(at.text_input, "Navn").input("Returer")
    button(at, "Opret kunderejsen").click().run()
    assert_clean(at)
    copied = stored(empty_workspace, "returer").journey
    assert [stage.name for stage in copied.stages][:2] == ["Bliv opmærksom", "Vælg"]


def test_new_journey_refuses_an_id_in_use(example_workspace: list[Journey]) -> None:
    at = open_page("new_journey", example_workspace[0])
    widget_by_label(at.text_input, "Name").input("Copy")
    widget_by_label(at.text_input, "Id (optional)").input(example_workspace[0].id)
    button(at, "Create the journey").click().run()
    assert_clean(at)
    assert "exists already" in errors(at)


def test_new_journey_whose_id_someone_takes_at_the_same_moment(
    monkeypatch: pytest.MonkeyPatch, empty_workspace: str, example_workspace: list[Journey]
) -> None:
    at = open_page("new_journey", example_workspace[0])
    original_insert = JourneyRepository._insert

    def someone_else_first(self, session, journey, author, note):  # noqa: ANN001, ANN202
        if journey.id == "copy":  # their journey lands between the check and the insert
            monkeypatch.setattr(JourneyRepository, "_insert", original_insert)
            theirs = journey.model_copy(update={"name": "Theirs"})
            JourneyRepository(self.engine).save(theirs, author="bo", base_revision=None)
        return original_insert(self, session, journey, author, note)

    monkeypatch.setattr(JourneyRepository, "_insert", someone_else_first)
    widget_by_label(at.text_input, "Name").input("Copy")
    button(at, "Create the journey").click().run()
    assert_clean(at)
    assert "The id 'copy' was taken just now" in errors(at)
    assert "choose another id" in errors(at)
    assert stored(empty_workspace, "copy").journey.name == "Theirs"


# --- the canvas and its panel -----------------------------------------------------------


def selected(at: AppTest, journey: Journey, kind: str, item: str) -> AppTest:
    at.session_state["canvas_selection"] = {journey.id: {"kind": kind, "id": item}}
    at.run()
    assert_clean(at)
    return at


def test_the_panel_keeps_every_field_as_it_is_typed(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    journey = example_workspace[0]
    tp = journey.touchpoints[0]
    at = selected(open_page("edit", journey), journey, "touchpoint", tp.id)
    widget_by_label(at.text_area, "Does").input("Ringer til banken").run()
    widget_by_label(at.segmented_control, "Feels").set_value(-1).run()
    widget_by_label(at.toggle, "Moment of truth").set_value(True).run()
    widget_by_label(at.number_input, "NPS target").set_value(40.0).run()
    assert_clean(at)
    draft = read_draft(open_database(empty_workspace), journey.id, OWNER)
    assert draft is not None  # on the server, not only in this session
    kept = next(t for t in draft.data["touchpoints"] if t["id"] == tp.id)
    assert (kept["does"], kept["feels"], kept["moment_of_truth"]) == ("Ringer til banken", -1, True)
    assert kept["targets"]["nps"] == 40.0
    # No "apply" step: Save saves what is on screen.
    button(at, "Save").click().run()
    assert_clean(at)
    saved = stored(empty_workspace, journey.id).journey.touchpoint(tp.id)
    assert (saved.does, saved.feels, saved.targets.nps) == ("Ringer til banken", -1, 40.0)
    assert read_draft(open_database(empty_workspace), journey.id, OWNER) is None


def test_renaming_an_id_in_the_panel_moves_its_transitions(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    journey = example_workspace[0]
    tp = journey.touchpoints[0]
    links = [(t.source, t.target) for t in journey.transitions if tp.id in (t.source, t.target)]
    assert links
    at = selected(open_page("edit", journey), journey, "touchpoint", tp.id)
    widget_by_label(at.text_input, "Id").input("foerste-skridt").run()
    assert_clean(at)
    widget_by_label(at.text_input, "Id").input("Ikke et id").run()
    assert "The id was not changed: 'Ikke et id' cannot be an id" in unescaped(at.info[0].value)
    button(at, "Save").click().run()
    saved = stored(empty_workspace, journey.id).journey
    renamed = [
        (t.source, t.target) for t in saved.transitions if "foerste-skridt" in (t.source, t.target)
    ]
    assert len(renamed) == len(links)
    assert tp.id not in {t.id for t in saved.touchpoints}


def test_the_transition_panel_sets_kind_share_and_label(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    journey = example_workspace[0]
    first = journey.transitions[0]
    key = f"{first.source} → {first.target}"
    at = selected(open_page("edit", journey), journey, "transition", key)
    widget_by_label(at.segmented_control, "Kind").set_value("recovery").run()
    widget_by_label(at.text_input, "Label").input("Tilbage igen").run()
    assert_clean(at)
    button(at, "Save").click().run()
    saved = stored(empty_workspace, journey.id).journey.transitions[0]
    assert (saved.kind, saved.label) == ("recovery", "Tilbage igen")


def test_new_journey_from_scratch_has_the_stages_typed_and_no_placeholder(
    empty_workspace: str,
) -> None:
    at = app().run()
    at.switch_page(page_path("new_journey")).run()
    widget_by_label(at.text_input, "Name").input("Skadesag")
    widget_by_label(at.text_input, "Stages (from scratch)").input("Skaden sker, Afgørelse")
    button(at, "Create the journey").click().run()
    assert_clean(at)
    saved = stored(empty_workspace, "skadesag").journey
    assert [(s.id, s.name) for s in saved.stages] == [
        ("skaden-sker", "Skaden sker"),
        ("afgoerelse", "Afgørelse"),
    ]
    assert saved.touchpoints == []
    assert any("valid and can be saved" in s.value for s in at.success)
