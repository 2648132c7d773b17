"""The three protected-area algorithms and their example model through qgis_process (tools/qgis_process.sh),
the way a batch user runs them. Results are read back with plain sqlite3."""
from collections import Counter

from ..support import MODELS, default_styles, gpkg_rows, layer, needs_qgis_process, qgis_process, sample_json

PLANTED = sample_json("defects_reserves.json")
ZONE_VALUES = "ZONE_VALUES=YBKZ=general_control"

pytestmark = needs_qgis_process


def rows(gpkg):
    return gpkg_rows(gpkg, "rule, layer, feature_fid, other_fid, area_m2")


def styled(gpkg):
    return default_styles(gpkg) == 1


def planted(check, source=None):
    return Counter((e["rule"], e["layer"], e["fid"]) for e in PLANTED
                   if e["check"] == check and (source is None or e.get("source_layer") == source))


def test_reserve_check_headless(tmp_path):
    out, two = tmp_path / "f.gpkg", tmp_path / "two.gpkg"
    proc = qgis_process("run", "ecospace:reserve_check", "--", "RESERVES=" + layer("protected_areas"),
                        "ZONES=" + layer("pa_zones"), ZONE_VALUES, "OUTPUT={}".format(out),
                        "SUMMARY={}".format(tmp_path / "s.csv"), "ZONES_TWO_SYSTEM={}".format(two))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert Counter((r[0], r[1], r[2]) for r in rows(out)) == planted("reserve_check")
    assert styled(out) and styled(two)
    errors = sum(1 for e in PLANTED if e["check"] == "reserve_check" and e["severity"] == "error")
    assert "ERROR_COUNT:\t{}".format(errors) in proc.stdout
    assert "NR450123001" in (tmp_path / "s.csv").read_text(encoding="utf-8")


def test_reserve_check_unknown_zone_value_headless(tmp_path):
    proc = qgis_process("run", "ecospace:reserve_check", "--", "RESERVES=" + layer("protected_areas"),
                        "ZONES=" + layer("pa_zones"), "OUTPUT={}".format(tmp_path / "f.gpkg"))
    assert proc.returncode != 0
    text = proc.stdout + proc.stderr
    assert "'YBKZ'" in text and "ZONE_VALUES" in text and "Traceback" not in text
    assert not (tmp_path / "f.gpkg").exists()


def test_protected_area_overlaps_headless(tmp_path):
    out = tmp_path / "o.gpkg"
    proc = qgis_process("run", "ecospace:protected_area_overlaps", "--", "RESERVES=" + layer("pa_pre_integration"),
                        "OUTPUT={}".format(out), "OVERLAPS={}".format(tmp_path / "o.csv"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert Counter((r[0], r[1], r[2]) for r in rows(out)) == planted("protected_area_overlaps", "pa_pre_integration")
    text = (tmp_path / "o.csv").read_text(encoding="utf-8")
    assert "NR450123001" in text and "level" in text and "undecided" in text


def test_human_activity_headless(tmp_path):
    out = tmp_path / "h.gpkg"
    proc = qgis_process("run", "ecospace:human_activity", "--", "ACTIVITIES=" + layer("activity_polygons"),
                        "RESERVES=" + layer("protected_areas"), "ZONES=" + layer("pa_zones"), ZONE_VALUES,
                        "PREVIOUS=" + layer("activity_polygons_2024"), "OUTPUT={}".format(out),
                        "SUMMARY={}".format(tmp_path / "s.csv"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert Counter((r[0], r[1], r[2]) for r in rows(out)) == planted("human_activity_previous")
    assert styled(out)


def test_model_headless(tmp_path):
    zones = tmp_path / "zones.gpkg"
    proc = qgis_process("run", str(MODELS / "reserve_zone_activity.model3"), "--",
                        "reserves=" + layer("protected_areas"), "zones=" + layer("pa_zones"),
                        "activities=" + layer("activity_points"), "zone_values=YBKZ=general_control",
                        "reserve_check:zones_two_system={}".format(zones),
                        "reserve_check:zone_findings={}".format(tmp_path / "zf.gpkg"),
                        "human_activity:activity_findings={}".format(tmp_path / "af.gpkg"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert styled(zones)
    assert {"HA_STRICT_ZONE", "HA_CONTROL_ZONE"} <= {r[0] for r in rows(tmp_path / "af.gpkg")}
