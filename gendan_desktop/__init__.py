"""跟单桌面 Gendan Desktop: the merchandiser's workbench."""

from pathlib import Path

__version__ = "0.1.0"


def _top_level_dir(name: str, package: str) -> Path:
    # A checkout keeps resources/ and ui/ beside the package; a wheel carries
    # them as the packages gendan_desktop.resources and gendan_desktop.ui.
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    from importlib.resources import files

    return Path(str(files(package)))


def resources_path(*parts: str) -> Path:
    """Path of a file under ``resources/``, from a checkout or an installed wheel."""
    return _top_level_dir("resources", "gendan_desktop.resources").joinpath(*parts)


def ui_path(name: str) -> Path:
    """Path of the Qt Designer form ``ui/<name>``."""
    return _top_level_dir("ui", "gendan_desktop.ui") / name
