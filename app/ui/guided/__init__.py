"""Guided steps that join features: after a visit is submitted, its problems become matters and letters."""
