"""Printable paper: production sheets, flow cards, quotations/PI, statements.

Each document is built in two steps: ``load_*`` reads the database into plain
data (so rendering can run on a worker thread without touching the database),
then ``render_*`` draws it with reportlab into PDF bytes. ``service.py`` ties
the two together and records every printed copy.
"""
