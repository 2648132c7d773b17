"""tools/package.py builds an installable zip: plugin files only, and it loads like an installed plugin."""
import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from qgis.core import QgsApplication

ROOT = Path(__file__).resolve().parents[1]
ALGORITHM = "ecospace:redline_check"
REQUIRED = ("metadata.txt", "__init__.py", "plugin.py", "deps.py", "i18n.py", "compat.py",
            "processing/provider.py", "resources/icons/icon.svg", "resources/i18n/ecospace_zh_CN.qm")
DEV_PARTS = {"tests", "bench", "tools", "dist", "output", "__pycache__"}


def load_tool(name):
    spec = importlib.util.spec_from_file_location("tool_" + name, ROOT / "tools" / (name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    return load_tool("package").build(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def profile(plugin_zip, tmp_path_factory):
    """A fresh QGIS config folder with the zip unpacked the way the plugin installer does it."""
    config = tmp_path_factory.mktemp("qgis-config")
    plugins = config / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(plugin_zip) as archive:
        archive.extractall(plugins)
    return config


def test_zip_holds_the_plugin_only(plugin_zip):
    version = load_tool("package").version()
    assert plugin_zip.name == "ecospace-{}.zip".format(version)
    with zipfile.ZipFile(plugin_zip) as archive:
        names = archive.namelist()
    assert all(n.startswith("ecospace/") for n in names)
    inside = [Path(n).relative_to("ecospace") for n in names]
    missing = [r for r in REQUIRED if Path(r) not in inside]
    assert not missing
    dev = [str(p) for p in inside
           if DEV_PARTS & set(p.parts) or any(part.startswith(".") for part in p.parts)
           or p.suffix in (".pyc", ".ts")
           or (len(p.parts) == 1 and p.name in ("requirements-dev.txt", "pytest.ini", "Makefile"))]
    assert not dev


def test_unzipped_plugin_starts_like_an_installed_one(profile, isolated_registry, qgis_iface, monkeypatch):
    """qgis.utils finds, imports, starts and unloads the unzipped copy, not the checkout."""
    from qgis import utils

    plugins_dir = str(profile / "profiles" / "default" / "python" / "plugins")
    ours = {name: mod for name, mod in sys.modules.items() if name == "ecospace" or name.startswith("ecospace.")}
    for name in ours:  # the checkout's modules step aside for the duration of the test
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "path", [plugins_dir] + sys.path)
    monkeypatch.setattr(utils, "plugin_paths", [plugins_dir])
    monkeypatch.setattr(utils, "available_plugins", [])
    monkeypatch.setattr(utils, "plugins_metadata_parser", {})
    try:
        utils.updateAvailablePlugins()
        assert "ecospace" in utils.available_plugins
        assert utils.pluginMetadata("ecospace", "hasProcessingProvider") == "yes"
        assert utils.loadPlugin("ecospace")
        assert sys.modules["ecospace"].__file__.startswith(plugins_dir)
        assert utils.startPlugin("ecospace")
        provider = QgsApplication.processingRegistry().providerById("ecospace")
        assert provider is not None
        algorithm = provider.algorithm("redline_check")
        assert algorithm is not None
        assert sys.modules[type(algorithm).__module__].__file__.startswith(plugins_dir)
        assert utils.unloadPlugin("ecospace")
        assert QgsApplication.processingRegistry().providerById("ecospace") is None
    finally:
        utils.plugins.pop("ecospace", None)
        if "ecospace" in utils.active_plugins:
            utils.active_plugins.remove("ecospace")
        for name in [n for n in sys.modules if n == "ecospace" or n.startswith("ecospace.")]:
            del sys.modules[name]  # monkeypatch then puts the checkout's modules back


def test_unzipped_plugin_in_qgis_process(profile):
    """The standalone tool, with only the fresh profile: enable, then list the algorithms."""
    qgis_process = "/usr/bin/qgis_process.bin" if os.path.exists("/usr/bin/qgis_process.bin") else "qgis_process"
    site = [p for p in sys.path if p.endswith("site-packages") and p.startswith(sys.prefix)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(profile),
               PYTHONPATH=os.pathsep.join(site + [os.environ.get("PYTHONPATH", "")]).strip(os.pathsep))
    for key in ("QGIS_PLUGINPATH", "QGIS_OPTIONS_PATH"):
        env.pop(key, None)

    def run(*args):
        done = subprocess.run([qgis_process, *args], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return done

    run("plugins", "enable", "ecospace")
    listing = run("list")
    assert ALGORITHM in listing.stdout, "qgis_process does not list it; its stderr:\n" + listing.stderr


def test_zip_passes_the_plugin_repository_checks(plugin_zip):
    """What plugins.qgis.org checks on upload: one folder, __init__.py, metadata.txt with the required
    fields, LICENSE, no compiled files or __pycache__, under 25 MB (tools/package.py: zip_problems)."""
    package = load_tool("package")
    assert package.zip_problems(plugin_zip) == []
    with zipfile.ZipFile(plugin_zip) as archive:
        names = archive.namelist()
        licence = archive.read("ecospace/LICENSE").decode("utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "Version 2, June 1991" in licence
    assert (ROOT / "LICENSE").read_text(encoding="utf-8") == licence
    assert not [n for n in names if n.endswith((".pyc", ".pyo", ".so")) or "__pycache__" in n]


def test_placeholder_addresses_are_named_before_a_release(plugin_zip):
    """metadata.txt still points at example.org: fine for a build, refused for a release."""
    package = load_tool("package")
    release = package.zip_problems(plugin_zip, release=True)
    placeholders = [p for p in release if "placeholder" in p]
    meta = (ROOT / "metadata.txt").read_text(encoding="utf-8")
    assert bool(placeholders) == ("example.org" in meta)


@pytest.mark.parametrize("change, problem", [
    ("pycache", "forbidden folder"),
    ("pyc", "compiled file"),
    ("no licence", "no LICENSE"),
    ("no email", "metadata.txt has no email"),
    ("two folders", "one folder"),
    ("bad tracker", "tracker is not a URL"),
])
def test_repository_checks_refuse_what_the_repository_refuses(plugin_zip, tmp_path, change, problem):
    package = load_tool("package")
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(plugin_zip) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if change == "no licence" and item.filename == "ecospace/LICENSE":
                continue
            if item.filename == "ecospace/metadata.txt":
                text = data.decode("utf-8")
                if change == "no email":
                    text = "\n".join(line for line in text.splitlines() if not line.startswith("email="))
                if change == "bad tracker":
                    text = text.replace("tracker=https://", "tracker=")
                data = text.encode("utf-8")
            dst.writestr(item, data)
        if change == "pycache":
            dst.writestr("ecospace/__pycache__/plugin.cpython-311.pyc", b"x")
        if change == "pyc":
            dst.writestr("ecospace/core/geom.pyc", b"x")
        if change == "two folders":
            dst.writestr("other/readme.txt", b"x")
    found = package.zip_problems(bad)
    assert any(problem in p for p in found), found
