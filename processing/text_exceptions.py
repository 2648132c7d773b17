"""Translated title and message template of the accepted-exceptions rule (EXC_*)."""
from ..i18n import tr


def titles():
    return {"EXC_STALE": tr("Accepted exception matches no finding any more")}


def templates():
    """Fields: fid, other_fid, layer, other_layer, area, value, threshold, detail."""
    return {
        "EXC_STALE": tr("The exception accepted for feature {fid} of {layer} matches no finding of this "
                        "run any more (the feature was fixed, moved or deleted). Remove it from "
                        "ecospace_exceptions.gpkg, or accept the new finding."),
    }
