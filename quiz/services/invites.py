"""Teacher accounts: admins create invite codes; a teacher signs up with one."""
from datetime import timedelta

from sqlalchemy import func, select, update

from quiz.extensions import db
from quiz.models import Invite, User, now_utc
from quiz.services import accounts
from quiz.services.rows import changed_rows


class InviteRefused(Exception):
    """The code is unknown, used up or expired."""


def create_admin(username: str, password: str, nickname: str | None = None) -> User:
    """Create an admin, or promote the existing account of that name and reset its password."""
    user = db.session.scalar(select(User).where(func.lower(User.username) == username.lower()))
    if user is None:
        user = User(username=username.lower(), nickname=nickname or username)
        db.session.add(user)
    user.role = "admin"
    user.set_password(password)
    user.rotate_session()
    db.session.commit()
    return user


def create_invite(admin: User, max_uses: int, days: int) -> Invite:
    """Make a code good for `max_uses` teacher sign-ups during the next `days` days."""
    invite = Invite(created_by_id=admin.id, max_uses=max_uses, expires_at=now_utc() + timedelta(days=days))
    db.session.add(invite)
    db.session.commit()
    return invite


def invites_of(admin: User) -> list[Invite]:
    """Every invite the admin made, newest first."""
    return list(db.session.scalars(
        select(Invite).where(Invite.created_by_id == admin.id).order_by(Invite.id.desc())))


def revoke(invite: Invite) -> None:
    """Stop a code from making more accounts: it expires now (accounts it made stay)."""
    invite.expires_at = min(invite.expires_at, now_utc())
    db.session.commit()


def redeem(code: str) -> None:
    """Use the code once, in one UPDATE so two sign-ups cannot both take the last use."""
    changed = changed_rows(
        update(Invite)
        .where(Invite.code == code.strip().upper(), Invite.uses < Invite.max_uses, Invite.expires_at > now_utc())
        .values(uses=Invite.uses + 1)
    )
    if changed != 1:
        raise InviteRefused(code)


def sign_up_teacher(code: str, username: str, nickname: str, password: str) -> User:
    """Create a teacher account with an invite code; nothing is stored when the code is refused."""
    try:
        redeem(code)
    except InviteRefused:
        db.session.rollback()
        raise
    return accounts.sign_up(username, nickname, password, role="teacher")
