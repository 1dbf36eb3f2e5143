"""The demo account of the embedded defaults: outside production, the app's
start creates it when missing, so that a fresh checkout signs in at once.

    e-mail    demo@example.com
    password  vectra-demo-password
    owner of "Demo", viewer of "Demo Partner" (to try the organization switcher)

DEMO_ACCOUNT=false turns it off; production never creates it.
"""

import logging

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.core.roles import Role
from app.core.security import hash_password
from app.db import session as db_session
from app.models.identity import Membership, Organization, User

logger = logging.getLogger(__name__)

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "vectra-demo-password"
DEMO_ORGANIZATIONS = (("Demo", Role.OWNER), ("Demo Partner", Role.VIEWER))


async def ensure_demo_account() -> None:
    """Create the demo user and organizations once (tables missing: a warning)."""
    try:
        async with db_session.SessionFactory() as session, session.begin():
            if await session.scalar(select(User.id).where(User.email == DEMO_EMAIL)):
                return
            user = User(email=DEMO_EMAIL, name="Demo", password_hash=hash_password(DEMO_PASSWORD))
            session.add(user)
            for name, role in DEMO_ORGANIZATIONS:
                organization = Organization(name=name)
                session.add(organization)
                await session.flush()
                session.add(Membership(user_id=user.id, organization_id=organization.id, role=role))
        logger.info("Demo account created: %s (see the README for its password)", DEMO_EMAIL)
    except SQLAlchemyError as error:  # not migrated yet, or another replica won the race
        logger.warning("Demo account not created: %s", type(error).__name__)
