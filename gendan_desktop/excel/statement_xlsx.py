"""对账单 as an Excel workbook for finance: one sheet per client (a block per
currency), or one file per client.

The figures come from core/statements.py. Amounts are real numbers; the
totals are SUM formulas over the cells above them, written with their
computed value cached, so Excel, WPS, LibreOffice and readers that do not
calculate all show the same figures as the printed statement.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from ..core.common import get_setting
from ..core.db import write_transaction
from ..core.statements import Statement, issue_statement, statement
from .exporter import cannot_write, check_target, close_workbook

KIND_ZH = {"shipment": "出货", "credit": "扣款", "payment": "收款", "cancellation": "取消"}
PAYMENT_KIND_ZH = {"deposit": "定金", "balance": "尾款", "other": "其他", "refund": "退款", "transfer": "转订单"}
HEADERS = ["日期", "类型", "单号", "订单号", "客户PO号", "款号", "品名/摘要", "数量", "单价",
           "应收金额", "扣款/收款", "余额"]
WIDTHS = [11, 6, 15, 15, 14, 12, 26, 9, 10, 13, 13, 14]
LAST_COL = len(HEADERS) - 1


def _f(value) -> float:
    return float(value) if value is not None else 0.0


class _Styles:
    def __init__(self, wb: xlsxwriter.Workbook):
        add = wb.add_format
        self.company = add({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
        self.sub = add({"align": "center", "font_size": 9})
        self.title = add({"bold": True, "font_size": 14, "align": "center"})
        self.label = add({"bold": True})
        self.head = add({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"})
        self.cell = add({"border": 1})
        self.date = add({"border": 1, "num_format": "yyyy-mm-dd"})
        self.int = add({"border": 1, "num_format": "#,##0"})
        self.price = add({"border": 1, "num_format": "#,##0.00##"})
        self.money = add({"border": 1, "num_format": "#,##0.00"})
        self.total_label = add({"bold": True, "border": 1, "bg_color": "#F2F2F2"})
        self.total_int = add({"bold": True, "border": 1, "bg_color": "#F2F2F2", "num_format": "#,##0"})
        self.total_money = add({"bold": True, "border": 1, "bg_color": "#F2F2F2", "num_format": "#,##0.00"})
        self.words = add({"bold": True, "border": 1})
        self.sign = add({"valign": "bottom"})
        self.note = add({"italic": True, "font_color": "#595959", "font_size": 9})
        self.text_cell = add({"border": 1, "quote_prefix": True})


def _text(ws, r, c, value, fmt, quoted):
    """Text from the database, never taken for a formula."""
    value = value or ""
    ws.write_string(r, c, value, quoted if value[:1] in ("=", "+", "-", "@", "\t", "\r") else fmt)


def write_statement_block(ws, st: Statement, styles: _Styles, row: int) -> int:
    """Write one currency's statement from ``row``; returns the next free row."""
    s = styles
    ws.write_string(row, 0, f"对账单号:{st.number or '(预览,未编号)'}", s.label)
    ws.write_string(row, 6, f"币种:{st.currency}", s.label)
    ws.write_string(row, 9, f"制表日期:{st.generated_on.isoformat()}", s.label)
    row += 1
    ws.write_string(row, 0, f"客户:{st.client_code} {st.client_name}", s.label)
    ws.write_string(row, 6, f"对账期间:{st.date_from.isoformat()} 至 {st.date_to.isoformat()}", s.label)
    row += 2
    for c, h in enumerate(HEADERS):
        ws.write_string(row, c, h, s.head)
    row += 1
    ws.merge_range(row, 0, row, LAST_COL - 1, "上期结余 Opening balance", s.total_label)
    ws.write_number(row, LAST_COL, _f(st.opening), s.total_money)
    opening_cell = xl_rowcol_to_cell(row, LAST_COL)
    row += 1
    first = row
    prev_balance = opening_cell
    for e in st.entries:
        _write_entry(ws, s, row, e, prev_balance)
        prev_balance = xl_rowcol_to_cell(row, LAST_COL)
        row += 1
    row = _write_totals(ws, st, s, first, row, opening_cell)
    return _write_closing(ws, st, s, row)


def _entry_description(e) -> str:
    if e.kind == "shipment":
        return " ".join(p for p in (e.product, e.colour, e.size) if p)
    if e.kind == "payment":
        kind = getattr(e, "payment_kind", "") or e.description
        return PAYMENT_KIND_ZH.get(kind, e.description) + (f"({e.note})" if getattr(e, "note", "") else "")
    return e.description


