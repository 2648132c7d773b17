"""The documents behind the rules, as the user reads them: name, number and year, translated.

core/rules.py gives each rule a document key (Rule.source); help pages, tooltips and reports show
citation(rule). Rules no standard sets cite "this plugin's default".
"""
from ..i18n import tr


def citations():
    """{document key: translated citation}; built on call so the current translator applies."""
    return {
        "RL_GUIDE_2017": tr("Guidelines for delineating ecological protection red lines "
                            "《生态保护红线划定指南》 (环办生态〔2017〕48号, 2017)"),
        "THREE_LINES_2019": tr("Guiding opinions on delineating and implementing the three control "
                               "lines in territorial spatial planning 《关于在国土空间规划中统筹划定落实"
                               "三条控制线的指导意见》 (2019)"),
        "RL_142_2022": tr("Notice on strengthening the management of ecological protection red lines "
                          "(trial) 《关于加强生态保护红线管理的通知（试行）》 (自然资发〔2022〕142号, 2022)"),
        "PA_REGULATIONS_1994": tr("Regulations on Nature Reserves 《中华人民共和国自然保护区条例》 "
                                  "(1994), article 18"),
        "PA_SYSTEM_2019": tr("Guiding opinions on a protected-area system with national parks as its "
                             "main body 《关于建立以国家公园为主体的自然保护地体系的指导意见》 "
                             "(中办发〔2019〕42号, 2019)"),
        "GBT_35822_2018": tr("GB/T 35822-2018 Technical regulations for the functional zoning of nature "
                             "reserves 《自然保护区功能区划技术规程》 (zone widths are not checked)"),
        "GREEN_SHIELD": tr("The 'Green Shield' (绿盾) supervision of protected areas since 2017 and its "
                           "remote-sensing monitoring of human activity"),
        "UNIT_GUIDE_2017": tr("Technical guide for the three lines and one list 《“生态保护红线、环境"
                              "质量底线、资源利用上线和环境准入负面清单”编制技术指南（试行）》 (2017)"),
        "GBT_2260": tr("GB/T 2260 Codes for the administrative divisions of the People's Republic of "
                       "China 《中华人民共和国行政区划代码》"),
        "CGCS2000": tr("China Geodetic Coordinate System 2000 (CGCS2000, 2000国家大地坐标系) and "
                       "ellipsoidal area (椭球面积)"),
        "OURS": tr("This plugin's default (no standard sets this rule)"),
    }


def citation(rule):
    """The translated source of a core Rule."""
    return citations().get(rule.source, rule.source)
