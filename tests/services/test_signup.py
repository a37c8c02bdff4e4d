"""Sign-up: validation, account creation with its link and mail, pending sign-ups, e-mail correction."""

from datetime import timedelta

import pytest
from sqlalchemy import event, insert
from sqlmodel import select

from portal.accounts import confirmation, passwords, signup
from portal.accounts.confirmation import ConfirmStatus
from portal.models import Account, EmailToken
from tests.services.conftest import PASSWORD


def test_register_creates_an_unconfirmed_account(db, make_form, t0, password):
    result = signup.register(db, make_form(), now=t0)
    assert result.ok and result.email == "maria@example.com"
    account = db.get(Account, result.account_id)
    assert account.cpf == "52998224725"
    assert account.full_name == "Maria Aparecida Silva"
    assert account.confirmed_at is None
    assert account.terms_version == signup.TERMS_VERSION and account.terms_accepted_at == t0
    assert passwords.verify_and_update(password, account.password_hash) == (True, None)


def test_register_queues_one_confirmation_mail_with_a_working_token(db, make_form, t0, outbox, latest_token):
    result = signup.register(db, make_form(), now=t0)
    [mail] = outbox()
    assert mail.to_address == "maria@example.com"
    assert mail.sent_at is None and mail.next_attempt_at == t0
    assert "http://portal.test/auth/confirmar?token=" in mail.body_text
    [token_row] = db.exec(select(EmailToken)).all()
    assert token_row.account_id == result.account_id
    assert token_row.expires_at == t0 + timedelta(hours=48)
    assert confirmation.find(db, latest_token()).id == token_row.id


def test_register_cleans_the_name_and_normalizes_the_email(db, make_form, t0):
    form = make_form(full_name="  maria   aparecida  silva ", email="Maria@EXAMPLE.com",
                     email_confirm="maria@example.COM")
    result = signup.register(db, form, now=t0)
    account = db.get(Account, result.account_id)
    assert account.full_name == "maria aparecida silva"
    assert account.email == "Maria@example.com"


@pytest.mark.parametrize(
    ("overrides", "field", "codes"),
    [
        ({"full_name": ""}, "full_name", ["name_required"]),
        ({"full_name": "   "}, "full_name", ["name_required"]),
        ({"full_name": "Maria"}, "full_name", ["name_incomplete"]),
        ({"full_name": "Maria Silva2"}, "full_name", ["name_invalid"]),
        ({"full_name": "Maria @ Silva"}, "full_name", ["name_invalid"]),
        ({"full_name": "Maria " + "a" * 200}, "full_name", ["name_too_long"]),
        ({"cpf": ""}, "cpf", ["cpf_required"]),
        ({"cpf": "529.982.247-24"}, "cpf", ["cpf_invalid"]),
        ({"cpf": "111.111.111-11"}, "cpf", ["cpf_invalid"]),
        ({"email": "", "email_confirm": ""}, "email", ["email_required"]),
        ({"email": "maria@"}, "email", ["email_invalid"]),
        ({"email_confirm": "mariaa@example.com"}, "email_confirm", ["email_mismatch"]),
        ({"password": "", "password_confirm": ""}, "password", ["password_required"]),
        ({"password": "Xk9#mPq"}, "password", ["password_too_short"]),
        ({"password": "Xk9#mPq2" * 17}, "password", ["password_too_long"]),
        ({"password": "senha123"}, "password", ["password_common"]),
        ({"password": "meu cpf 52998224725"}, "password", ["password_contains_cpf"]),
        ({"password": "aparecida do norte"}, "password", ["password_contains_name"]),
        ({"password_confirm": "outra senha qualquer"}, "password_confirm", ["password_mismatch"]),
        ({"accept_terms": False}, "accept_terms", ["terms_required"]),
    ],
)
def test_register_reports_each_field_error_and_creates_nothing(
    db, make_form, t0, outbox, overrides, field, codes
):
    result = signup.register(db, make_form(**overrides), now=t0)
    assert result.errors == {field: codes}
    assert result.account_id is None
    assert db.exec(select(Account)).all() == []
    assert outbox() == []


def test_register_reports_errors_of_every_field_at_once(db, make_form, t0):
    form = make_form(full_name="", cpf="123", email="x", password="curta", password_confirm="",
                     accept_terms=False)
    result = signup.register(db, form, now=t0)
    assert set(result.errors) == {"full_name", "cpf", "email", "password", "password_confirm", "accept_terms"}


def test_confirmed_cpf_cannot_sign_up_again(db, make_form, t0, confirmed_account, outbox):
    result = signup.register(db, make_form(email="outra@example.com"), now=t0 + timedelta(minutes=5))
    assert result.errors == {"cpf": ["cpf_taken"]}
    assert db.get(Account, confirmed_account).email == "maria@example.com"
    assert len(outbox()) == 1


def test_pending_cpf_sign_up_again_replaces_name_email_and_password(db, make_form, t0, pending_account):
    form = make_form(full_name="Maria Aparecida Souza", cpf="52998224725", email="nova@example.com",
                     password="outra frase bem comprida")
    result = signup.register(db, form, now=t0 + timedelta(minutes=5))
    assert result.ok and result.account_id == pending_account
    db.expire_all()
    [account] = db.exec(select(Account)).all()
    assert (account.full_name, account.email) == ("Maria Aparecida Souza", "nova@example.com")
    assert passwords.verify_and_update("outra frase bem comprida", account.password_hash)[0] is True
    assert account.terms_accepted_at == t0 + timedelta(minutes=5)


