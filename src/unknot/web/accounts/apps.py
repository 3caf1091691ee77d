from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "unknot.web.accounts"
    label = "accounts"
    verbose_name = "unknot accounts"
