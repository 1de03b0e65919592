"""The web pages' languages: Chinese source strings, English from the catalog in `catalog_en.json`
(a test checks that every string the templates and routes show has an English entry)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

LANGUAGES = ("zh", "en")
CATALOG = Path(__file__).with_name("catalog_en.json")


@cache
def english() -> dict[str, str]:
    data = json.loads(CATALOG.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def translator(lang: str) -> Callable[[str], str]:
    if lang != "en":
        return lambda text: text
    table = english()
    return lambda text: table.get(text, text)


def pick(accept_language: str) -> str:
    """Chinese first, whatever the browser says (an office PC may well be set to English); English only
    through the switch in the header, kept in the session."""
    del accept_language
    return "zh"


CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
_LITERAL = re.compile(r"\"([^\"\n]*)\"|'([^'\n]*)'")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _literals(text: str) -> set[str]:
    return {a or b for a, b in _LITERAL.findall(text) if CJK.search(a or b)}


def shown_strings() -> set[str]:
    """Every Chinese string the web pages can show: literals in the templates' expressions, the Chinese
    literals of the routes and actions, and the labels of registers and report figures."""
    import datetime as dt

    from app.core.report_figures import Span, compute
    from app.web import actions, queries

    here = Path(__file__).parent
    found: set[str] = set()
    for template in (here / "templates").glob("*.html"):
        for expr in _JINJA.findall(template.read_text(encoding="utf-8")):
            found |= _literals(expr)
    for module in ("routes.py", "actions.py"):
        found |= _literals((here / module).read_text(encoding="utf-8"))
    found |= {title for title, _ in queries.GROUPS.values()}
    for reg in queries.REGISTERS.values():
        found.add(reg.title)
        found |= {title for title, _, _ in reg.related}
        for c in (*reg.columns, *reg.filters, *reg.detail):
            found.add(c.label)
            found |= set(c.labels.values())
    figures = compute({}, Span.months(dt.date(2026, 1, 1)))
    for fig in figures.figures.values():
        found |= {fig.title, *fig.header[:1], *(h for h in fig.header if CJK.search(h)), fig.note}
        found |= {r.label for r in fig.rows}
        found |= {str(v) for r in fig.rows for v in r.values if isinstance(v, str)}
    found |= set(actions.STEP_LABELS.values())
    from app.core.report_figures import UNASSIGNED, UNKNOWN_PERSON

    found |= {UNASSIGNED, UNKNOWN_PERSON}
    return {s for s in found if s and IDEOGRAPH.search(s)}
