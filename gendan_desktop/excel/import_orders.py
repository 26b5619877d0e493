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
The check step is excel/order_checks.py, the import's state (rows, orders, the
file's clients) excel/order_rows.py. The parsers raise only on a bad cell: 10,000 good lines validate within 3× the
bare read.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from operator import itemgetter
from typing import Any

from ..core import enums
from ..core.db import write_transaction
from ..core.errors import GendanError, ValidationError
from ..core.limits import check_line_amount
from ..core.models import Order, OrderLine
from ..core.order_input import (
    HEADER_NAMES,
    LINE_FIELDS,
    check_style_or_product,
    clean_text,
    parse_currency,
    parse_date,
    parse_money,
    parse_quantity,
)
from .import_plan import is_total_row, issue
from .order_checks import check_groups
from .order_rows import FileClients, Group, OrderImport, Row, row_client
from .values import cell_date, cell_decimal, cell_text, is_blank


def import_orders(plan, mapping, result, ticker, *, on_duplicate: str, skip_invalid: bool,
                  dry_run: bool, create_missing_clients: bool) -> None:
    imp = OrderImport(plan, mapping, result, create_missing_clients)
    rows = _read(imp, ticker)
    groups = _group(imp, rows)
    result.notes.extend(imp.notes)
    check_groups(imp, groups, on_duplicate)
    valid = _tally(imp, groups, skip_invalid)
    if (result.errors and not skip_invalid) or dry_run:
        return
    _write(plan, valid, imp.clients, result, ticker, skip_invalid)


# -------------------------------------------------------------------- read --
def _read(imp: OrderImport, ticker) -> list[Row]:
    """Every data row, its cells checked by the core's parsers (a total row is skipped).

    Rows repeat cells (an order's header on each of its lines, a style in many
    colours): each distinct line cell, each distinct quantity and price pair,
    and each distinct set of header cells, is parsed once, and its value or
    refusal kept.
    """
    rows = []
    c_client = imp.col_of["client"]
    c_order, c_po = imp.col_of.get("order_no"), imp.col_of.get("client_po")
    line_cols = [c for c, _name in imp.line_cols] + [imp.col_of["quantity"], imp.col_of["unit_price"]]
    head_cols = [c for c, _name in imp.head_cols]
    heads_seen: dict[tuple, tuple[dict, list]] = {}
    line_cells, head_cells = _cells_getter(line_cols), _cells_getter(head_cols)
    for row_no, values in imp.plan.rows:
        ticker.step()
        n = len(values)
        client_raw = values[c_client] if c_client < n else ""
        if is_blank(client_raw) and is_total_row(values, imp.mapping):
            continue
        imp.result.rows_read += 1
        row = Row(row_no)
        _read_client(imp, row, cell_text(client_raw))
        row.line, line_problems = _parse_line(imp, line_cells(values))
        cells = head_cells(values)
        row.head, head_problems = heads_seen.get(cells) or heads_seen.setdefault(cells, _parse_header(imp, cells))
        if line_problems or head_problems:
            for name, exc in line_problems + head_problems:
                imp.refused(row.no, name, exc)
            row.bad = True
        row.number = cell_text(values[c_order]) if c_order is not None and c_order < n else ""
        row.po = cell_text(values[c_po]) if c_po is not None and c_po < n else ""
        rows.append(row)
    return rows


def _cells_getter(cols: list[int]) -> Callable[[list], tuple]:
    """values → the cells of ``cols`` as a tuple ("" past the row's end)."""
    if not cols:
        return lambda _values: ()
    last = max(cols)
    pick = itemgetter(*cols)
    one = len(cols) == 1

    def cells(values: list) -> tuple:
        if len(values) > last:
            got = pick(values)
            return (got,) if one else got
        n = len(values)
        return tuple(values[c] if c < n else "" for c in cols)

    return cells


def _read_client(imp: OrderImport, row: Row, text: str) -> None:
    row.client_text = text
    hit = imp.clients.cache.get(text)
    if hit is not None and hit[1] == "ok":  # the common case: a client already found
        row.client = hit[0]
        return
    if not text:
        imp.err(row.no, "client", "客户为空,请填写客户名称或客户编号。", "the client is empty; enter its name or code.")
        row.bad = True
        return
    row.client, bad = row_client(
        text, imp.clients, imp.create_missing,
        lambda zh, en: imp.err(row.no, "client", zh, en),
        lambda zh, en: imp.notes.append(issue(imp.plan, row.no, imp.col_of.get("client"), "client", zh, en)))
    row.bad |= bad


