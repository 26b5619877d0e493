"""The app works from a checkout and from a wheel: resources/ and ui/ travel inside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".git", "__pycache__", "build", "dist", "*.egg-info", ".pytest_cache",
                                ".hypothesis", "out", "*.sqlite3*", "tests", "docs")


def _data_files(folder: str) -> list[str]:
    base = ROOT / folder
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE)  # build a copy: no build/ or egg-info in the checkout
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp / "dist"), str(src)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (whl,) = (tmp / "dist").glob("gendan_desktop-*.whl")
    return whl


def test_wheel_carries_resources_ui_and_every_module(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    resources, forms = _data_files("resources"), _data_files("ui")
    assert resources, "resources/ is empty"
    assert [f for f in resources if f"gendan_desktop/resources/{f}" not in names] == []
    assert [f for f in forms if f"gendan_desktop/ui/{f}" not in names] == []
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "gendan_desktop").rglob("*.py")
                     if "__pycache__" not in p.parts)
    assert [m for m in modules if m not in names] == []
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "gendan-desktop = gendan_desktop.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()


def test_every_code_folder_is_a_listed_package():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "gendan_desktop").rglob("*.py") if "__pycache__" not in p.parts
    }
    assert folders - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_resources_path_finds_files_installed_and_in_the_checkout(wheel, tmp_path):
    import gendan_desktop

    some_resource = _data_files("resources")[0]
    assert gendan_desktop.resources_path(*some_resource.split("/")) == ROOT / "resources" / some_resource
    assert gendan_desktop.resources_path(*some_resource.split("/")).is_file()

    target = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                           "--target", str(target), str(wheel)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    forms = _data_files("ui")
    probe = (
        "import gendan_desktop, sys\n"
        f"r = gendan_desktop.resources_path(*{some_resource.split('/')!r})\n"
        f"u = gendan_desktop.ui_path({(forms[0] if forms else 'none.ui')!r})\n"
        "print(gendan_desktop.__file__); print(r); print(r.is_file()); print(u.is_file())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    module_file, resource, found, form_found = proc.stdout.splitlines()
    assert Path(module_file).is_relative_to(target)  # really the installed copy, not the checkout
    assert Path(resource).is_relative_to(target)
    assert found == "True"
    assert form_found == ("True" if forms else "False")


def _selftest_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("GENDAN_DB", "GENDAN_LANG", "PYTHONPATH")}
    env.update({"XDG_DATA_HOME": str(tmp_path / "home" / "data"), "XDG_CONFIG_HOME": str(tmp_path / "home" / "config"),
                "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"})
    return env


def test_selftest_passes_from_the_wheel_in_a_fresh_venv(wheel, tmp_path):
    import venv

    home = tmp_path / "新 环境"
    venv.create(home, with_pip=False, symlinks=os.name != "nt")
    bin_dir = home / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # The dependencies (PySide6 alone is 500 MB) are the ones installed here, by path; the
    # package itself comes only from the wheel: .pth files in those folders (an editable
    # install of the checkout) are not read for a folder a .pth names.
    deps = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages") and Path(p).is_dir()]
    (site / "gendan-test-deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                           "-q", str(wheel)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    env = _selftest_env(tmp_path)
    where = subprocess.run([str(python), "-c", "import gendan_desktop; print(gendan_desktop.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(site)  # the wheel's copy, not the checkout
    script = bin_dir / ("gendan-desktop.exe" if os.name == "nt" else "gendan-desktop")
    proc = subprocess.run([str(script), "selftest"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1].startswith("自检通过")


def test_selftest_names_what_a_broken_installation_lacks(wheel, tmp_path):
    target = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                           "--target", str(target), str(wheel)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (target / "gendan_desktop" / "resources" / "fonts" / "wqy-microhei.ttc").unlink()  # a bundle missing its font
    (target / "gendan_desktop" / "ui" / "order_form.ui").write_text("<ui>damaged", encoding="utf-8")  # and a form
    env = {**_selftest_env(tmp_path), "PYTHONPATH": str(target)}
    proc = subprocess.run([sys.executable, "-m", "gendan_desktop", "selftest"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    assert [ln.split()[:2] for ln in lines if ln.startswith("FAIL")] == [["FAIL", "pdf"], ["FAIL", "forms"]]
    assert "wqy-microhei.ttc" in lines[1]
    assert "order_form.ui" in next(ln for ln in lines if ln.startswith("FAIL forms"))
    assert lines[-1].startswith("自检失败:pdf")  # the first failure named
    assert sum(ln.startswith("OK") for ln in lines) == 5  # the other checks still ran
