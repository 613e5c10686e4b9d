"""One build at a time, and site/ replaced in one step: readers (a web server, a link checker) see a
whole old site or a whole new one, never none and never half of one.

- `build_lock`: an flock on `.site.lock` beside the site folder, held for the whole build; a second
  build fails at once (it does not wait). The kernel drops the lock when the process ends, however
  it ends, so a killed build never leaves a stale lock behind.
- `remove_leftovers`: staging folders (`.site-*`) and `.site-previous` of builds that were killed;
  called under the lock, so no running build owns them.
- `swap_in`: renameat2(RENAME_EXCHANGE) exchanges the staging folder and site/ atomically (Linux
  3.15+, glibc 2.28+). Where the kernel, the file system or the C library cannot, it falls back to
  two renames (site/ -> .site-previous, staging -> site/), with a short moment without site/.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..problems import FactsheetsError

LOCK_NAME = ".site.lock"
STAGING_PREFIX = ".site-"  # build._staged_site makes its folders with this prefix
AT_FDCWD = -100
RENAME_EXCHANGE = 2
BUSY = "another build is running (pid {pid}); try again when it has finished"


def lock_path(site_dir: Path) -> Path:
    """The lock is beside the site folder: every build into that folder, or staging beside it, takes it."""
    return site_dir.parent / LOCK_NAME


@contextmanager
def build_lock(site_dir: Path) -> Iterator[Path]:
    """Hold the build lock until the block ends; FactsheetsError at once if another build holds it.
    The lock file stays (removing it would let two builds lock two different files); it holds the pid."""
    path = lock_path(site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FactsheetsError(BUSY.format(pid=_holder(fd)), 1) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield path
    finally:
        os.close(fd)  # releases the lock (and the kernel does so too if the process is killed)


def _holder(fd: int) -> str:
    """The pid the running build wrote, or 'unknown' in the instant before it has written it."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return text if text.isdigit() else "unknown"


def remove_leftovers(site_dir: Path) -> list[Path]:
    """Delete staging folders and the previous site left by killed builds; call only under the lock."""
    names = (STAGING_PREFIX + "*", f".{site_dir.name}-*")
    found = {path for name in names for path in site_dir.parent.glob(name) if path.is_dir() and path != site_dir}
    for path in sorted(found):
        shutil.rmtree(path, ignore_errors=True)
    return sorted(found)


def swap_in(staging: Path, target: Path) -> None:
    """Make `staging` the new `target` so that `target` always names a whole folder, then delete the
    old one. No target yet: a plain rename. No renameat2: two renames (see the module's docstring)."""
    if not target.exists():
        staging.rename(target)
    elif exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # staging now holds the old site
    else:
        previous = target.with_name(f".{target.name}-previous")
        shutil.rmtree(previous, ignore_errors=True)
        target.replace(previous)
        staging.replace(target)
        shutil.rmtree(previous, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False when this system cannot
    (no such call in libc, ENOSYS from the kernel, EINVAL from a file system without it)."""
    call = _renameat2()
    if call is None:
        return False
    if call(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _renameat2():
    """libc's renameat2, or None (not glibc 2.28+, or not Linux)."""
    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int
    return call
