"""ecospace:units_generate through qgis_process, the way a batch user runs it (results read with sqlite3)."""
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
