from __future__ import annotations

from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "unknot.web.practice"
    label = "practice"
    verbose_name = "unknot practice"
