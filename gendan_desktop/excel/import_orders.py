"""Import of orders from a sheet with one row per order line; called by importer.run.

Rows are grouped into orders by order number (else by client PO, else by
client + dates + currency). Header values (client, dates, currency…) must
agree within an order; lines keep the file's order. Clients are matched by
code, exact name, then normalised name (core/clients.normalise_name); unknown
clients are an error unless ``create_missing_clients``.

Validation is done here, row by row without exceptions on the happy path
(10,000 lines must validate within 3× the bare read); the checks are those of
core/order_input.py, and orders are written through core/orders.create_order
and update_order so the stored rows are exactly what the order form creates.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from ..core import clients as client_service
from ..core import enums
from ..core.db import write_transaction
from ..core.errors import GendanError
from ..core.models import Client, Order, OrderLine
from ..core.order_input import parse_currency
from .values import cell_date, cell_decimal, cell_text, is_blank

HEADER_FIELDS = ("client_po", "order_date", "delivery_date", "currency", "channel", "order_type",
                 "payment_terms", "trade_terms", "merchandiser")
LINE_TEXT = ("style", "product", "colour", "size", "unit", "remarks")
_LIMITS = {name: getattr(OrderLine._meta.fields[name], "max_length", None) for name in LINE_TEXT}
_LIMITS.update({name: getattr(Order._meta.fields[name], "max_length", None)
                for name in ("client_po", "payment_terms", "trade_terms", "merchandiser")})
_ZERO = Decimal(0)


@lru_cache(maxsize=256)
def _enum_cached(kind: str, text: str) -> str:
    return enums.parse(kind, text, field=kind)


@lru_cache(maxsize=256)
def _currency_cached(text: str) -> str:
    return parse_currency(text)


class _Group:
    __slots__ = ("key", "label", "first_row", "client", "client_text", "header", "header_rows", "lines",
                 "rows", "bad", "action", "target")

    def __init__(self, key, label: str, first_row: int):
        self.key, self.label, self.first_row = key, label, first_row
        self.client = None  # client id, or ("new", name) for a client to create
        self.client_text = ""
        self.header: dict = {}
        self.header_rows: dict = {}
        self.lines: list[dict] = []
        self.rows: list[int] = []
        self.bad = False
        self.action = "create"
        self.target = None


class _Clients:
    """Client lookup by code / exact name / normalised name, built once per import."""

    def __init__(self):
        self.by_code, self.by_name, self.archived, self.names, self.currency = {}, {}, set(), {}, {}
        for cid, code, name, archived, cur in Client.select(Client.id, Client.code, Client.name, Client.archived,
                                                            Client.default_currency).tuples():
            self.by_code[code.lower()] = cid
            self.by_name.setdefault(name, []).append(cid)
            self.names[cid] = name
            self.currency[cid] = cur
            if archived:
                self.archived.add(cid)
        self.index = client_service.DuplicateIndex()
        self.cache: dict[str, tuple] = {}

    def resolve(self, text: str) -> tuple:
        """(client id | None, status) with status ok / unknown / ambiguous / archived."""
        hit = self.cache.get(text)
        if hit is None:
            cid = self.by_code.get(text.lower())
            ids = [cid] if cid is not None else self.by_name.get(text) or self.index.by_name.get(
                client_service.normalise_name(text), [])
            if not ids:
                hit = (None, "unknown")
            elif len(set(ids)) > 1:
                hit = (None, "ambiguous")
            elif ids[0] in self.archived:
                hit = (ids[0], "archived")
            else:
                hit = (ids[0], "ok")
            self.cache[text] = hit
        return hit


def import_orders(plan, mapping, result, ticker, *, on_duplicate: str, skip_invalid: bool,
                  dry_run: bool, create_missing_clients: bool) -> None:
    from .importer import is_total_row, issue

    clients = _Clients()
    col_of = {name: col for col, name in mapping.items()}
    labels = {s.name: (s.zh, s.en) for s in plan.fields}
    groups: dict = {}
    invalid_rows: set[int] = set()
    errors = result.errors
    c_client = col_of["client"]
    c_order, c_po = col_of.get("order_no"), col_of.get("client_po")
    line_cols = [(col_of[n], n) for n in LINE_TEXT if n in col_of]
    head_cols = [(col_of[n], n) for n in HEADER_FIELDS if n in col_of]
    c_qty, c_price = col_of["quantity"], col_of["unit_price"]

    def err(row_no, name, zh, en):
        errors.append(issue(plan, row_no, col_of.get(name), name, zh, en))
        invalid_rows.add(row_no)

    for row_no, values in plan.rows:
        ticker.step()
        n = len(values)
        get = (lambda c: values[c] if c is not None and c < n else "")
        client_raw = get(c_client)
        if is_blank(client_raw) and is_total_row(values, mapping):
            continue
        result.rows_read += 1
        bad = False
        # -- client
        client_text = cell_text(client_raw)
        client_id = None
        if not client_text:
            err(row_no, "client", "客户为空,请填写客户名称或客户编号。", "the client is empty; enter its name or code.")
            bad = True
        else:
            client_id, status = clients.resolve(client_text)
            if status == "unknown":
                if create_missing_clients:
                    client_id = ("new", client_service.normalise_name(client_text) or client_text)
                else:
                    err(row_no, "client", f"找不到客户“{client_text}”:请先导入或新建该客户,或选择“自动新建未知客户”。",
                        f"no client “{client_text}”; import or create it first, or choose to create unknown "
                        "clients.")
                    bad = True
            elif status == "ambiguous":
                err(row_no, "client", f"“{client_text}”对应多位客户,请改用客户编号。",
                    f"“{client_text}” matches several clients; use the client code instead.")
                bad = True
            elif status == "archived":
                err(row_no, "client", f"客户“{client_text}”已归档,不能下新订单;请先在客户档案中恢复该客户。",
                    f"client “{client_text}” is archived; restore it in the client archive first.")
                bad = True
        # -- line
        line = {}
        for c, name in line_cols:
            text = cell_text(get(c))
            if text:
                limit = _LIMITS[name]
                if limit and len(text) > limit:
                    zh, en = labels[name]
                    err(row_no, name, f"{zh}太长({len(text)} 个字),最多 {limit} 个字,请缩短。",
                        f"the {en} is too long ({len(text)} characters, at most {limit}).")
                    bad = True
                line[name] = text
        if not line.get("style") and not line.get("product"):
            err(row_no, "style", "款号和品名都为空,请至少填写一项。", "both style and product are empty; enter at least one.")
            bad = True
        raw = get(c_qty)
        q = cell_decimal(raw)
        if q is None or q <= 0 or q != q.to_integral_value():
            err(row_no, "quantity", f"数量“{cell_text(raw)}”不是大于 0 的整数,请改正。",
                f"the quantity “{cell_text(raw)}” is not a whole number greater than 0.")
            bad = True
        else:
            line["quantity"] = int(q)
        raw = get(c_price)
        p = cell_decimal(raw)
        if p is None or p < _ZERO:
            err(row_no, "unit_price", f"单价“{cell_text(raw)}”不是不小于 0 的数字,请改正。",
                f"the unit price “{cell_text(raw)}” is not a number of at least 0.")
            bad = True
        else:
            line["unit_price"] = p
        # -- order header values of this row
        head = {}
        for c, name in head_cols:
            raw = get(c)
            if is_blank(raw):
                continue
            zh, en = labels[name]
            if name in ("order_date", "delivery_date"):
                d = cell_date(raw)
                if d is None:
                    err(row_no, name, f"{zh}“{cell_text(raw)}”不是有效日期,请写成 2026-10-16、2026/10/16 或 2026.10.16。",
                        f"the {en} “{cell_text(raw)}” is not a valid date; write it like 2026-10-16.")
                    bad = True
                    continue
                head[name] = d
                continue
            text = cell_text(raw)
            try:
                if name == "currency":
                    head[name] = _currency_cached(text)
                elif name == "channel":
                    head[name] = _enum_cached("order_channel", text)
                elif name == "order_type":
                    head[name] = _enum_cached("order_type", text)
                else:
                    limit = _LIMITS[name]
                    if limit and len(text) > limit:
                        err(row_no, name, f"{zh}太长({len(text)} 个字),最多 {limit} 个字,请缩短。",
                            f"the {en} is too long ({len(text)} characters, at most {limit}).")
                        bad = True
                        continue
                    head[name] = text
            except GendanError as exc:
                err(row_no, name, exc.zh, exc.en)
                bad = True
        # -- grouping
        number = cell_text(get(c_order))
        po = cell_text(get(c_po))
        if number:
            key, label = ("n", number), number
        elif po:
            key, label = ("p", client_text.casefold(), po), po
        else:
            key = ("r", client_text.casefold(), head.get("order_date"), head.get("delivery_date"), head.get("currency"))
            label = f"{client_text} {head.get('delivery_date') or ''}".strip()
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(key, label, row_no)
            g.client, g.client_text = client_id, client_text
        elif client_text and g.client_text and client_id != g.client:
            err(row_no, "client", f"同一订单“{label}”的客户与第 {g.first_row} 行不一致(“{client_text}”≠“{g.client_text}”)。",
                f"the client differs from row {g.first_row} of the same order “{label}”.")
            bad = True
        for name, v in head.items():
            old = g.header.get(name)
            if old is None:
                g.header[name] = v
                g.header_rows[name] = row_no
            elif old != v:
                zh, en = labels[name]
                err(row_no, name, f"同一订单“{label}”的{zh}与第 {g.header_rows[name]} 行不一致(“{v}”≠“{old}”),请改为一致。",
                    f"the {en} differs from row {g.header_rows[name]} of the same order “{label}” ({v} ≠ {old}).")
                bad = True
        g.rows.append(row_no)
        if bad:
            g.bad = True
        else:
            g.lines.append(line)
        if number and c_po is None:  # no PO column: another system's order number is the client's PO
            g.header.setdefault("client_po", number)
    _check_groups(plan, groups, col_of, labels, err, result, on_duplicate, issue)
    result.invalid = len(invalid_rows)
    valid = [g for g in groups.values() if not g.bad and g.action != "skip"]
    for g in groups.values():
        if g.bad and skip_invalid:
            rest = [r for r in g.rows if r not in invalid_rows]
            if rest:
                result.notes.append(issue(plan, rest[0], None, "", f"同一订单“{g.label}”的其他行有错误,"
                                          f"该订单的 {len(rest)} 个有效行也未导入。",
                                          f"other rows of the order “{g.label}” have errors; its {len(rest)} valid "
                                          "rows were not imported either."))
    new_clients = {g.client[1] for g in valid if isinstance(g.client, tuple)}
    result.clients_created = len(new_clients)
    result.created = sum(1 for g in valid if g.action == "create")
    result.updated = sum(1 for g in valid if g.action == "update")
    result.lines_created = sum(len(g.lines) for g in valid if g.action == "create")
    if errors and not skip_invalid:
        result.created = result.updated = result.lines_created = result.clients_created = 0
        return
    if dry_run:
        return
    _write(plan, valid, clients, result, ticker, skip_invalid, issue)


def _check_groups(plan, groups, col_of, labels, err, result, on_duplicate, issue) -> None:
    """Rules across the rows of one order, and duplicates against the database."""
    numbers = {num: (oid, status) for oid, num, status in Order.select(Order.id, Order.number, Order.status).tuples()}
    by_po: dict = {}
    for oid, cid, po, status in Order.select(Order.id, Order.client, Order.client_po, Order.status).where(
            (Order.client_po != "") & (Order.status != "cancelled")).tuples():
        by_po.setdefault((cid, po.casefold()), (oid, status))
    today = dt.date.today()
    for g in groups.values():
        h = g.header
        if "delivery_date" not in h and not g.bad:
            err(g.first_row, "delivery_date", "交期为空,请填写交货日期(如 2026-10-16)。",
                "the delivery date is empty; enter it (e.g. 2026-10-16).")
            g.bad = True
        defaulted = "order_date" not in h
        h.setdefault("order_date", today)
        if "delivery_date" in h and h["delivery_date"] < h["order_date"]:
            zh = "(下单日期为空,按今天计算;请填写下单日期)" if defaulted else ""
            en = " (no order date given, so today was assumed; fill in the order date)" if defaulted else ""
            err(g.header_rows.get("delivery_date", g.first_row), "delivery_date",
                f"交期 {h['delivery_date']} 早于下单日期 {h['order_date']}{zh},请改正。",
                f"the delivery date {h['delivery_date']} is before the order date {h['order_date']}{en}.")
            g.bad = True
        if g.bad:
            continue
        hit = None
        if g.key[0] == "n" and g.key[1] in numbers:
            hit = numbers[g.key[1]]
        elif isinstance(g.client, int) and h.get("client_po"):
            hit = by_po.get((g.client, h["client_po"].casefold()))
        if hit is None:
            continue
        oid, status = hit
        if on_duplicate == "skip":
            g.action = "skip"
            result.skipped += len(g.rows)
            result.notes.append(issue(plan, g.first_row, None, "order_no",
                                      f"订单“{g.label}”已存在,已跳过(共 {len(g.rows)} 行)。",
                                      f"the order “{g.label}” already exists; skipped ({len(g.rows)} rows)."))
        elif on_duplicate == "update":
            if status not in ("draft", "reviewed"):
                szh = enums.label("order_status", status, "zh")
                err(g.first_row, "order_no", f"订单“{g.label}”已是“{szh}”状态,不能用导入修改;请在订单中使用“改单”。",
                    f"the order “{g.label}” is {enums.label('order_status', status, 'en')} and cannot be changed "
                    "by import; use “Revise order”.")
                g.bad = True
            else:
                g.action, g.target = "update", oid


def _write(plan, groups, clients, result, ticker, skip_invalid, issue) -> None:
    from ..core import orders as order_service

    created_clients: dict = {}
    try:
        with write_transaction():
            for g in groups:
                ticker.step(len(g.rows))
                new_key = None
                try:
                    with write_transaction():  # a savepoint per order
                        cid = g.client
                        if isinstance(cid, tuple):
                            if cid[1] not in created_clients:
                                new_key = cid[1]
                                created_clients[new_key] = client_service.create_client(name=g.client_text).id
                            cid = created_clients[cid[1]]
                        h = dict(g.header)
                        h.setdefault("currency", clients.currency.get(cid, "USD"))
                        if g.action == "update":
                            changes = {k: v for k, v in h.items()}
                            changes["client"] = cid
                            order_service.update_order(g.target, changes, None, lines=g.lines)
                        else:
                            order_service.create_order(cid, lines=g.lines, **h)
                except GendanError as exc:
                    created_clients.pop(new_key, None)  # rolled back with the savepoint
                    result.errors.append(issue(plan, g.first_row, None, exc.field or "",
                                               f"订单“{g.label}”未能写入:{exc.zh}", f"order “{g.label}” not written: {exc.en}"))
                    if not skip_invalid:
                        raise
                    result.invalid += len(g.rows)
                    if g.action == "update":
                        result.updated -= 1
                    else:
                        result.created -= 1
                        result.lines_created -= len(g.lines)
            ticker.check()
    except GendanError:
        result.created = result.updated = result.lines_created = result.clients_created = 0
        return
    result.clients_created = len(created_clients)
    result.written = bool(result.created or result.updated)