_UNSEEN = object()  # a cell not parsed yet
_BLANK = object()  # a blank cell (nothing to parse)
Problems = list[tuple[str, GendanError]]  # (field, refusal) in the order the cells are read


def _parse_line(imp: OrderImport, cells: tuple) -> tuple[dict, Problems]:
    """An order line from its cells (the text columns, then quantity and unit price): texts
    within their lengths, a style or product, quantity and unit price within limits."""
    line: dict = {}
    problems: Problems = []
    seen = imp.cells
    for (_c, name), raw in zip(imp.line_cols, cells):
        key = (name, raw)
        value = seen.get(key, _UNSEEN)
        if value is _UNSEEN:
            value = seen[key] = _BLANK if is_blank(raw) else _parsed(_line_text, name, raw)
        if value is _BLANK:
            continue
        if isinstance(value, GendanError):
            problems.append((name, value))
        else:
            line[name] = value
    if not line.get("style") and not line.get("product"):
        try:
            check_style_or_product(line)
        except ValidationError as exc:
            problems.append(("style", exc))
    pair = ("quantity × unit_price", cells[-2], cells[-1])
    priced = seen.get(pair, _UNSEEN)
    if priced is _UNSEEN:
        priced = seen[pair] = _priced(cells[-2], cells[-1])
    values, refused = priced
    line.update(values)
    if refused:
        problems.extend(refused)
    return line, problems


def _parsed(parse: Callable[[str, Any], Any], name: str, raw: Any) -> Any:
    """``parse(name, raw)``, or the refusal it raised."""
    try:
        return parse(name, raw)
    except GendanError as exc:
        return exc


def _priced(quantity_raw: Any, price_raw: Any) -> tuple[dict, Problems]:
    """The quantity and unit price of a line and their refusals (each, then their amount)."""
    values: dict = {}
    problems: Problems = []
    for name, raw, parse in (("quantity", quantity_raw, _quantity), ("unit_price", price_raw, _unit_price)):
        value = _parsed(parse, name, raw)
        if isinstance(value, GendanError):
            problems.append((name, value))
        else:
            values[name] = value
    if not problems:
        try:
            check_line_amount(values["quantity"], values["unit_price"], field="unit_price")
        except ValidationError as exc:
            problems.append(("unit_price", exc))
    return values, problems


def _line_text(name: str, raw: Any) -> str:
    return clean_text(cell_text(raw), OrderLine, name, *LINE_FIELDS[name])


def _quantity(name: str, raw: Any) -> int:
    value = cell_decimal(raw)
    return parse_quantity(value if value is not None else cell_text(raw), "", "", name)


def _unit_price(name: str, raw: Any) -> Decimal:
    value = cell_decimal(raw)
    return parse_money(value if value is not None else cell_text(raw), "", "", "单价", "unit price", name)


def _parse_header(imp: OrderImport, cells: tuple) -> tuple[dict, Problems]:
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
def _group(imp: OrderImport, rows: list[Row]) -> dict:
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
            g = groups[key] = Group(key, label, row.no)
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


def _merge_header(imp: OrderImport, g: Group, row: Row, label: str) -> bool:
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


def _tally(imp: OrderImport, groups: dict, skip_invalid: bool) -> list[Group]:
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


# ------------------------------------------------------------------- write --
def _write(plan, groups: list[Group], clients: FileClients, result, ticker, skip_invalid: bool) -> None:
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


def _write_order(g: Group, clients: FileClients, created_clients: dict) -> None:
    """Create (or update) the order of ``g``, creating its new client first (once per file)."""
    from ..core import clients as client_service  # loaded only to write (a dry run never does)
    from ..core import orders as order_service

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


def _not_written(plan, g: Group, exc: GendanError, result) -> None:
    result.errors.append(issue(plan, g.first_row, None, exc.field or "", f"订单“{g.label}”未能写入:{exc.zh}",
                               f"order “{g.label}” not written: {exc.en}"))
    result.invalid += len(g.rows)
    if g.action == "update":
        result.updated -= 1
    else:
        result.created -= 1
        result.lines_created -= len(g.lines)
