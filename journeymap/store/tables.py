"""The database tables, declared in ``schema/`` by concern and named here, so that every
table is on ``Base.metadata`` whichever one a module imports. Alembic migrations in
``migrations/`` create and evolve them; a test checks that the migrations and these
declarations agree."""

from __future__ import annotations

from journeymap.store.schema.accounts import (
    ApiKeyRow,
    AuditRow,
    LoginFailureRow,
    SessionRow,
    UserLocationRow,
    UserRow,
)
from journeymap.store.schema.alerts import AlertOutboxRow, AlertSandStateRow, AlertSubscriptionRow
from journeymap.store.schema.base import ID, NAMING, Base, Timestamp
from journeymap.store.schema.comments import (
    CommentAnalysisRow,
    CommentLanguageRow,
    CommentThemeEditRow,
    CommentThemeRunRow,
)
from journeymap.store.schema.evidence import (
    DetractorCaseRow,
    ImportBatchRow,
    ImportSourceRow,
    MetricPointRow,
    NpsMonthCountRow,
    NpsSummaryRow,
    ResponseRow,
)
from journeymap.store.schema.journeys import (
    ImprovementActionRow,
    JourneyDraftRow,
    JourneyRevisionRow,
    JourneyRow,
    WalkNoteRow,
    WalkRow,
)
from journeymap.store.schema.programme import (
    AnswerRow,
    LocationRow,
    PhotoRow,
    QuestionnaireRow,
    ReviewNoteRow,
    ShopperRow,
    VisitLinkRow,
    VisitRow,
)

__all__ = [
    "ID",
    "NAMING",
    "Base",
    "Timestamp",
    "AlertOutboxRow",
    "AlertSandStateRow",
    "AlertSubscriptionRow",
    "AnswerRow",
    "ApiKeyRow",
    "AuditRow",
    "CommentAnalysisRow",
    "CommentLanguageRow",
    "CommentThemeEditRow",
    "CommentThemeRunRow",
    "DetractorCaseRow",
    "ImportBatchRow",
    "ImportSourceRow",
    "ImprovementActionRow",
    "JourneyDraftRow",
    "JourneyRevisionRow",
    "JourneyRow",
    "LocationRow",
    "LoginFailureRow",
    "MetricPointRow",
    "NpsMonthCountRow",
    "NpsSummaryRow",
    "PhotoRow",
    "QuestionnaireRow",
    "ResponseRow",
    "ReviewNoteRow",
    "SessionRow",
    "ShopperRow",
    "UserLocationRow",
    "UserRow",
    "VisitLinkRow",
    "VisitRow",
    "WalkNoteRow",
    "WalkRow",
]