def _write_entry(ws, s: _Styles, row: int, e, prev_balance: str) -> None:
    """One line of the statement; its balance is a formula on the line above."""
    ws.write_datetime(row, 0, dt.datetime.combine(e.date, dt.time()), s.date)
    ws.write_string(row, 1, KIND_ZH.get(e.kind, e.kind), s.cell)
    _text(ws, row, 2, e.document_no, s.cell, s.text_cell)
    _text(ws, row, 3, e.order_no, s.cell, s.text_cell)
    _text(ws, row, 4, e.client_po, s.cell, s.text_cell)
    _text(ws, row, 5, e.style, s.cell, s.text_cell)
    _text(ws, row, 6, _entry_description(e), s.cell, s.text_cell)
    if e.quantity is not None:
        ws.write_number(row, 7, e.quantity, s.int)
    else:
        ws.write_blank(row, 7, None, s.cell)
    if e.unit_price is not None:
        ws.write_number(row, 8, _f(e.unit_price), s.price)
    else:
        ws.write_blank(row, 8, None, s.cell)
    if e.kind == "shipment":
        ws.write_number(row, 9, _f(e.amount), s.money)
        ws.write_blank(row, 10, None, s.money)
    else:
        ws.write_blank(row, 9, None, s.money)
        ws.write_number(row, 10, _f(e.amount), s.money)
    debit, credit = xl_rowcol_to_cell(row, 9), xl_rowcol_to_cell(row, 10)
    ws.write_formula(row, LAST_COL, f"=ROUND({prev_balance}+{debit}-{credit},2)", s.money, _f(e.balance))


def _write_totals(ws, st: Statement, s: _Styles, first: int, row: int, opening_cell: str) -> int:
    """The totals row under the lines and the summary that ends in the closing balance."""
    last = row - 1
    ws.merge_range(row, 0, row, 6, "本期合计 Total", s.total_label)

    def total(col, value, fmt):
        if last >= first:
            rng = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"
            ws.write_formula(row, col, f"=ROUND(SUM({rng}),2)" if fmt is s.total_money else f"=SUM({rng})",
                             fmt, value)
        else:
            ws.write_number(row, col, value, fmt)

    total(7, st.total_quantity, s.total_int)
    ws.write_blank(row, 8, None, s.total_label)
    total(9, _f(st.total_shipped), s.total_money)
    total(10, _f(st.total_credits + st.total_paid), s.total_money)
    ws.write_blank(row, LAST_COL, None, s.total_label)
    totals_row = row
    row += 2
    shipped = xl_rowcol_to_cell(totals_row, 9)
    if last >= first:
        kinds = f"{xl_rowcol_to_cell(first, 1)}:{xl_rowcol_to_cell(last, 1)}"
        amounts = f"{xl_rowcol_to_cell(first, 10)}:{xl_rowcol_to_cell(last, 10)}"
        credits_f = f'=ROUND(SUMIF({kinds},"{KIND_ZH["credit"]}",{amounts}),2)'
        paid_f = f'=ROUND(SUMIF({kinds},"{KIND_ZH["payment"]}",{amounts}),2)'
    else:
        credits_f = paid_f = "=0"
    summary = [
        ("上期结余", f"={opening_cell}", st.opening),
        ("本期出货金额", f"={shipped}", st.total_shipped),
        ("本期售后扣款", credits_f, st.total_credits),
        ("本期收款", paid_f, st.total_paid),
    ]
    summary_rows = []
    for label, formula, value in summary:
        ws.merge_range(row, 7, row, 9, label, s.total_label)
        ws.write_formula(row, 10, formula, s.total_money, _f(value))
        summary_rows.append(xl_rowcol_to_cell(row, 10))
        row += 1
    ws.merge_range(row, 7, row, 9, f"期末应收余额({st.currency})", s.total_label)
    o, sh, cr, pd = summary_rows
    ws.write_formula(row, 10, f"=ROUND({o}+{sh}-{cr}-{pd},2)", s.total_money, _f(st.closing))
    return row + 1


def _write_closing(ws, st: Statement, s: _Styles, row: int) -> int:
    """The amount in words, the confirmation request and the signature lines."""
    ws.merge_range(row, 0, row, 1, "大写金额", s.words)
    ws.merge_range(row, 2, row, LAST_COL, st.closing_in_words, s.words)
    row += 2
    ws.write_string(row, 0, "请核对以上账目,如有异议请于收到本对账单后 7 日内提出,逾期视为确认无误。", s.note)
    row += 2
    ws.write_string(row, 0, "供方(盖章):", s.sign)
    ws.write_string(row, 3, "经办人:____________", s.sign)
    ws.write_string(row, 6, "客户确认(签字盖章):", s.sign)
    ws.write_string(row, 9, "确认人:____________", s.sign)
    row += 1
    ws.write_string(row, 0, "日期:______年____月____日", s.sign)
    ws.write_string(row, 6, "日期:______年____月____日", s.sign)
    return row + 3


