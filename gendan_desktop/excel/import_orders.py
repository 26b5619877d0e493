"""Import of orders from a sheet with one row per order line; called by importer.run.

Rows are grouped into orders by order number (else by client PO, else by
client + dates + currency). Header values (client, dates, currency…) must
agree within an order; lines keep the file's order. Clients are matched by
code, exact name, then a sure duplicate of the name (same name and legal form,
core/client_matching.py); a client that only looks alike is never taken (the
row is refused with the candidates), and unknown clients are an error unless
``create_missing_clients``, which also creates look-alikes as clients of their
own, listed for review.

importer.run calls this inside one write transaction: the duplicate checks
read what the writes will see, so two imports of one file at the same
instant cannot both create its orders (and migration 7's unique index
refuses a second order with the client's PO in any case). Only the clients
and orders the file names are read, in chunked IN queries.

Validation is done here, row by row without exceptions on the happy path
(10,000 lines must validate within 3× the bare read); the checks are those of
core/order_input.py, and orders are written through core/orders.create_order
and update_order so the stored rows are exactly what the order form creates.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from peewee import fn

from ..core import clients as client_service
from ..core import enums
from ..core.client_matching import ClientKeys, chunks, name_key
from ..core.db import write_transaction
from ..core.errors import GendanError
from ..core.limits import MAX_ORDER_LINES, QUANTITY, UNIT_PRICE, check_line_amount
from ..core.models import Order, OrderLine
from ..core.order_input import parse_currency
from ..core.status_rules import can_edit
from .import_plan import is_total_row, issue
from .values import cell_date, cell_decimal, cell_text, is_blank

HEADER_FIELDS = ("client_po", "order_date", "delivery_date", "currency", "channel", "order_type",
                 "payment_terms", "trade_terms", "merchandiser")
LINE_TEXT = ("style", "product", "colour", "size", "unit", "remarks")
_LIMITS = {name: getattr(OrderLine._meta.fields[name], "max_length", None) for name in LINE_TEXT}
_LIMITS.update({name: getattr(Order._meta.fields[name], "max_length", None)
                for name in ("client_po", "payment_terms", "trade_terms", "merchandiser")})


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
    """Client lookup for the client texts of one file (codes or names)."""

    def __init__(self, texts: set[str]):
        self.keys = ClientKeys(codes=texts, names=texts)
        self.cache: dict[str, tuple] = {}
        self.noted: set[str] = set()  # look-alikes already named in a note

    def currency(self, cid: int) -> str:
        facts = self.keys.facts.get(cid)
        return facts.currency if facts else "USD"

    def resolve(self, text: str) -> tuple:
        """(client id | None, status, candidate labels) with status ok / unknown /
        look_alike / ambiguous / archived."""
        hit = self.cache.get(text)
        if hit is None:
            ids, similar = self.keys.by_reference(text)
            if len(ids) > 1:
                hit = (None, "ambiguous", self.keys.labels(ids))
            elif ids:
                hit = (ids[0], "archived" if self.keys.facts[ids[0]].archived else "ok", "")
            elif similar:
                hit = (None, "look_alike", self.keys.labels(similar))
            else:
                hit = (None, "unknown", "")
            self.cache[text] = hit
        return hit


def _row_client(text: str, clients: _Clients, create_missing: bool, err, note) -> tuple:
    """(client id, or ("new", key), or None; bad) for the client cell of one row."""
    client_id, status, candidates = clients.resolve(text)
    if status == "ok":
        return client_id, False
    if status in ("unknown", "look_alike") and create_missing:
        if status == "look_alike" and text not in clients.noted:
            clients.noted.add(text)
            note(f"客户“{text}”不在客户档案中,与已有的 {candidates} 名称相似但不能确定是同一家公司:"
                 "已作为新客户导入,并列入客户档案“相似待核对”,请核对是否需要合并。",
                 f"the client “{text}” is not in the archive; it looks like {candidates} but may be another "
                 "company: it was imported as a new client and listed under “look-alikes to review”.")
        return ("new", name_key(text) or text), False
    if status == "unknown":
        err(f"找不到客户“{text}”:请先导入或新建该客户,或选择“自动新建未知客户”。",
            f"no client “{text}”; import or create it first, or choose to create unknown clients.")
    elif status == "look_alike":
        err(f"客户档案中没有“{text}”;名称相似的有 {candidates},但不能确定是同一家公司。"
            "请填写客户编号或客户档案中的完整名称。",
            f"no client is named “{text}”; similar names: {candidates}, which may be other companies. "
            "Enter the client code or the name exactly as in the client archive.")
    elif status == "ambiguous":
        err(f"“{text}”对应多位客户({candidates}),请改用客户编号。",
            f"“{text}” matches several clients ({candidates}); use the client code instead.")
    else:
        err(f"客户“{text}”已归档,不能下新订单;请先在客户档案中恢复该客户。",
            f"client “{text}” is archived; restore it in the client archive first.")
    return None, True


def _row_numbers(get, c_qty, c_price, line: dict, err) -> bool:
    """Quantity and unit price of one row into ``line``, within core/limits.py; True if bad."""
    bad = False
    raw = get(c_qty)
    q = cell_decimal(raw)
    problem = QUANTITY.problem(q if q is not None else cell_text(raw))
    if problem:
        err("quantity", *problem)
        bad = True
    else:
        line["quantity"] = int(q)
    raw = get(c_price)
    p = cell_decimal(raw)
    problem = UNIT_PRICE.problem(p if p is not None else cell_text(raw))
    if problem:
        err("unit_price", *problem)
        bad = True
    else:
        line["unit_price"] = p
    if not bad:
        try:
            check_line_amount(line["quantity"], p)
        except GendanError as exc:
            err("unit_price", exc.zh, exc.en)
            bad = True
    return bad


def import_orders(plan, mapping, result, ticker, *, on_duplicate: str, skip_invalid: bool,
                  dry_run: bool, create_missing_clients: bool) -> None:
    col_of = {name: col for col, name in mapping.items()}
    c_client = col_of["client"]
    clients = _Clients({cell_text(v[c_client]) for _r, v in plan.rows if c_client < len(v)} - {""})
    labels = {s.name: (s.zh, s.en) for s in plan.fields}
    groups: dict = {}
    invalid_rows: set[int] = set()
    errors = result.errors
    notes: list = []
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
            client_id, bad = _row_client(
                client_text, clients, create_missing_clients,
                lambda zh, en, r=row_no: err(r, "client", zh, en),
                lambda zh, en, r=row_no: notes.append(issue(plan, r, col_of.get("client"), "client", zh, en)))
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
        if _row_numbers(get, c_qty, c_price, line, lambda name, zh, en, r=row_no: err(r, name, zh, en)):
            bad = True
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
    result.notes.extend(notes)
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


def _existing_orders(groups) -> tuple[dict, dict]:
    """The orders of the database with the file's order numbers, and with its
    clients' POs: {number: (id, status, version)}, {(client, po): (id, status, version)}.

    Reads only those keys (chunked IN on indexed columns; the PO query implies
    migration 7's partial unique index), never every order.
    """
    numbers = {g.key[1] for g in groups if g.key[0] == "n"}
    by_number = {}
    for chunk in chunks(sorted(numbers)):
        for oid, num, status, version in Order.select(Order.id, Order.number, Order.status, Order.version).where(
                Order.number.in_(chunk)).tuples():
            by_number[num] = (oid, status, version)
    pairs = {(g.client, g.header["client_po"].lower()) for g in groups
             if isinstance(g.client, int) and g.header.get("client_po")}
    by_po: dict = {}
    for chunk in chunks(sorted(pairs)):
        cids, pos = {c for c, _p in chunk}, {p for _c, p in chunk}
        q = (Order.select(Order.id, Order.client, Order.client_po, Order.status, Order.version)
             .where(Order.client.in_(cids) & fn.LOWER(Order.client_po).in_(pos) & (Order.client_po != "")
                    & (Order.status != "cancelled") & (Order.order_type != "remake")).order_by(Order.id))
        for oid, cid, po, status, version in q.tuples():
            by_po.setdefault((cid, po.lower()), (oid, status, version))
    return by_number, by_po


def _check_groups(plan, groups, col_of, labels, err, result, on_duplicate, issue) -> None:
    """Rules across the rows of one order, and duplicates within the file and against the database."""
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
        if len(g.rows) > MAX_ORDER_LINES:
            err(g.first_row, "order_no", f"订单“{g.label}”有 {len(g.rows):,} 行,一张订单最多 {MAX_ORDER_LINES:,} 行。",
                f"the order “{g.label}” has {len(g.rows):,} rows; an order can have at most {MAX_ORDER_LINES:,}.")
            g.bad = True
    live = [g for g in groups.values() if not g.bad]
    seen_po: dict = {}
    for g in live:
        if isinstance(g.client, int) and g.header.get("client_po"):
            first = seen_po.setdefault((g.client, g.header["client_po"].lower()), g)
            if first is not g:
                err(g.first_row, "client_po", f"客户订单号“{g.header['client_po']}”与第 {first.first_row} 行的订单"
                    f"“{first.label}”重复:同一客户的订单号只能下一张订单。",
                    f"the client PO “{g.header['client_po']}” repeats the order “{first.label}” of row "
                    f"{first.first_row}; a client PO can be ordered only once.")
                g.bad = True
    by_number, by_po = _existing_orders([g for g in live if not g.bad])
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
                        h.setdefault("currency", clients.currency(cid))
                        if g.action == "update":
                            oid, version = g.target  # read in this transaction by _check_groups
                            order_service.update_order(oid, {**h, "client": cid}, version, lines=g.lines)
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
