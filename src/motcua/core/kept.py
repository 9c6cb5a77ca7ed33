"""Values each process keeps until a change anywhere moves their version stamp (issue 27).

A `Kept` value (the fee rules, the webhook subscribers, the routing rows) is loaded once and
served from memory while its stamp in the shared cache (settings.CACHES["shared"], which every
process and node reads) stays the same: one key read instead of an ORM query. A change of the
rows it is made from (`changed`, connected to their post_save/post_delete) forgets it in this
process at once and, once the change is committed, writes a new stamp (one per transaction), so
that the other processes load it again at their next use. A stamp the cache lost reads as a new
one: the value is loaded again. A value is shared by the process's threads: it is never changed
after it is made, or hands out copies (dossiers.routing).

Writes that send no signal (`QuerySet.update`) move no stamp: production code changes these
rows through `save` and `delete` (the admin, the services); tests that write them directly turn
keeping off (`ENABLED`, tests/conftest.py)."""

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from django.core.cache import caches
from django.db import transaction

T = TypeVar("T")
ENABLED = True
_MISSING = object()
_KEYS: list[str] = []  # the stamps of every kept value of the process
_READ_ONCE = threading.local()  # .stamps: those read for the block of `stamps_read_once`


@contextmanager
def stamps_read_once() -> Iterator[None]:
    """Within the block (one intake), the first `get` of a kept value reads the stamps of all of
    them (one key read), and the next ones use what it read: a change committed elsewhere while
    the block runs is seen from the next block on, as it would be had the block run first."""
    if getattr(_READ_ONCE, "stamps", None) is not None:
        yield  # an outer block reads them
        return
    _READ_ONCE.stamps = {}
    try:
        yield
    finally:
        _READ_ONCE.stamps = None


def _read_stamps(keys: list[str]) -> dict[str, str]:
    cache = caches["shared"]
    stamps = cache.get_many(keys)
    for key in keys:
        if stamps.get(key) is None:  # lost or never written: a new stamp
            cache.add(key, uuid.uuid4().hex, timeout=None)
            stamps[key] = cache.get(key) or ""
    return {key: str(stamps[key]) for key in keys}


class Kept(Generic[T]):
    def __init__(self, name: str, load: Callable[[], T]) -> None:
        self.key = f"kept:{name}"
        self._load = load
        self._lock = threading.Lock()
        self._value: Any = _MISSING
        self._stamp: str | None = None
        _KEYS.append(self.key)

    def get(self) -> T:
        """Return the value, loaded again when its stamp moved since it was loaded."""
        if not ENABLED:
            return self._load()
        stamp = self._current_stamp()
        with self._lock:
            if self._value is not _MISSING and stamp == self._stamp:
                return self._value  # type: ignore[no-any-return]
        value = self._load()  # a change committed from here on moves the stamp again
        with self._lock:
            self._value, self._stamp = value, stamp
        return value

    def _current_stamp(self) -> str:
        read: dict[str, str] | None = getattr(_READ_ONCE, "stamps", None)
        if read is None:
            return _read_stamps([self.key])[self.key]
        if self.key not in read:
            read.update(_read_stamps([key for key in _KEYS if key not in read]))
        return read[self.key]

    def forget(self) -> None:
        """Forget the value in this process (the next `get` loads it)."""
        with self._lock:
            self._value, self._stamp = _MISSING, None

    def changed(self, *args: Any, **kwargs: Any) -> None:
        """A signal receiver: what the value is made from changed (new stamp on commit)."""
        self.forget()
        pending = transaction.get_connection().run_on_commit
        if any(callback == self._restamp for _sids, callback, _robust in pending):
            return  # an import saves hundreds of rows: one new stamp when it commits
        transaction.on_commit(self._restamp)

    def _restamp(self) -> None:
        self.forget()
        caches["shared"].set(self.key, uuid.uuid4().hex, timeout=None)
        read: dict[str, str] | None = getattr(_READ_ONCE, "stamps", None)
        if read is not None:
            read.pop(self.key, None)  # read again by the block's next `get`
