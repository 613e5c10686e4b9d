"""Read a content file's bytes safely: only a regular file, and never more than a size bound.

A folder, a FIFO, a device such as /dev/zero or a socket in place of a content file is refused
before a byte is read: the file is opened without blocking (a FIFO with no writer cannot hang the
command), checked with fstat on the open descriptor (no race with a rename), and read up to the
bound (a file that grows while it is read is refused too).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class NotReadable(Exception):
    """Why a file was not read, in words for the editor (the file's name is added by the caller)."""


def what_it_is(mode: int) -> str:
    """A file's kind in plain words, for a message about something that is not a regular file."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_a_file(mode: int) -> str:
    return f"not read: this is {what_it_is(mode)}, not a file; a content file is a plain YAML file"


def too_big(size: int, max_bytes: int) -> str:
    return f"file is {size} bytes, over the limit of {max_bytes}; split it or remove bulk text"


def cannot_read(error: OSError) -> str:
    reason = error.strerror or type(error).__name__
    return f"cannot be read: {reason[:1].lower()}{reason[1:]}" + (" (check its permissions)" if isinstance(error, PermissionError) else "")


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path`; NotReadable when it is something else, cannot be
    opened, or holds more than `max_bytes`."""
    try:
        fd = os.open(path, OPEN_FLAGS)
    except OSError as error:
        raise NotReadable(cannot_read(error)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(not_a_file(info.st_mode))
        if info.st_size > max_bytes:
            raise NotReadable(too_big(info.st_size, max_bytes))
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise NotReadable(too_big(total, max_bytes))
        return b"".join(chunks)
    except OSError as error:
        raise NotReadable(cannot_read(error)) from None
    finally:
        os.close(fd)
