"""The log file rotates: it never grows past a few megabytes on a merchandiser's disk."""

from __future__ import annotations

from gendan_desktop import applog


def test_log_rotates_at_its_size_and_keeps_five_old_files(tmp_path):
    path = applog.setup_logging(tmp_path / "日志" / "gendan.log", catch_fatal=False)
    try:
        line = "跟单 " * 100
        for i in range(int(applog.MAX_BYTES * (applog.BACKUPS + 2) / len(line.encode())) + 10):
            applog.log.info("%d %s", i, line)
    finally:
        applog.close_logging()
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["gendan.log"] + [f"gendan.log.{n}" for n in range(1, applog.BACKUPS + 1)]
    # (the handler measures the next line in characters, the file in bytes: one line of slack)
    assert all(p.stat().st_size <= applog.MAX_BYTES + 2 * len(line.encode()) for p in path.parent.iterdir())
    assert path.read_text(encoding="utf-8").splitlines()[-1].endswith(line)
