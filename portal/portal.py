"""Builds the Reflex app and registers its pages; nothing else."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.core.config import settings
from portal.pages.account import account
from portal.pages.confirm import confirm
from portal.pages.desk import desk
from portal.pages.dev_emails import dev_emails
from portal.pages.follow_request import follow_request
from portal.pages.govbr import govbr_failed, govbr_link
from portal.pages.home import home
from portal.pages.my_data import my_data
from portal.pages.new_password import new_password
from portal.pages.not_me import not_me
from portal.pages.privacy import privacy
from portal.pages.recover import recover
from portal.pages.services import services
from portal.pages.signup import signup
from portal.pages.signup_sent import signup_sent
from portal.pages.support import support
from portal.pages.terms import terms
from portal.pages.unavailable import unavailable
from portal.state.account import AccountState
from portal.state.catalog import CatalogState
from portal.state.confirm import ConfirmState
from portal.state.desk import DeskState
from portal.state.dev_emails import DevEmailsState
from portal.state.follow_request import FollowRequestState
from portal.state.govbr import GovbrFailedState, GovbrLinkState
from portal.state.help import HelpState
from portal.state.login import LoginState
from portal.state.my_data import MyDataState
from portal.state.my_requests import MyRequestsState
from portal.state.personal import ForgetOnNewSession
from portal.state.recovery import NewPasswordState, NotMeState, RecoveryState
from portal.state.signup import SignupState
from portal.state.support import SupportState
from portal.state.two_step import TwoStepState
from portal.web.auth_routes import auth_app
from portal.web.background import run_mail
from portal.web.errors import backend_exception_handler, frontend_exception_handler

app = rx.App(
    stylesheets=["/portal.css"],
    html_lang="pt-BR",
    api_transformer=auth_app(),
    backend_exception_handler=backend_exception_handler,
    frontend_exception_handler=frontend_exception_handler,
)
app.register_lifespan_task(run_mail)
# A tab reopened after its person's session ended forgets that person's data first.
app.add_middleware(ForgetOnNewSession())


def _title(name: str) -> str:
    return texts.PAGE_TITLE.format(page=name)


app.add_page(home, route=routes.HOME, title=_title(texts.HOME_PAGE_TITLE),
             on_load=[LoginState.on_load, HelpState.load_status])
app.add_page(signup, route=routes.SIGNUP, title=_title(texts.SIGNUP_TITLE), on_load=SignupState.on_load)
app.add_page(signup_sent, route=routes.SIGNUP_SENT, title=_title(texts.SENT_TITLE))
app.add_page(confirm, route=routes.CONFIRM, title=_title(texts.CONFIRM_TITLE), on_load=ConfirmState.on_load)
app.add_page(account, route=routes.ACCOUNT, title=_title(texts.ACCOUNT_TITLE),
             on_load=[AccountState.load_account, TwoStepState.load, MyRequestsState.load])
app.add_page(my_data, route=routes.MY_DATA, title=_title(texts.MY_DATA_TITLE), on_load=MyDataState.load)
app.add_page(terms, route=routes.TERMS, title=_title(texts.TERMS_TITLE))
app.add_page(recover, route=routes.RECOVER, title=_title(texts.RECOVER_TITLE), on_load=RecoveryState.on_load)
app.add_page(new_password, route=routes.NEW_PASSWORD, title=_title(texts.NEW_PASSWORD_TITLE),
             on_load=NewPasswordState.load)
app.add_page(not_me, route=routes.NOT_ME, title=_title(texts.NOT_ME_TITLE), on_load=NotMeState.on_load)
app.add_page(support, route=routes.SUPPORT, title=_title(texts.SUPPORT_TITLE), on_load=SupportState.on_load)
app.add_page(follow_request, route=routes.FOLLOW_REQUEST, title=_title(texts.FOLLOW_TITLE),
             on_load=FollowRequestState.on_load)
app.add_page(desk, route=routes.DESK, title=_title(texts.DESK_TITLE), on_load=DeskState.load)
app.add_page(services, route=routes.SERVICES, title=_title(texts.SERVICES_TITLE),
             on_load=CatalogState.on_load)
app.add_page(privacy, route=routes.PRIVACY, title=_title(texts.PRIVACY_TITLE))
app.add_page(unavailable, route=routes.UNAVAILABLE, title=_title(texts.UNAVAILABLE_TITLE))
app.add_page(govbr_failed, route=routes.GOVBR_FAILED, title=_title(texts.GOVBR_FAILED_TITLE),
             on_load=GovbrFailedState.on_load)
app.add_page(govbr_link, route=routes.GOVBR_LINK, title=_title(texts.GOVBR_LINK_TITLE), on_load=GovbrLinkState.on_load)
if settings().mail_catcher_enabled:
    app.add_page(dev_emails, route=routes.DEV_EMAILS, title=_title(texts.DEV_EMAILS_TITLE),
                 on_load=DevEmailsState.refresh)
