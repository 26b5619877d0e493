"""Global search: FTS5 trigram vs LIKE '%…%' on a demo database.

    python bench/search_bench.py [DB]   (default: a fresh 10k clients / 100k orders demo in bench/out/)

Prints milliseconds per query (median of repeats) and the LIKE/FTS ratio.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gendan_desktop.core import search  # noqa: E402
from gendan_desktop.core.db import current_database, open_database  # noqa: E402


def _ms(func, repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        func()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    if len(sys.argv) > 1:
        open_database(sys.argv[1])
    else:
        out = Path(__file__).resolve().parent / "out"
        out.mkdir(exist_ok=True)
        path = out / "search_bench.sqlite3"
        fresh = not path.exists()
        open_database(str(path))
        if fresh:
            from gendan_desktop.core.demo import fill_demo

            t = time.perf_counter()
            fill_demo(clients=10_000, orders=100_000, seed=1)
            print(f"demo fill 10k clients / 100k orders: {time.perf_counter() - t:.1f} s")
    db = current_database()
    n_orders = db.execute_sql('SELECT COUNT(*) FROM "order"').fetchone()[0]
    n_clients = db.execute_sql('SELECT COUNT(*) FROM client').fetchone()[0]
    print(f"{n_clients} clients, {n_orders} orders")
    sample_po = db.execute_sql("SELECT client_po FROM \"order\" WHERE client_po <> '' LIMIT 1 OFFSET 5000").fetchone()[0]
    sample_name = db.execute_sql("SELECT name FROM client WHERE name LIKE '%有限公司' LIMIT 1 OFFSET 300").fetchone()[0]
    cases = [
        ("order PO", "order", sample_po[2:8], 'SELECT id FROM "order" WHERE number LIKE ? OR client_po LIKE ?', 2),
        ("client name (Chinese)", "client", sample_name[2:5],
         "SELECT id FROM client WHERE name LIKE ? OR name_en LIKE ? OR code LIKE ? OR pinyin LIKE ? OR email LIKE ?", 5),
        ("flow card number", "flow_card", "2611-01", "SELECT id FROM flow_card WHERE number LIKE ?", 1),
    ]
    for label, kind, text, like_sql, n in cases:
        like = _ms(lambda: db.execute_sql(like_sql, [f"%{text}%"] * n).fetchall())
        fts = _ms(lambda: search.matching_id_list(kind, text))
        hits = len(search.matching_id_list(kind, text))
        print(f"{label:24} {text!r:14} hits={hits:6}  LIKE {like:7.1f} ms   FTS {fts:6.2f} ms   ratio {like / fts:6.1f}x")
    whole = _ms(lambda: search.search(sample_name[2:5]), repeat=9)
    print(f"search() global, 3 kinds, limit 50: {whole:.2f} ms")
    short = _ms(lambda: search.search("SO"), repeat=9)
    print(f"search() 2-char prefix fallback 'SO': {short:.2f} ms")


if __name__ == "__main__":
    main()
