"""The window uses Microsoft YaHei where Windows has it; elsewhere Qt's default
stays. Here no YaHei is installed, so an installed CJK font (the shipped
WenQuanYi Micro Hei, added to Qt's font database) plays its part."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase

pytestmark = pytest.mark.gui


def test_yahei_is_preferred_when_installed():
    from gendan_desktop.gui.app import preferred_ui_family

    assert preferred_ui_family(["Arial", "Microsoft YaHei", "SimSun"]) == "Microsoft YaHei"
    assert preferred_ui_family(["Microsoft YaHei", "Microsoft YaHei UI"]) == "Microsoft YaHei UI"
    assert preferred_ui_family(["Arial", "SimSun", "DejaVu Sans"]) is None


def test_the_application_font_follows_what_is_installed(qapp, monkeypatch):
    from gendan_desktop import resources_path
    from gendan_desktop.gui import app as app_module

    before, font_id = qapp.font(), -1
    try:
        if "Microsoft YaHei" not in QFontDatabase.families():
            assert app_module.apply_ui_font(qapp) is None
            assert qapp.font().family() == before.family()
        font_id = QFontDatabase.addApplicationFont(str(resources_path("fonts", "wqy-microhei.ttc")))
        assert font_id >= 0
        family = QFontDatabase.applicationFontFamilies(font_id)[0]
        monkeypatch.setattr(app_module, "UI_FONT_FAMILIES", ("Microsoft YaHei UI", family))
        assert app_module.apply_ui_font(qapp) == family
        assert qapp.font().family() == family
        assert qapp.font().pointSizeF() == before.pointSizeF()  # only the family changes
    finally:
        qapp.setFont(before)
        if font_id >= 0:
            QFontDatabase.removeApplicationFont(font_id)
