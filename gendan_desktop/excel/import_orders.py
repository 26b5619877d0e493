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

Four steps: read (each row's cells, checked by the core's parsers in
core/order_input.py: quantity, unit price, line amount, text lengths, dates,
currency), group (rows into orders; header values must agree), check (rules
across an order's rows: its delivery date, line count, duplicates within the
file and against the database) and write (through core/orders.create_order and
update_order, so the stored rows are exactly what the order form creates).
The parsers raise only on a bad cell: 10,000 good lines validate within 3× the
bare read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from peewee import fn

from ..core import clients as client_service
from ..core import enums
from ..core import orders as order_service
from ..core.client_matching import ClientKeys, chunks, name_key
from ..core.db import write_transaction
from ..core.errors import GendanError, ValidationError
from ..core.limits import check_line_amount, check_line_count
from ..core.models import Order, OrderLine
from ..core.order_input import (
    HEADER_NAMES,
    LINE_FIELDS,
    archived_client_error,
    check_header_consistency,
    check_style_or_product,
    clean_text,
    parse_currency,
    parse_date,
    parse_money,
    parse_quantity,
)
from ..core.status_rules import can_edit
from .import_plan import is_total_row, issue
from .values import cell_date, cell_decimal, cell_text, is_blank

HEADER_FIELDS = ("client_po", "order_date", "delivery_date", "currency", "channel", "order_type",
                 "payment_terms", "trade_terms", "merchandiser")
LINE_TEXT = ("style", "product", "colour", "size", "unit", "remarks")


class _Group:
    __slots__ = ("key", "label", "first_row", "client", "client_text", "header", "header_rows", "lines",
                 "rows", "bad", "action", "target", "created_client", "last_head")

    def __init__(self, key: tuple[Any, ...], label: str, first_row: int):
        self.key, self.label, self.first_row = key, label, first_row
        self.client: int | tuple[str, str] | None = None  # client id, or ("new", name) for a client to create
        self.client_text = ""
        self.header: dict = {}
        self.header_rows: dict = {}
        self.lines: list[dict] = []
        self.rows: list[int] = []
        self.bad = False
        self.action = "create"
        self.target: tuple[int, int] | None = None  # (order id, version) an update writes over
        self.created_client: str | None = None  # the key of the client this order's write created
        self.last_head: dict | None = None  # the header values of the order's last row, merged


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
        exc = archived_client_error(text)
        err(exc.zh, exc.en)
    return None, True


class _Import:
    """One import's state: the plan, its columns, the issues found so far."""

    def __init__(self, plan, mapping: dict[int, str], result, create_missing_clients: bool):
        self.plan, self.mapping, self.result = plan, mapping, result
        self.create_missing = create_missing_clients
        self.col_of = {name: col for col, name in mapping.items()}
        c_client = self.col_of["client"]
        self.clients = _Clients({cell_text(v[c_client]) for _r, v in plan.rows if c_client < len(v)} - {""})
        self.labels = {s.name: (s.zh, s.en) for s in plan.fields}
        self.invalid_rows: set[int] = set()
        self.notes: list = []
        self.line_cols = [(self.col_of[n], n) for n in LINE_TEXT if n in self.col_of]
        self.head_cols = [(self.col_of[n], n) for n in HEADER_FIELDS if n in self.col_of]
        self.cells: dict[tuple[str, Any], Any] = {}  # (field, cell) → value or refusal, see _cell

    def err(self, row_no: int, name: str, zh: str, en: str) -> None:
        self.result.errors.append(issue(self.plan, row_no, self.col_of.get(name), name, zh, en))
        self.invalid_rows.add(row_no)

    def refused(self, row_no: int, name: str, exc: GendanError) -> None:
        self.err(row_no, name, exc.zh, exc.en)


_UNSEEN = object()


class _Row:
    """One row as read: the line it holds and the order header values it names."""

    __slots__ = ("no", "client", "client_text", "line", "head", "number", "po", "bad")

    def __init__(self, no: int):
        self.no = no
        self.client = None
        self.client_text = ""
        self.line: dict = {}
        self.head: dict = {}
        self.number = self.po = ""
        self.bad = False


