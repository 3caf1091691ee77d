from __future__ import annotations

from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "unknot.web.care"
    label = "care"
    verbose_name = "unknot care"
