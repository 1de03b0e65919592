"""Helpers for Qt .ts translation files: list messages, find unfinished ones, and fill the zh_CN file
(the source language) with translations equal to the source text."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

Message = tuple[str, str]  # (context, source)


def _messages(root: ET.Element) -> list[tuple[str, ET.Element]]:
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message))
    return found


def live_messages(path: Path) -> set[Message]:
    """Messages still in the code (not vanished or obsolete)."""
    root = ET.parse(path).getroot()
    result: set[Message] = set()
    for context, message in _messages(root):
        translation = message.find("translation")
        kind = translation.get("type") if translation is not None else None
        if kind in {"vanished", "obsolete"}:
            continue
        result.add((context, message.findtext("source") or ""))
    return result


def unfinished(path: Path) -> list[Message]:
    root = ET.parse(path).getroot()
    bad: list[Message] = []
    for context, message in _messages(root):
        translation = message.find("translation")
        kind = translation.get("type") if translation is not None else "unfinished"
        if kind in {"vanished", "obsolete"}:
            continue
        text = "".join(translation.itertext()) if translation is not None else ""
        if kind == "unfinished" or not text.strip():
            bad.append((context, message.findtext("source") or ""))
    return bad


def fill_source(path: Path) -> int:
    """zh_CN is the source language: each translation is the source itself, marked finished."""
    tree = ET.parse(path)
    filled = 0
    for _context, message in _messages(tree.getroot()):
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if translation.get("type") in {"vanished", "obsolete"}:
            continue
        source = message.findtext("source") or ""
        if translation.text != source or translation.get("type"):
            translation.text = source
            translation.attrib.pop("type", None)
            filled += 1
    _write(tree, path)
    return filled


def fill_from(path: Path, mapping: dict[str, str], overwrite: bool = False) -> int:
    """Sets the translation of every unfinished message (every message, with `overwrite`) whose
    source, or "context|source", is in `mapping`."""
    tree = ET.parse(path)
    filled = 0
    for context, message in _messages(tree.getroot()):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in {"vanished", "obsolete"}:
            continue
        finished = translation.get("type") != "unfinished" and "".join(translation.itertext()).strip()
        if finished and not overwrite:
            continue
        text = mapping.get(f"{context}|{source}") or mapping.get(source)
        if text and text.strip():
            translation.text = text
            translation.attrib.pop("type", None)
            filled += 1
    _write(tree, path)
    return filled


def _write(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "fill-source":
        for name in argv[1:]:
            print(f"{name}: {fill_source(Path(name))} entries set to the source text")
        return 0
    if len(argv) >= 2 and argv[0] == "unfinished":
        status = 0
        for name in argv[1:]:
            for context, source in unfinished(Path(name)):
                print(f"{name}: unfinished [{context}] {source}")
                status = 1
        return status
    print("usage: ts_tool.py fill-source|unfinished FILE.ts...", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
