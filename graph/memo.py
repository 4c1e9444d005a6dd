"""A small thread-safe LRU of computed values: what a snapshot or a reader works out once and keeps."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

_NONE = object()


class Memo:
    """The last `size` values computed, by key; a value asked for again is the one kept.

    `evicted`, when given, is called with each value the memo lets go of (outside its lock).
    """

    def __init__(self, size: int, evicted: Callable[[Any], None] | None = None):
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._size = size
        self._evicted = evicted

    def __len__(self) -> int:
        return len(self._data)

    def peek(self, key: Hashable, default: Any = None) -> Any:
        """The value kept for `key` (as recently used), else `default`."""
        with self._lock:
            value = self._data.get(key, _NONE)
            if value is _NONE:
                return default
            self._data.move_to_end(key)
            return value

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value kept for `key`, else `compute()` kept (computed outside the lock: a slow one holds no one up)."""
        value = self.peek(key, _NONE)
        if value is not _NONE:
            return value
        value = compute()
        gone = []
        with self._lock:
            self._data[key] = value
            while len(self._data) > self._size:
                gone.append(self._data.popitem(last=False)[1])
        if self._evicted is not None:
            for old in gone:
                if old is not value:
                    self._evicted(old)
        return value
