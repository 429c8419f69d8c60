"""Forms for accounts; database-backed checks live in validate_<field>."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length, Regexp, ValidationError

from quiz.extensions import db
from quiz.forms import Form, NicknameMixin
from quiz.models import User
from quiz.services.passwords import PASSWORD_MAX, PasswordRefused, check_password

USERNAME_PATTERN = r"^[\w.\-]+$"


def password_policy(form, field) -> None:
    """Apply the password policy (quiz/services/passwords.py) to a new password."""
    username = form.username.data if hasattr(form, "username") else getattr(form, "account_name", None)
    try:
        check_password(field.data or "", username)
    except PasswordRefused as refused:
        raise ValidationError(refused.message) from refused


class SignupForm(NicknameMixin, Form):
    """Create a student account (a guest keeps their attempts)."""

    username = StringField(_l("Login name"), validators=[
        InputRequired(), Length(min=3, max=40),
        Regexp(USERNAME_PATTERN, message=_l("Use letters, digits, dots, dashes or underscores."))])
    password = PasswordField(_l("Password"), validators=[InputRequired(), password_policy])
    confirm = PasswordField(_l("Repeat password"), validators=[
        InputRequired(), EqualTo("password", message=_l("The passwords do not match."))])

    def validate_username(self, field: StringField) -> None:
        """Refuse a login name that is taken, whatever its case."""
        taken = db.session.scalar(select(User.id).where(func.lower(User.username) == field.data.lower()))
        if taken is not None:
            raise ValidationError(_l("That login name is taken."))


class LoginForm(Form):
    """Sign in with login name and password."""

    username = StringField(_l("Login name"), validators=[InputRequired(), Length(max=40)])
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=PASSWORD_MAX)])
    remember = BooleanField(_l("Keep me signed in on this device"), default=True)


class NewPasswordMixin:
    """A new password, typed twice, that follows the policy."""

    password = PasswordField(_l("New password"), validators=[InputRequired(), password_policy])
    confirm = PasswordField(_l("Repeat new password"), validators=[
        InputRequired(), EqualTo("password", message=_l("The passwords do not match."))])


class ChangePasswordForm(NewPasswordMixin, Form):
    """Change your own password: the current one proves it is you."""

    current = PasswordField(_l("Current password"), validators=[InputRequired(), Length(max=PASSWORD_MAX)])

    def __init__(self, account_name: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.account_name = account_name


class ResetWithCodeForm(NewPasswordMixin, Form):
    """Set a new password with the one-time code a teacher or an admin gave you."""

    username = StringField(_l("Login name"), validators=[InputRequired(), Length(max=40)])
    code = StringField(_l("Reset code"), validators=[InputRequired(), Length(max=32)])


class TeacherSignupForm(SignupForm):
    """Create a teacher account with an invite code from an admin."""

    invite_code = StringField(_l("Invite code"), validators=[InputRequired(), Length(max=32)],
                              filters=[lambda s: s.strip().upper() if s else s])
