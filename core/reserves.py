"""Protected-area checks (DOMAIN 4), one import for callers: the engine lives in
zone_check (functional zones), zone_tiling, zone_summary, pa_overlaps and activity."""
from .activity import ActivityParams, ActivityResult, check_activities
from .pa_overlaps import OverlapParams, OverlapResult, check_overlaps
from .zone_check import ReserveParams, ReserveResult, check_reserves
from .zones import InputError

__all__ = ["InputError", "ReserveParams", "ReserveResult", "check_reserves", "OverlapParams",
           "OverlapResult", "check_overlaps", "ActivityParams", "ActivityResult", "check_activities"]