def import_orders(plan, mapping, result, ticker, *, on_duplicate: str, skip_invalid: bool,
                  dry_run: bool, create_missing_clients: bool) -> None:
    imp = _Import(plan, mapping, result, create_missing_clients)
    rows = _read(imp, ticker)
    groups = _group(imp, rows)
    result.notes.extend(imp.notes)
    _check_groups(imp, groups, on_duplicate)
    valid = _tally(imp, groups, skip_invalid)
    if (result.errors and not skip_invalid) or dry_run:
        return
    _write(plan, valid, imp.clients, result, ticker, skip_invalid)


# -------------------------------------------------------------------- read --
def _read(imp: _Import, ticker) -> list[_Row]:
    """Every data row, its cells checked by the core's parsers (a total row is skipped).

    Rows repeat cells (an order's header on each of its lines, a style in many
    colours): each distinct line cell, and each distinct set of header cells, is
    parsed once, and its value or refusal kept.
    """
    rows = []
    c_client = imp.col_of["client"]
    c_order, c_po = imp.col_of.get("order_no"), imp.col_of.get("client_po")
    line_cols = [c for c, _name in imp.line_cols] + [imp.col_of["quantity"], imp.col_of["unit_price"]]
    head_cols = [c for c, _name in imp.head_cols]
    heads_seen: dict[tuple, tuple[dict, list]] = {}
    for row_no, values in imp.plan.rows:
        ticker.step()
        n = len(values)
        client_raw = values[c_client] if c_client < n else ""
        if is_blank(client_raw) and is_total_row(values, imp.mapping):
            continue
        imp.result.rows_read += 1
        row = _Row(row_no)
        _read_client(imp, row, cell_text(client_raw))
        row.line, line_problems = _parse_line(imp, tuple(values[c] if c < n else "" for c in line_cols))
        cells = tuple(values[c] if c < n else "" for c in head_cols)
        row.head, head_problems = heads_seen.get(cells) or heads_seen.setdefault(cells, _parse_header(imp, cells))
        for name, exc in line_problems + head_problems:
            imp.refused(row.no, name, exc)
            row.bad = True
        row.number = cell_text(values[c_order]) if c_order is not None and c_order < n else ""
        row.po = cell_text(values[c_po]) if c_po is not None and c_po < n else ""
        rows.append(row)
    return rows


def _read_client(imp: _Import, row: _Row, text: str) -> None:
    row.client_text = text
    hit = imp.clients.cache.get(text)
    if hit is not None and hit[1] == "ok":  # the common case: a client already found
        row.client = hit[0]
        return
    if not text:
        imp.err(row.no, "client", "客户为空,请填写客户名称或客户编号。", "the client is empty; enter its name or code.")
        row.bad = True
        return
    row.client, bad = _row_client(
        text, imp.clients, imp.create_missing,
        lambda zh, en: imp.err(row.no, "client", zh, en),
        lambda zh, en: imp.notes.append(issue(imp.plan, row.no, imp.col_of.get("client"), "client", zh, en)))
    row.bad |= bad


Problems = list[tuple[str, GendanError]]  # (field, refusal) in the order the cells are read


def _parse_line(imp: _Import, cells: tuple) -> tuple[dict, Problems]:
    """An order line from its cells (the text columns, then quantity and unit price): texts
    within their lengths, a style or product, quantity and unit price within limits."""
    line: dict = {}
    problems: Problems = []
    for (_c, name), raw in zip(imp.line_cols, cells):
        if not is_blank(raw):
            _cell(imp, line, problems, name, raw, _line_text)
    try:
        check_style_or_product(line)
    except ValidationError as exc:
        problems.append(("style", exc))
    n = len(problems)
    _cell(imp, line, problems, "quantity", cells[-2], _quantity)
    _cell(imp, line, problems, "unit_price", cells[-1], _unit_price)
    if len(problems) == n:
        try:
            check_line_amount(line["quantity"], line["unit_price"], field="unit_price")
        except ValidationError as exc:
            problems.append(("unit_price", exc))
    return line, problems


