"""A FUSE file system that loses what was not fsynced, like a disk whose power is cut (the idea of
LazyFS, which is not packaged for this platform): writes stay in this process's memory until the
file is fsynced; killing this process with SIGKILL drops them, and the backing folder then holds
exactly what a disk would after the power came back.

Run as a process: `python -m tests.support.lazy_fs BACKING MOUNTPOINT`. Metadata operations
(create, rename, unlink, mkdir) go to the backing folder at once, as on a journaling file system."""

from __future__ import annotations

import errno
import os
import sys
import threading
from typing import Any

import mfusepy as fuse


class LazyFS(fuse.Operations):  # type: ignore[misc]
    use_ns = True

    def __init__(self, backing: str) -> None:
        self.backing = backing
        self.pending: dict[str, bytearray] = {}  # path -> whole content, not yet durable
        self.mutex = threading.Lock()

    def _real(self, path: str) -> str:
        return os.path.join(self.backing, path.lstrip("/"))

    def _content(self, path: str) -> bytearray:
        if path not in self.pending:
            try:
                with open(self._real(path), "rb") as fh:
                    self.pending[path] = bytearray(fh.read())
            except FileNotFoundError:
                raise fuse.FuseOSError(errno.ENOENT) from None
        return self.pending[path]

    # --- metadata ---------------------------------------------------------------------------------

    def getattr(self, path: str, fh: Any = None) -> dict[str, Any]:
        try:
            st = os.lstat(self._real(path))
        except FileNotFoundError:
            raise fuse.FuseOSError(errno.ENOENT) from None
        attrs = {k: getattr(st, k) for k in ("st_mode", "st_nlink", "st_uid", "st_gid", "st_size",
                                            "st_atime_ns", "st_mtime_ns", "st_ctime_ns")}
        for k in ("st_atime", "st_mtime", "st_ctime"):
            attrs[k] = attrs.pop(k + "_ns")
        with self.mutex:
            if path in self.pending:
                attrs["st_size"] = len(self.pending[path])
        return attrs

    def readdir(self, path: str, fh: Any) -> list[str]:
        return [".", "..", *os.listdir(self._real(path))]

    def access(self, path: str, amode: int) -> int:
        if not os.access(self._real(path), amode):
            raise fuse.FuseOSError(errno.EACCES)
        return 0

    def chmod(self, path: str, mode: int) -> int:
        os.chmod(self._real(path), mode)
        return 0

    def chown(self, path: str, uid: int, gid: int) -> int:
        return 0

    def utimens(self, path: str, times: Any = None) -> int:
        return 0

    def mkdir(self, path: str, mode: int) -> int:
        os.mkdir(self._real(path), mode)
        return 0

    def rmdir(self, path: str) -> int:
        os.rmdir(self._real(path))
        return 0

    def unlink(self, path: str) -> int:
        with self.mutex:
            self.pending.pop(path, None)
        os.unlink(self._real(path))
        return 0

    def rename(self, old: str, new: str) -> int:
        with self.mutex:
            # rename makes the content durable here (the program fsyncs before renaming anyway)
            if old in self.pending:
                self._persist(old)
                self.pending.pop(old, None)
            self.pending.pop(new, None)
        os.rename(self._real(old), self._real(new))
        return 0

    def statfs(self, path: str) -> dict[str, Any]:
        st = os.statvfs(self._real(path))
        return {k: getattr(st, k) for k in ("f_bavail", "f_bfree", "f_blocks", "f_bsize", "f_favail",
                                           "f_ffree", "f_files", "f_flag", "f_frsize", "f_namemax")}

    # --- data -------------------------------------------------------------------------------------

    def create(self, path: str, mode: int, fi: Any = None) -> int:
        fd = os.open(self._real(path), os.O_WRONLY | os.O_CREAT, mode)
        os.close(fd)
        return 0

    def open(self, path: str, flags: int) -> int:
        if not os.path.exists(self._real(path)):
            raise fuse.FuseOSError(errno.ENOENT)
        return 0

    def read(self, path: str, size: int, offset: int, fh: int) -> bytes:
        with self.mutex:
            data = self._content(path)
            return bytes(data[offset : offset + size])

    def write(self, path: str, data: bytes, offset: int, fh: int) -> int:
        with self.mutex:
            content = self._content(path)
            if len(content) < offset:
                content.extend(b"\0" * (offset - len(content)))
            content[offset : offset + len(data)] = data
        return len(data)

    def truncate(self, path: str, length: int, fh: Any = None) -> int:
        with self.mutex:
            content = self._content(path)
            del content[length:]
            if len(content) < length:
                content.extend(b"\0" * (length - len(content)))
        return 0

    def _persist(self, path: str) -> None:
        content = self.pending.get(path)
        if content is None:
            return
        with open(self._real(path), "r+b") as fh:
            fh.write(content)
            fh.truncate(len(content))
            fh.flush()
            os.fsync(fh.fileno())

    def fsync(self, path: str, datasync: int, fh: int) -> int:
        with self.mutex:
            self._persist(path)
        return 0

    def fsyncdir(self, path: str, datasync: int, fh: int) -> int:
        return 0

    def flush(self, path: str, fh: int) -> int:
        return 0  # close() is not fsync(): nothing becomes durable here

    def release(self, path: str, fh: int) -> int:
        return 0


def main(backing: str, mountpoint: str) -> None:
    os.makedirs(mountpoint, exist_ok=True)
    fuse.FUSE(LazyFS(backing), mountpoint, foreground=True, nothreads=True, allow_other=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
