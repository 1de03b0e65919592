"""The violation catalog as plain data: categories of labour-law violations and the provisions a
letter cites for each. Parsing is kept here (pure); reading the file lives in app/catalog.py."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Citation:
    law: str
    article: str
    text: str
    verified: bool = False
    remark: str = ""
    source: str = ""  # where the text and number were checked

    def heading(self) -> str:
        """《法名》第X条 — how a letter cites it; an empty article cites the whole instrument."""
        return f"《{self.law}》{self.article}"

    def line(self) -> str:
        return f"{self.heading()}：{self.text}"


@dataclass(frozen=True)
class ViolationCategory:
    code: str
    label: str
    description: str
    remedy: str
    basis: tuple[Citation, ...] = field(default_factory=tuple)
    keywords: tuple[str, ...] = ()  # words that put a visit's sentence in this category

    @property
    def unverified(self) -> list[Citation]:
        return [c for c in self.basis if not c.verified]


@dataclass(frozen=True)
class ViolationCatalog:
    categories: tuple[ViolationCategory, ...]
    general_basis: tuple[Citation, ...] = ()

    def get(self, code: str) -> ViolationCategory | None:
        return next((c for c in self.categories if c.code == code), None)

    def label(self, code: str) -> str:
        found = self.get(code)
        return found.label if found else code

    def codes(self) -> list[str]:
        return [c.code for c in self.categories]

    def by_label(self, label: str) -> ViolationCategory | None:
        return next((c for c in self.categories if c.label == label), None)


class CatalogError(ValueError):
    """The catalog file breaks its format; the message names the entry and field."""


def _citation(raw: Any, where: str) -> Citation:
    if not isinstance(raw, Mapping):
        raise CatalogError(f"{where} 应为对象")
    for key in ("law", "text"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise CatalogError(f"{where} 缺少字段 {key}")
    verified = raw.get("verified")
    if not isinstance(verified, bool):
        raise CatalogError(f"{where} 的 verified 必须是 true 或 false")
    return Citation(
        law=raw["law"].strip(),
        article=str(raw.get("article") or "").strip(),
        text=raw["text"].strip(),
        verified=verified,
        remark=str(raw.get("remark") or ""),
        source=str(raw.get("source") or ""),
    )


def _citations(raw: Any, where: str) -> tuple[Citation, ...]:
    if not isinstance(raw, list):
        raise CatalogError(f"{where} 应为列表")
    return tuple(_citation(item, f"{where}[{i}]") for i, item in enumerate(raw))


def parse_catalog(data: Mapping[str, Any]) -> ViolationCatalog:
    raw_categories = data.get("categories")
    if not isinstance(raw_categories, list) or not raw_categories:
        raise CatalogError("违法类别目录缺少 categories 列表")
    categories: list[ViolationCategory] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_categories):
        where = f"categories[{i}]"
        if not isinstance(raw, Mapping):
            raise CatalogError(f"{where} 应为对象")
        code = raw.get("code")
        label = raw.get("label")
        if not isinstance(code, str) or not code:
            raise CatalogError(f"{where} 缺少字段 code")
        if not isinstance(label, str) or not label:
            raise CatalogError(f"{where}（{code}）缺少字段 label")
        if code in seen:
            raise CatalogError(f"{where} 的 code “{code}” 重复")
        seen.add(code)
        categories.append(
            ViolationCategory(
                code=code,
                label=label,
                description=str(raw.get("description") or ""),
                remedy=str(raw.get("remedy") or ""),
                basis=_citations(raw.get("basis", []), f"{where}（{code}）.basis"),
                keywords=tuple(str(k) for k in raw.get("keywords") or [] if str(k).strip()),
            )
        )
    return ViolationCatalog(tuple(categories), _citations(data.get("general_basis", []), "general_basis"))


def basis_headings(citations: Iterable[Citation]) -> str:
    """《A》第X条、《B》第Y条 — the short form a letter body uses in one sentence."""
    seen: list[str] = []
    for c in citations:
        if c.heading() not in seen:
            seen.append(c.heading())
    return "、".join(seen)


UNVERIFIED_MARK = "〔条文待核实〕"


def confirmation_id(heading: str) -> str:
    """The one id of the district-wide confirmation of a citation: the server and every laptop name the
    same row, so confirming twice (two office users at once) cannot leave two rows."""
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, "union-inspector:citation:" + heading))


def basis_text(citations: Iterable[Citation]) -> str:
    """The editable legal-basis text of a matter: one citation per line; a citation the catalog does
    not mark verified carries UNVERIFIED_MARK, so nobody cites it unchecked by accident."""
    return "\n".join(c.line() + ("" if c.verified else UNVERIFIED_MARK) for c in citations)


def has_unverified(basis: str) -> bool:
    return UNVERIFIED_MARK in basis


_HEAD = re.compile(r"^《(?P<law>[^》]+)》(?P<article>[^：:]*)")


def headings_from_text(basis: str) -> str:
    """The short citation list of an edited legal-basis text, articles grouped by law
    (《A》第三条、第十一条，《B》第八十五条和《C》第五十条), so a letter can say “违反了……的规定” in one sentence."""
    order: list[str] = []
    articles: dict[str, list[str]] = {}
    for line in basis.splitlines():
        line = line.strip()
        if not line:
            continue
        m = _HEAD.match(line)
        if m is None:
            head = line.split("：", 1)[0].split(":", 1)[0].strip()
            if head and head not in order:
                order.append(head)
                articles[head] = []
            continue
        law = f"《{m['law']}》"
        if law not in articles:
            order.append(law)
            articles[law] = []
        article = m["article"].strip()
        if article and article not in articles[law]:
            articles[law].append(article)
    parts = [law + "、".join(articles[law]) for law in order]
    if len(parts) <= 1:
        return "".join(parts)
    return "，".join(parts[:-1]) + "和" + parts[-1]
