"""The command line as scripts use it: `python -m gendan_desktop …` in a subprocess."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from gendan_desktop import __version__
from gendan_desktop.core.migrations import latest_version

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env_extra: dict | None = None, timeout: int = 180) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GENDAN_DB", "GENDAN_LANG", "LC_ALL", "LANGUAGE")}
    env["LANG"] = "C.UTF-8"
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "gendan_desktop", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)


def _lines(out: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in out.splitlines() if ": " in line and not line.startswith(" "))


def test_version():
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"gendan-desktop {__version__}"


def test_demo_then_check_reports_every_table(tmp_path):
    db = tmp_path / "demo.sqlite3"
    proc = run("demo", "--db", str(db), "--clients", "12", "--orders", "40", "--seed", "7")
    assert proc.returncode == 0, proc.stderr
    assert "演示数据已写入" in proc.stdout

    proc = run("--db", str(db), "check")  # --db before the subcommand too
    assert proc.returncode == 0, proc.stdout + proc.stderr
    fields = _lines(proc.stdout)
    assert fields["schema_version"] == str(latest_version())
    assert fields["integrity_check"] == "ok"
    assert fields["client"] == "12"
    assert int(fields["order"]) >= 40  # plus remake orders of complaints
    for table in ("follow_up", "quotation", "sample", "order_revision", "production_sheet", "flow_card",
                  "flow_card_step", "progress_report", "material_requirement", "purchase_follow_up",
                  "production_exception", "shipment", "payment", "complaint", "factory", "audit_log"):
        assert int(fields[table]) > 0, table

    # a second demo into the same database is refused, nothing added
    proc = run("demo", "--db", str(db), "--clients", "3", "--orders", "3")
    assert proc.returncode == 1
    assert "空数据库" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert _lines(run("check", "--db", str(db)).stdout)["client"] == "12"


def test_check_fails_on_a_broken_database(tmp_path):
    db = tmp_path / "broken.sqlite3"
    assert run("demo", "--db", str(db), "--clients", "3", "--orders", "5").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE order_line SET order_id = 999999 WHERE id = 1")  # an orphan line
    conn.commit()
    conn.close()
    proc = run("check", "--db", str(db), "--lang", "en")
    assert proc.returncode == 1
    assert "integrity_check: FAILED" in proc.stdout
    assert "order_line" in proc.stdout
    assert "Restore a backup" in proc.stderr


def test_demo_creates_a_database_with_the_current_schema_and_gendan_db_is_used(tmp_path):
    db = tmp_path / "sub" / "new.sqlite3"
    proc = run("demo", "--clients", "0", "--orders", "0", env_extra={"GENDAN_DB": str(db)})
    assert proc.returncode == 0, proc.stderr
    assert db.exists()
    proc = run("check", env_extra={"GENDAN_DB": str(db)})
    assert proc.returncode == 0, proc.stderr
    fields = _lines(proc.stdout)
    assert fields["database"] == str(db.resolve())
    assert fields["schema_version"] == str(latest_version())
    assert fields["order"] == "0"
    # --db wins over GENDAN_DB
    other = tmp_path / "other.sqlite3"
    assert run("demo", "--db", str(other), "--clients", "0", "--orders", "0").returncode == 0
    proc = run("check", "--db", str(other), env_extra={"GENDAN_DB": str(db)})
    assert _lines(proc.stdout)["database"] == str(other.resolve())


def test_backup_and_restore_round_trip(tmp_path):
    db = tmp_path / "live.sqlite3"
    assert run("demo", "--db", str(db), "--clients", "4", "--orders", "6").returncode == 0
    backup = tmp_path / "copy.sqlite3"
    proc = run("backup", str(backup), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert backup.exists()

    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM audit_log")
    conn.commit()
    conn.close()
    assert _lines(run("check", "--db", str(db)).stdout)["audit_log"] == "0"

    proc = run("--lang", "en", "restore", "--db", str(db), str(backup))
    assert proc.returncode == 0, proc.stderr
    assert "Restored" in proc.stdout and "kept as" in proc.stdout
    fields = _lines(run("check", "--db", str(db)).stdout)
    assert int(fields["audit_log"]) > 0

    # a text file is refused and the database is left as it is
    text = tmp_path / "readme.txt"
    text.write_text("hello", encoding="utf-8")
    before = db.read_bytes()
    proc = run("restore", str(text), "--db", str(db))
    assert proc.returncode == 1
    assert "不是数据库文件" in proc.stderr
    assert db.read_bytes() == before


def test_usage_errors_exit_2(tmp_path):
    for args in (["no-such-command"], ["demo", "--clients", "many"], ["demo", "--orders", "-3"], ["backup"],
                 ["check", "--lang", "fr"]):
        proc = run(*args, "--db", str(tmp_path / "x.sqlite3"))
        assert proc.returncode == 2, args
        assert "usage:" in proc.stderr
    assert not (tmp_path / "x.sqlite3").exists()


def test_messages_follow_lang_and_locale(tmp_path):
    text = tmp_path / "not-a-db.sqlite3"
    text.write_text("plain text", encoding="utf-8")
    zh = run("check", "--db", str(text))
    en = run("check", "--db", str(text), "--lang", "en")
    locale_en = run("check", "--db", str(text), env_extra={"LANG": "en_US.UTF-8"})
    assert zh.returncode == en.returncode == locale_en.returncode == 1
    assert "不是跟单桌面的数据库文件" in zh.stderr
    assert "is not a Gendan Desktop database" in en.stderr
    assert "is not a Gendan Desktop database" in locale_en.stderr
    assert run("check", "--db", str(text), "--lang", "zh",
               env_extra={"LANG": "en_US.UTF-8"}).stderr == zh.stderr


def test_backup_of_postgres_says_pg_dump():
    # No server is contacted: the URL alone says it is PostgreSQL.
    proc = run("restore", "x.sqlite3", "--db", "postgresql://nobody@127.0.0.1:1/none", "--lang", "en")
    assert proc.returncode == 1
    assert "pg_dump" in proc.stderr


def test_a_failing_disk_operation_is_one_sentence(tmp_path):
    db = tmp_path / "live.sqlite3"
    assert run("demo", "--db", str(db), "--clients", "0", "--orders", "0").returncode == 0
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    proc = run("backup", str(blocker / "backup.sqlite3"), "--db", str(db), "--lang", "en")
    assert proc.returncode == 1
    assert proc.stderr.startswith("The command failed:") and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
