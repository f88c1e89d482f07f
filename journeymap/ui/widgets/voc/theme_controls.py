"""Changing themes on the Verbatims page: rename, merge, split, hide, show, move a
comment, take the last edit back, and the surveys' languages.

Drawn only for those who may change themes (services.themes.may_edit_themes); the
services check the role again and sign every edit with the viewer's name. Each edit
is kept when the themes are found again on next month's comments.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import streamlit as st

from journeymap.analytics.comments.language import LANGUAGES
from journeymap.analytics.comments.theme_figures import ThemeFigures
from journeymap.analytics.comments.themes import OTHER
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.model import Journey
from journeymap.model.access import Viewer
from journeymap.services import theme_edits as edits
from journeymap.services.access import NotAllowed
from journeymap.services.themes import ThemeView, may_edit_themes
from journeymap.ui.loaders.themes import load_survey_languages
from journeymap.ui.shell import state
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.text import plain, sentence

LANGUAGE_NAMES = {
    "da": N_("Danish"),
    "nb": N_("Norwegian (bokmål)"),
    "sv": N_("Swedish"),
    "en": N_("English"),
}
# The edit log keeps English codes; these are the words a person reads for them.
EDIT_NAMES = {
    "rename": N_("rename"),
    "merge": N_("merge"),
    "split": N_("split"),
    "hide": N_("hide"),
    "show": N_("show"),
    "move": N_("move"),
}
FIELD_NAMES = {
    "theme": N_("theme"),
    "label": N_("name"),
    "source": N_("from"),
    "target": N_("into"),
    "new_key": N_("new theme"),
    "keywords": N_("words"),
    "comment_id": N_("response"),
}
MOVABLE = 200  # comments offered to move, newest first


def _run(done: str, change: Callable[..., Any], *args: Any) -> None:
    """Call the service; say what happened after the rerun, or why not, now."""
    try:
        change(*args)
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    # The router shows it as a toast after the rerun (and escapes it).
    st.session_state[state.FLASH_MESSAGE] = done
    st.rerun()


def _word(names: dict[str, str], code: str) -> str:
    return _(names[code]) if code in names else code


def _language(code: str | None) -> str:
    return _(LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else _("Detected per comment")


def _key(*parts: object) -> str:
    return "-".join([state.THEME_WIDGET, *(str(p) for p in parts)])


def theme_changes(viewer: Viewer, journey: Journey, view: ThemeView, figure: ThemeFigures) -> None:
    """The controls for the opened theme (for the other comments: moving one only)."""
    engine, journey_id, theme = get_engine(), journey.id, figure.theme
    others = {f.theme: f.label for f in view.figures if f.theme not in (theme, OTHER)}
    with st.expander(_("Change this theme")):
        if theme != OTHER:
            with st.form(_key("rename", theme)):
                label = st.text_input(_("New name"), figure.label, max_chars=120)
                if st.form_submit_button(_("Rename")):
                    _run(
                        _("Renamed to {name}").format(name=label),
                        edits.rename_theme,
                        viewer,
                        engine,
                        journey_id,
                        theme,
                        label,
                    )
            if others:
                with st.form(_key("merge", theme)):
                    target = st.selectbox(
                        _("Merge into"), list(others), format_func=others.__getitem__
                    )
                    if st.form_submit_button(_("Merge")):
                        _run(
                            _("Merged {theme} into {target}").format(
                                theme=figure.label, target=others[target]
                            ),
                            edits.merge_themes,
                            viewer,
                            engine,
                            journey_id,
                            theme,
                            target,
                        )
            with st.form(_key("split", theme)):
                new_label = st.text_input(_("Name of the theme to split out"), max_chars=120)
                words = st.text_input(
                    _("Its comments use one of these words (comma between them)"),
                    placeholder=_("e.g. telefon, ringede"),
                )
                if st.form_submit_button(_("Split")):
                    _run(
                        _("Split {new} out of {theme}").format(new=new_label, theme=figure.label),
                        edits.split_theme,
                        viewer,
                        engine,
                        journey_id,
                        theme,
                        new_label,
                        [w for w in words.split(",") if w.strip()],
                    )
            if st.button(
                _("Hide this theme"),
                key=_key("hide", theme),
                help=_("Its comments count as other comments."),
            ):
                _run(
                    _("Hid {theme}").format(theme=figure.label),
                    edits.hide_theme,
                    viewer,
                    engine,
                    journey_id,
                    theme,
                )
        _move(viewer, journey, view, figure, others)


def _move(
    viewer: Viewer, journey: Journey, view: ThemeView, figure: ThemeFigures, others: dict[str, str]
) -> None:
    mine = view.comments_of(figure.theme).head(MOVABLE)
    targets = others | ({OTHER: _("Other comments")} if figure.theme != OTHER else {})
    if mine.empty or not targets:
        return
    texts = {
        int(r.id): _("#{id} · score {score} · {comment}").format(
            id=r.id, score=r.score, comment=" ".join(str(r.comment).split())[:80]
        )
        for r in mine.itertuples()
    }
    with st.form(_key("move", figure.theme)):
        comment = st.selectbox(_("Move a comment"), list(texts), format_func=texts.__getitem__)
        target = st.selectbox(_("To the theme"), list(targets), format_func=targets.__getitem__)
        if st.form_submit_button(_("Move")):
            _run(
                _("Moved the comment of response {id} to {theme}").format(
                    id=comment, theme=targets[target]
                ),
                edits.move_comment,
                viewer,
                get_engine(),
                journey.id,
                comment,
                target,
            )


def edit_log(viewer: Viewer, journey: Journey, view: ThemeView) -> None:
    """The edits so far, the hidden themes to show again, and taking the last edit back."""
    hidden = [t for t in view.themes if t.hidden]
    title = _("Edits of these themes ({edits}) and hidden themes ({hidden})").format(
        edits=fmt.number(len(view.log)), hidden=fmt.number(len(hidden))
    )
    with st.expander(title):
        for entry in view.log:
            what = ", ".join(
                f"{_word(FIELD_NAMES, k)} {', '.join(map(str, v)) if isinstance(v, list) else v}"
                for k, v in entry.body.items()
            )
            st.caption(
                plain(
                    _("{moment} UTC · {author} · {edit}: {what}").format(
                        moment=fmt.moment(entry.created_at),
                        author=entry.author,
                        edit=_word(EDIT_NAMES, entry.kind),
                        what=what,
                    )
                )
            )
        if not view.log:
            st.caption(_("No edits yet: the themes are as the analysis found them."))
        for theme in hidden:
            if st.button(
                _("Show “{theme}” again").format(theme=theme.label), key=_key("show", theme.key)
            ):
                _run(
                    _("Showing {theme} again").format(theme=theme.label),
                    edits.show_theme,
                    viewer,
                    get_engine(),
                    journey.id,
                    theme.key,
                )
        if (
            view.log
            and may_edit_themes(viewer)
            and st.button(_("Take back the last edit"), key=_key("undo"))
        ):
            _run(
                _("Took back the last edit"),
                edits.undo_theme_edit,
                viewer,
                get_engine(),
                journey.id,
            )


def survey_languages(viewer: Viewer, journey: Journey) -> None:
    """Each survey's comments by the language they were read in; those who may change
    themes can set the language of a survey whose comments were read wrongly."""
    try:
        surveys = load_survey_languages(viewer, journey.id)
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    if not surveys:
        return
    editing = may_edit_themes(viewer)
    with st.expander(_("Languages of the surveys")):
        st.caption(
            _(
                "Each comment's language is detected (Danish, Norwegian, Swedish, English); "
                "one too short to tell takes its survey's. Set a survey's language when you "
                "know it."
            )
        )
        for survey in surveys:
            found = ", ".join(
                f"{_language(lang)} {fmt.number(n)}"
                for lang, n in sorted(survey.languages.items(), key=lambda kv: -kv[1])
            )
            name = survey.source or _("(no survey named)")
            st.markdown(
                plain(
                    _("{survey}: {count} comments — {languages}").format(
                        survey=name, count=fmt.number(survey.comments), languages=found
                    )
                )
            )
            if not editing:
                continue
            options = ["", *LANGUAGES]
            # The survey's name is a customer file's: it stays out of the widget's key.
            digest = hashlib.sha256(survey.source.encode("utf-8")).hexdigest()[:16]
            with st.form(_key("language", digest)):
                chosen = st.selectbox(
                    _("Read its comments as"),
                    options,
                    index=options.index(survey.override or ""),
                    format_func=_language,
                )
                if st.form_submit_button(_("Save the language")):
                    _run(
                        _("{survey}: {language}").format(
                            survey=name,
                            language=_(LANGUAGE_NAMES[chosen])
                            if chosen in LANGUAGE_NAMES
                            else _("detected per comment"),
                        ),
                        edits.set_survey_language,
                        viewer,
                        get_engine(),
                        journey.id,
                        survey.source,
                        chosen or None,
                    )
