"""Excel in and out: safe reading, import of clients and orders, exports, 对账单.

Modules: reader (guarded opening), header (header row + column synonyms),
importer (the Qt-free import API: prepare → run → save_error_report),
import_clients / import_orders (the two kinds), exporter (export_rows for any
list), named_exports (the CLI's lists), templates (blank import templates),
statement_xlsx (对账单 workbooks).
"""
