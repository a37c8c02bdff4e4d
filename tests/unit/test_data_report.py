""""Meus dados" as people read it (portal/accounts/data_report.py)."""

from portal.accounts.data_report import report

EXPORT = {
    "gerado_em": "2026-11-26T15:00:00+00:00",
    "conta": {"nome": "Maria da Silva", "cpf": "52998224725", "email": "maria@example.com",
              "criada_em": "2026-11-20T13:05:00+00:00", "email_confirmado_em": None, "origem": "legacy"},
    "consentimentos": [{"documento": "termos de uso e aviso de privacidade", "versao": "2026-11",
                        "aceito_em": "2026-11-20T13:05:00+00:00"}],
    "sessoes": [{"inicio": "2026-11-26T14:00:00+00:00", "ultimo_acesso": "2026-11-26T14:30:00+00:00",
                 "navegador": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                              "Chrome/131.0.0.0 Safari/537.36",
                 "endereco": "203.0.113.9", "encerrada_em": None}],
    "atividade": [{"quando": "2026-11-26T14:00:00+00:00", "evento": "login_ok", "navegador": "", "endereco": None}],
    "solicitacoes_de_auxilio": [],
}


def _rows(section):
    return [{row.label: row.value for row in entry.rows} for entry in section.records]


def test_labels_are_portuguese_and_moments_are_brasilia_time():
    account, consents, sessions, activity, requests = report(EXPORT)
    assert account.title == "Sua conta"
    assert _rows(account) == [{"Nome": "Maria da Silva", "CPF": "52998224725", "E-mail": "maria@example.com",
                               "Criada em": "20/11/2026 às 10:05", "E-mail confirmado em": "—",
                               "Origem": "Conta trazida do antigo Portal do Cidadão"}]
    assert _rows(consents)[0]["Aceito em"] == "20/11/2026 às 10:05"
    assert _rows(sessions) == [{"Aparelho e navegador": "Chrome 131 em Linux", "Entrou em": "26/11/2026 às 11:00",
                                "Usada pela última vez em": "26/11/2026 às 11:30",
                                "Endereço de internet (IP)": "203.0.113.9", "Fechada em": "Ainda aberta"}]
    assert _rows(activity) == [{"Quando": "26/11/2026 às 11:00", "O que aconteceu": "Entrada na conta",
                                "Aparelho e navegador": "Navegador desconhecido"}]
    assert requests.records == [] and requests.empty == "Nada registrado."
