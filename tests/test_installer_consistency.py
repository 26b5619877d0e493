"""The Windows workflow cannot run here; what it relies on can be checked: the
PyInstaller spec, installer/build_bundle.py, the Inno Setup script and
.github/workflows/windows.yml agree on names, version and paths, and CI builds
the bundle with a declared PyInstaller."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

from gendan_desktop import __version__
from gendan_desktop.core import locations

ROOT = Path(__file__).resolve().parent.parent
ISS = (ROOT / "installer" / "gendan_desktop.iss").read_text(encoding="utf-8-sig")
SPEC = (ROOT / "installer" / "gendan_desktop.spec").read_text(encoding="utf-8")
WORKFLOW = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def build_bundle():
    spec = importlib.util.spec_from_file_location("build_bundle", ROOT / "installer" / "build_bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def iss_define(name: str) -> str:
    return re.search(rf'^#define {name} "([^"]*)"', ISS, re.M).group(1)


def iss_setup(key: str) -> str:
    return re.search(rf"^{key}=(.*)$", ISS, re.M).group(1).strip()


def expand(value: str) -> str:
    """The .iss's own {#Name} defines put in."""
    return re.sub(r"\{#(\w+)\}", lambda m: iss_define(m.group(1)) if m.group(1) != "AppVersion" else "{#AppVersion}",
                  value)


def test_spec_and_build_script_name_the_same_bundle(build_bundle):
    spec = {name: re.search(rf'^{name} = "([^"]+)"', SPEC, re.M).group(1) for name in ("BUNDLE", "GUI_EXE", "CLI_EXE")}
    assert spec == {"BUNDLE": build_bundle.BUNDLE, "GUI_EXE": build_bundle.GUI_EXE, "CLI_EXE": build_bundle.CLI_EXE}
    assert "COLLECT(exe, cli, a.binaries, a.datas, name=BUNDLE)" in SPEC
    assert "name=GUI_EXE" in SPEC and "name=CLI_EXE" in SPEC
    assert build_bundle.DIST == ROOT / "dist" and build_bundle.SPEC == ROOT / "installer" / "gendan_desktop.spec"


def test_setup_script_packs_the_bundle_and_takes_the_version_from_the_build(build_bundle):
    assert iss_define("BundleName") == build_bundle.BUNDLE
    assert iss_define("AppExe") == build_bundle.GUI_EXE + ".exe"
    # the bundle folder, relative to installer/ where the script is
    source = re.search(r'^Source: "([^"]+)"', ISS, re.M).group(1)
    assert expand(source) == rf"..\{build_bundle.DIST.name}\{build_bundle.BUNDLE}\*"
    # the version is passed in, never written down a second time
    code = "\n".join(ln for ln in ISS.splitlines() if not ln.lstrip().startswith(";"))
    assert "#define AppVersion" not in code and __version__ not in code
    assert re.search(r"^#ifndef AppVersion\s*\n\s*#error", ISS, re.M)
    assert iss_setup("AppVersion") == "{#AppVersion}"
    assert expand(iss_setup("OutputBaseFilename")) == f"{build_bundle.BUNDLE}-Setup-{{#AppVersion}}"


def test_setup_script_installs_per_user_in_two_languages_and_keeps_the_data():
    assert iss_setup("PrivilegesRequired") == "lowest"
    assert expand(iss_setup("DefaultDirName")) == r"{localappdata}\Programs\GendanDesktop"
    languages = re.findall(r'^Name: "(\w+)"; MessagesFile:', ISS, re.M)
    assert languages == ["chinesesimplified", "english"]
    assert re.search(r'^Name: "desktopicon";.*Flags: unchecked', ISS, re.M)  # optional, off by default
    assert re.search(r'^Name: "\{group\}\\\{#AppName\}"; Filename: "\{app\}\\\{#AppExe\}"', ISS, re.M)
    # the data folder the uninstaller keeps and names is the one the program uses
    assert iss_define("DataFolder") == "{localappdata}\\" + locations.APP_NAME
    for language in languages:
        message = re.search(rf"^{language}\.DataKept=(.*)$", ISS, re.M).group(1)
        assert "%1" in message
    assert "CustomMessage('DataKept')" in ISS and "usPostUninstall" in ISS
    assert "[UninstallDelete]" not in ISS  # nothing of the user's is deleted


