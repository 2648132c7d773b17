"""Translations: every string in the code has a zh_CN translation that keeps its placeholders, and the
compiled .qm works. (Update the .ts with: python3 tools/i18n_update.py; compile: bash tools/i18n_build.sh)"""
import collections
import importlib.util
import re
import subprocess
from pathlib import Path

import pytest
from qgis.PyQt.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "ecospace_zh_CN.ts"
KNOWN = ("Ecological Space", "生态空间管控")
# str.format fields ({area}, {0}, {:.1f}), escaped braces, Qt's %1, Python's %s / %(name)s
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{[^{}]*\}|%\d+|%\([A-Za-z_]+\)[sdfr]|%[sdfr]")
# HTML tags must survive too: a lost </b> breaks the help page
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*")


def load_updater():
    spec = importlib.util.spec_from_file_location("i18n_update", ROOT / "tools" / "i18n_update.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def updater():
    return load_updater()


@pytest.fixture(scope="module")
def ts_entries(updater):
    assert TS.exists(), "no {}: run python3 tools/i18n_update.py".format(TS)
    return updater.read_ts(TS)


def test_every_source_string_is_translated(updater, ts_entries):
    found, _warnings = updater.collect()
    assert found, "the scanner found no tr() strings at all"
    problems = []
    for key in found:
        text, kind = ts_entries.get(key, ("", "missing from the .ts"))
        if kind is not None or not text.strip():
            problems.append("{} [{}]".format(key[1][:100], kind or "empty"))
    assert not problems, "{} of {} strings lack a finished zh_CN translation (python3 tools/i18n_update.py, " \
        "then fill resources/i18n/ecospace_zh_CN.ts):\n".format(len(problems), len(found)) + "\n".join(problems)


def test_translations_keep_placeholders_and_tags(ts_entries):
    broken = []
    for (_context, source), (text, _kind) in ts_entries.items():
        if not text:
            continue
        for pattern in (PLACEHOLDER, TAG):
            want = collections.Counter(pattern.findall(source))
            got = collections.Counter(pattern.findall(text))
            if want != got:
                broken.append("{!r}: {} -> {}".format(source[:80], dict(want), dict(got)))
    assert not broken, "\n".join(broken)


def test_html_strings_escape_their_less_than_signs(ts_entries):
    """In a help page (rich text) a bare '<' opens a tag and swallows the text up to the next '>'."""
    bare = re.compile(r"<(?![A-Za-z/!])")
    broken = [s[:80] for (_context, source), (text, _kind) in ts_entries.items()
              if TAG.search(source) for s in (source, text) if bare.search(s)]
    assert not broken, "write &lt; in these HTML strings:\n" + "\n".join(broken)


def test_ts_is_up_to_date(updater, ts_entries):
    """The .ts matches the code (no string waiting for tools/i18n_update.py)."""
    found, _warnings = updater.collect()
    rendered = updater.render_ts(updater.merge(found, ts_entries), "zh_CN")
    assert rendered == TS.read_text(encoding="utf-8"), "run: python3 tools/i18n_update.py"


def test_compiled_qm_loads_and_translates(tmp_path):
    subprocess.run(["bash", str(ROOT / "tools" / "i18n_build.sh"), str(tmp_path)], check=True)
    translator = QTranslator()
    assert translator.load(str(tmp_path / "ecospace_zh_CN.qm"))
    assert translator.translate("ecospace", KNOWN[0]) == KNOWN[1]


def test_plugin_translator_switches_tr(plugin_pkg):
    """i18n.install_translator('zh_CN') uses the .qm that tools/i18n_build.sh put in resources/i18n."""
    from ecospace import i18n

    assert (ROOT / "resources" / "i18n" / "ecospace_zh_CN.qm").exists(), "run: bash tools/i18n_build.sh"
    i18n.remove_translator()
    try:
        assert i18n.install_translator("zh_CN")
        assert i18n.tr(KNOWN[0]) == KNOWN[1]
    finally:
        i18n.remove_translator()
    assert i18n.tr(KNOWN[0]) == KNOWN[0]


def test_scanner_finds_the_call_forms(updater, tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(
        "from qgis.PyQt.QtCore import QCoreApplication\n"
        "a = tr('plain')\n"
        "b = self.tr(\"method\")\n"
        "c = tr('joined ' 'literal' + ' sum')\n"
        "d = QCoreApplication.translate('ecospace', 'translated')\n"
        "e = QCoreApplication.translate('other', 'other context')\n"
        "f = tr(f'computed {a}')\n"
        "g = tr(name)\n",
        encoding="utf-8")
    found, warnings = updater.scan_python(source)
    assert [text for text, _line in found] == ["plain", "method", "joined literal sum", "translated"]
    assert len(warnings) == 1 and ":7:" in warnings[0]


def test_merge_keeps_revives_and_retires(updater):
    existing = {("ecospace", "kept"): ("保留", None),
                ("ecospace", "was unfinished"): ("草稿", "unfinished"),
                ("ecospace", "back again"): ("回来", "vanished"),
                ("ecospace", "gone"): ("删除", None),
                ("ecospace", "gone empty"): ("", "unfinished")}
    found = {("ecospace", s): ["x.py"] for s in ("kept", "was unfinished", "back again", "new")}
    merged = {m[1]: (m[2], m[3]) for m in updater.merge(found, existing)}
    assert merged == {"kept": ("保留", None), "was unfinished": ("草稿", "unfinished"),
                      "back again": ("回来", None), "new": ("", "unfinished"), "gone": ("删除", "vanished")}


@pytest.mark.parametrize("override, expected", [(True, "zh_CN"), (False, "C")])
def test_locale_outside_qgis_follows_the_default_profile(tmp_path, override, expected):
    """The batch driver is not QGIS: it takes the language from the default profile's QGIS3.ini, as
    qgis_process does, not from the system's locale (LANG=C here) unless QGIS itself follows it."""
    import os
    import sys

    from qgis.core import Qgis

    app = "QGIS{}".format(Qgis.QGIS_VERSION_INT // 10000)
    ini = tmp_path / ".local" / "share" / "QGIS" / app / "profiles" / "default" / "QGIS" / (app + ".ini")
    ini.parent.mkdir(parents=True)
    ini.write_text("[locale]\noverrideFlag={}\nuserLocale=zh_CN\n".format(str(override).lower()))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "LC_", "LANG"))}
    env.update(HOME=str(tmp_path), LANG="C")
    code = ("import sys; sys.path.insert(0, {!r})\n"
            "from qgis.PyQt.QtCore import QCoreApplication\n"
            "app = QCoreApplication([])\n"
            "from ecospace import i18n\n"
            "print(i18n.qgis_locale())").format(str(ROOT / ".build" / "pluginpath"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == expected
