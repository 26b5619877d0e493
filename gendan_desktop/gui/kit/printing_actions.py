"""Print and preview from the app: production sheets, flow cards, quotations, statements.

What the tabs call::

    preview_production_sheet(parent, order_id)            -> QueryOp (preview opens when rendered)
    preview_flow_cards(parent, order_id, card_ids=None)   -> QueryOp (preview opens when rendered)
    print_flow_cards(parent, order_id, card_ids=None)     -> QueryOp: read, print dialog, then batch print
    preview_quotation(parent, quotation_id)               -> PdfPreviewDialog
    preview_statement(parent, client_id, date_from, date_to, currency=None)

The preview shows the rendered pages (QtPdf), prints through the system print
dialog by rendering each page onto the QPrinter, or hands the PDF to the
system viewer. Reading the records, rendering and printing run off the GUI
thread (``operations.QueryOp``), the long ones with a cancellable progress
dialog; the preview opens (on the GUI thread) when its PDF is ready. A failed
read is said once (operations.show_error; "no flow cards yet" is the printing
service's NotFound).

A production sheet or flow card counts as printed (``printing.service.
record_printed``) whenever a copy leaves the app: the print dialog was
accepted and every page went to the printer, the PDF was saved to a file, or
it was opened in the system viewer (the app cannot see what happens to a file
or in the viewer, so each counts as one copy: over-counting only means asking
for a copy that is not out; under-counting leaves void paper on the floor).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.changes import NOTHING, OpChanges
from .operations import Cancelled, CollectionOp, QueryOp, changes, show_error

PRINT_DPI_MAX = 300  # pages are rendered at the printer's resolution, capped here


def tr(text: str) -> str:
    return QCoreApplication.translate("PrintPreview", text)


_TEMP_DIR: list[Path] = []


def temp_pdf(data: bytes, name: str) -> Path:
    """Write ``data`` to a file in this session's temp folder (the viewer needs a path)."""
    if not _TEMP_DIR:
        import atexit
        import shutil

        _TEMP_DIR.append(Path(tempfile.mkdtemp(prefix="gendan-print-")))
        # a file still open in a viewer (Windows) is simply left behind
        atexit.register(shutil.rmtree, _TEMP_DIR[0], ignore_errors=True)
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name) or "document"
    path = _TEMP_DIR[0] / f"{safe}.pdf"
    n = 1
    while path.exists():  # an open viewer may hold the previous file
        n += 1
        path = _TEMP_DIR[0] / f"{safe}-{n}.pdf"
    path.write_bytes(data)
    return path


def print_pdf_pages(pdf_path: str | Path, printer: QPrinter,
                    progress: Callable[[int, int], None] | None = None) -> int:
    """Paint every page of the PDF onto ``printer``; returns the pages printed.

    Safe in a worker thread (QPainter on a QPrinter is; the QPdfDocument is
    created here, in the calling thread). ``progress(done, total)`` may raise
    ``Cancelled`` to stop between pages; the pages already sent stay sent.
    """
    doc = QPdfDocument()
    doc.load(str(pdf_path))
    if doc.status() != QPdfDocument.Status.Ready:
        raise RuntimeError(f"cannot read {pdf_path}: {doc.error()}")
    total = doc.pageCount()
    first = doc.pagePointSize(0)
    # our documents have one page size throughout; a landscape page (A5 cards)
    # is the portrait paper size turned, so the printer picks its real tray size
    w, h = first.width(), first.height()
    orientation = QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait
    paper = QPageSize(QSizeF(min(w, h), max(w, h)), QPageSize.Unit.Point)
    layout = QPageLayout(paper, orientation, QMarginsF(0, 0, 0, 0))
    layout.setMode(QPageLayout.Mode.FullPageMode)
    printer.setPageLayout(layout)
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("the printer could not be started")
    done = 0
    try:
        for i in range(total):
            if i:
                printer.newPage()
            size = doc.pagePointSize(i)
            target = QRectF(painter.viewport())
            dpi = min(printer.resolution(), PRINT_DPI_MAX)
            px = QSize(max(1, round(size.width() / 72 * dpi)), max(1, round(size.height() / 72 * dpi)))
            image = doc.render(i, px)
            # keep the aspect ratio: fit the page image into the printable area
            scale = min(target.width() / px.width(), target.height() / px.height())
            w, h = px.width() * scale, px.height() * scale
            painter.drawImage(QRectF(target.x() + (target.width() - w) / 2, target.y(), w, h), image)
            done += 1
            if progress is not None:
                progress(done, total)
    finally:
        painter.end()
    return done