def _cell(imp: _Import, line: dict, problems: Problems, name: str, raw: Any,
          parse: Callable[[str, Any], Any]) -> None:
    """``line[name] = parse(name, raw)``, parsed once per distinct cell; a refusal goes to ``problems``."""
    key = (name, raw)
    value = imp.cells.get(key, _UNSEEN)
    if value is _UNSEEN:
        try:
            value = parse(name, raw)
        except GendanError as exc:
            value = exc
        imp.cells[key] = value
    if isinstance(value, GendanError):
        problems.append((name, value))
    else:
        line[name] = value


def _line_text(name: str, raw: Any) -> str:
    return clean_text(cell_text(raw), OrderLine, name, *LINE_FIELDS[name])


def _quantity(name: str, raw: Any) -> int:
    value = cell_decimal(raw)
    return parse_quantity(value if value is not None else cell_text(raw), "", "", name)


def _unit_price(name: str, raw: Any) -> Decimal:
    value = cell_decimal(raw)
    return parse_money(value if value is not None else cell_text(raw), "", "", "单价", "unit price", name)


def _parse_header(imp: _Import, cells: tuple) -> tuple[dict, Problems]:
    """The order header values a row gives (dates, currency, channel, type, texts)."""
    head: dict = {}
    problems: Problems = []
    for (_c, name), raw in zip(imp.head_cols, cells):
        if is_blank(raw):
            continue
        try:
            head[name] = _header_value(name, raw)
        except GendanError as exc:
            problems.append((name, exc))
    return head, problems


def _header_value(name: str, raw):
    if name in ("order_date", "delivery_date"):
        d = cell_date(raw)  # Excel's own dates and serial numbers, then the text forms the core knows
        return d if d is not None else parse_date(cell_text(raw), *HEADER_NAMES[name], name)
    text = cell_text(raw)
    if name == "currency":
        return parse_currency(text)
    if name in ("channel", "order_type"):
        return enums.parse("order_" + name if name == "channel" else name, text, field=name)
    return clean_text(text, Order, name, *HEADER_NAMES[name])


# ------------------------------------------------------------------- group --
def _group(imp: _Import, rows: list[_Row]) -> dict:
    """Rows into orders by order number, else client PO, else client + dates + currency."""
    groups: dict = {}
    c_po = imp.col_of.get("client_po")
    for row in rows:
        key: tuple[Any, ...]
        if row.number:
            key, label = ("n", row.number), row.number
        elif row.po:
            key, label = ("p", row.client_text.casefold(), row.po), row.po
        else:
            head = row.head
            key = ("r", row.client_text.casefold(), head.get("order_date"), head.get("delivery_date"),
                   head.get("currency"))
            label = f"{row.client_text} {head.get('delivery_date') or ''}".strip()
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(key, label, row.no)
            g.client, g.client_text = row.client, row.client_text
        elif row.client_text and g.client_text and row.client != g.client:
            imp.err(row.no, "client", f"同一订单“{label}”的客户与第 {g.first_row} 行不一致"
                    f"(“{row.client_text}”≠“{g.client_text}”)。",
                    f"the client differs from row {g.first_row} of the same order “{label}”.")
            row.bad = True
        row.bad |= _merge_header(imp, g, row, label)
        g.rows.append(row.no)
        if row.bad:
            g.bad = True
        else:
            g.lines.append(row.line)
        if row.number and c_po is None:  # no PO column: another system's order number is the client's PO
            g.header.setdefault("client_po", row.number)
    return groups


def _merge_header(imp: _Import, g: _Group, row: _Row, label: str) -> bool:
    """The row's header values into the order's; True when one differs from an earlier row."""
    if row.head is g.last_head:  # the same header cells as the order's previous row
        return False
    g.last_head = row.head
    bad = False
    for name, v in row.head.items():
        old = g.header.get(name)
        if old is None:
            g.header[name] = v
            g.header_rows[name] = row.no
        elif old != v:
            zh, en = imp.labels[name]
            imp.err(row.no, name, f"同一订单“{label}”的{zh}与第 {g.header_rows[name]} 行不一致(“{v}”≠“{old}”),"
                    "请改为一致。",
                    f"the {en} differs from row {g.header_rows[name]} of the same order “{label}” ({v} ≠ {old}).")
            bad = True
    return bad


