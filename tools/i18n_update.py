#!/usr/bin/env python3
"""Update resources/i18n/ecospace_<locale>.ts from the translatable strings in the plugin's code.

Found in the plugin's .py files (tests, bench, tools and build folders excluded), with the `ast` module:
    tr("literal"), self.tr("literal"), i18n.tr("literal"),
    QCoreApplication.translate("ecospace", "literal")
and in .ui files every <string> not marked notr="true" (context = the form's class, which is what
uic's retranslateUi passes to translate()).

Existing translations are kept; new sources are added as type="unfinished"; sources that left the code
are kept as "vanished" (was finished) / "obsolete" (was unfinished) when they carry a translation, so
they revive if the string comes back, and dropped when empty (--drop-obsolete drops them all).
Needs no QGIS and no Qt: plain Python 3.

    python3 tools/i18n_update.py            # update every resources/i18n/ecospace_*.ts (zh_CN at least)
    python3 tools/i18n_update.py --check    # exit 1 if a .ts is out of date or a string is untranslated
    python3 tools/i18n_update.py --fill zh.json   # also take translations from {"source": "译文"} or
                                                  # {"Context|source": "译文"} files (unfinished ones only)
"""
import argparse
import ast
import json
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
I18N_DIR = ROOT / "resources" / "i18n"
CONTEXT = "ecospace"
DEFAULT_LOCALES = ("zh_CN",)
SKIP_DIRS = {"tests", "bench", "tools", "dist", "output", "test-output"}   # top-level only
LIVE, NEW = None, "unfinished"       # translation types; None = finished
GONE = ("vanished", "obsolete")       # Qt's names for sources no longer in the code


