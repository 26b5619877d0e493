"""Every list action in the real (offscreen) window: open, sort by each
column both ways, end (on the whole list, and right after opening), each
column filter, search — each timed with the repaint of the visible rows, as
a user waits for it.

The baseline is the same query in raw SQL: the statements our code sent to
the database during that action (on the GUI thread: the first page by key and
the visible rows), captured and replayed on a plain DB-API connection
(fetching every row). The whole id list, read meanwhile in a worker
(gui/kit/id_paging.py), is not what the user waits for; the note says when it
was there. Each action starts from the same state (reset untimed, background
reads ended) with the list's caches emptied, so no run is a cache hit, and
the baseline never runs beside a background read.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

from .core import RawConnection, Row, alternate, sql_of

LISTS = ("clients", "orders", "production", "aftersales")
TEXTS = {"clients": ["zs", "华美", "Moda", "C0999"], "orders": ["SO", "2611-00", "PO-", "hm"],
         "production": ["SO", "FC", "hm"], "aftersales": ["CP", "色差", "hm"]}


def _window(url: str):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["GENDAN_NO_AUTO_BACKUP"] = "1"
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="gendan-bench-qs-")
    from gendan_desktop.gui.app import create_application, open_database_or_ask
    from gendan_desktop.gui.main_window import MainWindow

    app = create_application("zh")
    database = open_database_or_ask(url, defer_check=True)
    window = MainWindow(database.gendan_url)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    return app, database, window


def _idle(app) -> None:
    from gendan_desktop.gui.kit import operations

    app.processEvents()  # a list's background read starts from a zero timer
    end = time.perf_counter() + 300
    while operations.busy() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()


def _visible_rows(pane) -> None:
    """Fetch what the view shows (rows of the visible range, and the risk column
    the order list fills right after): the data work, without Qt's painting."""
    model, table = pane.model, pane.table
    # After a reset the header keeps the old scroll offset until the next layout
    # pass: rowAt() then answered -1 and every row of the new list was loaded
    # (a filter applied with the list scrolled down cost seconds here, never on screen).
    table.doItemsLayout()
    first = max(table.rowAt(0), 0)
    last = table.rowAt(table.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    for r in range(first, last + 1):
        model.row_data(r)
    timer = getattr(model, "_risk_timer", None)
    if timer is not None and timer.isActive():
        timer.stop()
        model._fill_risk()


def _forget(model) -> None:
    model._id_cache.clear()
    model._cache.clear()
    model._last_chunk = (-1, {})


def _actions(window, key: str, quick: bool):
    """(name, do, reset) for every action of list ``key``."""
    from PySide6.QtCore import Qt

    tab = window.tab(key)
    pane = tab.pane
    model, table = pane.model, pane.table
    header = table.horizontalHeader()
    default = model.DEFAULT_SORT

    def show_other():
        window.show_tab("workbench")
        tab.stale = True

    out = [("open", lambda: window.show_tab(key), show_other)]
    for col in range(model.columnCount()):
        if model.sort_key(col) is None:
            continue
        name = model.headerData(col, Qt.Horizontal)
        for order, arrow in ((Qt.AscendingOrder, "↑"), (Qt.DescendingOrder, "↓")):
            other = (default[0] if col != default[0] else next(
                c for c in range(model.columnCount()) if c != col and model.sort_key(c) is not None))
            out.append((f"sort by {name} {arrow}", lambda c=col, o=order: header.setSortIndicator(c, o),
                        lambda c=other: header.setSortIndicator(c, default[1])))
        if quick:
            break
    def home() -> None:
        header.setSortIndicator(*default)
        table.scrollToTop()

    out.append(("end", table.scrollToBottom, home))

    def open_then_end() -> None:  # Ctrl+End as soon as the first page is shown
        from PySide6.QtTest import QTest

        window.show_tab(key)
        QTest.keyClick(table, Qt.Key_End, Qt.ControlModifier)

    out.append(("open, then Ctrl+End", open_then_end, lambda: (show_other(), table.scrollToTop())))
    def unfiltered() -> None:  # each filter and search alone: none left from the action before
        home()
        for combo in pane.filter_combos.values():
            combo.setCurrentIndex(0)
        pane.set_quick_filter("")

    for fkey, combo in pane.filter_combos.items():
        if combo.count() > 1:
            out.append((f"filter {fkey}", lambda c=combo: c.setCurrentIndex(1), unfiltered))
            if quick:
                break
    for text in TEXTS[key][:1 if quick else None]:
        out.append((f"search “{text}”", lambda t=text: pane.set_quick_filter(t), unfiltered))
    return tab, out


def list_rows(url: str, db_label: str, runs: int, quick: bool = False, lists=LISTS) -> list[Row]:
    app, database, window = _window(url)
    window.prebuild_tabs_later(0)
    _idle(app)
    raw = RawConnection(url)
    limit = 0.05 if db_label == "SQLite" else 0.1
    rows: list[Row] = []
    try:
        for key in lists:
            tab, actions = _actions(window, key, quick)
            window.show_tab(key)
            _idle(app)
            pane = tab.pane
            for name, do, reset in actions:
                def before(reset=reset, pane=pane):
                    reset()
                    _idle(app)
                    _forget(pane.model)

                def ours(do=do, pane=pane):
                    do()
                    _visible_rows(pane)

                def paint(pane=pane):
                    pane.table.viewport().repaint()
                    app.processEvents()

                before()
                statements = sql_of(database, ours)
                _idle(app)
                pair = alternate(ours, lambda s=statements: raw.run(s), runs, before=before, warm=False,
                                 after=lambda: _idle(app))
                paints, lists = [], []
                for _ in range(runs):  # the whole action as the user sees it: data, then the repaint
                    before()
                    t = time.perf_counter()
                    ours()
                    paint()
                    paints.append(time.perf_counter() - t)
                    _idle(app)  # the background read of the whole id list, if any
                    lists.append(time.perf_counter() - t)
                whole = statistics.median(paints)
                rows.append(Row(f"{key}: {name}", pair.ours, pair.base, 2.0, limit=limit, whole=whole,
                                note=f"{len(statements)} queries; with the repaint {whole * 1000:.0f} ms; "
                                     f"whole list after {statistics.median(lists) * 1000:.0f} ms",
                                group=f"lists, {db_label}"))
            reset()
            _idle(app)
    finally:
        raw.close()
        window.close()
        from gendan_desktop.core.db import close_database

        close_database()
    return rows
