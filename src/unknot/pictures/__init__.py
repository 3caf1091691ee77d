"""Pictures drawn from data, as standalone SVG strings: the body map and where muscles are.

Pure: standard library and ``unknot.knowledge`` only, so every face (web, CLI, handout) can
embed the same drawings.
"""

from unknot.pictures.bodymap import body_map, regions_in_view
from unknot.pictures.muscles import muscle_picture, referral_picture

__all__ = ["body_map", "muscle_picture", "referral_picture", "regions_in_view"]
