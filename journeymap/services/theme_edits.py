"""A person stays in charge of the themes: rename, merge, split, hide, show, move a
comment, take the last edit back, and set a survey's language.

Each edit is appended to the journey's edit log, audited under the acting person in the
same transaction, and replayed on every analysis of the journey's comments, also on
next month's (``analytics.comments.theme_edits``); an edit made while the kept analysis
is older than the comments keeps the analysis it was made against first. Edits need EDIT_JOURNEYS or
WORK_CASES: those who change the journey or work its call-backs. Analysts and location
managers read the themes and change none. An edit is checked against the themes as
they are now: a theme that is not there, a label left empty or words no comment of
the theme uses are refused with a sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from journeymap.analytics.comments.analysis import edit_record, next_theme_key, split_keys
from journeymap.analytics.comments.language import LANGUAGES, normalise_language
from journeymap.analytics.comments.theme_edits import (
    Edit,
    Hide,
    Merge,
    Move,
    Rename,
    Show,
    Split,
    apply_edits,
)
from journeymap.analytics.comments.themes import OTHER, Theme, ThemeResult
from journeymap.i18n import N_, _
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require, require_any
from journeymap.services.theme_analysis import edited_result
from journeymap.services.themes import EDITORS
from journeymap.store import comment_themes as store
from journeymap.store.comment_analysis import JourneyAnalysis, journey_analysis
from journeymap.store.comment_themes import StoredEdit

__all__ = [
    "MAX_LABEL_CHARS",
    "SurveyLanguage",
    "hide_theme",
    "merge_themes",
    "move_comment",
    "rename_theme",
    "set_survey_language",
    "show_theme",
    "split_theme",
    "survey_languages",
    "undo_theme_edit",
]

CHANGING = N_("change the themes")
MAX_LABEL_CHARS = 120
MAX_KEYWORDS = 10


def _current(
    viewer: Viewer, engine: Engine, journey_id: str
) -> tuple[JourneyAnalysis, ThemeResult]:
    """The themes as the person sees them, kept if new comments came: the keys an edit
    names are then those the next analysis continues from."""
    require_any(viewer, EDITORS, CHANGING)
    found = journey_analysis(engine, journey_id, keep_as=actor(viewer))
    if found.comments.empty:
        raise ValueError(_("this journey has no comments yet, so no themes to change"))
    return found, edited_result(found)


def _theme(result: ThemeResult, key: str) -> Theme:
    for theme in result.themes:
        if theme.key == key:
            return theme
    raise ValueError(
        _(
            "there is no theme '{key}' in this journey's comments (any more): reload the themes"
        ).format(key=key)
    )


def _label(label: str) -> str:
    label = " ".join(label.split())
    if not label:
        raise ValueError(_("the theme needs a name: type one"))
    if len(label) > MAX_LABEL_CHARS:
        raise ValueError(
            _("a theme's name is at most {max_label_chars} characters: shorten it").format(
                max_label_chars=MAX_LABEL_CHARS
            )
        )
    return label


def _save(viewer: Viewer, engine: Engine, journey_id: str, edit: Edit, detail: str) -> StoredEdit:
    kind, body = edit_record(edit)
    return store.add_edit(engine, journey_id, kind, body, actor=actor(viewer), detail=detail)


def rename_theme(
    viewer: Viewer, engine: Engine, journey_id: str, theme: str, label: str
) -> StoredEdit:
    """Call the theme ``label`` from now on (also after next month's comments)."""
    _stored, result = _current(viewer, engine, journey_id)
    old = _theme(result, theme)
    label = _label(label)
    return _save(
        viewer,
        engine,
        journey_id,
        Rename(theme, label),
        f"renamed {theme} '{old.label}' to '{label}'",
    )


def merge_themes(
    viewer: Viewer, engine: Engine, journey_id: str, source: str, target: str
) -> StoredEdit:
    """Put the comments of ``source`` into ``target``; ``source`` is gone."""
    _stored, result = _current(viewer, engine, journey_id)
    if source == target:
        raise ValueError(_("a theme cannot be merged into itself: choose another theme"))
    gone, into = _theme(result, source), _theme(result, target)
    detail = f"merged {source} '{gone.label}' into {target} '{into.label}'"
    return _save(viewer, engine, journey_id, Merge(source, target), detail)


def split_theme(
    viewer: Viewer,
    engine: Engine,
    journey_id: str,
    theme: str,
    label: str,
    keywords: Sequence[str],
) -> str:
    """The comments of ``theme`` that use one of ``keywords`` become a theme of their
    own, called ``label``; its key. ValueError when no comment of the theme uses them."""
    found, result = _current(viewer, engine, journey_id)
    old = _theme(result, theme)
    label = _label(label)
    words = tuple(dict.fromkeys(w.strip() for w in keywords if w.strip()))[:MAX_KEYWORDS]
    if not words:
        raise ValueError(_("name the words the comments to split out use, e.g. 'telefon'"))
    # A key no theme has had and no edit names: an old edit must not find a new theme.
    taken = [t.key for t in found.analysis.result.themes] + [t.key for t in result.themes]
    named = [str(v) for e in found.edits for k, v in edit_record(e)[1].items() if k != "label"]
    new_key = next_theme_key([*taken, *named, *split_keys(found.edits)])
    edit = Split(theme, new_key, label, words)
    trial = apply_edits(
        found.analysis.result, (*found.edits, edit), found.texts, found.analysis.languages
    )
    moved = len(_theme(trial, new_key).members)
    if not moved:
        raise ValueError(
            _("no comment of '{label}' uses {value}: choose words its comments use").format(
                label=old.label, value=", ".join(repr(w) for w in words)
            )
        )
    detail = f"split '{label}' ({new_key}, {moved} comments) out of {theme} '{old.label}'"
    _save(viewer, engine, journey_id, edit, detail)
    return new_key


def hide_theme(viewer: Viewer, engine: Engine, journey_id: str, theme: str) -> StoredEdit:
    """Leave the theme out of the figures; its comments count as other comments."""
    _stored, result = _current(viewer, engine, journey_id)
    found = _theme(result, theme)
    if found.hidden:
        raise ValueError(_("'{label}' is hidden already").format(label=found.label))
    return _save(viewer, engine, journey_id, Hide(theme), f"hid {theme} '{found.label}'")


def show_theme(viewer: Viewer, engine: Engine, journey_id: str, theme: str) -> StoredEdit:
    """Show a hidden theme again."""
    _stored, result = _current(viewer, engine, journey_id)
    found = _theme(result, theme)
    if not found.hidden:
        raise ValueError(_("'{label}' is not hidden").format(label=found.label))
    return _save(viewer, engine, journey_id, Show(theme), f"showed {theme} '{found.label}'")


def move_comment(
    viewer: Viewer, engine: Engine, journey_id: str, response_id: int, theme: str
) -> StoredEdit:
    """Put one comment into ``theme`` (or OTHER), whatever the analysis says."""
    found, result = _current(viewer, engine, journey_id)
    comment_id = str(int(response_id))
    if comment_id not in result.comment_ids:
        raise ValueError(
            _("response {response_id} has no comment in this journey").format(
                response_id=response_id
            )
        )
    if theme == OTHER:
        label = "other comments"
    else:
        target = _theme(result, theme)
        if target.hidden:
            raise ValueError(
                _("'{label}' is hidden: show it before moving comments to it").format(
                    label=target.label
                )
            )
        label = target.label
    detail = f"moved the comment of response {comment_id} to {theme} '{label}'"
    return _save(viewer, engine, journey_id, Move(comment_id, theme), detail)


def undo_theme_edit(viewer: Viewer, engine: Engine, journey_id: str) -> StoredEdit | None:
    """Take back the newest edit; None when there is none."""
    require_any(viewer, EDITORS, CHANGING)
    return store.remove_last_edit(engine, journey_id, actor=actor(viewer))


@dataclass(frozen=True)
class SurveyLanguage:
    """A survey (``source``) of the journey's comments: how many, in which languages
    they were read, and the language a person set, if any."""

    source: str
    comments: int
    languages: dict[str, int]
    override: str | None


def survey_languages(viewer: Viewer, engine: Engine, journey_id: str) -> list[SurveyLanguage]:
    """The journey's surveys with comments, most comments first (counted over every
    location: for those who see all results)."""
    require(viewer, Capability.VIEW_ALL_RESULTS, N_("see the languages of the journey's surveys"))
    found = journey_analysis(engine, journey_id)
    by_source: dict[str, dict[str, int]] = {}
    for source, language in zip(found.comments["source"], found.analysis.languages, strict=True):
        counts = by_source.setdefault(str(source), {})
        counts[language] = counts.get(language, 0) + 1
    out = [
        SurveyLanguage(source, sum(counts.values()), counts, found.overrides.get(source))
        for source, counts in by_source.items()
    ]
    return sorted(out, key=lambda s: (-s.comments, s.source))


def set_survey_language(
    viewer: Viewer, engine: Engine, journey_id: str, source: str, language: str | None
) -> None:
    """Read every comment of the survey as ``language`` (da, nb, sv, en); None: detect
    each comment's language again."""
    require_any(viewer, EDITORS, CHANGING)
    chosen = None
    if language:
        chosen = normalise_language(language)
        if chosen not in LANGUAGES:  # normalise_language refuses others already
            raise ValueError(
                _("'{language}' is not one of {languages}").format(
                    language=language, languages=", ".join(LANGUAGES)
                )
            )
    found = journey_analysis(engine, journey_id)
    if source not in set(found.comments["source"]):
        raise ValueError(
            _("no comment of this journey comes from the survey '{source}'").format(source=source)
        )
    store.set_language(engine, journey_id, source, chosen, actor=actor(viewer))
