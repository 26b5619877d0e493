"""What the order import works on: an import's state, the rows it read, the orders
they group into, and the clients the file names (excel/import_orders.py).
"""

from __future__ import annotations

from typing import Any

from ..core.client_matching import ClientKeys, name_key
from ..core.errors import GendanError
from ..core.order_input import (
    archived_client_error,
)
from .import_plan import issue
from .values import cell_text

HEADER_FIELDS = ("client_po", "order_date", "delivery_date", "currency", "channel", "order_type",
                 "payment_terms", "trade_terms", "merchandiser")
LINE_TEXT = ("style", "product", "colour", "size", "unit", "remarks")


class Group:
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


class FileClients:
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


def row_client(text: str, clients: FileClients, create_missing: bool, err, note) -> tuple:
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


class OrderImport:
    """One import's state: the plan, its columns, the issues found so far."""

    def __init__(self, plan, mapping: dict[int, str], result, create_missing_clients: bool):
        self.plan, self.mapping, self.result = plan, mapping, result
        self.create_missing = create_missing_clients
        self.col_of = {name: col for col, name in mapping.items()}
        c_client = self.col_of["client"]
        self.clients = FileClients({cell_text(v[c_client]) for _r, v in plan.rows if c_client < len(v)} - {""})
        self.labels = {s.name: (s.zh, s.en) for s in plan.fields}
        self.invalid_rows: set[int] = set()
        self.notes: list = []
        self.line_cols = [(self.col_of[n], n) for n in LINE_TEXT if n in self.col_of]
        self.head_cols = [(self.col_of[n], n) for n in HEADER_FIELDS if n in self.col_of]
        self.cells: dict[tuple[Any, ...], Any] = {}  # (field, cell) or (pair, quantity, price) → value or refusal

    def err(self, row_no: int, name: str, zh: str, en: str) -> None:
        self.result.errors.append(issue(self.plan, row_no, self.col_of.get(name), name, zh, en))
        self.invalid_rows.add(row_no)

    def refused(self, row_no: int, name: str, exc: GendanError) -> None:
        self.err(row_no, name, exc.zh, exc.en)


class Row:
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
