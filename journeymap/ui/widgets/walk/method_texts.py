"""How the sand ranking and "Did it work?" decide, in the reader's language.

The same rules as the docstrings of journeymap.analytics.friction and
journeymap.analytics.action_effect (which stay the developers' reference): a docstring
cannot be translated, so the pages show these texts instead. Change the words of both
together; every threshold and scale is filled in from the constants the analysis uses,
so a changed number cannot leave the page behind.
"""

from __future__ import annotations

from journeymap import settings
from journeymap.analytics import action_effect, friction
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt


def _percent(share: float) -> str:
    return fmt.number(100 * share)


def friction_method() -> str:
    """Markdown: how a touchpoint's friction score and its rank are made."""
    return "\n\n".join(
        [
            _(
                "Sand in the machine: rank touchpoints by evidence of friction, "
                "with checkable reasons."
            ),
            _("Each kind of evidence gives a severity in [0, 1]:"),
            "\n".join(
                [
                    _(
                        "- nps: how far the touchpoint's NPS is below its target (or, without "
                        "a target, below the rest of the journey), measured from the "
                        "*favourable* end of its 95 % interval and divided by {scale} points. A "
                        "small sample has a wide interval, so it can only show severity when "
                        "even its best case is bad: noise is never ranked as friction."
                    ).format(scale=fmt.number(friction.NPS_SCALE)),
                    _(
                        "- shopper: how far the mystery-shopper score is below target "
                        "(favourable end of the interval, divided by {scale} points), or twice "
                        "the lower bound of the share of visits with a failed critical "
                        "question, whichever is larger."
                    ).format(scale=fmt.number(friction.SHOPPER_SCALE)),
                    _(
                        "- kpi: for each metric with a target, how far the favourable end of "
                        "its interval is beyond the target, relative to the target, divided "
                        "by {scale} %; the worst metric counts."
                    ).format(scale=_percent(friction.KPI_SCALE)),
                    _(
                        "- flow: the share of customers who drop off at the touchpoint, "
                        "divided by {scale} %."
                    ).format(scale=_percent(friction.FLOW_SCALE)),
                    _(
                        "- recurrence: the share of customers at the touchpoint who arrive "
                        "round a loop (repeat contacts, complaints coming back), divided by "
                        "{scale} %; or, if larger, the number of detractor call-backs in the "
                        "period that found the same root cause, divided by {cause_scale} "
                        "(from {cause_min} on)."
                    ).format(
                        scale=_percent(friction.RECURRENCE_SCALE),
                        cause_scale=fmt.number(friction.RECURRING_CAUSE_SCALE),
                        cause_min=fmt.number(friction.MIN_RECURRING_CAUSE),
                    ),
                ]
            ),
            _(
                "The friction score is 100 × Σ wₖ·sₖ / Σ wₖ over the kinds of evidence the "
                "touchpoint has, with the journey's weights. Impact is customers per month × "
                "friction / 100; the ranking lists sand (friction ≥ {sand_at}) before watch "
                "(≥ {watch_at}) before good, each by impact. Touchpoints without solid sampled "
                "evidence (NPS n ≥ {answers}, {visits} or more mystery-shopper visits, or "
                "{days} or more days of a metric) are thin: they are listed with their "
                "figures but ranked after every solid one."
            ).format(
                sand_at=fmt.number(friction.SAND_AT),
                watch_at=fmt.number(friction.WATCH_AT),
                answers=fmt.number(friction.SOLID_NPS_N),
                visits=fmt.number(friction.SOLID_VISITS),
                days=fmt.number(friction.SOLID_METRIC_DAYS),
            ),
            _(
                "The reasons also name what a touchpoint's detractors write about most, "
                "right after its NPS reason: it says what the NPS is about and adds no "
                "friction of its own."
            ),
        ]
    )


def effect_method() -> str:
    """Markdown: how "Did it work?" compares the evidence before and after an action."""
    return "\n\n".join(
        [
            _(
                "Did it work? The evidence at an action's touchpoints before and after "
                "its done date."
            ),
            _(
                "Two windows of equal length ({days} days, a workspace setting) are compared: "
                "*before* ends the day before the done date, *after* starts the day after it "
                "(the change lands during that day). The measures, at the action's "
                "touchpoints taken together:"
            ).format(days=fmt.number(settings.effect_window_days())),
            "\n".join(
                [
                    _(
                        "- **NPS** (transactional answers pooled over the touchpoints): the z "
                        "test of two independent NPS, z = Δ / √(SE₁² + SE₂²); a change counts "
                        "when p < {alpha}. Solid when each window has {answers} or more answers."
                    ).format(
                        alpha=fmt.number(action_effect.ALPHA, 2),
                        answers=fmt.number(action_effect.SOLID_RESPONSES),
                    ),
                    _(
                        "- **Mystery-shopper score** (the mean of visit percentages; a visit "
                        "covering several of the touchpoints counts once, with its mean): the "
                        "Welch difference of means with a 95 % t interval "
                        "(Welch–Satterthwaite degrees of freedom); a change counts when the "
                        "interval excludes 0. Solid with {visits} or more visits in each window."
                    ).format(visits=fmt.number(action_effect.SOLID_VISITS)),
                    _(
                        "- **KPIs** (each metric, one value per day): the Welch difference as "
                        "above, read against the metric's direction (lower or higher is "
                        "better). Solid with {days} or more days in each window."
                    ).format(days=fmt.number(action_effect.SOLID_DAYS)),
                ]
            ),
            _("The verdict, from the solid measures only:"),
            "\n".join(
                [
                    _("1. **Not enough data** — no measure is solid in both windows."),
                    _(
                        "2. **Improved** — at least one measure changed for the better and "
                        "none for the worse."
                    ),
                    _("3. **Worse** — at least one changed for the worse and none for the better."),
                    _(
                        "4. When measures disagree, the customers' own voice decides: NPS's "
                        "direction if its change counts, otherwise **no measurable change**."
                    ),
                    _("5. **No measurable change** — otherwise."),
                ]
            ),
            _(
                "Each measure is tested at the {level} % level on its own; with several KPIs "
                "one of them may move by chance, which is why every measure is listed with "
                "its n and interval."
            ).format(level=_percent(action_effect.ALPHA)),
        ]
    )
