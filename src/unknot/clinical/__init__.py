"""Pure clinical reasoning over an intake: screening, triage and outcome scoring."""

from unknot.clinical.assess import Assessment, assess, assessment_json
from unknot.clinical.intake import Intake, IntakeError, parse_intake
from unknot.clinical.screening import Screening, screen
from unknot.clinical.triage import MuscleScore, rank_muscles

__all__ = [
    "Assessment",
    "Intake",
    "IntakeError",
    "MuscleScore",
    "Screening",
    "assess",
    "assessment_json",
    "parse_intake",
    "rank_muscles",
    "screen",
]
