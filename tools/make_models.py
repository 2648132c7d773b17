"""Build the example Processing models in resources/models (run once; the .model3 files are committed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_models.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "resources", "models")
sys.path.insert(0, os.path.join(HERE, "..", ".build", "pluginpath"))
sys.path.insert(0, "/usr/share/qgis/python/plugins")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)
from qgis.PyQt.QtCore import QPointF  # noqa: E402


def model_input(model, param, x, y):
    model.addModelParameter(param, QgsProcessingModelParameter(param.name()))
    model.parameterComponent(param.name()).setPosition(QPointF(x, y))


def redline_check_styled():
    from ecospace import compat

    model = QgsProcessingModelAlgorithm("Red-line check with styled findings", "Red line (生态保护红线)",
                                        "ecospace_models")
    model.setHelpContent({"ALG_DESC": "Runs ecospace:redline_check and styles the findings by severity "
                                      "with ecospace:style_layer. 运行生态保护红线成果质检，并按严重程度渲染问题图层。"})
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
    for k, param in enumerate(inputs):
        model_input(model, param, 120, 60 + 70 * k)

    check = QgsProcessingModelChildAlgorithm("ecospace:redline_check")
    check.setChildId("redline_check")
    check.setDescription("Red-line delivery check")
    check.setPosition(QPointF(420, 200))
    for param, name in (("REDLINE", "redline"), ("FARMLAND", "farmland"),
                        ("URBAN_BOUNDARY", "urban_boundary"), ("PROTECTED_AREAS", "protected_areas"),
                        ("COUNTIES", "counties"), ("COUNTY_CODE_FIELD", "county_code_field")):
        check.addParameterSources(param, [QgsProcessingModelChildParameterSource.fromModelParameter(name)])
    out = QgsProcessingModelOutput("findings", "Findings 问题图层")
    out.setChildId("redline_check")
    out.setChildOutputName("OUTPUT")
    check.setModelOutputs({"findings": out})
    model.addChildAlgorithm(check)

    style = QgsProcessingModelChildAlgorithm("ecospace:style_layer")
    style.setChildId("style_findings")
    style.setDescription("Style findings by severity")
    style.setPosition(QPointF(700, 200))
    style.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromChildOutput(
        "redline_check", "OUTPUT")])
    style.addParameterSources("STYLE", [QgsProcessingModelChildParameterSource.fromStaticValue(0)])
    model.addChildAlgorithm(style)
    return model


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from ecospace.processing.provider import EcoSpaceProvider

    provider = EcoSpaceProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    os.makedirs(MODELS, exist_ok=True)
    model = redline_check_styled()
    path = os.path.join(MODELS, "redline_check_styled.model3")
    print(path, model.toFile(path), file=sys.stderr)
