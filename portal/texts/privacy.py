"""Terms of use, the privacy page, and a citizen's own data: a copy of it, or deleting the account."""

TERMS_TITLE = "Termos de uso e aviso de privacidade"
TERMS_VERSION_LABEL = "Versão {version}"
TERMS_PARAGRAPHS = (
    "O Portal de Serviços é mantido pela Prefeitura Municipal de Campinas para dar acesso "
    "aos serviços on-line do município.",
    "Para criar sua conta, tratamos seu nome, CPF e e-mail, com base na execução de "
    "políticas públicas (LGPD, art. 7º, III). Usamos esses dados para identificar você, "
    "enviar mensagens sobre sua conta e proteger o acesso.",
    "Sua senha é guardada de forma irreversível (argon2id). Registramos data e hora de "
    "acesso para a sua segurança.",
    "Você é responsável por manter sua senha em sigilo. Não compartilhe sua conta.",
    "Demandas sobre dados pessoais (LGPD, Lei 13.709/2018) são atendidas pela Ouvidoria "
    "Geral do Município: https://ouvidoria.campinas.sp.gov.br.",
)

# Privacidade (/privacidade)
PRIVACY_TITLE = "Privacidade e proteção de dados"
PRIVACY_INTRO = (
    "O Portal de Serviços trata seus dados pessoais (nome, CPF, e-mail, registros de acesso) "
    "para identificar você e dar acesso aos serviços on-line da Prefeitura de Campinas, "
    "conforme a Lei Geral de Proteção de Dados Pessoais (LGPD, Lei 13.709/2018)."
)
PRIVACY_SELF_SERVICE = (
    "Em “Minha conta” você pode ver, imprimir e baixar seus dados e excluir sua conta."
)
PRIVACY_OUVIDORIA_HEADING = "Ouvidoria Geral do Município"
PRIVACY_OUVIDORIA = (
    "Demandas referentes a dados pessoais, de acordo com a LGPD, devem ser feitas pela "
    "página da Ouvidoria Geral do Município de Campinas:"
)
PRIVACY_DEMANDS_HEADING = "São consideradas demandas LGPD:"

# "Minha conta": a copy of the data, and deleting the account
DATA_HEADING = "Seus dados"
BUTTON_DOWNLOAD_DATA = "Baixar meus dados"
DOWNLOAD_EXPLAIN = (
    "Tudo o que guardamos sobre você: conta, consentimentos, acessos e solicitações. Veja numa "
    "página que pode ser impressa, ou baixe uma cópia para levar a outro serviço."
)
BUTTON_VIEW_DATA = "Ver meus dados"
DOWNLOAD_FORMAT_NOTE = "A cópia para baixar vem no formato JSON, que outros sistemas conseguem ler."

DELETE_HEADING = "Excluir minha conta"
DELETE_EXPLAIN = "Você pode excluir sua conta e seus dados pessoais do portal quando quiser."
BUTTON_DELETE_START = "Quero excluir minha conta"
DELETE_CONFIRM_HEADING = "Antes de excluir, veja o que será perdido"
DELETE_LOSSES = (
    "Você não poderá mais entrar com este CPF e esta senha; para voltar, será preciso um novo cadastro.",
    "Sua conta será fechada em todos os aparelhos, e a verificação em duas etapas e o vínculo com o "
    "gov.br deixam de existir.",
    "Suas solicitações de auxílio perdem nome, CPF, e-mail, telefone e descrição. Guardamos só o "
    "número, a data e o assunto de cada protocolo, porque a lei pede esse registro do serviço público.",
    "Não é possível desfazer. Se quiser uma cópia dos seus dados, baixe-a antes.",
)
DELETE_CONFIRM_MAIL = "Enviaremos um último e-mail confirmando a exclusão."

BUTTON_DELETE_CANCEL = "Cancelar e manter minha conta"
LABEL_DELETE_PASSWORD = "Confirme com sua senha"
BUTTON_DELETE_ACCOUNT = "Excluir minha conta definitivamente"
ACCOUNT_DELETED = "Sua conta foi excluída. Enviamos uma confirmação para o seu e-mail."

# What is kept after a deletion, and the data export
DELETED_HOLDER_NAME = "Titular excluído"
DELETED_HOLDER_TEXT = "[removido a pedido do titular]"
EXPORT_TERMS_DOCUMENT = "termos de uso e aviso de privacidade"
