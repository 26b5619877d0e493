"""Printable paper: production sheets, flow cards, quotations/PI, statements.

Each document is built in two steps: ``load_*`` reads the database into plain
data (so rendering can run on a worker thread without touching the database),
then ``render_*`` draws it with reportlab into PDF bytes. ``service.py`` ties
the two together and records every printed copy. The A4 documents of variable
length are laid out with platypus (``flow.py``) and share their page, footer,
continuation title, title block, table cells and signature lines (``page.py``);
flow cards are drawn on the bare canvas (``layout.py``).

Entry points:

* ``service.production_sheet_pdf(sheet_id)``, ``service.sheet_for_order(order_id)``
* ``service.flow_cards_pdf(order_id, card_ids=None, layout=None)``
* ``service.record_printed(kind, ids, copies=1)``; ``service.copies_to_recall(order_id=None)``
* ``quotation.quotation_pdf(quotation_id)`` (a PI when the quotation has a PI number)
* ``statement_pdf.statement_pdf(client_id, date_from, date_to, currency=None, issue=False)``,
  ``statement_pdf.render_statements(statements)``

Settings read: the company profile of core/company.py (names in Chinese and
English, address, phone, the logo kept as PNG in the database; an older image
path in company_logo still works), company_bank (PI), print_client_as
(name|code), flow_card_layout (a5|a4x2). ``handover_pdf.handover_pdf(client_ids,
leaver, successor)``: the hand-over report. Qt preview/print lives in gui/kit/printing_actions.py.
"""
