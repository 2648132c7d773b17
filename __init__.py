"""QGIS plugin entry point: Ecological Space Control Toolkit / 生态空间管控工具箱.

Nothing heavy happens at import time: QGIS imports this package while it starts.
"""


def classFactory(iface):  # name required by QGIS
    from .plugin import EcoSpacePlugin

    return EcoSpacePlugin(iface)
