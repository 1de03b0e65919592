"""Grids and inspectors."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.store.tables import Grid, Inspector


def all_grids(session: Session) -> list[Grid]:
    stmt = select(Grid).where(Grid.deleted == False).order_by(col(Grid.code))  # noqa: E712
    return list(session.exec(stmt).all())


def all_inspectors(session: Session) -> list[Inspector]:
    stmt = select(Inspector).where(Inspector.deleted == False).order_by(col(Inspector.name).collate("pinyin"))  # noqa: E712
    return list(session.exec(stmt).all())