class PdfPreviewDialog(QDialog):
    """Rendered pages with Print…, Open in system viewer and Save PDF….

    ``on_printed(copies)`` records the copies that left the app (a core call
    returning OpChanges, ``_recorder``): run in the print's worker after a
    successful print, and as a write op with one copy after saving the PDF or
    opening it in the viewer (``record_op``).
    """

    def __init__(self, parent: QWidget | None, pdf: bytes, title: str, *,
                 on_printed: Callable[[int], OpChanges] | None = None, file_name: str = "document"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.pdf_bytes = pdf
        self.pdf_path = temp_pdf(pdf, file_name)
        self.on_printed = on_printed
        self.printed_pages = 0
        self.record_op: CollectionOp | None = None  # the last count of copies written
        self.document = QPdfDocument(self)
        self.document.load(str(self.pdf_path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.print_button = QPushButton(tr("打印(&P)…"), self)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_with_dialog)
        self.viewer_button = QPushButton(tr("用系统查看器打开(&O)"), self)
        self.viewer_button.setToolTip(tr("在系统的 PDF 查看器中打开;计为已打印一份。"))
        self.viewer_button.clicked.connect(self.open_in_viewer)
        self.save_button = QPushButton(tr("另存为 PDF(&S)…"), self)
        self.save_button.setToolTip(tr("保存为 PDF 文件;计为已打印一份。"))
        self.save_button.clicked.connect(self.save_as)
        self.fit_width = QPushButton(tr("适合宽度"), self)
        self.fit_width.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page = QPushButton(tr("整页"), self)
        self.fit_page.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        close = QPushButton(tr("关闭"), self)
        close.clicked.connect(self.reject)
        self.pages_label = QLabel(tr("共 %1 页").replace("%1", str(self.document.pageCount())), self)

        bar = QHBoxLayout()
        for w in (self.print_button, self.viewer_button, self.save_button, self.fit_width, self.fit_page):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.pages_label)
        bar.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        self.resize(900, 1000)
        from .fit_screen import fit_to_screen

        fit_to_screen(self)  # a 768-pixel screen: the bottom of the window stays on it

    def page_count(self) -> int:
        return self.document.pageCount()

    # -- actions --
    def print_with_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("打印 %1").replace("%1", self.windowTitle()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter, *, background: bool = True) -> QueryOp | None:
        """Send the pages to ``printer`` (off the GUI thread unless ``background`` is False)."""
        copies = max(1, printer.copyCount())
        path = self.pdf_path

        record = self.on_printed

        def printed(pages: int) -> tuple[int, OpChanges]:
            return pages, (record(copies) if pages and record is not None else NOTHING)

        def done(pages: int) -> None:
            self.printed_pages = pages

        if not background:
            pages, changed = printed(print_pdf_pages(path, printer))
            done(pages)
            changes().announce(changed.kinds)
            return None

        def op(progress):
            return printed(print_pdf_pages(path, printer, lambda d, t: progress.update(
                d, t, tr("正在打印第 %1 / %2 页…").replace("%1", str(d)).replace("%2", str(t)))))

        self._print_op = CollectionOp(self, op, success=done).with_progress(tr("正在打印…")).run_in_background()
        self._printer = printer  # kept alive until the worker is done
        return self._print_op

    def open_in_viewer(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf_path))):
            QMessageBox.warning(self, tr("无法打开"),
                                tr("没有找到能打开 PDF 的程序。文件在:%1").replace("%1", str(self.pdf_path)))
            return
        self._record_one()

    def _record_one(self) -> None:
        record = self.on_printed
        if record is not None:
            self.record_op = CollectionOp(self, lambda: record(1)).run_in_background()

    def save_as(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("另存为 PDF"), self.pdf_path.name, "PDF (*.pdf)")
        if not name:
            return
        from ...core.db import is_database_file

        if is_database_file(name):  # never write over (or even open) the database file
            QMessageBox.warning(self, tr("无法保存"), tr("“%1”是正在使用的数据库文件,请另选文件名。")
                                .replace("%1", name))
            return
        try:
            Path(name).write_bytes(self.pdf_bytes)
        except OSError as exc:
            QMessageBox.warning(self, tr("无法保存"), tr("无法写入 %1:%2").replace("%1", name)
                                .replace("%2", exc.strerror or str(exc)))
            return
        # a saved PDF is paper that can leave the app (mailed, printed elsewhere)
        self._record_one()


