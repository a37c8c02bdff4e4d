"""What a sign-in proved, and which of it is a second step (portal/accounts/factors.py)."""

from portal.accounts.factors import Factor, decode_factors, encode_factors, of_govbr, two_steps


def test_what_is_written_reads_back_and_unknown_words_are_ignored():
    assert decode_factors(encode_factors({Factor.CODE, Factor.PASSWORD})) == {Factor.CODE, Factor.PASSWORD}
    assert decode_factors("pwd otp de-uma-versao-futura") == {Factor.PASSWORD, Factor.CODE}
    assert decode_factors("") == frozenset()


def test_a_password_or_a_bronze_gov_br_alone_is_one_step():
    for alone in ({Factor.PASSWORD}, {Factor.MAILBOX}, {Factor.GOVBR_BRONZE}, {Factor.PASSWORD, Factor.GOVBR_BRONZE}):
        assert not two_steps(alone)


def test_a_code_or_gov_br_prata_or_ouro_is_a_second_step():
    for second in (Factor.CODE, Factor.RECOVERY_CODE, Factor.GOVBR_PRATA, Factor.GOVBR_OURO):
        assert two_steps({Factor.PASSWORD, second})
    assert two_steps({of_govbr("prata")}) and two_steps({of_govbr("ouro")})
    assert of_govbr("bronze") is Factor.GOVBR_BRONZE and of_govbr("desconhecido") is Factor.GOVBR_BRONZE
