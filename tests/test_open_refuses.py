"""A file that is not a database, or is damaged, is refused at open and never written to."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gendan_desktop.core.db import close_database, open_database
from gendan_desktop.core.errors import DatabaseError
from gendan_desktop.core.models import Client

ROOT = Path(__file__).resolve().parent.parent


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text_file(tmp_path: Path) -> Path:
    p = tmp_path / "客户名单.txt"
    p.write_text("张三 13800000000\n李四 13900000000\n", encoding="utf-8")
    return p


def _corrupt_db(tmp_path: Path) -> Path:
    p = tmp_path / "damaged.sqlite3"
    open_database(str(p))
    for i in range(300):
        Client.create(code=f"C{i:04d}", name=f"客户{i}" * 5, notes="备注" * 50)
    close_database()
    data = bytearray(p.read_bytes())
    data[4096 * 3:4096 * 6] = b"\x00\xff" * (3 * 2048)
    p.write_bytes(bytes(data))
    return p


@pytest.mark.parametrize("make", [_text_file, _corrupt_db], ids=["text", "corrupt"])
def test_open_database_refuses_and_leaves_the_file_alone(tmp_path, make):
    # A damaged page is found by quick_check, which runs where it matters
    # (check, demo, backup, restore, after an unclean shutdown, the window's
    # daily check: see test_cheap_open.py); a non-database is refused always.
    path = make(tmp_path)
    before = _digest(path)
    siblings = sorted(os.listdir(tmp_path))
    with pytest.raises(DatabaseError) as err:
        open_database(str(path), quick_check=True)
    assert "未做任何修改" in err.value.zh and "恢复" in err.value.zh
    assert "nothing was changed" in err.value.en and "backup" in err.value.en
    assert _digest(path) == before
    assert sorted(os.listdir(tmp_path)) == siblings  # no -wal/-shm/journal appeared


@pytest.mark.parametrize("make", [_text_file, _corrupt_db], ids=["text", "corrupt"])
def test_cli_refuses_db_with_one_sentence(tmp_path, make):
    path = make(tmp_path)
    before = _digest(path)
    for args, lang_word in [(["check", "--db", str(path)], "未做任何修改"),
                            (["--db", str(path), "--lang", "en", "demo", "--clients", "2", "--orders", "2"],
                             "nothing was changed")]:
        proc = subprocess.run([sys.executable, "-m", "gendan_desktop", *args], cwd=ROOT, capture_output=True,
                              text=True, encoding="utf-8", env={**os.environ, "LANG": "C.UTF-8"}, timeout=120)
        assert proc.returncode == 1, proc.stderr
        assert lang_word in proc.stderr
        assert "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
        assert _digest(path) == before