def _recorder(kind: str, ids: list[int]) -> Callable[[int], OpChanges]:
    """The core call counting ``copies`` of the documents ``ids`` as printed
    (run off the GUI thread; a failure is said by the op: the paper is printed,
    the count failed)."""
    def record(copies: int) -> OpChanges:
        from ...printing.service import record_printed

        return record_printed(kind, ids, copies)

    return record


def _show(dialog: PdfPreviewDialog) -> PdfPreviewDialog:
    dialog.show()
    dialog.raise_()
    return dialog


# ---------------------------------------------------------------- entry points --
def _previewing(parent: QWidget | None, op: Callable[..., tuple], make: Callable[..., PdfPreviewDialog]) -> QueryOp:
    """Run ``op`` (read and render) off the GUI thread; its result, spread over
    ``make``, becomes the preview. The op's ``dialog`` holds it once shown."""
    holder = QueryOp(parent, op)

    def show(result: tuple) -> None:
        holder.dialog = _show(make(*result))

    return holder.success(show)


def preview_production_sheet(parent: QWidget | None, order_id: int) -> QueryOp:
    """Preview (and print) the order's production sheet; a void sheet shows VOID.
    The sheet is read and rendered off the GUI thread; returns the running op."""
    def op() -> tuple:
        from ...printing.service import production_sheet_pdf, sheet_for_order

        sheet = sheet_for_order(order_id)
        return sheet.id, sheet.number, sheet.revision, production_sheet_pdf(sheet.id)

    def make(sheet_id: int, number: str, revision: int, pdf: bytes) -> PdfPreviewDialog:
        title = tr("生产单 %1 R%2").replace("%1", number).replace("%2", str(revision))
        return PdfPreviewDialog(parent, pdf, title, file_name=f"{number}-R{revision}",
                                on_printed=_recorder("production_sheet", [sheet_id]))

    return _previewing(parent, op, make).run_in_background()


def _load_cards(order_id: int, card_ids: Iterable[int] | None) -> Callable[[], list]:
    """The read of the cards to print, for a worker (NotFound when the order has none yet)."""
    wanted = list(card_ids) if card_ids is not None else None

    def load() -> list:
        from ...printing.service import flow_cards_to_print

        return flow_cards_to_print(order_id, wanted)

    return load


def _render_cards(cards, progress) -> bytes:
    from ...printing.service import render_cards

    total = len(cards)

    def step(done: int) -> bool:
        progress.update(done, total, tr("正在生成流程卡 %1 / %2…").replace("%1", str(done)).replace("%2", str(total)))
        return True

    return render_cards(cards, progress=step)


