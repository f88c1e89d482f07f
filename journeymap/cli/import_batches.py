"""Commands over a journey's imports: list them, undo one."""

from __future__ import annotations

import argparse
from typing import Any

from journeymap.cli.common import (
    EXIT_OK,
    CommandError,
    Commands,
    engine_for,
    json_errors,
    shown_time,
    stored_journey,
    viewer_for,
)
from journeymap.cli.json_out import emit, plain
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt

COUNT_NAMES = {
    "rows_read": "rows_read",
    "added": "new",
    "already_there": "already_there",
    "conflicting": "conflicting",
    "rejected": "rejected",
    "without_score": "without_score",
    "left_out": "test_rows_left_out",
    "too_old": "too_old_to_call_back",
    "cases_created": "cases_created",
}


def register(commands: Commands) -> None:
    sub = commands.add(
        "imports",
        cmd_imports,
        _(
            "a journey's survey imports, newest first: source, file, SHA-256, who, when and "
            "what each did (new, already there and from which import, conflicting, rejected)"
        ),
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument(
        "--json",
        action="store_true",
        help=_("objects with id, source, file, sha256, by, at and the counts"),
    )
    sub = commands.add(
        "undo-import",
        cmd_undo_import,
        _(
            "remove exactly one import's responses and the call-back cases made from them, "
            "in one audited transaction; refused while a case from it has been worked, "
            "unless --force"
        ),
    )
    sub.add_argument("batch", type=int, metavar="BATCH", help=_("the import's id (`imports`)"))
    sub.add_argument(
        "--force",
        action="store_true",
        help=_("undo even though call-back cases from it have been worked (they go too)"),
    )
    sub.add_argument("--json", action="store_true")


def batch_record(batch: Any) -> dict[str, Any]:
    return {
        "id": batch.id,
        "source": batch.source,
        "kind": batch.kind,
        "file": batch.file,
        "sha256": batch.sha256,
        "by": batch.by,
        "at": plain(batch.at),
        **{COUNT_NAMES[name]: value for name, value in batch.counts.items()},
        "already_from": {str(k) if k else "this file": v for k, v in batch.already_from.items()},
        "responses": batch.responses,
        "undone_at": plain(batch.undone_at),
        "undone_by": batch.undone_by or None,
    }


@json_errors
def cmd_imports(args: argparse.Namespace) -> int:
    from journeymap.services.access import NotAllowed
    from journeymap.services.import_batches import list_batches

    journey = stored_journey(args).journey
    try:
        batches = list_batches(viewer_for(args), engine_for(args), journey.id)
    except NotAllowed as error:
        raise CommandError(str(error)) from None
    if args.json:
        emit([batch_record(b) for b in batches])
        return EXIT_OK
    if not batches:
        print(_("journey '{journey}' has no imports yet").format(journey=journey.id))
    for b in batches:
        print(batch_line(b))
    return EXIT_OK


# What a batch did besides the counts every batch has, said only when it happened.
EXTRAS = {
    "without_score": N_("{count} without a score"),
    "left_out": N_("{count} test rows left out"),
    "too_old": N_("{count} too old to call back"),
    "cases_created": N_("{count} call-back cases"),
}


def batch_line(b: Any) -> str:
    counts = {name: fmt.number(value) for name, value in b.counts.items()}
    where = f"{b.file} " if b.file else ""
    sha = ", sha256 " + b.sha256[:12] if b.sha256 else ""
    line = f"{b.id:>5}  {shown_time(b.at)}  {b.by}  {b.source!r}  {where}({b.kind}{sha}): "
    line += _("{read} read, {new} new, {already} already there").format(
        read=counts["rows_read"], new=counts["added"], already=counts["already_there"]
    )
    if b.already_from:
        sources = [
            _("{count} in the file twice").format(count=fmt.number(n))
            if k == 0
            else _("{count} from {batch}").format(count=fmt.number(n), batch=k)
            for k, n in sorted(b.already_from.items())
        ]
        line += " (" + ", ".join(sources) + ")"
    line += ", " + _("{conflicting} conflicting, {rejected} rejected").format(
        conflicting=counts["conflicting"], rejected=counts["rejected"]
    )
    line += "".join(
        ", " + _(text).format(count=counts[k]) for k, text in EXTRAS.items() if b.counts[k]
    )
    if b.undone_at is not None:
        line += "; " + _("undone by {person} on {moment}").format(
            person=b.undone_by, moment=shown_time(b.undone_at)
        )
    return line


@json_errors
def cmd_undo_import(args: argparse.Namespace) -> int:
    from journeymap.services.access import NotAllowed
    from journeymap.services.import_batches import undo_batch

    try:
        done = undo_batch(viewer_for(args), engine_for(args), args.batch, force=args.force)
    except (NotAllowed, ValueError) as error:
        raise CommandError(str(error)) from None
    if args.json:
        emit(
            {
                "id": done.batch_id,
                "responses_removed": done.responses,
                "cases_removed": done.cases,
                "worked_cases_removed": done.worked_cases,
                "relied_on_by": {str(k): v for k, v in done.relied_on_by.items()},
            }
        )
    else:
        print(done.sentence())
    return EXIT_OK
