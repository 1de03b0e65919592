"""Document numbers that never collide, offline included.

Real numbers come only from blocks the district server reserved for this device while it was online
(the server hands every range out once; sync calls `add_block`). Issuing a letter takes the next number
of a block inside the same write transaction that marks the letter issued, so a crash either keeps
both or neither: a number is never used twice and a number that was committed is never handed out
again.

With no block left (never synced, or all used offline) a letter may still be issued with a
provisional number 代字〔年〕临N号（简称）: the short name is this installation's, so no two devices
can make the same one. When a block arrives (`add_block`), every provisional letter of that series and
year gets the next real number in the same transaction, oldest first; the provisional number is kept
on the letter so the paper copy can still be matched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.core.ids import new_id, utc_now_iso
from app.core.letters import (
    DEFAULT_CODES,
    LetterKind,
    device_tag,
    format_number,
    parse_number,
    series_key,
    valid_device_name,
)
from app.store import changes, local_state
from app.store.tables.matters import Letter, LetterNumberBlock

DEVICE_TAG_KEY = "letter_device_tag"  # earlier installations: a hex tag, still recognised as ours
DEVICE_NAME_KEY = "letter_device_name"
CODE_KEY_PREFIX = "letter_code."
PROVISIONAL_SEQ_PREFIX = "letter_provisional_seq."
BLOCK_SIZE = 20  # what sync asks for at a time
TOP_UP_BELOW = 5  # sync tops a series up when fewer numbers than this are left
RENUMBER_ACTOR = "letter-numbers"


class BlockError(ValueError):
    """A block from the server that cannot be right (empty, negative, or overlapping one we hold)."""


def configured_code(session: Session, kind: LetterKind | str) -> str:
    """The 代字 the office set for a kind on this installation, or ''."""
    return local_state.get(session, CODE_KEY_PREFIX + LetterKind(kind).value)


def letter_code(session: Session, kind: LetterKind | str) -> str:
    """The 代字 of a kind: the office's setting, or the default."""
    return configured_code(session, kind) or DEFAULT_CODES[LetterKind(kind)]


def set_letter_code(session: Session, kind: LetterKind | str, code: str) -> None:
    """An empty code goes back to the template's (or the default)."""
    code = code.strip()
    if any(c in code for c in "〔〕[]()（）号 "):
        raise ValueError(f"代字“{code}”不能含括号、空格或“号”")
    local_state.put(session, CODE_KEY_PREFIX + LetterKind(kind).value, code)


def this_device_tag(session: Session) -> str:
    """The short name printed in this installation's provisional numbers: set by the office, or made
    once from the sync device id (else at random) and kept."""
    name = local_state.get(session, DEVICE_NAME_KEY)
    if not name:
        name = device_tag(local_state.get(session, local_state.DEVICE_ID) or new_id())
        local_state.put(session, DEVICE_NAME_KEY, name)
    return name


def set_device_name(session: Session, name: str) -> None:
    """Renaming is refused while letters carry the old name: sync must still recognise them as ours."""
    problem = valid_device_name(name)
    if problem:
        raise ValueError(problem)
    current = this_device_tag(session)
    if name.strip() != current and any(_device_of(le.number) == current for le in pending_provisional(session)):
        raise ValueError("本机还有使用临时编号的函件，换为正式文号后才能修改本机简称")
    local_state.put(session, DEVICE_NAME_KEY, name.strip())


def _my_tags(session: Session) -> set[str]:
    tags = {this_device_tag(session)}
    old = local_state.get(session, DEVICE_TAG_KEY)
    if old:
        tags.add(old)
    return tags


# Called with the letters that just got their real number, inside the same transaction; the document
# layer registers the re-rendering of their PDFs here (it sits above this module).
RenumberHook = Callable[[Session, list[Letter]], None]
_renumber_hooks: list[RenumberHook] = []


def on_renumbered(hook: RenumberHook) -> None:
    if hook not in _renumber_hooks:
        _renumber_hooks.append(hook)


def add_block(session: Session, series_key: str, year: int, start: int, end: int) -> LetterNumberBlock:
    """Stores a block the server reserved for this device. Receiving the same block twice is a no-op
    (a retried sync); a block overlapping another one we hold is refused, because using it could
    repeat a number. Provisional letters of the series get real numbers at once."""
    if not series_key or start < 1 or end < start:
        raise BlockError(f"号段无效：{series_key}〔{year}〕{start}–{end}")
    blocks = session.exec(
        select(LetterNumberBlock).where(
            LetterNumberBlock.series_key == series_key, LetterNumberBlock.year == year
        )
    ).all()
    for block in blocks:
        if block.start == start and block.end == end:
            return block
        if block.start <= end and start <= block.end:
            raise BlockError(
                f"号段 {series_key}〔{year}〕{start}–{end} 与本机已有号段 {block.start}–{block.end} 重叠"
            )
    block = LetterNumberBlock(
        series_key=series_key, year=year, start=start, end=end, next_value=start, obtained_at=utc_now_iso()
    )
    session.add(block)
    session.flush()
    assign_pending_numbers(session, series_key, year)
    return block


