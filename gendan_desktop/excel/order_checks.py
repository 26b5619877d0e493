"""The order import's check step: rules across an order's rows (delivery date,
line count), client POs repeated within the file, and orders already in the
database (skipped, updated while still editable, or refused).
"""

from __future__ import annotations

import datetime as dt

from ..core import enums
from ..core.client_matching import CHUNK, chunks
from ..core.connection import current_database, is_sqlite
from ..core.errors import ValidationError
from ..core.limits import check_line_count
from ..core.migrations import po_unique_where
from ..core.order_input import (
    HEADER_NAMES,
    check_header_consistency,
    parse_date,
)
from ..core.status_rules import can_edit
from .import_plan import issue
from .order_rows import Group, OrderImport


def _existing_orders(groups) -> tuple[dict, dict]:
    """The orders of the database with the file's order numbers, and with its
    clients' POs: {number: (id, status, version)}, {(client, po): (id, status, version)}.

    Reads only those keys, never every order: the numbers in chunked IN
    queries on their unique index, the (client, PO) pairs joined from a VALUES
    list to migration 7's partial unique index (a client IN (…) AND PO IN (…)
    probed every client with every PO: 300 clients × 400 POs per query). Plain
    SQL: peewee took longer to build these queries than the database to answer them.
    """
    db = current_database()
    p = "?" if is_sqlite(db) else "%s"
    numbers = sorted({g.key[1] for g in groups if g.key[0] == "n"})
    by_number = {}
    for chunk in chunks(numbers):
        sql = f'SELECT id, number, status, version FROM "order" WHERE number IN ({", ".join([p] * len(chunk))})'
        for oid, num, status, version in db.execute_sql(sql, chunk).fetchall():
            by_number[num] = (oid, status, version)
    pairs = sorted({(g.client, g.header["client_po"].lower()) for g in groups
                    if isinstance(g.client, int) and g.header.get("client_po")})
    by_po: dict = {}
    found = []
    for chunk in chunks(pairs, CHUNK // 2):
        sql = (f"SELECT o.id, o.client_id, o.client_po, o.status, o.version FROM "
               f"(VALUES {', '.join([f'({p}, {p})'] * len(chunk))}) AS k "
               f'JOIN "order" o ON o.client_id = k.column1 AND lower(o.client_po) = k.column2 '
               f"WHERE {po_unique_where('o')}")
        found += db.execute_sql(sql, [v for pair in chunk for v in pair]).fetchall()
    for oid, cid, po, status, version in sorted(found):  # the first order of a PO shared before migration 7
        by_po.setdefault((cid, po.lower()), (oid, status, version))
    return by_number, by_po


def check_groups(imp: OrderImport, groups: dict, on_duplicate: str) -> None:
    """Rules across the rows of one order, and duplicates within the file and against the database."""
    for g in groups.values():
        _check_order(imp, g)
    live = [g for g in groups.values() if not g.bad]
    _check_po_repeats(imp, live)
    _check_existing(imp, [g for g in live if not g.bad], on_duplicate)


def _check_order(imp: OrderImport, g: Group) -> None:
    """A delivery date, not before the order date (today when none is given); not too many lines."""
    h = g.header
    if "delivery_date" not in h and not g.bad:
        try:
            parse_date(None, *HEADER_NAMES["delivery_date"], "delivery_date")
        except ValidationError as exc:
            imp.refused(g.first_row, "delivery_date", exc)
        g.bad = True
    defaulted = "order_date" not in h
    h.setdefault("order_date", dt.date.today())
    try:
        check_header_consistency({"order_date": h["order_date"], "delivery_date": h.get("delivery_date")})
    except ValidationError as exc:
        zh = "(下单日期为空,按今天计算;请填写下单日期)" if defaulted else ""
        en = " (No order date was given, so today was assumed; fill in the order date.)" if defaulted else ""
        imp.err(g.header_rows.get("delivery_date", g.first_row), "delivery_date", exc.zh + zh, exc.en + en)
        g.bad = True
    try:
        check_line_count(len(g.rows))
    except ValidationError as exc:
        imp.err(g.first_row, "order_no", f"订单“{g.label}”:{exc.zh}", f"order “{g.label}”: {exc.en}")
        g.bad = True


def _check_po_repeats(imp: OrderImport, live: list[Group]) -> None:
    """One order per client and client PO within the file."""
    seen_po: dict = {}
    for g in live:
        if isinstance(g.client, int) and g.header.get("client_po"):
            first = seen_po.setdefault((g.client, g.header["client_po"].lower()), g)
            if first is not g:
                imp.err(g.first_row, "client_po", f"客户订单号“{g.header['client_po']}”与第 {first.first_row} 行的订单"
                        f"“{first.label}”重复:同一客户的订单号只能下一张订单。",
                        f"the client PO “{g.header['client_po']}” repeats the order “{first.label}” of row "
                        f"{first.first_row}; a client PO can be ordered only once.")
                g.bad = True


def _check_existing(imp: OrderImport, live: list[Group], on_duplicate: str) -> None:
    """Orders already in the database: skipped, updated (while still editable) or refused."""
    plan, result, err = imp.plan, imp.result, imp.err
    by_number, by_po = _existing_orders(live)
    for g in live:
        if g.bad:
            continue
        hit = None
        if g.key[0] == "n" and g.key[1] in by_number:
            hit = by_number[g.key[1]]
        elif isinstance(g.client, int) and g.header.get("client_po"):
            hit = by_po.get((g.client, g.header["client_po"].lower()))
        if hit is None:
            continue
        oid, status, version = hit
        if on_duplicate == "skip":
            g.action = "skip"
            result.skipped += len(g.rows)
            result.notes.append(issue(plan, g.first_row, None, "order_no",
                                      f"订单“{g.label}”已存在,已跳过(共 {len(g.rows)} 行)。",
                                      f"the order “{g.label}” already exists; skipped ({len(g.rows)} rows)."))
        elif on_duplicate == "update":
            if not can_edit("order", status):
                szh = enums.label("order_status", status, "zh")
                err(g.first_row, "order_no", f"订单“{g.label}”已是“{szh}”状态,不能用导入修改;请在订单中使用“改单”。",
                    f"the order “{g.label}” is {enums.label('order_status', status, 'en')} and cannot be changed "
                    "by import; use “Revise order”.")
                g.bad = True
            else:
                g.action, g.target = "update", (oid, version)
        elif on_duplicate == "create" and g.header.get("client_po") and isinstance(g.client, int) \
                and (g.client, g.header["client_po"].lower()) in by_po:
            zh_po = g.header["client_po"]
            err(g.first_row, "client_po", f"该客户已有客户订单号为“{zh_po}”的订单,不能再新建一张;"
                "请选择“跳过”或“更新”,或核对客户订单号。",
                f"the client already has an order with the client PO “{zh_po}”; it cannot be created again. "
                "Choose skip or update, or check the PO.")
            g.bad = True