def test_program_uses_the_data_folder_the_installer_names(monkeypatch, tmp_path):
    import platformdirs

    asked = []
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda name, appauthor=None: asked.append((name, appauthor))
                        or str(tmp_path / name))
    monkeypatch.setattr(locations, "portable_dir", lambda: None)
    assert locations.data_dir() == tmp_path / "GendanDesktop"
    assert asked == [("GendanDesktop", False)]  # %LOCALAPPDATA%\GendanDesktop, no author folder


def test_workflow_builds_installs_and_uninstalls_what_the_scripts_make(build_bundle):
    assert "runs-on: windows-latest" in WORKFLOW
    assert 'python -m pip install ".[bundle]"' in WORKFLOW
    assert "python installer/build_bundle.py" in WORKFLOW
    assert 'python -c "import gendan_desktop; print(gendan_desktop.__version__)"' in WORKFLOW
    assert '"/DAppVersion=$env:VERSION" installer\\gendan_desktop.iss' in WORKFLOW
    name = expand(iss_setup("OutputBaseFilename")).replace("{#AppVersion}", "$env:VERSION")
    setup = "installer\\" + iss_setup("OutputDir") + "\\" + name
    assert f'$setup = "{setup}.exe"' in WORKFLOW
    assert '"/VERYSILENT", "/SUPPRESSMSGBOXES"' in WORKFLOW
    assert r'"APP_DIR=$env:LOCALAPPDATA\Programs\GendanDesktop"' in WORKFLOW
    assert expand(iss_setup("DefaultDirName")).replace("{localappdata}", "$env:LOCALAPPDATA") in WORKFLOW
    assert iss_define("DataFolder").replace("{localappdata}", "$env:LOCALAPPDATA") in WORKFLOW
    cli, gui = build_bundle.CLI_EXE + ".exe", build_bundle.GUI_EXE + ".exe"
    assert f'"$env:APP_DIR\\{cli}" selftest' in WORKFLOW
    assert f"dist\\{build_bundle.BUNDLE}\\{gui} -ArgumentList selftest" in WORKFLOW
    app_id = re.search(r"^AppId=\{(\{[0-9A-F-]+\})$", ISS, re.M).group(1)
    assert f"Uninstall\\{app_id}_is1" in WORKFLOW
    start_menu = iss_define("AppName")
    assert f"Start Menu\\Programs\\{start_menu}\\{start_menu}.lnk" in WORKFLOW
    assert "unins000.exe" in WORKFLOW and r"$env:DATA_DIR\$f" in WORKFLOW
    assert build_bundle.WINDOW_SHOWN in WORKFLOW  # what the program logs when its window is up


def test_ci_builds_and_checks_the_bundle_before_the_tests():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(req.lower().startswith("pyinstaller") for req in extras["bundle"])
    lines = [ln.strip() for ln in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.strip().startswith("#")]
    install = next(i for i, ln in enumerate(lines) if ln.startswith('python -m pip install -q -e ".[bundle]"'))
    build = lines.index("python installer/build_bundle.py")
    assert install < build < len(lines) - 1  # built and checked before the test command
    assert any(ln.startswith("binutils") for ln in lines)


def test_readme_says_plainly_the_windows_workflow_does_not_run_here():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = " ".join(readme.split("## The Windows program", 1)[1].split("\n## ", 1)[0].split())
    assert ".github/workflows/windows.yml" in section
    assert "runs only on GitHub's Windows machines" in section
    assert "tests/test_installer_consistency.py" in section
