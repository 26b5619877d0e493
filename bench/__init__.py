"""Gendan Desktop's benchmarks: ``python -m bench`` prints one table.

Every row: name, our median, the baseline's median on the same data in the
same run, the ratio, the target, pass/fail. Groups: start-up and peak memory
of the window (rows_process), a CLI command's fixed cost and imports
(rows_process), every list action (rows_lists), core queries (rows_core), and
files and bulk writes (rows_files). Data sets are cached under bench/.data/
(data.py); docs/benchmarks.md holds the last table of each size (table.py).
Never part of the test suite: tests/test_bench_smoke.py only runs ``--quick``
on tiny data and checks the table's shape.
"""
