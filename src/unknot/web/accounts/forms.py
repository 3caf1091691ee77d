"""Sign-up and sign-in forms: an email address and a password, checked by Django's validators."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm

from unknot.web.accounts import throttle
from unknot.web.accounts.models import User


def _email() -> forms.EmailField:
    return forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def _new_password() -> forms.CharField:
    return forms.CharField(
        label="Password",
        strip=False,
        max_length=4096,
        help_text="At least 10 characters; not a common password.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class SignupForm(forms.Form):
    """Sign-up at once, on one's own computer: the address and a password."""

    email = _email()
    password = _new_password()

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "There is already an account with this email address. Sign in instead."
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password")
        if password:
            try:
                password_validation.validate_password(password, User(email=data.get("email", "")))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class SignupEmailForm(forms.Form):
    """Sign-up by email (hosted): only the address; the emailed link leads on."""

    email = _email()

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class ChoosePasswordForm(forms.Form):
    """The page an emailed sign-up link opens: the password for ``email``'s new account."""

    password = _new_password()

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        password_validation.validate_password(password, User(email=self.email))
        return password


class LoginForm(forms.Form):
    email = _email()
    password = forms.CharField(
        label="Password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password, to confirm",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset form, matching the address in any case (addresses are kept lower-case)."""

    def get_users(self, email: str) -> Any:
        return super().get_users(email.strip().lower())

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        """Send the link, unless this address already got ``throttle.MAIL_TO.limit`` messages
        this hour (the page says the same either way)."""
        to_email = str(args[4] if len(args) > 4 else kwargs["to_email"])
        if throttle.take(throttle.MAIL_TO, to_email):
            super().send_mail(*args, **kwargs)
