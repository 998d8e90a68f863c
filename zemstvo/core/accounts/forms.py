"""Forms of the accounts pages. They parse input; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zemstvo.core.accounts import services
from zemstvo.core.accounts.backends import find_login_user
from zemstvo.core.accounts.models import REGIONAL_ROLES, Role, User
from zemstvo.core.errors import DomainError

CONSENT_TEXT = _(
    "Я даю согласие на обработку моих персональных данных (фамилия, имя, отчество, адрес "
    "электронной почты, телефон, дата рождения, место жительства) органам местного "
    "самоуправления и оператору платформы «Земство» для участия в местном самоуправлении, "
    "в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных». "
    "Согласие можно отозвать, обратившись в администрацию."
)


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's error on the form: on its fields when it names them."""
    placed = False
    for field, messages in error.field_errors.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
        placed = True
    if not placed:
        form.add_error(None, error.message)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RegistrationForm(forms.Form):
    username = forms.CharField(
        label=_("Имя пользователя (логин)"), max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Латинские или русские буквы, цифры и символы . + - _"),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    email = forms.EmailField(
        label=_("Электронная почта"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    last_name = forms.CharField(label=_("Фамилия"), max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    first_name = forms.CharField(label=_("Имя"), max_length=150,
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    patronymic = forms.CharField(label=_("Отчество (если есть)"), max_length=150, required=False,
                                 widget=forms.TextInput(attrs={"autocomplete": "additional-name"}))
    password1 = forms.CharField(
        label=_("Пароль"), strip=False,
        help_text=_("Не короче 8 символов, не только из цифр и не слишком простой."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Пароль ещё раз"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent = forms.BooleanField(
        label=_("Согласен на обработку персональных данных"), help_text=CONSENT_TEXT,
        error_messages={"required": _("Без согласия на обработку персональных данных "
                                      "регистрация невозможна.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password1") and data.get("password2") != data.get("password1"):
            self.add_error("password2", _("Пароли не совпадают."))
        return data


class LoginForm(auth_forms.AuthenticationForm):
    username = auth_forms.UsernameField(
        label=_("Логин или электронная почта"), max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("Неверный логин, адрес электронной почты или пароль."),
        "inactive": _("Учётная запись отключена."),
        "unconfirmed": _("Адрес электронной почты ещё не подтверждён: откройте ссылку из письма "
                         "или запросите письмо ещё раз."),
    }

    def get_invalid_login_error(self) -> ValidationError:
        # Tell a person with the right password that only the confirmation is missing;
        # not while axes holds the login locked (then no password is checked at all).
        if not getattr(self.request, "axes_locked_out", False):
            user = find_login_user(self.cleaned_data.get("username") or "")
            password = self.cleaned_data.get("password") or ""
            if (
                user is not None and not user.is_active and user.email_confirmed_at is None
                and user.check_password(password)
            ):
                self.unconfirmed = True
                return ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")
        return super().get_invalid_login_error()


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(label=_("Электронная почта, указанная при регистрации"))


class ProfileForm(forms.Form):
    last_name = forms.CharField(label=_("Фамилия"), max_length=150)
    first_name = forms.CharField(label=_("Имя"), max_length=150)
    patronymic = forms.CharField(label=_("Отчество"), max_length=150, required=False)
    email = forms.EmailField(label=_("Электронная почта"), required=False,
                             help_text=_("Новый адрес начнёт действовать после подтверждения "
                                         "по ссылке из письма."))
    phone = forms.CharField(label=_("Телефон"), max_length=30, required=False,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    birth_date = forms.DateField(label=_("Дата рождения"), required=False, widget=DateInput(),
                                 input_formats=["%Y-%m-%d", "%d.%m.%Y"])


class MunicipalitySearchForm(forms.Form):
    q = forms.CharField(label=_("Название муниципального образования"), required=False,
                        max_length=100)


class SettlementForm(forms.Form):
    settlement = forms.ModelChoiceField(
        label=_("Населённый пункт"), queryset=None, empty_label=_("— выберите —"),
        error_messages={"invalid_choice": _("Выберите населённый пункт из списка.")},
    )
    address = forms.CharField(label=_("Адрес (улица, дом, квартира)"), max_length=255,
                              required=False)

    def __init__(self, *args: Any, settlements: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = settlements


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(label=_("Электронная почта"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def get_users(self, email: str):
        # Residents loaded from a roll have no password yet: a reset is how they set
        # their first one, so unusable passwords are included (Django skips them).
        return User.objects.filter(email__iexact=email, is_active=True)


class SetPasswordForm(auth_forms.SetPasswordForm):
    def save(self, commit: bool = True) -> User:
        services.password_set(user=self.user, password=self.cleaned_data["new_password1"],
                              reason="reset")
        return self.user


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def save(self, commit: bool = True) -> User:
        services.password_set(user=self.user, password=self.cleaned_data["new_password1"],
                              reason="change")
        return self.user


# --- office ---------------------------------------------------------------------------


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("ФИО или электронная почта"), required=False, max_length=100)
    verified = forms.ChoiceField(
        label=_("Подтверждение личности"), required=False,
        choices=[("", _("все")), ("yes", _("подтверждена")), ("no", _("не подтверждена"))],
    )


class VerifyForm(forms.Form):
    document = forms.ChoiceField(
        label=_("Предъявленный документ"),
        choices=[("", _("— выберите —"))] + [
            (d.value, d.label) for d in services.IN_PERSON_DOCUMENTS
        ],
        help_text=_("Номер документа не записывается."),
    )
    settlement = forms.ModelChoiceField(
        label=_("Населённый пункт проживания"), queryset=None, empty_label=_("— выберите —"),
    )
    checked = forms.BooleanField(
        label=_("ФИО, дата рождения и место жительства сверены с документом"),
        error_messages={"required": _("Подтвердите, что данные сверены с документом.")},
    )

    def __init__(self, *args: Any, settlements: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = settlements


class RevokeVerificationForm(forms.Form):
    reason = forms.CharField(label=_("Причина"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}))


class GrantRoleForm(forms.Form):
    user = forms.CharField(label=_("Логин или электронная почта сотрудника"), max_length=254)
    role = forms.ChoiceField(label=_("Роль"))

    def __init__(self, *args: Any, regional: bool = False, **kwargs: Any):
        # Two grant forms share a page: their fields need distinct names and ids.
        kwargs.setdefault("prefix", "regional" if regional else "municipal")
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (r.value, r.label) for r in Role if (r in REGIONAL_ROLES) == regional
        ]

    def clean_user(self) -> User:
        found = find_login_user(self.cleaned_data["user"])
        if found is None:
            raise ValidationError(_("Пользователь с таким логином или адресом не найден."))
        return found


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Название (для чего токен)"), max_length=100, required=False)
    days = forms.TypedChoiceField(
        label=_("Срок действия"), coerce=int, initial=90,
        choices=[(30, _("30 дней")), (90, _("90 дней")), (365, _("1 год"))],
    )

