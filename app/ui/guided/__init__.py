"""Guided steps that join features: after a visit is submitted, its problems become matters and letters."""

from app.ui.guided.visit_matters import VisitMattersDialog, offer_matters

__all__ = ["VisitMattersDialog", "offer_matters"]
