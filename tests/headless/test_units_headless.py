"""ecospace:units_generate through qgis_process, the way a batch user runs it (results read with sqlite3)."""
import csv
import re

from ..support import (
    MODELS,
    SAMPLE,
    default_style_qml,
    default_styles,
    gpkg_query,
    gpkg_rows,
    layer,
    needs_qgis_process,
    qgis_process,
)

CODE = re.compile(r"^ZH\d{6}[123]\d{4}$")

pytestmark = needs_qgis_process


def test_help_lists_the_parameters():
    proc = qgis_process("help", "ecospace:units_generate")
    assert proc.returncode == 0, proc.stderr
    for name in ("ADMIN", "ADMIN_CODE_FIELD", "PRIORITY_LAYERS", "KEY_LAYERS", "MIN_UNIT_AREA",
                 "CODE_FIELD", "CLASS_FIELD", "FINDINGS", "UNIT_FRAGMENT_KEPT"):
        assert name in proc.stdout, name


def test_units_generate_on_the_sample(tmp_path):
    out, found = tmp_path / "units.gpkg", tmp_path / "findings.gpkg"
    proc = qgis_process(
        "run", "ecospace:units_generate", "--",
        "ADMIN=" + layer("townships"), "ADMIN_CODE_FIELD=XJDM", "ADMIN_NAME_FIELD=XZQMC",
        "PRIORITY_LAYERS=" + layer("priority_zones"), "PRIORITY_LAYERS=" + layer("redline"),
        "KEY_LAYERS=" + layer("key_zones"), "MIN_UNIT_AREA=1000000",
        "OUTPUT={}".format(out), "FINDINGS={}".format(found))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = gpkg_rows(out, "HJZHGKDYBM, ZHGKDYFL, AREA, AREA_M2")
    qml = default_style_qml(out)
    counties = {c for (c,) in gpkg_query(SAMPLE, "select XJDM from townships")}
    assert len(rows) > 15
    assert all(CODE.match(code) and code[2:8] == county and int(code[8]) == klass
               for code, klass, county, _ in rows)
    assert {county for _, _, county, _ in rows} == counties
    assert len({r[0] for r in rows}) == len(rows)
    assert {r[1] for r in rows} == {1, 2, 3}
    assert 'attr="ZHGKDYFL"' in qml
    rules = {r for (r,) in gpkg_rows(found, "rule")}
    # the sample red line holds two invalid patches: reported, and the run went on
    assert "UNIT_INPUT_INVALID" in rules


def test_units_model_headless(tmp_path):
    """The example model generate → check → style, run by path the way a batch user would."""
    units, found = tmp_path / "units.gpkg", tmp_path / "findings.gpkg"
    proc = qgis_process("run", str(MODELS / "units_generate_check.model3"), "--",
                        "admin=" + layer("townships"), "admin_code_field=XJDM", "counties=" + layer("counties"),
                        "county_code_field=XZQDM", "priority_layers=" + layer("priority_zones"),
                        "key_layers=" + layer("key_zones"), "min_unit_area=1000000",
                        "units_generate:units={}".format(units), "units_check:unit_findings={}".format(found))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    classes = {k for (k,) in gpkg_rows(units, "ZHGKDYFL")}
    assert default_styles(units) == 1
    assert classes == {1, 2, 3}
    severities = [s for (s,) in gpkg_rows(found, "severity")]
    assert "error" not in severities  # fresh units pass their own check


def test_units_classify_on_the_sample(tmp_path):
    out = tmp_path / "fitted.gpkg"
    proc = qgis_process(
        "run", "ecospace:units_classify", "--",
        "UNITS=" + layer("townships"), "COUNTY_CODE_FIELD=XJDM", "UNIT_NAME_FIELD=XZQMC",
        "PRIORITY_LAYERS=" + layer("priority_zones"), "KEY_LAYERS=" + layer("key_zones"), "SHARE_THRESHOLD=10",
        "OUTPUT={}".format(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = gpkg_rows(out, "XZQDM, XJDM, ZHGKDYFL, HJZHGKDYBM, priority_pct, controlled_pct, basis")
    towns = gpkg_query(SAMPLE, "select XZQDM from townships order by fid")
    assert [r[0] for r in rows] == [t[0] for t in towns]  # every township, in order, attributes kept
    for _, county, klass, code, prio, ctrl, basis in rows:
        assert klass == (1 if prio >= 10 else 2 if ctrl >= 10 else 3) and basis
        assert CODE.match(code) and code[2:8] == county and int(code[8]) == klass
    assert {r[2] for r in rows} == {1, 2, 3}
    assert 'attr="ZHGKDYFL"' in default_style_qml(out)


def test_units_code_repairs_the_planted_codes(tmp_path):
    out, changes = tmp_path / "coded.gpkg", tmp_path / "changes.csv"
    proc = qgis_process(
        "run", "ecospace:units_code", "--", "UNITS=" + layer("control_units"),
        "COUNTIES=" + layer("counties"), "COUNTY_CODE_FIELD=XZQDM",
        "OUTPUT={}".format(out), "CHANGES={}".format(changes), "FINDINGS={}".format(tmp_path / "found.gpkg"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with open(changes, encoding="utf-8-sig") as f:
        listed = {int(r["feature_fid"]): r for r in csv.DictReader(f)}
    # the sample's planted code defects (resources/sample/defects_units.json), and nothing else
    assert {fid: r["reason"] for fid, r in listed.items()} == {1: "format", 12: "class", 20: "county", 27: "duplicate"}
    assert listed[1]["old_code"] == "ZH4501221000" and listed[27]["old_code"] == "ZH45012410001"
    coded = dict(gpkg_rows(out, "fid, HJZHGKDYBM"))
    assert all(CODE.match(c) for c in coded.values()) and len(set(coded.values())) == len(coded)
    assert {fid: coded[fid] for fid in listed} == {fid: r["new_code"] for fid, r in listed.items()}
    assert coded[20][2:8] == "450123" and coded[12][8] == "3"
