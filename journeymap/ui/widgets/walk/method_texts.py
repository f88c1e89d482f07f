"""How the sand ranking and "Did it work?" decide, in the reader's language.

The same rules as the docstrings of journeymap.analytics.friction and
journeymap.analytics.action_effect (which stay the developers' reference): a docstring
cannot be translated, so the pages show these texts instead. Change both together.
"""

from __future__ import annotations

from journeymap.i18n import _


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
                        "*favourable* end of its 95 % interval and divided by 40 points. A "
                        "small sample has a wide interval, so it can only show severity when "
                        "even its best case is bad: noise is never ranked as friction."
                    ),
                    _(
                        "- shopper: how far the mystery-shopper score is below target "
                        "(favourable end of the interval, divided by 25 points), or twice the "
                        "lower bound of the share of visits with a failed critical question, "
                        "whichever is larger."
                    ),
                    _(
                        "- kpi: for each metric with a target, how far the favourable end of "
                        "its interval is beyond the target, relative to the target, divided "
                        "by 50 %; the worst metric counts."
                    ),
                    _(
                        "- flow: the share of customers who drop off at the touchpoint, "
                        "divided by 30 %."
                    ),
                    _(
                        "- recurrence: the share of customers at the touchpoint who arrive "
                        "round a loop (repeat contacts, complaints coming back), divided by "
                        "30 %; or, if larger, the number of detractor call-backs in the "
                        "period that found the same root cause, divided by 20 (from five on)."
                    ),
                ]
            ),
            _(
                "The friction score is 100 × Σ wₖ·sₖ / Σ wₖ over the kinds of evidence the "
                "touchpoint has, with the journey's weights. Impact is customers per month × "
                "friction / 100; the ranking lists sand (friction ≥ 40) before watch (≥ 15) "
                "before good, each by impact. Touchpoints without solid sampled evidence (NPS "
                "n ≥ 30, three or more mystery-shopper visits, or ten or more days of a "
                "metric) are thin: they are listed with their figures but ranked after every "
                "solid one."
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
                "Two windows of equal length (90 days unless configured) are compared: "
                "*before* ends the day before the done date, *after* starts the day after it "
                "(the change lands during that day). The measures, at the action's "
                "touchpoints taken together:"
            ),
            "\n".join(
                [
                    _(
                        "- **NPS** (transactional answers pooled over the touchpoints): the z "
                        "test of two independent NPS, z = Δ / √(SE₁² + SE₂²); a change counts "
                        "when p < 0.05. Solid when each window has 30 or more answers."
                    ),
                    _(
                        "- **Mystery-shopper score** (the mean of visit percentages; a visit "
                        "covering several of the touchpoints counts once, with its mean): the "
                        "Welch difference of means with a 95 % t interval "
                        "(Welch–Satterthwaite degrees of freedom); a change counts when the "
                        "interval excludes 0. Solid with 3 or more visits in each window."
                    ),
                    _(
                        "- **KPIs** (each metric, one value per day): the Welch difference as "
                        "above, read against the metric's direction (lower or higher is "
                        "better). Solid with 10 or more days in each window."
                    ),
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
                "Each measure is tested at the 5 % level on its own; with several KPIs one of "
                "them may move by chance, which is why every measure is listed with its n "
                "and interval."
            ),
        ]
    )
