"""One test process at a time: the suite runs in several processes (pytest-xdist), and a few
steps must not run twice at once (npm ci into the same folder, building the same pages)."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on lock_file (created if missing) for the block; the others wait.
    The kernel drops the lock if the holder dies, so a crashed worker never blocks the run."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