def _company_header(ws, styles: _Styles) -> int:
    name = get_setting("company_name", "") or "(请在设置中填写公司名称)"
    addr = get_setting("company_address", "")
    phone = get_setting("company_phone", "")
    ws.set_row(0, 26)
    ws.merge_range(0, 0, 0, LAST_COL, name, styles.company)
    line = "  ".join(p for p in (f"地址:{addr}" if addr else "", f"电话:{phone}" if phone else "") if p)
    ws.merge_range(1, 0, 1, LAST_COL, line, styles.sub)
    ws.merge_range(2, 0, 2, LAST_COL, "对 账 单  STATEMENT OF ACCOUNT", styles.title)
    return 4


def _sheet_name(st: Statement, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", "_", f"{st.client_code} {st.client_name}")[:31].strip() or "对账单"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def write_statements(path: str | Path, statements_by_client: Iterable[list[Statement]]) -> Path:
    """One workbook, one sheet per client; each currency of the client is a block.

    Written to a temporary file beside ``path`` and renamed over it, so a file
    that cannot be written leaves neither a half file nor (see
    export_statements) a statement number used up.
    """
    path = Path(path)
    _publish([(_write_temp(path, statements_by_client), path)])
    return path


def _temp_beside(path: Path) -> Path:
    return path.with_name(f".~{path.name}.{os.getpid()}.tmp")


def _publish(pairs: list[tuple[Path, Path]]) -> None:
    """Rename every temporary file over its target; on a failure remove the temporary files."""
    try:
        for tmp, final in pairs:
            try:
                os.replace(tmp, final)
            except OSError as exc:
                raise cannot_write(final, exc) from None
    finally:
        for tmp, _final in pairs:
            tmp.unlink(missing_ok=True)


def _write_temp(path: Path, statements_by_client: Iterable[list[Statement]]) -> Path:
    check_target(path)
    tmp = _temp_beside(path)
    try:
        _write_book(tmp, path, statements_by_client)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _write_book(tmp: Path, path: Path, statements_by_client: Iterable[list[Statement]]) -> None:
    wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    styles = _Styles(wb)
    used: set[str] = set()
    wrote = False
    for sts in statements_by_client:
        if not sts:
            continue
        ws = wb.add_worksheet(_sheet_name(sts[0], used))
        for c, w in enumerate(WIDTHS):
            ws.set_column(c, c, w)
        ws.set_paper(9)  # A4
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        row = _company_header(ws, styles)
        for st in sts:
            row = write_statement_block(ws, st, styles, row)
        wrote = True
    if not wrote:
        wb.add_worksheet("对账单")
    close_workbook(wb, path)


def build_statements(client_id: int, date_from, date_to, currency: str | None = None, *,
                     issue: bool = True) -> list[Statement]:
    """The client's statements (one per currency), numbered when ``issue``."""
    sts = statement(client_id, date_from, date_to, currency)
    return [issue_statement(st) for st in sts] if issue else sts


def export_statement(path: str | Path, client_id: int, date_from, date_to, currency: str | None = None, *,
                     issue: bool = True) -> tuple[Path, list[Statement]]:
    """One client's 对账单 to ``path``; returns the path and the statements written.

    The number is taken in the same transaction that writes and renames the
    file: if the file cannot be written, no number is used up.
    """
    path = Path(path)
    check_target(path)
    with _issuing(issue):
        sts = build_statements(client_id, date_from, date_to, currency, issue=issue)
        _publish([(_write_temp(path, [sts]), path)])
    return path, sts


def _issuing(issue: bool):
    return write_transaction() if issue else nullcontext()


def export_statements(target: str | Path, client_ids: Iterable[int], date_from, date_to, *,
                      currency: str | None = None, one_file_each: bool = False,
                      issue: bool = True) -> list[Path]:
    """Several clients at once: one workbook (``target`` is a file) with a sheet per
    client, or one file per client (``target`` is a folder) named 对账单_<code>_<from>_<to>.xlsx."""
    target = Path(target)
    check_target(target)  # before statement numbers are taken
    if one_file_each:
        target.mkdir(parents=True, exist_ok=True)
    with _issuing(issue):  # numbers are kept only if every file was written and renamed
        all_sts = [build_statements(cid, date_from, date_to, currency, issue=issue) for cid in client_ids]
        if not one_file_each:
            files = [(target, all_sts)]
        else:
            files = []
            for sts in all_sts:
                if sts:
                    st = sts[0]
                    code = re.sub(r"[^\w\-]+", "_", st.client_code)
                    files.append((target / f"对账单_{code}_{st.date_from:%Y%m%d}_{st.date_to:%Y%m%d}.xlsx", [sts]))
        pairs: list[tuple[Path, Path]] = []
        try:
            for path, groups in files:
                pairs.append((_write_temp(path, groups), path))
        except BaseException:
            for tmp, _path in pairs:
                tmp.unlink(missing_ok=True)
            raise
        _publish(pairs)
    return [path for _tmp, path in pairs]

