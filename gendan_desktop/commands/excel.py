"""Excel subcommands: import, export, statement, template."""

from __future__ import annotations

import sys

from ..core.errors import current_language
from . import db_url, say


def _open(args, *, readonly: bool = False):
    """The database of ``--db``; it must exist (only the window, ``demo`` and an
    explicit "new database" make one). ``readonly``: the command only reads."""
    from ..core.db import open_database

    return open_database(db_url(args), create=False, readonly=readonly)


def add_commands(subparsers, common_parent) -> None:
    from ..excel.export_names import NAMES

    p = subparsers.add_parser(
        "import", parents=[common_parent], help="import clients or orders (one row per order line) from Excel",
        description="Import clients or orders from .xlsx/.xls/.ods. Every row is checked first; by default one "
                    "invalid row means nothing is written (exit 1).")
    p.add_argument("kind", choices=["clients", "orders"])
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    p.add_argument("--skip-invalid", action="store_true", help="write the valid rows, report the others")
    p.add_argument("--on-duplicate", choices=["skip", "update", "create"], default="skip",
                   help="what to do with a client/order that already exists (default: skip)")
    p.add_argument("--create-missing-clients", action="store_true",
                   help="orders: create clients that are not in the database instead of refusing the rows")
    p.add_argument("--sheet", metavar="NAME", help="worksheet to read (default: the one with a recognisable header)")
    p.add_argument("--error-report", metavar="XLSX", help="also save the problems found to this .xlsx")
    p.set_defaults(func=cmd_import)

    p = subparsers.add_parser("export", parents=[common_parent], help="export a list to .xlsx")
    p.add_argument("kind", choices=list(NAMES))
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_export)

    p = subparsers.add_parser("statement", parents=[common_parent],
                              help="write a client's statement (对账单) for a period to .xlsx")
    p.add_argument("client", metavar="CLIENT", help="client code or name")
    p.add_argument("--also", action="append", default=[], metavar="CLIENT",
                   help="another client in the same workbook (one sheet each); repeatable")
    p.add_argument("--from", dest="date_from", required=True, metavar="DATE")
    p.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    p.add_argument("--currency", metavar="CUR", help="only this currency (default: every currency with movements)")
    p.add_argument("--one-file-each", action="store_true",
                   help="with several clients: FILE is a folder, one workbook per client")
    p.add_argument("--preview", action="store_true", help="do not issue a statement number")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_statement)

    p = subparsers.add_parser("template", parents=[common_parent], help="save a blank import template")
    p.add_argument("kind", choices=["clients", "orders"])
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_template)


def cmd_import(args) -> int:
    from ..core.db import close_database
    from ..excel import importer

    _open(args)
    try:
        plan = importer.prepare(args.file, args.kind, sheet=args.sheet)
        cols = "、".join(f"{plan.column_label(c)}→{next(s.zh for s in plan.fields if s.name == n)}"
                        for c, n in sorted(plan.mapping.items()))
        say(f"工作表“{plan.sheet_name}”,表头在第 {plan.header_row + 1} 行;列对应:{cols}",
            f"Sheet “{plan.sheet_name}”, header on row {plan.header_row + 1}; columns: "
            + ", ".join(f"{plan.column_label(c)}→{n}" for c, n in sorted(plan.mapping.items())))
        result = importer.run(plan, on_duplicate=args.on_duplicate, skip_invalid=args.skip_invalid,
                              dry_run=args.dry_run, create_missing_clients=args.create_missing_clients)
    finally:
        close_database()
    print(result.summary())
    for e in result.errors[:200]:
        print("  " + e.message(), file=sys.stderr)
    if len(result.errors) > 200:
        say(f"  ……另有 {len(result.errors) - 200} 条错误(用 --error-report 保存全部)。",
            f"  … {len(result.errors) - 200} more errors (save them all with --error-report).", file=sys.stderr)
    for n in result.notes[:50]:
        print("  " + n.message())
    if args.error_report and (result.errors or result.notes):
        importer.save_error_report(result, args.error_report)
        say(f"问题清单已保存到 {args.error_report}。", f"The list of problems was saved to {args.error_report}.")
    if args.dry_run:
        would_write = result.created or result.updated
        return 1 if result.errors and (not args.skip_invalid or not would_write) else 0
    return 1 if result.errors and not result.written else 0


def _cannot_write(path, exc) -> int:
    say(f"无法写入“{path}”:{exc.strerror or exc}。请检查文件夹是否存在、文件是否正被 Excel 打开。",
        f"Cannot write “{path}”: {exc.strerror or exc}. Check that the folder exists and the file is not open "
        "in Excel.", file=sys.stderr)
    return 1


def cmd_export(args) -> int:
    from ..core.db import close_database
    from ..excel.named_exports import export_named

    _open(args, readonly=True)
    try:
        path, n = export_named(args.kind, args.file)
    except OSError as exc:
        return _cannot_write(args.file, exc)
    finally:
        close_database()
    say(f"已导出 {n} 行到 {path}。", f"Exported {n} rows to {path}.")
    return 0


def cmd_statement(args) -> int:
    from ..core.clients import client_by_code_or_name
    from ..core.db import close_database
    from ..excel.statement_xlsx import build_statements, export_statements

    _open(args, readonly=args.preview)
    try:
        ids = [client_by_code_or_name(c).id for c in [args.client, *args.also]]
        try:
            paths = export_statements(args.file, ids, args.date_from, args.date_to, currency=args.currency,
                                      one_file_each=args.one_file_each, issue=not args.preview)
        except OSError as exc:
            return _cannot_write(args.file, exc)
        # the summary repeats the figures just written (statement() is read-only)
        for cid in ids:
            for st in build_statements(cid, args.date_from, args.date_to, args.currency, issue=False):
                say(f"{st.client_code} {st.client_name} {st.currency}:上期结余 {st.opening:,.2f},"
                    f"出货 {st.total_shipped:,.2f},扣款 {st.total_credits:,.2f},收款 {st.total_paid:,.2f},"
                    f"期末应收 {st.closing:,.2f}({st.closing_in_words})",
                    f"{st.client_code} {st.client_name} {st.currency}: opening {st.opening:,.2f}, shipped "
                    f"{st.total_shipped:,.2f}, credits {st.total_credits:,.2f}, paid {st.total_paid:,.2f}, "
                    f"closing {st.closing:,.2f}")
    finally:
        close_database()
    for p in paths:
        say(f"对账单已保存到 {p}。", f"Statement saved to {p}.")
    return 0


def cmd_template(args) -> int:
    from ..excel.templates import save_template

    path = save_template(args.kind, args.file, lang=current_language())
    say(f"导入模板已保存到 {path}。", f"Import template saved to {path}.")
    return 0
