"""Translated titles and message templates of the delineation and version-comparison rules."""
from ..i18n import tr


def titles():
    """{rule id: translated short title}."""
    return {
        **_candidate_compare_titles(),
    }


def templates():
    """{rule id: message template}; fields: fid, other_fid, layer, other_layer, area, value, threshold, detail."""
    return {
        **_candidate_compare_templates(),
    }


# --- redline_candidate (RC_*) and redline_compare (CMP_*) ---------------------------------

def _candidate_compare_titles():
    return {
        "RC_INPUT_INVALID": tr("Invalid geometry in an input layer"),
        "RC_PA_CONFLICT": tr("Protected area overlaps a layer to deduct"),
        "RC_DEDUCTED": tr("Area deducted from the candidate"),
        "RC_CONFLICT": tr("Candidate overlaps a conflict layer (report only)"),
        "RC_FRAGMENT_REMOVED": tr("Fragment removed"),
        "RC_HOLE_FILLED": tr("Small hole filled"),
        "RC_CANDIDATE_ADD": tr("Candidate to add to the red line"),
        "CMP_INPUT_INVALID": tr("Invalid geometry in a compared layer"),
        "CMP_GEOM_NULL": tr("Feature without geometry in a compared version"),
        "CMP_CHANGE_UNKNOWN": tr("Change not counted: the other version has no geometry"),
        "CMP_REMOVED_NO_REASON": tr("Removal with no stated reason"),
        "CMP_REMOVED_REASON": tr("Removal with a stated reason"),
    }


def _candidate_compare_templates():
    return {
        "RC_INPUT_INVALID": tr("Feature {fid} of {layer} is invalid: {detail}. A repaired copy was "
                               "used."),
        "RC_PA_CONFLICT": tr("Protected area {fid} of {layer} overlaps {other_layer} feature "
                             "{other_fid} by {area}. The protected area is kept whole in the "
                             "candidate, so the three control lines overlap here: adjust the "
                             "farmland or boundary, or the protected area, before delivery."),
        "RC_DEDUCTED": tr("{area} of the candidate was deducted where it overlaps {other_layer} "
                          "feature {other_fid}."),
        "RC_CONFLICT": tr("Candidate patch {fid} overlaps {other_layer} feature {other_fid} by "
                          "{area}. Deduct it, or record the permitted-activity category (142号) "
                          "that allows it."),
        "RC_FRAGMENT_REMOVED": tr("A fragment of {area} (below {threshold} m²) was removed from "
                                  "the candidate."),
        "RC_HOLE_FILLED": tr("A hole of {area} (below {threshold} m²) in candidate patch {fid} was "
                             "filled."),
        "RC_CANDIDATE_ADD": tr("Candidate patch {fid} ({detail}) covers {area} outside the existing "
                               "red line, above {threshold} m²: a candidate to add."),
        "CMP_INPUT_INVALID": tr("Feature {fid} of {layer} is invalid: {detail}. A repaired copy was "
                                "compared."),
        "CMP_GEOM_NULL": tr("Feature {fid} of {layer} has no geometry: it is left out of the "
                            "comparison. Restore its geometry, or delete the feature, and compare "
                            "again."),
        "CMP_CHANGE_UNKNOWN": tr("Feature {fid} of {layer} ({area}, id {detail}) is not counted as "
                                 "added or removed: its version {other_fid} in {other_layer} has no "
                                 "geometry, so what changed is unknown. Restore that geometry and "
                                 "compare again."),
        "CMP_REMOVED_NO_REASON": tr("{area} of old red-line patch {fid} was removed (county "
                                    "{detail}) with no stated reason: reason layers cover "
                                    "{value:.1f} %. Explain the removal or restore it."),
        "CMP_REMOVED_REASON": tr("{area} of old red-line patch {fid} was removed; it overlaps "
                                 "{detail} ({value:.1f} % covered)."),
    }
