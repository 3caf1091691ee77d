"""People sign in with an email address and a password; their sessions are kept by account,
and attempts at sign-in, sign-up and password reset are counted against abuse."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("an email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person (or, later, a practitioner). The email address is the sign-in name."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.email


class Session(AbstractBaseSession):
    """A browser's session, marked with the signed-in person's id (none for a visitor), so every
    session of an account can be found and deleted with it. A plain number, not a foreign key:
    a session saved while its account is being deleted must not fail the request."""

    user_pk = models.BigIntegerField(null=True, blank=True, db_index=True)

    @classmethod
    def get_session_store_class(cls) -> Any:
        from unknot.web.accounts.sessions import SessionStore

        return SessionStore


class Attempt(models.Model):
    """A counter for one throttled thing (``key``, e.g. sign-in tries for an address from one
    client) in the window that began at ``since``. Counted with a single conditional UPDATE, so
    parallel requests can never take more than the limit (``unknot.web.accounts.throttle``)."""

    key = models.CharField(max_length=200, unique=True)
    since = models.DateTimeField(default=timezone.now, db_index=True)
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.count} since {self.since:%Y-%m-%d %H:%M}"
