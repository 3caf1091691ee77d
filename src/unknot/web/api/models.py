"""Personal access tokens: how a person's own scripts and systems reach their data over the API.

Only a hash of each token is kept (SHA-256: a token is 32 random bytes, so nothing slower is
needed against guessing); the token itself is shown once, when it is made. A token reads, or
reads and writes; it lasts until its owner revokes it or deletes the account.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from unknot.web.care.models import Owned


class AccessToken(Owned):
    READ = "read"
    WRITE = "write"
    SCOPES = ((READ, "read only"), (WRITE, "read and write"))

    name = models.CharField(max_length=100)
    scope = models.CharField(max_length=10, choices=SCOPES, default=READ)
    prefix = models.CharField(max_length=16)  # the token's first characters, to recognise it
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the whole token, hex
    created = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created", "-id")

    def __str__(self) -> str:
        return f"token {self.prefix}... ({self.scope}) of {self.owner_id}"

    @property
    def may_write(self) -> bool:
        return self.scope == self.WRITE
