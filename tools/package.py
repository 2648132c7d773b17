#!/usr/bin/env python3
"""Build dist/ecospace-<version>.zip, the plugin as QGIS installs it (Plugins ▸ Install from ZIP).

The zip holds one folder `ecospace/` with the plugin's files only: metadata.txt, the root modules, core/,
processing/, ui/ and resources/ (with compiled .qm translations, without the .ts sources). Development
files (tests, bench, tools, .ci, .venv, .build, dotfiles, caches) are never included.

    python3 tools/package.py                 # -> dist/ecospace-<version>.zip
    python3 tools/package.py --out-dir /tmp  # elsewhere
    python3 tools/package.py --release       # also refuse placeholder URLs in metadata.txt
The zip is then checked as plugins.qgis.org checks an upload (zip_problems: LICENSE, metadata, no
compiled files, size); the exit status is 1 when it would be refused.
Plain Python 3; needs lrelease for the translations (see tools/i18n_build.sh).
"""
import argparse
import configparser
import fnmatch
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLUGIN_NAME = "ecospace"
TOP_LEVEL = ("metadata.txt", "*.py", "core", "processing", "ui", "resources", "LICENSE*", "README.md")
EXCLUDED = ("__pycache__", ".*", "*.pyc", "*.pyo", "*.ts", "*~", "*.orig", "*.rej", "*.tmp", "*.bak")


def version():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser.get("general", "version")


def matches(name, patterns):
    return any(fnmatch.fnmatch(name, p) for p in patterns)


def plugin_files(root=ROOT):
    """Paths relative to root of every file that belongs in the installed plugin, sorted."""
    files = []
    for entry in sorted(root.iterdir()):
        if not matches(entry.name, TOP_LEVEL) or matches(entry.name, EXCLUDED):
            continue
        if entry.is_file():
            files.append(Path(entry.name))
            continue
        for dirpath, dirnames, filenames in os.walk(entry):
            dirnames[:] = sorted(d for d in dirnames if not matches(d, EXCLUDED))
            for name in sorted(filenames):
                if not matches(name, EXCLUDED):
                    files.append((Path(dirpath) / name).relative_to(root))
    return files


def build_translations():
    subprocess.run(["bash", str(ROOT / "tools" / "i18n_build.sh")], check=True)
    missing = [ts.name for ts in (ROOT / "resources" / "i18n").glob("*.ts") if not ts.with_suffix(".qm").exists()]
    if missing:
        raise SystemExit("package: no compiled .qm for {}".format(", ".join(missing)))


def check_syntax(files):
    """A syntax error should stop the build, not the user's QGIS."""
    for rel in files:
        if rel.suffix == ".py":
            compile((ROOT / rel).read_text(encoding="utf-8"), str(rel), "exec")


def build(out_dir=ROOT / "dist", translations=True):
    """Write the zip and return its path."""
    if translations:
        build_translations()
    files = plugin_files()
    check_syntax(files)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "{}-{}.zip".format(PLUGIN_NAME, version())
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for rel in files:
            archive.write(ROOT / rel, "{}/{}".format(PLUGIN_NAME, rel.as_posix()))
    os.replace(partial, target)
    return target


# What plugins.qgis.org checks on upload (QGIS-Django, plugins/validator.py), less its network checks
MAX_SIZE = 25_000_000  # bytes
REQUIRED_METADATA = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "about",
                     "tracker", "repository")
COMPILED = (".pyc", ".pyo", ".so", ".pyd", ".dll", ".dylib", ".exe", ".o", ".a", ".class")
FORBIDDEN_DIRS = ("__MACOSX", ".git", "__pycache__")
PLACEHOLDER_HOSTS = ("example.org", "example.com", "bugs", "repo", "homepage")


def zip_problems(path, release=False):
    """What the QGIS plugin repository would refuse in the zip at `path` ([] when nothing).

    With `release`, placeholder URLs in homepage/repository/tracker (example.org) count too: the
    repository checks that they can be reached."""
    from urllib.parse import urlparse

    problems = []
    path = Path(path)
    if path.stat().st_size > MAX_SIZE:
        problems.append("the zip is {} bytes, more than {}".format(path.stat().st_size, MAX_SIZE))
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return ["not a zip file"]
    with archive:
        names = archive.namelist()
        for name in names:
            parts = name.split("/")
            if ".." in parts or name.startswith("/"):
                problems.append("path information in {}".format(name))
            if any(part in FORBIDDEN_DIRS for part in parts):
                problems.append("forbidden folder in {}".format(name))
            if name.lower().endswith(COMPILED):
                problems.append("compiled file {}".format(name))
        bad = archive.testzip()
        if bad:
            problems.append("bad CRC in {}".format(bad))
        tops = sorted({name.split("/")[0] for name in names})
        if len(tops) != 1:
            return problems + ["the zip must hold one folder, it holds {}".format(", ".join(tops))]
        top = tops[0]
        if not re.match(r"^[A-Za-z][A-Za-z0-9-_]+$", top):
            problems.append("the folder name {} is not ASCII letters, digits, - and _".format(top))
        for required in ("__init__.py", "metadata.txt", "LICENSE"):
            if "{}/{}".format(top, required) not in names:
                problems.append("no {} in {}/".format(required, top))
        if "{}/metadata.txt".format(top) not in names:
            return problems
        parser = configparser.ConfigParser(interpolation=None)
        parser.optionxform = str
        try:
            parser.read_string(archive.read("{}/metadata.txt".format(top)).decode("utf-8"))
        except (UnicodeDecodeError, configparser.Error) as error:
            return problems + ["metadata.txt does not parse: {}".format(error)]
        if not parser.has_section("general"):
            return problems + ["metadata.txt has no [general] section"]
        meta = dict(parser.items("general"))
        problems += ["metadata.txt has no {}".format(key) for key in REQUIRED_METADATA if not meta.get(key, "").strip()]
        if "/" in meta.get("author", ""):
            problems.append("the author may not contain a slash")
        icon = meta.get("icon", "")
        if icon and "{}/{}".format(top, icon[2:] if icon.startswith("./") else icon) not in names:
            problems.append("the icon {} is not in the zip".format(icon))
        for key in ("tracker", "repository", "homepage"):
            url = meta.get(key, "").strip()
            if not url and key == "homepage":
                continue
            parsed = urlparse(url)
            if not (parsed.scheme and parsed.netloc):
                problems.append("{} is not a URL: {!r}".format(key, url))
            elif release and (parsed.hostname or "") in PLACEHOLDER_HOSTS:
                problems.append("{} is a placeholder ({}): set the real address before publishing".format(key, url))
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", default=str(ROOT / "dist"), help="folder for the zip (default: dist/)")
    parser.add_argument("--no-translations", action="store_true",
                        help="do not run lrelease (use the .qm files already built)")
    parser.add_argument("--release", action="store_true",
                        help="also refuse placeholder homepage/repository/tracker addresses")
    args = parser.parse_args(argv)
    target = build(args.out_dir, translations=not args.no_translations)
    with zipfile.ZipFile(target) as archive:
        count = len(archive.namelist())
    print("{} ({} files, {} kB)".format(target, count, target.stat().st_size // 1024))
    problems = zip_problems(target, release=args.release)
    for problem in problems:
        print("package: the QGIS plugin repository would refuse it: " + problem, file=sys.stderr)
    if not args.release:
        for problem in [p for p in zip_problems(target, release=True) if p not in problems]:
            print("package: before publishing: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
