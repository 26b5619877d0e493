"""How an IdListModel gets its ids: the first page at once, the whole list in the background.

At 1,000,000 orders the query of every matching id takes 50 ms to seconds,
and the user sees only the first screen. So ``refresh`` reads the first page
by key (``core/lists/paging.py``: the sorted query with ``LIMIT``, an index
walk that stops) and shows it, and an op (gui/kit/operations.py) reads the
whole id list off the GUI thread. When it arrives, the rows after the first
page are *inserted* (selection and scroll stay); if the first rows differ —
the database changed meanwhile — the model is reset to the new list.

Until then:
- scrolling to the bottom of the rows shown reads the next page by key
  (``fetchMore``); Ctrl+End reads the last page (the reversed order with
  ``LIMIT``) and shows it after the first page, the rows between follow;
- ``row_of``, ``ids`` and ``ensure_complete`` read the whole list at once
  where an answer cannot wait (selecting a record by id, an export);
- a newer ``refresh`` makes an older background read's result unwanted
  (each read has a token; only the awaited one is applied; every one fills
  the validated id cache, ``core/lists/__init__.py``).

A list whose first page is short is whole at once: no background read.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QTimer
from PySide6.QtWidgets import QWidget

from ...core.lists import cached_ids, data_stamp, ids_of_sql, key_ids, list_sql, paging, query_ids, remember_ids

Token = tuple[Any, Any, int]  # (sql key, stamp, serial) of one background read


class PagedIds(QAbstractTableModel):
    """The id-loading half of IdListModel (its base: it uses the model's
    row cache and signals, declared here and set up in table_model.py)."""

    PAGE = paging.PAGE  # rows of a first page (and of each page after it)
    # IdListModel's, which it sets up:
    LIST: Any
    ID_CACHE_SIZE: int
    CHUNK: int
    reloaded: Any  # Signal
    sig_loaded: Any  # Signal
    _ids: list[int]
    _pos: dict[int, int] | None
    _loaded: bool
    _cache: OrderedDict[int, dict[int, Any]]
    _last_chunk: tuple[int, dict[int, Any]]
    _id_cache: Any

    def list_filters(self) -> Any:
        raise NotImplementedError

    def list_sort(self) -> Any:
        raise NotImplementedError

    def _init_paging(self) -> None:
        self._complete = True  # _ids is every matching id
        self._gap = 0  # rows known from the start: the rest, if any, come after them
        self._head_id: int | None = None  # row _gap - 1, after which the next page follows
        self._head_key: paging.Key | None = None  # its key, once read (core/lists/paging.py)
        self._has_tail = False  # _ids[_gap:] is the last page (Ctrl+End before the whole list)
        self._query: Any = None  # the current peewee query, once built (filters and sort of the last refresh)
        self._shape: tuple[Any, Any] = (None, None)  # those filters and sort
        self._key: tuple | None = None  # its (sql, params)
        self._pages: Any = None  # the list's ``page_query`` the pages read instead, if it has one
        self._await: Token | None = None  # the background read whose result is wanted
        self._inflight: set[Token] = set()
        self._serial = 0
        self._changing = False  # between a begin…/end… pair of ours, and while its end signal is heard

    # ------------------------------------------------------------ reading
    def list_query(self) -> Any:
        """The peewee SELECT of the matching ids in display order (``LIST.build_query``)."""
        return self.LIST.build_query(self.list_filters(), self.list_sort())

    def query_ids(self) -> list[int]:
        """Every matching id in display order, now (one round trip, reused
        while the database is unchanged)."""
        return query_ids(self.list_query(), self._id_cache, self.ID_CACHE_SIZE)

    def prefetch(self) -> None:
        """Start reading the id list in the background (at idle, before the
        list is first shown), so that showing it finds it in the cache."""
        if not self._loaded:
            key, _query = list_sql(self.LIST, self.list_filters(), self.list_sort())
            self._start_read(key, data_stamp())

    def refresh(self) -> None:
        """Show the first page of the current filters and sort (or the whole
        list, if the cache holds it); read the rest in the background.

        A failed read keeps the rows shown and is said once by the window
        (gui/kit/db_trouble.py)."""
        try:
            shape = (self.list_filters(), self.list_sort())
            (key, query), stamp = list_sql(self.LIST, *shape), data_stamp()
            ids = cached_ids(self._id_cache, key, stamp)
            # a list may page over another plan than its whole list's (core/lists/complaints.page_query)
            build = getattr(self.LIST, "page_query", None)
            pages = build(*shape) if build is not None and ids is None else None
            if ids is not None:
                page = None
            else:
                page = paging.first_ids(key, self.PAGE) if pages is None else paging.first(pages, self.PAGE).ids
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        if page is not None and len(page) < self.PAGE:  # the first page is every row
            ids = page
            remember_ids(self._id_cache, key, stamp, ids, self.ID_CACHE_SIZE)
        self._query, self._shape, self._key, self._pages = query, shape, key, pages
        self._changing = True
        self.beginResetModel()
        self._forget_rows()
        self._loaded = True
        self._set_ids(ids if ids is not None else page, complete=ids is not None)  # type: ignore[arg-type]
        self._head_id, self._head_key = (page[-1] if page else None), None
        self._await = None
        self.endResetModel()
        self._changing = False
        if not self._complete:
            self._await = self._start_read(key, stamp)
            self.reloaded.emit()
        else:
            self._announce_whole()

    def is_complete(self) -> bool:
        """Whether every matching id is known (the count is final)."""
        return self._complete

    def ensure_complete(self) -> bool:
        """Read the whole id list now if it is not there yet (False if the read failed)."""
        if self._complete:
            return True
        try:
            ids = key_ids(self._key, self._id_cache, self.ID_CACHE_SIZE)  # type: ignore[arg-type]
        except Exception as exc:
            if not self._report(exc):
                raise
            return False
        self._apply_whole(ids)
        return True

    def id_reader(self):
        """A function that returns the current list's ids from any thread (an
        export in a worker): the ids themselves when known."""
        if self._complete:
            ids = list(self._ids)
            return lambda: ids
        sql, params = self._key
        return lambda: ids_of_sql(sql, params)

    # ------------------------------------------------- the background read
    def _start_read(self, key: tuple, stamp: Any) -> Token:
        if stamp is not None:  # the same query on the same data is already being read
            for running in self._inflight:
                if running[0] == key and running[1] == stamp:
                    return running
        from .operations import QueryOp

        self._serial += 1
        token: Token = (key, stamp, self._serial)
        self._inflight.add(token)
        sql, params = key
        owner = self.parent()
        parent = owner if isinstance(owner, QWidget) else None
        op = QueryOp(parent, lambda: ids_of_sql(sql, params), success=lambda ids: self._arrived(token, ids)) \
            .failure(lambda exc: self._read_failed(token, exc))

        def start() -> None:
            # after the first page is painted (the worker's start would compete
            # with it for the GIL), and only if still wanted (clicks in a row)
            if self._await is None or token == self._await:
                op.run_in_background()
            else:
                self._inflight.discard(token)

        QTimer.singleShot(0, self, start)
        return token

    def _arrived(self, token: Token, ids: list[int]) -> None:
        self._inflight.discard(token)
        if not shiboken6.isValid(self):
            return
        remember_ids(self._id_cache, token[0], token[1], ids, self.ID_CACHE_SIZE)
        if token == self._await and not self._complete:
            self._apply_whole(ids)

    def _read_failed(self, token: Token, exc: BaseException) -> None:
        self._inflight.discard(token)
        if shiboken6.isValid(self) and token == self._await:
            self._await = None
            self._report(exc)  # the rows shown stay; F5 reads anew

    def _apply_whole(self, ids: list[int]) -> None:
        """The whole list arrived: insert the rows not shown yet, or reset if
        the rows shown are no longer where they were."""
        known, gap = self._ids, self._gap
        tail = known[gap:]
        fits = (len(ids) >= len(known) and ids[:gap] == known[:gap]
                and (not tail or ids[len(ids) - len(tail):] == tail))
        if fits:
            self._insert(gap, ids, len(ids) - len(known), complete=True)
        else:
            self._changing = True
            self.beginResetModel()
            self._forget_rows()
            self._set_ids(ids, complete=True)
            self.endResetModel()
            self._changing = False
        self._announce_whole()

    def _insert(self, at: int, ids: list[int], count: int, *, complete: bool, gap: int | None = None,
                has_tail: bool = False) -> None:
        """Show ``ids``, which has ``count`` more rows than shown, from row ``at``.
        The state is set before the view hears of it: a view (or the model
        tester) may ask for more right then."""
        if count > 0:
            self._changing = True
            self.beginInsertRows(QModelIndex(), at, at + count - 1)
            # the cached chunks are by row number: those at or after ``at`` moved
            for n in [n for n in self._cache if (n + 1) * self.CHUNK > at]:
                del self._cache[n]
            self._last_chunk = (-1, {})
        self._set_ids(ids, complete=complete, gap=gap, has_tail=has_tail)
        if count > 0:
            self.endInsertRows()
            self._changing = False

    def _set_ids(self, ids: list[int], *, complete: bool, gap: int | None = None, has_tail: bool = False) -> None:
        self._ids = ids
        self._pos = None
        self._complete = complete
        self._gap = len(ids) if gap is None else gap
        self._has_tail = has_tail
        if complete:
            self._await = None

    def _announce_whole(self) -> None:
        self.reloaded.emit()
        self.sig_loaded.emit()

    # ------------------------------------------ pages before the whole list
    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt's name
        return not parent.isValid() and not self._complete and not self._has_tail and self._head_id is not None

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        """The view reached the last row shown: the next page by key."""
        if not self.canFetchMore(parent):
            return
        if self._changing:  # asked while a change of ours is announced: once it is done
            QTimer.singleShot(0, self, self.fetchMore)
            return
        try:
            query = self._built() if self._pages is None else self._pages
            key = self._head_key or paging.key_of(query, self._head_id)  # type: ignore[arg-type]
            page = paging.after(query, key, self.PAGE) if key is not None else None
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        if page is None:  # the last row shown is gone: the pages no longer join up
            self.ensure_complete()
            return
        end = len(page.ids) < self.PAGE  # that was the last page
        if page.ids:
            self._head_id, self._head_key = page.ids[-1], page.last_key
        self._insert(self._gap, self._ids + page.ids, len(page.ids), complete=end)
        if end:
            self._announce_whole()

    def load_end(self) -> None:
        """Ctrl+End before the whole list is there: the last page, after the rows shown."""
        if self._complete or self._has_tail:
            return
        try:
            page = paging.last(self._built() if self._pages is None else self._pages, self.PAGE)
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        head = self._ids
        if head and head[-1] in page.ids:  # the last page reaches into the rows shown: that is all
            rest = page.ids[page.ids.index(head[-1]) + 1:]
            self._insert(len(head), head + rest, len(rest), complete=True)
            self._announce_whole()
        elif set(page.ids) & set(head):  # the data changed under the pages: read it all
            self.ensure_complete()
        else:
            self._insert(len(head), head + page.ids, len(page.ids), complete=False, gap=len(head), has_tail=True)

    # ------------------------------------------------------------ helpers
    def _built(self) -> Any:
        """The current list's peewee query (paging after a row needs its sort
        terms), built when first needed: a refresh may have replayed its SQL only."""
        if self._query is None:
            self._query = self.LIST.build_query(*self._shape)
        return self._query

    def _forget_rows(self) -> None:
        self._cache.clear()
        self._last_chunk = (-1, {})
        self._pos = None

    @staticmethod
    def _report(exc: BaseException) -> bool:
        from .db_trouble import trouble

        return trouble().report(exc)
