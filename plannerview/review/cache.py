"""A thread-safe result cache keyed by the identity of inputs and parameters.

Keys are tuples of strings: a result kind, the SOP UIDs of the inputs and the parameters, never
Python object ids. Each kind has its own bounded store (least recently used entries go first), so
results that hold whole grids (comparisons, gamma) stay few. Several threads may ask for the same
key at once: one computes, the others wait for it (polling their own cancel) and then read it.
``clear()`` starts a new generation: computations started before it finish but are not stored.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from ..tasks import Cancelled, TaskContext

T = TypeVar("T")
Key = tuple[str, ...]


class WaitCancelled(Cancelled):
    """Cancelled while waiting for another thread computing the same result."""


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class _Pending:
    def __init__(self) -> None:
        self.event = threading.Event()


class ResultCache:
    """Bounded LRU stores per result kind, one lock, and per-key de-duplication of work."""

    def __init__(self, limits: dict[str, int]) -> None:
        self._limits = dict(limits)
        self._stores: dict[str, OrderedDict[Key, Any]] = {k: OrderedDict() for k in limits}
        self._pending: dict[Key, _Pending] = {}
        self._lock = threading.RLock()
        self._generation = 0
        self.stats: dict[str, CacheStats] = {k: CacheStats() for k in limits}

    @property
    def lock(self) -> threading.RLock:
        return self._lock

    def clear(self) -> None:
        """Forget every result (a new case)."""
        with self._lock:
            for store in self._stores.values():
                store.clear()
            self._generation += 1

    def __len__(self) -> int:
        with self._lock:
            return sum(len(s) for s in self._stores.values())

    def size(self, kind: str) -> int:
        with self._lock:
            return len(self._stores[kind])

    def peek(self, kind: str, key: Key) -> Any | None:
        """The cached value or None (does not count as a hit)."""
        with self._lock:
            return self._stores[kind].get(key)

    def get_many(self, kind: str, keys: Iterable[Key]) -> dict[Key, Any]:
        """The cached values among ``keys`` (each a hit, made most recent)."""
        out: dict[Key, Any] = {}
        with self._lock:
            store = self._stores[kind]
            for k in keys:
                if k in store:
                    store.move_to_end(k)
                    out[k] = store[k]
                    self.stats[kind].hits += 1
        return out

    def put(self, kind: str, key: Key, value: Any, generation: int | None = None) -> None:
        with self._lock:
            if generation is not None and generation != self._generation:
                return
            store = self._stores[kind]
            store[key] = value
            store.move_to_end(key)
            while len(store) > self._limits[kind]:
                store.popitem(last=False)

    def claim(self, kind: str, keys: Iterable[Key]) -> tuple[list[Key], list[tuple[Key, _Pending]], int]:
        """Split ``keys`` not cached into those this thread must compute (claimed) and those another
        thread is computing (to wait for); also returns the generation."""
        mine: list[Key] = []
        theirs: list[tuple[Key, _Pending]] = []
        with self._lock:
            store = self._stores[kind]
            for k in keys:
                if k in store:
                    continue
                p = self._pending.get(k)
                if p is None:
                    self._pending[k] = _Pending()
                    mine.append(k)
                else:
                    theirs.append((k, p))
            return mine, theirs, self._generation

    def release(self, kind: str, keys: Iterable[Key], values: dict[Key, Any] | None, generation: int) -> None:
        """Store the computed values (None after a failure) and wake the threads waiting for them."""
        with self._lock:
            pend = [self._pending.pop(k, None) for k in keys]
            if values is not None:
                for k, v in values.items():
                    self.put(kind, k, v, generation)
                self.stats[kind].misses += len(values)
        for p in pend:
            if p is not None:
                p.event.set()

    @staticmethod
    def wait(pending: Iterable[tuple[Key, _Pending]], ctx: TaskContext) -> None:
        for _k, p in pending:
            while not p.event.wait(0.05):
                if ctx.cancelled():
                    raise WaitCancelled("cancelled while waiting for a result")

    def get_or_compute(self, kind: str, key: Key, compute: Callable[[], T], ctx: TaskContext,
                       on_computed: Callable[[T], None] | None = None) -> T:
        """The cached value of ``key``, else ``compute()`` (once, whichever thread asks first)."""
        while True:
            hit = self.get_many(kind, [key])
            if key in hit:
                return hit[key]  # type: ignore[no-any-return]
            mine, theirs, gen = self.claim(kind, [key])
            if mine:
                try:
                    value = compute()
                except BaseException:
                    self.release(kind, mine, None, gen)
                    raise
                self.release(kind, mine, {key: value}, gen)
                if on_computed is not None:
                    on_computed(value)
                return value
            self.wait(theirs, ctx)
            # the other thread stored it (or failed, or the case changed): look again
