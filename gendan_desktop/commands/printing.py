"""``print``: write production sheets, flow cards, quotations/PI and statements as PDF.

    gendan-desktop print production-sheet ORDER_NO FILE.pdf
    gendan-desktop print flow-cards ORDER_NO FILE.pdf [--cards N1,N2] [--layout a5|a4x2]
    gendan-desktop print quotation QUOTATION_OR_PI_NO FILE.pdf
    gendan-desktop print statement CLIENT_CODE FILE.pdf --from DATE --to DATE [--currency USD]

Production sheets and flow cards written this way count as printed copies
(the paper the floor holds, to be recalled if the order changes) unless
``--no-record`` is given.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from contextlib import nullcontext
from pathlib import Path

from ..core.db import (
    close_database,
    database_is_writable,
    open_database,
    refuse_database_file,
    write_transaction,
)
from ..core.errors import ValidationError
from ..core.limits import COPIES
from . import bounded_int, db_url, say

WHATS = ["production-sheet", "flow-cards", "quotation", "statement"]


def add_commands(subparsers, common_parent) -> None:
    p = subparsers.add_parser(
        "print", parents=[common_parent],
        help="write a production sheet, flow cards, a quotation/PI or a statement as PDF",
        description="Write printable paper as PDF. Production sheets and flow cards are counted as "
                    "printed copies (to be recalled if the order changes) unless --no-record is given.",
    )
    p.add_argument("what", choices=WHATS, help="which document")
    p.add_argument("ref", metavar="NUMBER",
                   help="order number (production-sheet, flow-cards), quotation or PI number, or client code "
                        "(statement)")
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("--cards", metavar="N1,N2", default="", help="flow-cards: only these card numbers")
    p.add_argument("--layout", choices=["a5", "a4x2"], default=None,
                   help="flow-cards: one A5 card per page, or two per A4 (default: the setting flow_card_layout)")
    p.add_argument("--copies", type=bounded_int(COPIES), default=1, metavar="N",
                   help="copies to count as printed (default 1, 1 to 1000); checked before anything is written")
    p.add_argument("--no-record", action="store_true", help="do not count the PDF as printed paper")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="statement: first day of the period")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="statement: last day (default today)")
    p.add_argument("--currency", metavar="CUR", help="statement: only this currency")
    p.add_argument("--issue", action="store_true", help="statement: give it a statement number")
    p.set_defaults(func=cmd_print)


def _date(text: str | None, name: str, default: dt.date | None = None) -> dt.date:
    if not text:
        if default is None:
            raise ValidationError(f"请用 --{name} 给出日期(YYYY-MM-DD)。", f"Give --{name} as YYYY-MM-DD.", field=name)
        return default
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"--{name} 的日期“{text}”格式不对,应为 YYYY-MM-DD。",
                              f"The date “{text}” given to --{name} is not YYYY-MM-DD.", field=name) from None


def _write(path: str, pdf: bytes) -> Path:
    """Write ``pdf`` to a temporary file beside ``path``, then rename it over ``path``."""
    out = Path(path)
    refuse_database_file(out)
    tmp = out.with_name(f".~{out.name}.{os.getpid()}.tmp")
    try:
        if out.parent and not out.parent.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(pdf)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValidationError(f"无法写入文件“{out}”:{exc.strerror}。请换一个位置或关闭占用该文件的程序。",
                              f"Cannot write “{out}”: {exc.strerror}. Choose another place or close the program "
                              "holding the file.", field="file") from None
    return out


def cmd_print(args) -> int:
    url = db_url(args)
    counts = args.what in ("production-sheet", "flow-cards") and not args.no_record
    unrecorded = counts and not database_is_writable(url)
    if unrecorded:  # read-only folder or medium: print, but say the paper is not counted
        args.no_record = True
    if args.what == "statement" and args.issue and not database_is_writable(url):
        raise ValidationError("数据库只读,无法编号对账单。请去掉 --issue 再打印。",
                              "The database is read-only, so no statement number can be issued; "
                              "print without --issue.", field="issue")
    writes = (counts and not unrecorded) or (args.what == "statement" and args.issue)
    open_database(url, create=False, readonly=not writes)
    try:
        code = _run(args)
    finally:
        close_database()
    if unrecorded:
        say("数据库只读(只读的文件夹或介质):PDF 已写入,但未计入已发出的纸张。",
            "The database is read-only (read-only folder or medium): the PDF was written but not counted as printed "
            "paper.", file=sys.stderr)
    return code


def _run(args) -> int:
    from ..printing import service  # reportlab loads only when something is printed, not on every start

    if args.what in ("production-sheet", "flow-cards"):
        order = service.order_by_number(args.ref)
        if args.what == "production-sheet":
            sheet = service.sheet_for_order(order.id)
            out = _write(args.file, service.production_sheet_pdf(sheet.id))
            if not args.no_record:
                service.record_printed("production_sheet", [sheet.id], args.copies)
            say(f"生产单 {sheet.number} R{sheet.revision} 已写入 {out}", f"Production sheet {sheet.number} "
                f"R{sheet.revision} written to {out}")
            return 0
        ids = service.card_ids_by_number(order.id, args.cards.split(",")) if args.cards else None
        cards = service.flow_cards_to_print(order.id, ids)  # without --cards: the live cards
        out = _write(args.file, service.render_cards(cards, args.layout))
        ids = [c.id for c in cards if c.id is not None]
        if not args.no_record:
            service.record_printed("flow_card", ids, args.copies)
        say(f"{len(ids)} 张流程卡已写入 {out}", f"{len(ids)} flow cards written to {out}")
        return 0
    if args.what == "quotation":
        q = service.quotation_by_number(args.ref)
        out = _write(args.file, service.quotation_pdf(q.id))
        say(f"{'PI' if q.pi_number else '报价单'} {args.ref} 已写入 {out}", f"{args.ref} written to {out}")
        return 0
    client = service.client_by_code(args.ref)
    # an issued number is kept only if the file is written: both in one transaction
    with write_transaction() if args.issue else nullcontext():
        pdf = service.client_statement_pdf(client.id, _date(args.date_from, "from"),
                                           _date(args.date_to, "to", dt.date.today()), args.currency,
                                           issue=args.issue)
        out = _write(args.file, pdf)
    say(f"客户 {client.code} 的对账单已写入 {out}", f"Statement of {client.code} written to {out}")
    return 0
