#!/usr/bin/env python3
"""Build dist/ecospace-<version>.zip, the plugin as QGIS installs it (Plugins ▸ Install from ZIP).

The zip holds one folder `ecospace/` with the plugin's files only: metadata.txt, the root modules, core/,
processing/, ui/ and resources/ (with compiled .qm translations, without the .ts sources). Development
files (tests, bench, tools, .ci, .venv, .build, dotfiles, caches) are never included.

    python3 tools/package.py                 # -> dist/ecospace-<version>.zip
    python3 tools/package.py --out-dir /tmp  # elsewhere
Plain Python 3; needs lrelease for the translations (see tools/i18n_build.sh).
"""
import argparse
import configparser
import fnmatch
import os
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", default=str(ROOT / "dist"), help="folder for the zip (default: dist/)")
    parser.add_argument("--no-translations", action="store_true",
                        help="do not run lrelease (use the .qm files already built)")
    args = parser.parse_args(argv)
    target = build(args.out_dir, translations=not args.no_translations)
    with zipfile.ZipFile(target) as archive:
        count = len(archive.namelist())
    print("{} ({} files, {} kB)".format(target, count, target.stat().st_size // 1024))
    return 0


if __name__ == "__main__":
    sys.exit(main())