def preview_flow_cards(parent: QWidget | None, order_id: int, card_ids: Iterable[int] | None = None) -> QueryOp:
    """Read and render the order's flow cards (all, or ``card_ids``) off the GUI thread, then preview them.

    Returns the running op; its ``dialog`` attribute holds the preview once shown.
    """
    load = _load_cards(order_id, card_ids)

    def op(progress) -> tuple:
        cards = load()
        return cards, _render_cards(cards, progress)

    def make(cards: list, pdf: bytes) -> PdfPreviewDialog:
        title = tr("流程卡 %1(%2 张)").replace("%1", cards[0].order_no).replace("%2", str(len(cards)))
        return PdfPreviewDialog(parent, pdf, title, file_name=f"{cards[0].order_no}-cards",
                                on_printed=_recorder("flow_card", [c.id for c in cards]))

    return _previewing(parent, op, make).with_progress(tr("正在生成流程卡…")).run_in_background()


def print_flow_cards(parent: QWidget | None, order_id: int, card_ids: Iterable[int] | None = None,
                     printer: QPrinter | None = None) -> QueryOp:
    """Batch print without preview: the cards are read in a worker, then the print
    dialog, then render + print in a worker (the returned op's ``keep_alive``).

    With ``printer`` given (already set up), no dialog is shown and the returned
    op reads, renders and prints.
    """
    load = _load_cards(order_id, card_ids)
    if printer is not None:
        return _print_cards_job(parent, load, printer).run_in_background()

    def ask(cards: list) -> None:
        chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
        chosen.setDocName(tr("流程卡 %1").replace("%1", cards[0].order_no))
        if QPrintDialog(chosen, parent).exec() == QDialog.DialogCode.Accepted:
            reading.keep_alive = _print_cards_job(parent, lambda: cards, chosen).run_in_background()

    reading = QueryOp(parent, load, success=ask)
    return reading.run_in_background()


def _print_cards_job(parent: QWidget | None, load: Callable[[], list], printer: QPrinter) -> QueryOp:
    copies = max(1, printer.copyCount())

    def op(progress):
        cards = load()
        path = temp_pdf(_render_cards(cards, progress), f"{cards[0].order_no}-cards")
        pages = print_pdf_pages(path, printer, lambda d, t: progress.update(
            d, t, tr("正在打印第 %1 / %2 页…").replace("%1", str(d)).replace("%2", str(t))))
        return pages, (_recorder("flow_card", [c.id for c in cards])(copies) if pages else NOTHING)

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):
            show_error(parent, exc)

    job = CollectionOp(parent, op).failure(failed).with_progress(tr("正在打印流程卡…"))
    job.keep_alive = printer  # kept alive with the op
    return job


def print_order_documents(parent: QWidget, order_id: int, what: str, card_ids: list[int] | None = None) -> QueryOp:
    """The print preview of the order's production sheet (``what`` "sheet") or flow cards:
    returns the op reading and rendering it (its ``dialog`` once shown)."""
    if what == "sheet":
        return preview_production_sheet(parent, order_id)
    return preview_flow_cards(parent, order_id, card_ids)


def preview_quotation(parent: QWidget | None, quotation_id: int) -> PdfPreviewDialog | None:
    from ...printing.quotation import load_quotation, render_quotation

    try:
        data = load_quotation(quotation_id)
        pdf = render_quotation(data)
    except Exception as exc:  # noqa: BLE001
        show_error(parent, exc)
        return None
    title = (tr("形式发票 %1") if data.is_pi else tr("报价单 %1")).replace("%1", data.number)
    return _show(PdfPreviewDialog(parent, pdf, title, file_name=data.number))


def preview_statement(parent: QWidget | None, client_id: int, date_from, date_to,
                      currency: str | None = None) -> PdfPreviewDialog | None:
    from ...printing.statement_pdf import statement_pdf

    try:
        pdf = statement_pdf(client_id, date_from, date_to, currency)
    except Exception as exc:  # noqa: BLE001
        show_error(parent, exc)
        return None
    return _show(PdfPreviewDialog(parent, pdf, tr("对账单"), file_name=f"statement-{date_from}-{date_to}"))
