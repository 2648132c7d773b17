"""What the bad-input matrix runs: each algorithm's valid parameters on the sample, which input the bad
variants replace, and how one case is run and its outcome summarised."""
import collections
import hashlib
import resource
from pathlib import Path

from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from ..support import SAMPLE, SAMPLE_DIR
from . import inputs


def sample(name):
    return "{}|layername={}".format(SAMPLE, name)


# per algorithm: the input the bad variants replace (`primary`, from sample layer `layer`; `many`: a
# multiple-layer parameter), the other inputs, a field parameter and a number to break, the outputs
ALGS = {
    "redline_check": dict(
        primary="REDLINE", layer="redline",
        params={"FARMLAND": sample("farmland"), "URBAN_BOUNDARY": sample("urban_boundary"),
                "PROTECTED_AREAS": sample("protected_areas"), "COUNTIES": sample("counties")},
        field=("AREA_FIELD", "BSM"), number=("MIN_PART_AREA", -200),
        outputs={"OUTPUT": ".gpkg", "STATISTICS": ".gpkg", "REPORT": ".html"}),
    "redline_compare": dict(
        primary="NEW", layer="redline", params={"OLD": sample("redline"), "COUNTIES": sample("counties")},
        field=("COUNTY_CODE_FIELD", "XZQMC"), number=("TOLERANCE", -1),
        outputs={"ADDED": ".gpkg", "REMOVED": ".gpkg", "OUTPUT": ".gpkg", "COUNTY_TABLE": ".gpkg"}),
    "redline_candidate": dict(
        primary="PROTECTED_AREAS", layer="protected_areas", many=True,
        params={"MUST_INCLUDE": [sample("pa_zones")], "DEDUCT_LAYERS": [sample("farmland")]},
        field=None, number=("MIN_PATCH_AREA", -1),
        outputs={"OUTPUT": ".gpkg", "CANDIDATES_TO_ADD": ".gpkg", "FINDINGS": ".gpkg"}),
    "units_generate": dict(
        primary="ADMIN", layer="townships",
        params={"PRIORITY_LAYERS": [sample("priority_zones")], "KEY_LAYERS": [sample("key_zones")],
                "ADMIN_CODE_FIELD": "XJDM"},
        field=("ADMIN_CODE_FIELD", "XZQMC"), number=("MIN_UNIT_AREA", -1),
        outputs={"OUTPUT": ".gpkg", "FINDINGS": ".gpkg"}),
    "units_classify": dict(
        primary="UNITS", layer="townships",
        params={"PRIORITY_LAYERS": [sample("priority_zones")], "KEY_LAYERS": [sample("key_zones")],
                "COUNTY_CODE_FIELD": "XZQDM"},
        field=("COUNTY_CODE_FIELD", "XZQMC"), number=("SHARE_THRESHOLD", 150),
        outputs={"OUTPUT": ".gpkg", "FINDINGS": ".gpkg"}),
    "units_code": dict(
        primary="UNITS", layer="control_units", params={"COUNTIES": sample("counties")},
        field=("COUNTY_CODE_FIELD", "XZQMC"), number=None,
        outputs={"OUTPUT": ".gpkg", "FINDINGS": ".gpkg", "CHANGES": ".gpkg"}),
    "units_check": dict(
        primary="UNITS", layer="control_units",
        params={"COUNTIES": sample("counties"), "REDLINE": sample("redline"),
                "PRIORITY_LAYERS": [sample("priority_zones")]},
        field=("COUNTY_CODE_FIELD", "XZQMC"), number=("SHARE_THRESHOLD", -10),
        outputs={"OUTPUT": ".gpkg", "STATISTICS": ".gpkg", "REPORT": ".html"}),
    "siting_check": dict(
        primary="SITES", layer="project_sites_polygons",
        params={"UNITS": sample("control_units"), "ACCESS_LIST_FILE": str(SAMPLE_DIR / "access_list.csv"),
                "REDLINE": sample("redline"), "SITE_ID_FIELD": "XMBH", "INDUSTRY_FIELD": "HYLB"},
        field=("SITE_ID_FIELD", None), number=("AREA_TOLERANCE", -1),
        outputs={"OUTPUT": ".gpkg", "FINDINGS": ".gpkg", "REPORT": ".html"}),
    "reserve_check": dict(
        primary="ZONES", layer="pa_zones",
        params={"RESERVES": sample("protected_areas"), "ZONE_VALUES": "YBKZ=general_control"},
        field=("ZONE_FIELD", "MJ"), number=("GAP_TOLERANCE", -1),
        outputs={"OUTPUT": ".gpkg", "SUMMARY": ".gpkg", "REPORT": ".html"}),
    "protected_area_overlaps": dict(
        primary="RESERVES", layer="protected_areas", params={"REDLINE": sample("redline")},
        field=("LEVEL_FIELD", "SBMJ"), number=("OVERLAP_TOLERANCE", -1),
        outputs={"OUTPUT": ".gpkg", "OVERLAPS": ".gpkg", "REPORT": ".html"}),
    "human_activity": dict(
        primary="ACTIVITIES", layer="activity_polygons",
        params={"RESERVES": sample("protected_areas"), "ZONES": sample("pa_zones"), "REDLINE": sample("redline"),
                "ZONE_VALUES": "YBKZ=general_control"},
        field=("TYPE_FIELD", None), number=("MIN_AREA", -1),
        outputs={"OUTPUT": ".gpkg", "SUMMARY": ".gpkg", "REPORT": ".html"}),
}

