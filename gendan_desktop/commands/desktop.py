"""The installation itself: ``selftest`` (does it work?) and ``info`` (where is everything?)."""

from __future__ import annotations

import sys

from ..core.errors import current_language
from . import db_url

INFO_ZH = {"version": "版本", "program_folder": "程序文件夹", "portable": "便携模式", "data_folder": "数据文件夹",
           "database": "数据库", "network_share": "网络共享", "log_file": "日志文件", "settings": "设置"}


def add_commands(subparsers, common_parent) -> None:
    p = subparsers.add_parser(
        "selftest", parents=[common_parent],
        help="check this installation: database, PDF with the CJK font, xlsx, forms, translations, window",
        description="Check this installation in a temporary folder (the user's database is not touched): "
                    "one line per check; exit 1 naming the first failure.",
    )
    p.set_defaults(func=cmd_selftest)
    p = subparsers.add_parser(
        "info", parents=[common_parent],
        help="version, data folder, database, log and settings file (portable mode, network share)",
    )
    p.set_defaults(func=cmd_info)


def cmd_selftest(args) -> int:
    from ..selftest import run_selftest

    return run_selftest(lambda line: print(line, file=sys.stdout, flush=True))


def cmd_info(args) -> int:
    from ..about import installation_facts
    en = current_language() == "en"
    for key, value, english in installation_facts(db_url(args)):
        print(f"{english if en else INFO_ZH[key]}: {value}")
    return 0
