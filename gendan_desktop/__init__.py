"""跟单桌面 Gendan Desktop: the merchandiser's workbench."""

from pathlib import Path

__version__ = "0.1.0"


def _top_level_dir(name: str, package: str) -> Path:
    # A checkout keeps resources/ and ui/ beside the package; a wheel (and a
    # PyInstaller bundle) carries them inside it as gendan_desktop/resources and
    # gendan_desktop/ui. They are plain folders there (no __init__.py), so the
    # package's own folder is the answer, not importlib.resources (which hands
    # back a MultiplexedPath for a namespace package).
    here = Path(__file__).resolve().parent
    checkout = here.parent / name
    if checkout.is_dir() and (here.parent / "pyproject.toml").is_file():
        return checkout
    return here / package.rsplit(".", 1)[-1]


def resources_path(*parts: str) -> Path:
    """Path of a file under ``resources/``, from a checkout or an installed wheel."""
    return _top_level_dir("resources", "gendan_desktop.resources").joinpath(*parts)


def ui_path(name: str) -> Path:
    """Path of the Qt Designer form ``ui/<name>``."""
    return _top_level_dir("ui", "gendan_desktop.ui") / name
