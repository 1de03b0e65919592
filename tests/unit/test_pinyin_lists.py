"""Matters and letters listed by enterprise name come in pinyin order (华 hua before 万 wan), as every
Chinese list in the program does, not in code-point order (which puts 万 first)."""

from __future__ import annotations

from app.store import changes
from app.store import letters as letter_repo
from app.store import matters as matter_repo
from app.store.db import Database
from app.store.tables import Enterprise
from app.store.tables.matters import Letter


def test_matter_and_letter_lists_sort_names_in_pinyin(db: Database) -> None:
    assert "万" < "华"  # code points would list 万 first
    with db.write() as s:
        for name in ("万达物流有限公司", "华信电子有限公司", "安康食品有限公司"):
            ent = changes.insert(s, Enterprise(name=name), "t")
            matter = matter_repo.create_matter(s, enterprise_id=ent.id, source="informant", source_ref="",
                                               category="wage_arrears", facts="拖欠工资", actor="t")
            changes.insert(s, Letter(enterprise_id=ent.id, matter_id=matter.id, kind="tips", title="提示函"), "t")
    with db.read() as s:
        matters = matter_repo.page(s, matter_repo.MatterFilter(), 0, 10, sort="enterprise_name", descending=False)
        letters = letter_repo.page(s, letter_repo.LetterFilter(), 0, 10, sort="enterprise_name", descending=False)
    order = ["安康食品有限公司", "华信电子有限公司", "万达物流有限公司"]
    assert [r["enterprise_name"] for r in matters] == order
    assert [r["enterprise_name"] for r in letters] == order


_READINGS = """
import hashlib, sys
from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict
chars = [chr(c) for c in sorted(pinyin_dict) if 0x3400 <= c <= 0x9fff or 0x20000 <= c <= 0x2ffff]
print(len(chars), hashlib.sha256(repr([lazy_pinyin(c, style=Style.TONE3, errors="ignore") for c in chars]).encode()).hexdigest())
"""


def test_sort_keys_read_every_character_as_pypinyin_with_its_phrases_does() -> None:
    """The keys are made without pypinyin's phrase dictionary (it takes a tenth of a second to load):
    every single character must read the same with and without it."""
    import os
    import subprocess
    import sys

    def readings(no_phrases: bool) -> str:
        env = {k: v for k, v in os.environ.items() if k != "PYPINYIN_NO_PHRASES"}
        if no_phrases:
            env["PYPINYIN_NO_PHRASES"] = "1"
        return subprocess.run([sys.executable, "-c", _READINGS], env=env, capture_output=True, text=True, check=True).stdout

    with_phrases, without = readings(False), readings(True)
    assert int(with_phrases.split()[0]) > 20_000
    assert with_phrases == without
