"""Build the example Processing models in resources/models (the .model3 files are committed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_models.py

Every step states a value for each of its algorithm's mandatory parameters (the Model Designer marks a
step without one red), and no step gets an empty static value (QGIS >= 3.40 reads it back as NULL);
tests/processing/test_shipped_models.py checks both, and the round trip, on the QGIS it runs on.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "resources", "models")
sys.path.insert(0, os.path.join(HERE, "..", ".build", "pluginpath"))
sys.path.insert(0, "/usr/share/qgis/python/plugins")
# Qt 5 writes XML attributes in hash order: a fixed seed keeps the files' diffs to what changed
os.environ.setdefault("QT_HASH_SEED", "0")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)
from qgis.PyQt.QtCore import QPointF  # noqa: E402

from ecospace import compat  # noqa: E402  (through .build/pluginpath, made by tools/setup.sh or the tests)


def new_model(name, group, help_text, inputs):
    """An empty model in the ecospace_models group with its help and its inputs in one column."""
    model = QgsProcessingModelAlgorithm(name, group, "ecospace_models")
    model.setHelpContent({"ALG_DESC": help_text})
    for k, param in enumerate(inputs):
        model.addModelParameter(param, QgsProcessingModelParameter(param.name()))
        model.parameterComponent(param.name()).setPosition(QPointF(120, 60 + 70 * k))
    return model


def mandatory_defaults(alg, given):
    """{parameter: default} of the algorithm's mandatory inputs that `given` leaves out.

    The Model Designer marks a step red ("Parameter X is mandatory") when a mandatory parameter has no
    value in the step, even where the algorithm has a default; so each step states those defaults."""
    definition = QgsApplication.processingRegistry().algorithmById(alg)
    assert definition is not None, alg
    values = {}
    for param in definition.parameterDefinitions():
        if param.isDestination() or param.name() in given or param.flags() & compat.FLAG_OPTIONAL:
            continue
        default = param.defaultValue()
        if default is None or default == "":
            raise ValueError("{}: {} is mandatory and has no default: give it a value".format(alg, param.name()))
        values[param.name()] = default
    return values


# step names in both languages: QGIS shows a model step's description as it is, in every locale
STEP_NAMES = {
    "importance_grade": "生态系统服务重要性分级 Importance grading",
    "redline_candidate": "候选生态保护红线 Candidate red line",
    "redline_check": "生态保护红线成果质检 Red-line delivery check",
    "style_findings": "问题图层按严重程度着色 Style findings by severity",
    "reserve_check": "自然保护地功能分区检查 Functional-zone check",
    "human_activity": "自然保护地人类活动 Human activity in protected areas",
    "style_zones": "功能分区着色 Style the zones",
    "style_zone_findings": "分区问题着色 Style the zone findings",
    "units_generate": "生成管控单元 Generate control units",
    "units_check": "管控单元成果质检 Control-unit delivery check",
    "style_units": "管控单元按类别着色 Style units by class",
    "style_unit_findings": "单元问题着色 Style the unit findings",
}


def add_child(model, alg, child_id, x, sources, outputs=None, after=None, description=None):
    """A child algorithm fed by `sources` {param: source or [sources]}.

    It exposes `outputs` {name: (child output, label)}.
    """
    c = QgsProcessingModelChildAlgorithm(alg)
    c.setChildId(child_id)
    c.setDescription(description or STEP_NAMES[child_id])
    c.setPosition(QPointF(x, 200))
    for param, source in sources.items():
        c.addParameterSources(param, source if isinstance(source, list) else [source])
    for param, value in mandatory_defaults(alg, sources).items():
        c.addParameterSources(param, [QgsProcessingModelChildParameterSource.fromStaticValue(value)])
    if outputs:
        outs = {}
        for name, (child_output, label) in outputs.items():
            out = QgsProcessingModelOutput(name, label)
            out.setChildId(child_id)
            out.setChildOutputName(child_output)
            outs[name] = out
        c.setModelOutputs(outs)
    if after:
        try:
            c.setDependencies(after)
        except TypeError:  # QGIS >= 3.26 takes dependency objects
            from qgis.core import QgsProcessingModelChildDependency

            c.setDependencies([QgsProcessingModelChildDependency(a) for a in after])
    model.addChildAlgorithm(c)


def redline_check_styled():

    poly = [compat.TYPE_VECTOR_POLYGON]
    inputs = [QgsProcessingParameterFeatureSource("redline", "Red line 生态保护红线", poly),
              QgsProcessingParameterFeatureSource("farmland", "Permanent basic farmland 永久基本农田", poly,
                                                  optional=True),
              QgsProcessingParameterFeatureSource("urban_boundary", "Urban development boundary 城镇开发边界",
                                                  poly, optional=True),
              QgsProcessingParameterFeatureSource("protected_areas", "Protected areas 自然保护地", poly,
                                                  optional=True),
              QgsProcessingParameterFeatureSource("counties", "Counties 县级行政区", poly, optional=True),
              QgsProcessingParameterField("county_code_field", "County code field 县级代码字段", "XZQDM",
                                          "counties", optional=True)]
    model = new_model("Red-line check with styled findings", "Red line (生态保护红线)",
                      "Runs ecospace:redline_check and styles the findings by severity "
                      "with ecospace:style_layer. 运行生态保护红线成果质检，并按严重程度渲染问题图层。",
                      inputs)

    param = QgsProcessingModelChildParameterSource.fromModelParameter
    add_child(model, "ecospace:redline_check", "redline_check", 420,
              {p: param(n) for p, n in (("REDLINE", "redline"), ("FARMLAND", "farmland"),
                                        ("URBAN_BOUNDARY", "urban_boundary"),
                                        ("PROTECTED_AREAS", "protected_areas"), ("COUNTIES", "counties"),
                                        ("COUNTY_CODE_FIELD", "county_code_field"))},
              {"findings": ("OUTPUT", "Findings 问题图层")})
    add_child(model, "ecospace:style_layer", "style_findings", 700,
              {"INPUT": QgsProcessingModelChildParameterSource.fromChildOutput("redline_check", "OUTPUT"),
               "STYLE": QgsProcessingModelChildParameterSource.fromStaticValue(0)})
    return model


def reserve_zone_activity():
    """Zone check, then human activity, then styling of the converted zones and the zone findings."""
    from qgis.core import QgsProcessingParameterString

    poly = [compat.TYPE_VECTOR_POLYGON]
    inputs = [QgsProcessingParameterFeatureSource("reserves", "Protected areas 自然保护地", poly),
              QgsProcessingParameterFeatureSource("zones", "Functional zones 功能分区", poly),
              QgsProcessingParameterFeatureSource("activities", "Human activity 人类活动",
                                                  [compat.TYPE_VECTOR_POINT, compat.TYPE_VECTOR_POLYGON]),
              QgsProcessingParameterFeatureSource("redline", "Red line 生态保护红线", poly, optional=True),
              QgsProcessingParameterString("zone_values", "Extra zone values 功能分区值映射", "", optional=True)]
    model = new_model("Reserve zones and human activity", "Protected areas (自然保护地)",
                      "Runs ecospace:reserve_check (with the two-zone conversion), then "
                      "ecospace:human_activity, then styles the converted zones and the zone "
                      "findings with ecospace:style_layer. 先检查自然保护地功能分区（并转换为两区），"
                      "再分级人类活动，最后渲染结果图层。",
                      inputs)

    param = QgsProcessingModelChildParameterSource.fromModelParameter
    value = QgsProcessingModelChildParameterSource.fromStaticValue
    output = QgsProcessingModelChildParameterSource.fromChildOutput
    common = {"RESERVES": param("reserves"), "ZONES": param("zones"), "ZONE_VALUES": param("zone_values")}
    add_child(model, "ecospace:reserve_check", "reserve_check", 420, common,
              {"zone_findings": ("OUTPUT", "Zone findings 功能分区问题"),
               "zones_two_system": ("ZONES_TWO_SYSTEM", "Zones, two-zone system 两区制功能分区")})
    add_child(model, "ecospace:human_activity", "human_activity", 700,
              dict(common, ACTIVITIES=param("activities"), REDLINE=param("redline")),
              {"activity_findings": ("OUTPUT", "Human activity findings 人类活动问题")}, after=["reserve_check"])
    add_child(model, "ecospace:style_layer", "style_zones", 980,
              {"INPUT": output("reserve_check", "ZONES_TWO_SYSTEM"), "STYLE": value(4)}, after=["human_activity"])
    add_child(model, "ecospace:style_layer", "style_zone_findings", 980,
              {"INPUT": output("reserve_check", "OUTPUT"), "STYLE": value(0)}, after=["human_activity"])
    return model


def redline_delineation():
    """Importance grading, then the candidate red line, then its delivery check, then styled findings."""
    from qgis.core import QgsProcessingParameterMultipleLayers, QgsProcessingParameterString

    poly = [compat.TYPE_VECTOR_POLYGON]
    inputs = [QgsProcessingParameterMultipleLayers("services", "Ecosystem-service rasters 生态系统服务栅格",
                                                   compat.TYPE_RASTER),
              QgsProcessingParameterString("breaks", "Breaks, cumulative % of value 累加值断点（%）", "50,80"),
              QgsProcessingParameterFeatureSource("farmland", "Permanent basic farmland 永久基本农田", poly),
              QgsProcessingParameterFeatureSource("urban_boundary", "Urban development boundary 城镇开发边界", poly),
              QgsProcessingParameterFeatureSource("protected_areas", "Protected areas 自然保护地", poly),
              QgsProcessingParameterFeatureSource("counties", "Counties 县级行政区", poly, optional=True),
              QgsProcessingParameterField("county_code_field", "County code field 县级代码字段", "XZQDM",
                                          "counties", optional=True)]
    model = new_model("Red-line delineation: grade, candidate, check", "Red line (生态保护红线)",
                      "Grades the ecosystem-service rasters with ecospace:importance_grade, "
                      "delineates the candidate red line from the extremely important cells and "
                      "the protected areas minus farmland and the urban development boundary "
                      "(ecospace:redline_candidate), checks the candidate with "
                      "ecospace:redline_check and styles the findings. 生态系统服务重要性分级 → "
                      "生态保护红线候选范围（扣除永久基本农田和城镇开发边界）→ 成果质检 → 渲染问题图层。",
                      inputs)

    param = QgsProcessingModelChildParameterSource.fromModelParameter
    output = QgsProcessingModelChildParameterSource.fromChildOutput
    counties = {"COUNTIES": param("counties"), "COUNTY_CODE_FIELD": param("county_code_field")}
    add_child(model, "ecospace:importance_grade", "importance_grade", 400,
              {"SERVICES": param("services"), "BREAKS": param("breaks")},
              {"importance": ("OUTPUT", "Importance grade 重要性分级")})
    add_child(model, "ecospace:redline_candidate", "redline_candidate", 680,
              dict(counties, IMPORTANCE=output("importance_grade", "OUTPUT"),
                   PROTECTED_AREAS=param("protected_areas"),
                   DEDUCT_LAYERS=[param("farmland"), param("urban_boundary")]),
              {"candidate": ("OUTPUT", "Candidate red line 生态保护红线候选"),
               "candidate_findings": ("FINDINGS", "Candidate findings 候选问题")})
    add_child(model, "ecospace:redline_check", "redline_check", 960,
              dict(counties, REDLINE=output("redline_candidate", "OUTPUT"), FARMLAND=param("farmland"),
                   URBAN_BOUNDARY=param("urban_boundary"), PROTECTED_AREAS=param("protected_areas")),
              {"findings": ("OUTPUT", "Check findings 质检问题")})
    add_child(model, "ecospace:style_layer", "style_findings", 1240,
              {"INPUT": output("redline_check", "OUTPUT"),
               "STYLE": QgsProcessingModelChildParameterSource.fromStaticValue(0)})
    return model


def units_generate_check():
    """Control units by the overlay method, then their QA, then styled units and findings."""
    from qgis.core import QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber

    poly = [compat.TYPE_VECTOR_POLYGON]
    inputs = [QgsProcessingParameterFeatureSource("admin", "Administrative polygons 行政区（县或乡镇）", poly),
              QgsProcessingParameterField("admin_code_field", "County code field of the administrative polygons "
                                          "县级代码字段", "XZQDM", "admin"),
              QgsProcessingParameterFeatureSource("counties", "Counties 县级行政区", poly),
              QgsProcessingParameterField("county_code_field", "County code field 县级代码字段", "XZQDM",
                                          "counties"),
              QgsProcessingParameterMultipleLayers("priority_layers", "Priority protection factors 优先保护要素",
                                                   compat.TYPE_VECTOR_POLYGON, optional=True),
              QgsProcessingParameterMultipleLayers("key_layers", "Key control factors 重点管控要素",
                                                   compat.TYPE_VECTOR_POLYGON, optional=True),
              QgsProcessingParameterFeatureSource("redline", "Red line 生态保护红线", poly, optional=True),
              QgsProcessingParameterNumber("min_unit_area", "Minimum unit area (m²) 最小单元面积",
                                           compat.NUMBER_DOUBLE, 1e6, minValue=0.0)]
    model = new_model("Control units: generate, check, style", "Control units (生态环境管控单元)",
                      "Generates environmental control units from the administrative polygons and "
                      "the priority and key factor layers (ecospace:units_generate), checks them "
                      "against the counties, the red line and the same factor layers "
                      "(ecospace:units_check; access lists are not checked, as fresh units have "
                      "none yet) and styles units and findings. 叠加生成环境管控单元 → 单元质检 "
                      "（新生成的单元尚无准入清单，不检查）→ 渲染单元与问题图层。",
                      inputs)

    param = QgsProcessingModelChildParameterSource.fromModelParameter
    value = QgsProcessingModelChildParameterSource.fromStaticValue
    output = QgsProcessingModelChildParameterSource.fromChildOutput
    factors = {"PRIORITY_LAYERS": param("priority_layers"), "KEY_LAYERS": param("key_layers")}
    add_child(model, "ecospace:units_generate", "units_generate", 400,
              dict(factors, ADMIN=param("admin"), ADMIN_CODE_FIELD=param("admin_code_field"),
                   MIN_UNIT_AREA=param("min_unit_area")),
              {"units": ("OUTPUT", "Control units 环境管控单元")})
    add_child(model, "ecospace:units_check", "units_check", 680,
              dict(factors, UNITS=output("units_generate", "OUTPUT"), COUNTIES=param("counties"),
                   COUNTY_CODE_FIELD=param("county_code_field"), REDLINE=param("redline"),
                   # no access-list columns: '' as an expression, because a static '' is read back as
                   # NULL (= the default columns) by QGIS >= 3.40 (QgsXmlUtils.readVariant)
                   ACCESS_FIELDS=QgsProcessingModelChildParameterSource.fromExpression("''")),
              {"unit_findings": ("OUTPUT", "Unit findings 单元质检问题")})
    add_child(model, "ecospace:style_layer", "style_units", 960,
              {"INPUT": output("units_generate", "OUTPUT"), "STYLE": value(2)}, after=["units_check"])
    add_child(model, "ecospace:style_layer", "style_unit_findings", 960,
              {"INPUT": output("units_check", "OUTPUT"), "STYLE": value(0)})
    return model


BUILDERS = (redline_check_styled, reserve_zone_activity, redline_delineation, units_generate_check)


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from ecospace.processing.provider import EcoSpaceProvider

    provider = EcoSpaceProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    os.makedirs(MODELS, exist_ok=True)
    for build in BUILDERS:
        path = os.path.join(MODELS, build.__name__ + ".model3")
        print(path, build().toFile(path), file=sys.stderr)
