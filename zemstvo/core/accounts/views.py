"""Public account pages: registration and e-mail confirmation, login, the profile
with the place of residence and the verification status, API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zemstvo.core.accounts import forms, selectors, services, token_services
from zemstvo.core.accounts.confirmation import absolute_url
from zemstvo.core.accounts.models import ApiToken
from zemstvo.core.errors import DomainError


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = forms.RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_register(
                username=data["username"], email=data["email"], first_name=data["first_name"],
                last_name=data["last_name"], patronymic=data["patronymic"],
                password=data["password1"], consent=data["consent"],
            )
        except DomainError as error:
            forms.add_domain_error(form, error)
        else:
            return redirect("accounts:register_done")
    return render(request, "accounts/register.html", {"form": form})


def register_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/register_done.html")


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Open the e-mailed link: the address is confirmed and the account opened; the
    person then logs in with their password."""
    try:
        user, changed = services.email_confirm(token=token)
    except DomainError as error:
        context = {"message": error.message, "form": forms.ResendConfirmationForm()}
        return render(request, "accounts/confirm_invalid.html", context, status=400)
    if changed:
        messages.success(request, _("Адрес электронной почты подтверждён."))
    else:
        messages.info(request, _("Адрес электронной почты уже был подтверждён."))
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    messages.info(request, _("Войдите, чтобы продолжить."))
    query = urlencode({"username": user.get_username()})
    return redirect(f"{reverse('accounts:login')}?{query}")


def confirm_resend(request: HttpRequest) -> HttpResponse:
    form = forms.ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.confirmation_resend(email=form.cleaned_data["email"])
        messages.info(request, _("Если учётная запись с этим адресом ждёт подтверждения, мы "
                                 "отправили на него новое письмо."))
        return redirect("accounts:register_done")
    return render(request, "accounts/confirm_resend.html", {"form": form})


class LoginView(auth_views.LoginView):
    form_class = forms.LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_initial(self) -> dict:
        return {"username": self.request.GET.get("username", "")[:254]}


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self) -> dict:  # type: ignore[override]
        return {"site_url": absolute_url("")}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


def _profile_initial(user) -> dict:
    return {
        "last_name": user.last_name, "first_name": user.first_name,
        "patronymic": user.patronymic, "email": user.email, "phone": user.phone,
        "birth_date": user.birth_date,
    }


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = forms.ProfileForm(request.POST or None, initial=_profile_initial(user))
    if request.method == "POST" and form.is_valid():
        was_verified = user.is_verified
        try:
            mail_sent = services.profile_update(actor=user, **form.cleaned_data)
        except DomainError as error:
            forms.add_domain_error(form, error)
        else:
            messages.success(request, _("Данные сохранены."))
            if mail_sent:
                messages.info(request, _("На новый адрес отправлено письмо: адрес изменится, "
                                         "когда вы откроете ссылку из него."))
            if was_verified and not user.is_verified:
                messages.warning(request, _("Подтверждение личности снято: обратитесь в "
                                            "администрацию, чтобы пройти его заново."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "person": user})


@login_required
def residence(request: HttpRequest) -> HttpResponse:
    """Choose the place of residence in two steps that work without JavaScript: find
    and pick the municipality, then pick one of its settlements."""
    slug = request.POST.get("municipality") or request.GET.get("municipality", "")
    municipality = selectors.active_municipality(slug) if slug else None
    if municipality is None:
        search = forms.MunicipalitySearchForm(request.GET or None)
        query = search.cleaned_data["q"] if search.is_valid() else ""
        context = {"search": search, "query": query,
                   "municipalities": selectors.municipalities_matching(query)}
        return render(request, "accounts/residence_municipality.html", context)
    form = forms.SettlementForm(
        request.POST or None, settlements=selectors.settlements_of(municipality),
        initial={"settlement": request.user.residence_settlement_id
                 if request.user.residence_municipality_id == municipality.pk else None,
                 "address": request.user.residence_address},
    )
    if request.method == "POST" and form.is_valid():
        try:
            reset = services.residence_set(
                actor=request.user, municipality=municipality,
                settlement=form.cleaned_data["settlement"], address=form.cleaned_data["address"],
            )
        except DomainError as error:
            forms.add_domain_error(form, error)
        else:
            messages.success(request, _("Место жительства сохранено."))
            if reset:
                messages.warning(request, _("Подтверждение личности снято: обратитесь в "
                                            "администрацию по новому месту жительства."))
            return redirect("accounts:profile")
    context = {"form": form, "municipality": municipality}
    return render(request, "accounts/residence_settlement.html", context)


@never_cache
@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = forms.TokenForm(request.POST or None)
    secret = ""
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = token_services.api_token_issue(
                actor=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
            )
        except DomainError as error:
            forms.add_domain_error(form, error)
        else:
            form = forms.TokenForm()
    context = {"form": form, "secret": secret, "tokens": selectors.tokens_of(request.user),
               "now": timezone.now()}
    return render(request, "accounts/tokens.html", context)


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token_services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Токен отозван."))
    return redirect("accounts:tokens")