# the grading algorithms: a list of rasters, the first one replaced by the bad variants
RASTER_ALGS = {
    "importance_grade": dict(primary="SERVICES", count=2, params={}, number=("BAND", 3),
                             outputs={"OUTPUT": ".tif", "TABLE": ".gpkg", "SERVICE_FOLDER": ""}),
    "sensitivity_grade": dict(primary="FACTORS", count=3, number=("BAND", 3),
                              params={"FACTOR_BREAKS": "rain:100,600;relief:50,300;cover:0.6,0.2"},
                              outputs={"OUTPUT": ".tif", "COMPOSITE": ".tif", "TABLE": ".gpkg"}),
}


def base_params(spec, folder):
    """(folder, the algorithm's other inputs with every output in `folder`)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    outputs = {name: str(folder / (name.lower() + suffix)) for name, suffix in spec["outputs"].items()}
    return folder, dict(spec["params"], **outputs)


def raster_params(alg, kind, folder):
    spec = RASTER_ALGS[alg]
    folder, params = base_params(spec, folder)
    rasters = [inputs.good_raster(folder, "input{}".format(k), seed=k) for k in range(spec["count"])]
    if kind in inputs.RASTER_KINDS:
        rasters[0] = inputs.RASTER_KINDS[kind](folder)
    elif kind == "out_of_range":
        params[spec["number"][0]] = spec["number"][1]
    elif kind == "output_is_input":
        params["OUTPUT"] = rasters[0]
    elif kind == "output_parent_is_file":
        blocker = folder / "blocker"
        blocker.write_text("a file, not a folder")
        params["OUTPUT"] = str(blocker / "out.tif")
    elif kind == "folder_is_file":
        params["SERVICE_FOLDER"] = rasters[1]
    params[spec["primary"]] = rasters
    return params


def raster_kinds_for(alg):
    kinds = list(inputs.RASTER_KINDS) + ["out_of_range", "output_is_input", "output_parent_is_file"]
    return kinds + (["folder_is_file"] if "SERVICE_FOLDER" in RASTER_ALGS[alg]["outputs"] else [])


def case_params(alg, kind, folder):
    """The parameters of one case: the algorithm's valid set with one thing broken by `kind`."""
    if alg in RASTER_ALGS:
        return raster_params(alg, kind, folder)
    spec = ALGS[alg]
    folder, params = base_params(spec, folder)
    primary = sample(spec["layer"])
    if kind in inputs.VECTOR_KINDS:
        primary = inputs.VECTOR_KINDS[kind](spec["layer"], folder)
    elif kind == "missing_field":
        params[spec["field"][0]] = "NO_SUCH_FIELD"
    elif kind == "wrong_field":
        params[spec["field"][0]] = spec["field"][1]
    elif kind == "out_of_range":
        params[spec["number"][0]] = spec["number"][1]
    elif kind == "output_is_input":
        copy = inputs.copy_file(str(SAMPLE), folder)
        primary = "{}|layername={}".format(copy, spec["layer"])
        params["OUTPUT"] = copy
    elif kind == "output_parent_is_file":
        blocker = folder / "blocker"
        blocker.write_text("a file, not a folder")
        params["OUTPUT"] = str(blocker / "out.gpkg")
    params[spec["primary"]] = [primary] if spec.get("many") else primary
    return params