def _tally(imp: _Import, groups: dict, skip_invalid: bool) -> list[_Group]:
    """Count what would be written; with ``skip_invalid``, say which valid rows go with a bad order."""
    result = imp.result
    result.invalid = len(imp.invalid_rows)
    valid = [g for g in groups.values() if not g.bad and g.action != "skip"]
    for g in groups.values():
        if g.bad and skip_invalid:
            rest = [r for r in g.rows if r not in imp.invalid_rows]
            if rest:
                result.notes.append(issue(imp.plan, rest[0], None, "", f"同一订单“{g.label}”的其他行有错误,"
                                          f"该订单的 {len(rest)} 个有效行也未导入。",
                                          f"other rows of the order “{g.label}” have errors; its {len(rest)} valid "
                                          "rows were not imported either."))
    result.clients_created = len({g.client[1] for g in valid if isinstance(g.client, tuple)})
    result.created = sum(1 for g in valid if g.action == "create")
    result.updated = sum(1 for g in valid if g.action == "update")
    result.lines_created = sum(len(g.lines) for g in valid if g.action == "create")
    if result.errors and not skip_invalid:
        result.created = result.updated = result.lines_created = result.clients_created = 0
    return valid


# ------------------------------------------------------------------- check --
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


def _check_groups(imp: _Import, groups: dict, on_duplicate: str) -> None:
    """Rules across the rows of one order, and duplicates within the file and against the database."""
    for g in groups.values():
        _check_order(imp, g)
    live = [g for g in groups.values() if not g.bad]
    _check_po_repeats(imp, live)
    _check_existing(imp, [g for g in live if not g.bad], on_duplicate)


def _check_order(imp: _Import, g: _Group) -> None:
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


def _check_po_repeats(imp: _Import, live: list[_Group]) -> None:
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


def _check_existing(imp: _Import, live: list[_Group], on_duplicate: str) -> None:
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



# ------------------------------------------------------------------- write --
def _write(plan, groups: list[_Group], clients: _Clients, result, ticker, skip_invalid: bool) -> None:
    """Each valid order in a savepoint of the import's transaction; with ``skip_invalid``
    an order the services refuse is reported and the rest are written."""
    created_clients: dict = {}
    try:
        with write_transaction():
            for g in groups:
                ticker.step(len(g.rows))
                try:
                    with write_transaction():  # a savepoint per order
                        _write_order(g, clients, created_clients)
                except GendanError as exc:
                    created_clients.pop(g.created_client, None)  # rolled back with the savepoint
                    _not_written(plan, g, exc, result)
                    if not skip_invalid:
                        raise
            ticker.check()
    except GendanError:
        result.created = result.updated = result.lines_created = result.clients_created = 0
        return
    result.clients_created = len(created_clients)
    result.written = bool(result.created or result.updated)


def _write_order(g: _Group, clients: _Clients, created_clients: dict) -> None:
    """Create (or update) the order of ``g``, creating its new client first (once per file)."""
    cid = g.client
    if isinstance(cid, tuple):
        if cid[1] not in created_clients:
            created_clients[cid[1]] = client_service.create_client(name=g.client_text).id
            g.created_client = cid[1]  # forgotten again if this order's savepoint rolls back
        cid = created_clients[cid[1]]
    assert cid is not None  # only orders with a client are written
    h = dict(g.header)
    h.setdefault("currency", clients.currency(cid))
    if g.action == "update":
        assert g.target is not None  # set with the "update" action by _check_existing
        oid, version = g.target  # read in this transaction by _check_existing
        order_service.update_order(oid, {**h, "client": cid}, version, lines=g.lines)
    else:
        order_service.create_order(cid, lines=g.lines, **h)


def _not_written(plan, g: _Group, exc: GendanError, result) -> None:
    result.errors.append(issue(plan, g.first_row, None, exc.field or "", f"订单“{g.label}”未能写入:{exc.zh}",
                               f"order “{g.label}” not written: {exc.en}"))
    result.invalid += len(g.rows)
    if g.action == "update":
        result.updated -= 1
    else:
        result.created -= 1
        result.lines_created -= len(g.lines)
