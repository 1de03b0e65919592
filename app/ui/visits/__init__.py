"""Visits (三查三记): the visit form built from a form definition (form), the visit timeline in the
enterprise file (timeline) and the week plan with its route sketch (plan, page 走访计划)."""

from app.ui.visits.form import VisitDialog, VisitEditor
from app.ui.visits.timeline import VisitTimelineModel

__all__ = ["VisitDialog", "VisitEditor", "VisitTimelineModel"]
