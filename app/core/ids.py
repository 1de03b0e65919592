"""Row identities made on the client, so that a laptop offline can create rows nobody else will ever
collide with, and that sort by creation time (UUIDv7 layout, RFC 9562)."""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime


def new_id() -> str:
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= (rand >> 68) << 64  # 12 bits rand_a
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


_VARIANT = "89ab" * 4  # a random nibble to the RFC 9562 variant (binary 10xx)


def new_ids(count: int) -> list[str]:
    """`count` ids of the same layout as `new_id`, for bulk writes: one clock reading and one call for
    the random bits instead of one per id (an import of 100,000 rows makes two ids per row)."""
    stamp = (time.time_ns() // 1_000_000 & ((1 << 48) - 1)).to_bytes(6, "big").hex()
    head = f"{stamp[:8]}-{stamp[8:]}-7"
    pool = os.urandom(10 * count).hex()
    return [
        f"{head}{pool[i : i + 3]}-{_VARIANT[int(pool[i + 3], 16)]}{pool[i + 4 : i + 7]}-{pool[i + 7 : i + 19]}"
        for i in range(0, 20 * count, 20)
    ]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def utc_now_iso() -> str:
    return utc_now().isoformat(timespec="milliseconds") + "Z"
