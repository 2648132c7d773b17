"""Translated titles and message templates of the delineation and version-comparison rules."""
from ..i18n import tr  # noqa: F401 (used as rules are added)


def titles():
    """{rule id: translated short title}."""
    return {}


def templates():
    """{rule id: message template}; fields: fid, other_fid, layer, other_layer, area, value, threshold, detail."""
    return {}