def take_number(session: Session, series_key: str, year: int) -> int | None:
    """The next unused number of this device's blocks, or None when they are used up. Call it inside
    the write transaction that issues the letter."""
    block = session.exec(
        select(LetterNumberBlock)
        .where(
            LetterNumberBlock.series_key == series_key,
            LetterNumberBlock.year == year,
            col(LetterNumberBlock.next_value) <= col(LetterNumberBlock.end),
        )
        .order_by(col(LetterNumberBlock.start))
    ).first()
    if block is None:
        return None
    value = block.next_value
    # Guarded by the old value, so even a second writer that slipped past the transaction could not
    # take the same number.
    result = session.connection().execute(
        text("UPDATE letter_number_block SET next_value = :new WHERE id = :id AND next_value = :old"),
        {"new": value + 1, "id": block.id, "old": value},
    )
    if getattr(result, "rowcount", 1) != 1:
        raise RuntimeError("文号号段被并发修改，请重试")
    session.expire(block)
    return value


def next_provisional(session: Session, series_key: str, year: int) -> int:
    key = f"{PROVISIONAL_SEQ_PREFIX}{series_key}.{year}"
    value = local_state.get_int(session, key, 0) + 1
    local_state.put(session, key, str(value))
    return value


def remaining(session: Session, series_key: str, year: int) -> int:
    blocks = session.exec(
        select(LetterNumberBlock).where(
            LetterNumberBlock.series_key == series_key, LetterNumberBlock.year == year
        )
    ).all()
    return sum(max(0, b.end - b.next_value + 1) for b in blocks)


def series_in_use(session: Session, today: dt.date | None = None) -> list[tuple[str, int]]:
    """Every (series, year) this device may need numbers for: each kind's 代字 this year (so a laptop
    gets numbers before it goes offline), series of drafts, series it already holds blocks for, and
    series with provisional letters waiting for a real number."""
    year = (today or dt.date.today()).year
    wanted: set[tuple[str, int]] = {(series_key(letter_code(session, k)), year) for k in LetterKind}
    for key, y in session.exec(select(LetterNumberBlock.series_key, LetterNumberBlock.year).distinct()).all():
        if y >= year:
            wanted.add((key, y))
    pending = session.exec(
        select(Letter.series_key, Letter.year)
        .where(Letter.number_provisional == True, Letter.deleted == False)  # noqa: E712
        .distinct()
    ).all()
    for pkey, pyear in pending:
        if pkey and pyear is not None:
            wanted.add((pkey, pyear))
    drafts = session.exec(
        select(Letter.series_key).where(Letter.status == "draft", Letter.deleted == False).distinct()  # noqa: E712
    ).all()
    wanted.update((dkey, year) for dkey in drafts if dkey)
    return sorted(wanted)


def pending_provisional(session: Session, series_key: str | None = None, year: int | None = None) -> list[Letter]:
    stmt = select(Letter).where(Letter.number_provisional == True, Letter.deleted == False)  # noqa: E712
    if series_key is not None:
        stmt = stmt.where(Letter.series_key == series_key)
    if year is not None:
        stmt = stmt.where(Letter.year == year)
    return list(session.exec(stmt.order_by(col(Letter.issued_on), col(Letter.seq), col(Letter.id))).all())


def assign_pending_numbers(
    session: Session, series_key: str, year: int, actor: str | None = None
) -> list[Letter]:
    """Replaces this device's provisional numbers by real ones while blocks last, oldest letter first.
    Provisional letters of other devices (pulled by sync) are theirs to renumber: two devices numbering
    the same letter would make a conflict."""
    who = actor or local_state.get(session, local_state.CURRENT_USER) or RENUMBER_ACTOR
    mine = _my_tags(session)
    done: list[Letter] = []
    for letter in pending_provisional(session, series_key, year):
        parsed = parse_number(letter.number)
        if parsed is None or parsed.device not in mine:
            continue
        value = take_number(session, series_key, year)
        if value is None:
            break
        code = letter.number.split("〔", 1)[0] or series_key
        changes.update(
            session,
            letter,
            {
                "number": format_number(code, year, value),
                "seq": value,
                "number_provisional": False,
                "provisional_number": letter.number,
            },
            who,
        )
        done.append(letter)
    if done:
        for hook in _renumber_hooks:
            hook(session, done)
    return done


def number_report(session: Session, today: dt.date | None = None) -> list[tuple[str, str]]:
    """For `union-inspector check`: numbers left per series, and provisional letters still waiting."""
    from app.store import quickcheck

    return quickcheck.letter_number_report(quickcheck.of_session(session), today)



def _device_of(number: str) -> str:
    parsed = parse_number(number)
    return parsed.device if parsed else ""
