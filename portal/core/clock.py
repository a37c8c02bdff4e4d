"""The portal's one notion of "now": timezone-aware UTC. Services take ``now`` as a
parameter so tests control time."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
