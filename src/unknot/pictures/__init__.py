"""Pictures drawn from data, as standalone SVG strings: the body map and where muscles are.

Pure: standard library and ``unknot.knowledge`` only, so every face (web, CLI, handout) can
embed the same drawings.
"""

from unknot.pictures.bodymap import body_map, regions_in_view
from unknot.pictures.muscles import muscle_picture, referral_picture
from unknot.pictures.sheet import contact_sheet
from unknot.pictures.technique import technique_picture

__all__ = [
    "body_map",
    "contact_sheet",
    "muscle_picture",
    "referral_picture",
    "regions_in_view",
    "technique_picture",
]
