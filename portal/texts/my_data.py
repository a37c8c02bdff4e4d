"""Meus dados: everything kept about a citizen, as a page to read and print."""

MY_DATA_TITLE = "Meus dados"
MY_DATA_INTRO = "Tudo o que o Portal de Serviços guarda sobre você. Datas e horas no horário de Brasília."
MY_DATA_GENERATED = "Gerado em {when}."
BUTTON_PRINT = "Imprimir"
BUTTON_DOWNLOAD_COPY = "Baixar uma cópia (JSON)"
BACK_TO_ACCOUNT = "Voltar para Minha conta"

REPORT_ACCOUNT = "Sua conta"
REPORT_CONSENTS = "Termos que você aceitou"
REPORT_SESSIONS = "Onde sua conta foi aberta"
REPORT_ACTIVITY = "Atividade da conta"
REPORT_REQUESTS = "Solicitações de auxílio"
REPORT_NONE = "Nada registrado."
REPORT_NEVER = "—"
REPORT_STILL_OPEN = "Ainda aberta"

REPORT_SOURCES = {"portal": "Cadastro neste portal", "legacy": "Conta trazida do antigo Portal do Cidadão",
                  "govbr": "Criada com a conta gov.br"}
REPORT_LABELS = {
    "nome": "Nome", "cpf": "CPF", "email": "E-mail", "criada_em": "Criada em",
    "email_confirmado_em": "E-mail confirmado em", "origem": "Origem", "documento": "Documento",
    "versao": "Versão", "aceito_em": "Aceito em", "navegador": "Aparelho e navegador", "inicio": "Entrou em",
    "ultimo_acesso": "Usada pela última vez em", "endereco": "Endereço de internet (IP)",
    "encerrada_em": "Fechada em", "quando": "Quando", "evento": "O que aconteceu", "protocolo": "Protocolo",
    "assunto": "Assunto", "situacao": "Situação", "telefone": "Telefone", "descricao": "Descrição",
}