def plugin_files(root, suffix):
    """The plugin's own files with this suffix, in a stable order; hidden folders are skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        top = Path(dirpath) == Path(root)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__"
                             and not (top and d in SKIP_DIRS))
        for name in sorted(filenames):
            if name.endswith(suffix):
                yield Path(dirpath) / name


def literal(node):
    """The str value of a literal, also of "a" + "b"; None for anything computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal(node.left), literal(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def call_name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def translatable_arg(call):
    """The argument node holding the source text of a tr()/translate() call, else None."""
    name = call_name(call.func)
    if name == "tr" and call.args:
        return call.args[0]
    if name == "translate" and len(call.args) >= 2 and literal(call.args[0]) == CONTEXT:
        return call.args[1]
    return None


def scan_python(path):
    """([(source, line)], [warning]) for one .py file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found, warnings = [], []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        arg = translatable_arg(node)
        if arg is None:
            continue
        text = literal(arg)
        if text is None:
            if not isinstance(arg, ast.Name):  # tr(text) inside a helper is fine; f-strings are not
                warnings.append("{}:{}: tr() of a computed string is not extracted".format(path, node.lineno))
        elif text:
            found.append((text, node.lineno))
    found.sort(key=lambda item: item[1])
    return found, warnings


def scan_ui(path):
    """[(context, source)] for one Qt Designer .ui file."""
    tree = ET.parse(str(path))
    context = (tree.findtext("class") or "").strip() or CONTEXT
    return [(context, s.text) for s in tree.iter("string") if s.text and s.get("notr") != "true"]


def collect(root=ROOT):
    """{(context, source): [relative file, ...]} in order of first appearance, plus warnings."""
    messages, warnings = {}, []

    def add(key, path):
        files = messages.setdefault(key, [])
        rel = path.relative_to(root).as_posix()
        if rel not in files:
            files.append(rel)

    for path in plugin_files(root, ".py"):
        found, warned = scan_python(path)
        warnings.extend(warned)
        for text, _line in found:
            add((CONTEXT, text), path)
    for path in plugin_files(root, ".ui"):
        for key in scan_ui(path):
            add(key, path)
    return messages, warnings


def read_ts(path):
    """{(context, source): (translation, type)} of an existing .ts file; {} when absent."""
    if not path.exists():
        return {}
    entries = {}
    for context in ET.parse(str(path)).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            kind = translation.get("type") if translation is not None else NEW
            entries[(name, message.findtext("source") or "")] = (text, kind)
    return entries


def merge(found, existing, drop_obsolete=False):
    """[(context, source, translation, type, files)]: code order first, then the ones that left."""
    merged = []
    for key, files in found.items():
        text, kind = existing.get(key, ("", NEW))
        if kind == "vanished":
            kind = LIVE
        elif kind == "obsolete" or not text:
            kind = NEW
        merged.append((key[0], key[1], text, kind, files))
    for key, (text, kind) in existing.items():
        if key in found or not text or drop_obsolete:
            continue
        if kind not in GONE:
            kind = "vanished" if kind is LIVE else "obsolete"
        merged.append((key[0], key[1], text, kind, []))
    return merged


def render_ts(merged, locale):
    """Qt Linguist XML, one <context> per context in order of first appearance."""
    contexts = {}
    for entry in merged:
        contexts.setdefault(entry[0], []).append(entry)
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
           '<TS version="2.1" language="{}" sourcelanguage="en">'.format(locale)]
    for name, entries in contexts.items():
        out += ["<context>", "    <name>{}</name>".format(escape(name))]
        for _ctx, source, text, kind, files in entries:
            out.append("    <message>")
            for rel in files:
                out.append('        <location filename="../../{}"/>'.format(escape(rel, {'"': "&quot;"})))
            out.append("        <source>{}</source>".format(escape(source)))
            type_attr = ' type="{}"'.format(kind) if kind else ""
            out.append("        <translation{}>{}</translation>".format(type_attr, escape(text)))
            out.append("    </message>")
        out.append("</context>")
    out.append("</TS>")
    return "\n".join(out) + "\n"


def ts_paths(locales):
    paths = {I18N_DIR / "ecospace_{}.ts".format(loc) for loc in locales}
    paths.update(I18N_DIR.glob("ecospace_*.ts"))
    return sorted(paths)


def locale_of(path):
    return path.stem[len("ecospace_"):]


def read_fill(paths):
    """{(context or None, source): translation} from JSON files; None matches any context."""
    table = {}
    for path in paths or ():
        for key, text in json.loads(Path(path).read_text(encoding="utf-8")).items():
            context, sep, source = key.partition("|")
            table[(context, source) if sep and context.isidentifier() else (None, key)] = text
    return table


def fill(merged, table):
    """Translate unfinished entries found in the fill table; return how many were filled."""
    count = 0
    for k, (context, source, _text, kind, files) in enumerate(merged):
        new = table.get((context, source)) or table.get((None, source))
        if kind == NEW and new:
            merged[k] = (context, source, new, LIVE, files)
            count += 1
    return count


def update(locales=DEFAULT_LOCALES, check=False, drop_obsolete=False, out=sys.stdout, fill_files=()):
    """Update (or with check=True only compare) every .ts; return the number of problems."""
    fill_table = read_fill(fill_files)
    found, warnings = collect()
    for warning in warnings:
        print("warning:", warning, file=out)
    problems = 0
    for path in ts_paths(locales):
        merged = merge(found, read_ts(path), drop_obsolete)
        if fill_table and locale_of(path) == "zh_CN":
            print("filled {} translations".format(fill(merged, fill_table)), file=out)
        content = render_ts(merged, locale_of(path))
        changed = not path.exists() or path.read_text(encoding="utf-8") != content
        live = [m for m in merged if m[3] not in GONE]
        unfinished = [m for m in live if m[3] == NEW]
        gone = len(merged) - len(live)
        print("{}: {} strings, {} unfinished, {} vanished/obsolete{}".format(
            path.relative_to(ROOT), len(live), len(unfinished), gone,
            ("" if not changed else " (out of date)" if check else " (written)")), file=out)
        if check:
            problems += int(changed) + len(unfinished)
            for m in unfinished:
                print("  untranslated: {!r}".format(m[1]), file=out)
        elif changed:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--locale", action="append", help="also create ecospace_<LOCALE>.ts (default zh_CN)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a .ts is out of date or has untranslated strings")
    parser.add_argument("--drop-obsolete", action="store_true", help="remove strings no longer in the code")
    parser.add_argument("--fill", nargs="+", metavar="JSON", help="zh_CN translations to merge")
    args = parser.parse_args(argv)
    problems = update(args.locale or DEFAULT_LOCALES, args.check, args.drop_obsolete, fill_files=args.fill)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