def test_pending_cpf_sign_up_again_supersedes_the_old_link(
    db, make_form, t0, pending_account, latest_token, outbox
):
    old_token = latest_token()
    signup.register(db, make_form(email="nova@example.com"), now=t0 + timedelta(minutes=5))
    assert [m.to_address for m in outbox()] == ["maria@example.com", "nova@example.com"]
    later = t0 + timedelta(minutes=6)
    assert confirmation.confirm(db, old_token, now=later).status == ConfirmStatus.SUPERSEDED
    assert confirmation.confirm(db, latest_token(), now=later).status == ConfirmStatus.OK
    assert db.get(Account, pending_account).email == "nova@example.com"


def test_correct_email_sends_a_new_link_to_the_new_address(db, t0, pending_account, outbox):
    result = signup.correct_email(db, pending_account, "certo@example.com", "certo@example.com", now=t0, password=PASSWORD)
    assert result.errors == {} and result.email == "certo@example.com" and result.retry_at is None
    assert [m.to_address for m in outbox()] == ["maria@example.com", "certo@example.com"]
    assert db.get(Account, pending_account).email == "certo@example.com"


def test_correct_email_makes_the_old_link_stop_working(db, t0, pending_account, latest_token):
    old_token = latest_token()
    signup.correct_email(db, pending_account, "certo@example.com", "certo@example.com", now=t0, password=PASSWORD)
    later = t0 + timedelta(minutes=1)
    assert confirmation.confirm(db, old_token, now=later).status == ConfirmStatus.SUPERSEDED
    assert confirmation.confirm(db, latest_token(), now=later).status == ConfirmStatus.OK
    assert db.get(Account, pending_account).email == "certo@example.com"


@pytest.mark.parametrize(
    ("new_email", "confirm", "errors"),
    [
        ("", "", {"new_email": ["email_required"]}),
        ("certo@", "certo@", {"new_email": ["email_invalid"]}),
        ("certo@example.com", "certa@example.com", {"new_email_confirm": ["email_mismatch"]}),
    ],
)
def test_correct_email_validates_the_new_address(db, t0, pending_account, outbox, new_email, confirm, errors):
    result = signup.correct_email(db, pending_account, new_email, confirm, now=t0, password=PASSWORD)
    assert result.errors == errors
    assert len(outbox()) == 1
    assert db.get(Account, pending_account).email == "maria@example.com"


def test_correct_email_is_refused_for_confirmed_or_missing_accounts(db, t0, confirmed_account):
    assert signup.correct_email(db, confirmed_account, "c@example.com", "c@example.com", now=t0, password=PASSWORD) is None
    assert signup.correct_email(db, confirmed_account + 99, "c@example.com", "c@example.com", now=t0, password=PASSWORD) is None


def test_correcting_the_email_needs_the_sign_up_password(db, t0, pending_account, outbox):
    """The next person at a shared computer cannot send the pending account to their address."""
    result = signup.correct_email(db, pending_account, "outra@example.com", "outra@example.com", now=t0,
                                  password="não é a senha")
    assert result.errors == {"signup_password": ["signup_password_wrong"]}
    assert db.get(Account, pending_account).email != "outra@example.com"
    assert [m.to_address for m in outbox()] == [db.get(Account, pending_account).email]  # the sign-up link only


def test_corrections_are_throttled_after_five_links_in_an_hour(db, t0, pending_account, outbox):
    # The sign-up link counts: with it, four corrections fill the five links of the hour.
    for minute in range(1, 5):
        result = signup.correct_email(db, pending_account, f"c{minute}@example.com", f"c{minute}@example.com",
                                      now=t0 + timedelta(minutes=minute), password=PASSWORD)
        assert result.retry_at is None
    throttled = signup.correct_email(db, pending_account, "c9@example.com", "c9@example.com",
                                     now=t0 + timedelta(minutes=10), password=PASSWORD)
    assert throttled.errors == {}
    assert throttled.retry_at == t0 + timedelta(hours=1)
    assert throttled.email == "c4@example.com"
    assert len(outbox()) == 5
    assert db.get(Account, pending_account).email == "c4@example.com"


def test_corrections_are_allowed_again_an_hour_after_the_oldest_link(db, t0, pending_account):
    for minute in range(1, 5):
        signup.correct_email(db, pending_account, f"c{minute}@example.com", f"c{minute}@example.com",
                             now=t0 + timedelta(minutes=minute), password=PASSWORD)
    result = signup.correct_email(db, pending_account, "c9@example.com", "c9@example.com",
                                  now=t0 + timedelta(hours=1, seconds=1), password=PASSWORD)
    assert result.retry_at is None and result.email == "c9@example.com"


def test_concurrent_sign_up_for_the_same_cpf_reports_cpf_busy(db, make_form, t0, outbox):
    """Another sign-up for the CPF commits between our check and our insert: the unique index decides."""

    def other_sign_up_commits_first(session, flush_context, instances):
        with session.get_bind().connect() as other:
            other.execute(insert(Account).values(
                cpf="52998224725", full_name="Outra Pessoa", email="outra@example.com", password_hash="x",
                created_at=t0, terms_version=signup.TERMS_VERSION, terms_accepted_at=t0))
            other.commit()

    event.listen(db, "before_flush", other_sign_up_commits_first, once=True)
    result = signup.register(db, make_form(), now=t0)
    assert result.errors == {"cpf": ["cpf_busy"]}
    assert [a.full_name for a in db.exec(select(Account)).all()] == ["Outra Pessoa"]
    assert outbox() == []
