"""Every word of the report page, in the reader's language.

The template shows these by name; a sentence with figures in it is one text with
named places (`fill` puts the formatted figures in), so each language keeps its own
word order.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup, escape

from journeymap.i18n import _, ngettext


def fill(text: str, **values: object) -> Markup:
    """The text escaped, with its places filled by escaped values (or by Markup as is)."""
    return escape(text).format(**values)


def bold(value: object, css_class: str = "") -> Markup:
    if css_class:
        return Markup('<b class="{}">{}</b>').format(css_class, value)
    return Markup("<b>{}</b>").format(value)


def visits(n: int) -> str:
    return ngettext("n = {n} visit", "n = {n} visits", n)


def due_callbacks(n: int) -> str:
    return ngettext(
        "n = {n} due call-back ({on_time} on time)", "n = {n} due call-backs ({on_time} on time)", n
    )


def report_texts() -> Mapping[str, str]:
    """The page's texts by name (computed per render: the language may differ each time)."""
    return {
        "title": _("{journey} — customer experience {period}"),
        "meta": _("{start} – {end} · compared with {previous} · made {made}"),
        "nps": _("Journey NPS"),
        "points": _("{change} points"),
        "interval": _("95 % interval {interval} · n = {n}"),
        "thin_30": _("thin: n < 30"),
        "thin": _("thin"),
        "mix_of_answers": _(
            "{promoters} promoters, {passives} passives, {detractors} detractors "
            "(transactional answers)"
        ),
        "versus": _(
            "vs {previous}: {before} (n = {n}) → change {change} [{low}, {high}], {p}: "
            "{verdict} at 5 %"
        ),
        "significant": _("significant"),
        "not_significant": _("not significant"),
        "no_previous": _("No answers in {previous}: no change to test."),
        "no_answers": _("No survey answers in {period}."),
        "why": _("Why it moved"),
        "shift": _(
            "Shift-share of {change} points: {rate} (touchpoints scoring differently) · "
            "{mix} (answers from other touchpoints)."
        ),
        "rate": _("rate {value}"),
        "mix": _("mix {value}"),
        "touchpoint": _("Touchpoint"),
        "moved_nps": _("Moved NPS"),
        "more_comments": _("More comments here mention {theme}"),
        "fewer_comments": _("Fewer comments here mention {theme}"),
        "themes_moved": _("What customers write about more, or less"),
        "themes_moved_how": _("(share of the transactional comments, Holm-corrected):"),
        "needs_both": _("Needs survey answers in both {previous} and {period}."),
        "sand": _("Sand in the machine"),
        "sand_top": _("Sand in the machine — top five"),
        "friction": _("Friction"),
        "action": _("Action"),
        "no_action": _("no action yet"),
        "shopper": _("Mystery shopper"),
        "shopper_interval": _("95 % interval {low} … {high} %"),
        "thin_visits": _("thin: fewer than 3 visits"),
        "section": _("Section"),
        "score": _("Score"),
        "shopper_method": _(
            "Score: {method}; own locations, counted visits; one questionnaire version per "
            "block, never two averaged together."
        ),
        "no_visits": _("No counted mystery-shopper visits in {period}."),
        "health": _("Journey health {period}"),
        "no_diagram": _("No diagram."),
        "callbacks": _("Closing the loop: detractor call-backs"),
        "called_back": _("{share} called back within {hours} h"),
        "share_interval": _("95 % interval {low} … {high}"),
        "no_callbacks": _("No call-backs were due in {period}."),
        "actions": _("Improvement actions"),
        "done_in": _("{done} done in {period}"),
        "done_of_goal": _("{done} of {goal}"),
        "done_this_year": _("{done_of_goal} done in {year} to {day}"),
        "goal_share": _("({share} of the year's goal; {expected} expected by now: {pace})"),
        "on_pace": _("on pace"),
        "behind": _("behind"),
        "done_in_period": _("Done in {period}"),
        "date": _("Date"),
        "did_it_work": _("Did it work?"),
        "none_done": _("No action was finished in {period}."),
        "more_actions": _("and {count} more (see the Actions page)"),
        "footer": _(
            "Intervals are 95 %. NPS counts transactional answers only; its change is the z "
            "test of two independent NPS. Shift-share splits the change into rate (Σ w₂·ΔNPS) "
            "and mix (Σ Δw·NPS₁) by touchpoint. Thin data is marked, never hidden. “Did it "
            "work?” compares the evidence at an action's touchpoints before and after its "
            "done date."
        ),
    }