def kinds_for(alg):
    if alg in RASTER_ALGS:
        return raster_kinds_for(alg)
    spec = ALGS[alg]
    kinds = list(inputs.VECTOR_KINDS) + ["output_is_input", "output_parent_is_file"]
    if spec["field"]:  # (parameter, a field of the wrong kind for it, or None)
        kinds += ["missing_field"] + (["wrong_field"] if spec["field"][1] else [])
    if spec["number"]:
        kinds.append("out_of_range")
    return kinds


def input_files(params):
    """Every file a parameter set reads (for the byte-identical check)."""
    files = set()
    for value in params.values():
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str):
                path = Path(v.split("|")[0])
                if path.is_file():
                    files.add(path)
                    files.update(p for p in path.parent.glob(path.stem + ".*") if p.is_file())
    return files


def digests(files):
    return {str(f): hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(files)}


class Log(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines = []

    def pushInfo(self, text):
        self.lines.append(text)

    def pushWarning(self, text):
        self.lines.append(text)

    def reportError(self, text, fatal=False):
        self.lines.append(text)


Outcome = collections.namedtuple("Outcome", "refused message rules log")


def findings_output(alg):
    """The output that holds an algorithm's findings (the common schema), or None."""
    if alg in RASTER_ALGS:
        return None
    return "FINDINGS" if "FINDINGS" in ALGS[alg]["outputs"] else "OUTPUT"


def run_case(alg, params, memory_gb=4):
    """Run one case under a memory cap: (refused, message) or the rules of its findings."""
    import processing

    feedback = Log()
    with memory_cap(memory_gb):
        try:
            result = processing.run("ecospace:" + alg, params, feedback=feedback)
        except QgsProcessingException as error:
            return Outcome(True, str(error), None, "\n".join(feedback.lines))
    output = findings_output(alg)
    rules = findings_rules(result.get(output)) if output else None
    return Outcome(False, "", rules, "\n".join(feedback.lines))


def findings_rules(output):
    """rule → count of a findings layer, or None when OUTPUT is no findings layer."""
    layer = QgsVectorLayer(str(output), "f", "ogr") if isinstance(output, str) else output
    if layer is None or not layer.isValid() or layer.fields().lookupField("rule") < 0:
        return None
    return collections.Counter(f["rule"] for f in layer.getFeatures())


class memory_cap:  # noqa: N801 (used like a function: with memory_cap(gb))
    """Caps the process's data segment at `gb` GiB more than it uses now, so a runaway allocation
    fails the case (MemoryError) instead of swapping the machine or hanging the suite."""

    def __init__(self, gb):
        self.gb = gb

    def __enter__(self):
        self.old = resource.getrlimit(resource.RLIMIT_DATA)
        used = _data_size()
        limit = used + int(self.gb * 2 ** 30)
        if self.old[1] == resource.RLIM_INFINITY or limit < self.old[1]:
            resource.setrlimit(resource.RLIMIT_DATA, (limit, self.old[1]))

    def __exit__(self, *exc):
        resource.setrlimit(resource.RLIMIT_DATA, self.old)
        return False


def _data_size():
    """The process's current data segment size in bytes (VmData)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmData:"):
            return int(line.split()[1]) * 1024
    return 0


def new_files(folder, before):
    return sorted(str(p.relative_to(folder)) for p in Path(folder).rglob("*") if p not in before)
