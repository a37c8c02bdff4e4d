"""Every citizen-facing text of the portal, in Brazilian Portuguese, in one place.

Wording is reviewed and changed here only. Messages for validation results are keyed by
the codes the services return (``MESSAGES["cpf_invalid"]``), as Django's forms do.
"""

from portal.config import settings as _settings

# The support phones are the city's to set (PORTAL_SUPPORT_PHONE_CAMPINAS / _OTHER).
PHONE_CAMPINAS = _settings().support_phone_campinas
PHONE_OTHER = _settings().support_phone_other

PORTAL_NAME = "Portal de Serviços"
CITY = "Prefeitura Municipal de Campinas"

# --- Shared layout -------------------------------------------------------------------
SKIP_TO_CONTENT = "Ir para o conteúdo"
FOOTER = "Prefeitura Municipal de Campinas · Portal de Serviços"
LINK_TERMS = "Termos de uso e aviso de privacidade"
GENERIC_ERROR = (
    "Não foi possível concluir a operação agora. Tente novamente em instantes; "
    f"se o problema continuar, ligue {PHONE_CAMPINAS} (Campinas) ou {PHONE_OTHER}."
)
LOADING = "Aguarde…"
CONNECTING = "Conectando…"
CONNECTION_LOST = "Sem conexão. Tentando de novo…"

# --- Home / sign-in -----------------------------------------------------------------
HOME_TITLE = "Portal de Serviços"
HOME_SUBTITLE = "Acesse os serviços on-line da Prefeitura de Campinas."
LOGIN_HEADING = "Entrar"
# Without gov.br configured, nobody should try a gov.br password here.
LOGIN_INTRO = "Entre com o CPF e a senha que você criou neste portal (a senha do gov.br não vale aqui)."
LOGIN_INTRO_GOVBR = "Se você não tem uma conta gov.br, entre com seu CPF e senha."
LOGIN_LEGACY_NOTE = "*Mesma senha que você utilizava no antigo Portal do Cidadão."
LABEL_CPF = "CPF"
LABEL_PASSWORD = "Senha"
BUTTON_LOGIN = "Entrar"
LINK_SIGNUP = "Cadastre-se"
SIGNUP_PROMPT = "Ainda não tem conta?"
LOGIN_INVALID = "Usuário ou Senha Inválido"
LOGIN_UNCONFIRMED = (
    "Seu cadastro ainda não foi confirmado. Abra o link que enviamos para {email} "
    "ou peça um novo e-mail de confirmação."
)
BUTTON_RESEND_CONFIRMATION = "Reenviar e-mail de confirmação"
SIGN_IN_CHECK_FIELDS = "Confira o CPF e informe sua senha."
LOGIN_UNCONFIRMED_SIGN_IN_AGAIN = (
    "Seu cadastro ainda não foi confirmado. Abra o link que enviamos para o seu e-mail, ou entre "
    "de novo para pedir um novo e-mail de confirmação."
)
LOGGED_OUT = "Você saiu da sua conta."
SESSION_EXPIRED = "Sua sessão terminou. Entre novamente com seu CPF e senha."

# --- Sign-up ------------------------------------------------------------------------
SIGNUP_TITLE = "Crie sua conta"
SIGNUP_INTRO = (
    "Preencha seus dados. Enviaremos um link para o seu e-mail para confirmar o cadastro."
)
LABEL_FULL_NAME = "Nome completo"
LABEL_EMAIL = "E-mail"
LABEL_EMAIL_CONFIRM = "Confirme o e-mail"
LABEL_PASSWORD_CONFIRM = "Confirme a senha"
LABEL_ACCEPT_TERMS = "Li e aceito os termos de uso e o aviso de privacidade"
BUTTON_SIGNUP = "Cadastrar"
HINT_CPF = "Somente números ou no formato 000.000.000-00."
HINT_PASSWORD = (
    "De 8 a 128 caracteres. Prefira uma frase fácil de lembrar; evite senhas comuns, "
    "seu nome e seu CPF."
)
SHOW_PASSWORD = "Mostrar senha"
HIDE_PASSWORD = "Ocultar senha"
CAPS_LOCK_ON = "Atenção: a tecla Caps Lock está ativada."
STRENGTH_LABEL = "Força da senha"
STRENGTH_NAMES = ("Muito fraca", "Fraca", "Razoável", "Boa", "Forte")
EMAIL_SUGGESTION = "Você quis dizer {suggestion}?"
BUTTON_USE_SUGGESTION = "Usar sugestão"
CPF_TAKEN = "Já existe uma conta confirmada para este CPF."
CPF_TAKEN_LOGIN = "Entrar com CPF e senha"
CPF_TAKEN_RECOVER = "Recuperar a senha"
ALREADY_HAVE_ACCOUNT = "Já tem conta?"
FORM_HAS_ERRORS = "Corrija os campos indicados abaixo."

# --- After sign-up ------------------------------------------------------------------
SENT_TITLE = "Confirme seu e-mail"
SENT_BODY = "O link de confirmação vai para {email}."
SENT_CHECK_ADDRESS = "Confira o endereço. Se estiver errado, use “Corrigir e-mail” nesta página."
SENT_NEXT_STEPS = (
    "Abra a mensagem e clique em “Confirmar meu e-mail”. O link vale por {hours} horas. "
    "Se não a encontrar, olhe também a caixa de spam."
)
SENT_NO_SIGNUP = (
    "Não encontramos um cadastro recente nesta janela do navegador. "
    "Se precisar, faça o cadastro novamente."
)
BUTTON_RESEND = "Reenviar e-mail"
RESENT = "Enviamos um novo link para {email}. O link anterior deixou de valer."
WRONG_EMAIL_HEADING = "Digitou o e-mail errado?"
BUTTON_CORRECT_EMAIL = "Corrigir e-mail"
LABEL_NEW_EMAIL = "Novo e-mail"
LABEL_NEW_EMAIL_CONFIRM = "Confirme o novo e-mail"
BUTTON_SAVE_EMAIL = "Salvar e enviar novo link"
EMAIL_CORRECTED = "E-mail corrigido. Enviamos um novo link para {email}."

# --- Confirmation link --------------------------------------------------------------
CONFIRM_TITLE = "Confirmação de e-mail"
CONFIRM_CHECKING = "Verificando o link…"
CONFIRM_OK = "Pronto! Seu e-mail foi confirmado e sua conta está ativa."
CONFIRM_OK_NEXT = "Entrar no Portal"
CONFIRM_EXPIRED = "Este link de confirmação expirou."
CONFIRM_EXPIRED_HELP = "Peça um novo link: ele será enviado para o mesmo e-mail."
BUTTON_SEND_NEW_LINK = "Enviar novo link"
CONFIRM_USED = "Este link já foi usado e sua conta já está confirmada."
CONFIRM_USED_HELP = "Entre com seu CPF e senha."
CONFIRM_SUPERSEDED = "Este link foi substituído por um mais novo."
CONFIRM_SUPERSEDED_HELP = (
    "Use o link da mensagem mais recente que enviamos. Se não a encontrar, entre com "
    "seu CPF e senha para pedir outro."
)
CONFIRM_UNKNOWN = "Não reconhecemos este link de confirmação."
CONFIRM_UNKNOWN_HELP = (
    "Confira se o endereço foi copiado inteiro. Para receber outro link, entre com seu "
    "CPF e senha ou faça o cadastro novamente."
)
NEW_LINK_SENT = "Enviamos um novo link para {email}."

# --- My account ---------------------------------------------------------------------
ACCOUNT_TITLE = "Minha conta"
ACCOUNT_GREETING = "Olá, {name}!"
ACCOUNT_NAME = "Nome"
ACCOUNT_CPF = "CPF"
ACCOUNT_EMAIL = "E-mail"
BUTTON_LOGOUT = "Sair"

# --- Terms --------------------------------------------------------------------------
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

# --- Development mail catcher -------------------------------------------------------
DEV_EMAILS_TITLE = "E-mails capturados (desenvolvimento)"
DEV_EMAILS_INTRO = (
    "Nenhum servidor SMTP foi configurado, então o portal guarda aqui as mensagens que "
    "enviaria. Esta página não existe em produção."
)
DEV_EMAILS_EMPTY = "Nenhuma mensagem ainda."
DEV_EMAILS_REFRESH = "Atualizar"
DEV_EMAILS_TO = "Para"
DEV_EMAILS_TEXT_PART = "Texto"

# --- Mail ---------------------------------------------------------------------------
MAIL_CONFIRMATION_SUBJECT = "Confirme seu e-mail no Portal de Serviços"

# --- Validation messages, keyed by the codes services return ------------------------
MESSAGES = {
    "name_required": "Informe seu nome completo.",
    "name_incomplete": "Informe nome e sobrenome.",
    "name_too_long": "O nome pode ter no máximo 200 caracteres.",
    "name_invalid": "Use apenas letras, espaços, apóstrofo, ponto e hífen no nome.",
    "cpf_required": "Informe seu CPF.",
    "cpf_invalid": "CPF inválido. Confira os 11 números.",
    "cpf_taken": CPF_TAKEN,
    "signup_again_wait": (
        "Este CPF já recebeu vários e-mails de confirmação na última hora. Aguarde uma hora "
        "ou use o link mais recente que enviamos."
    ),
    "cpf_busy": "Outro cadastro para este CPF está sendo concluído agora. Tente de novo em instantes.",
    "email_required": "Informe seu e-mail.",
    "email_invalid": "E-mail inválido. Confira o endereço, por exemplo: maria@gmail.com.",
    "email_mismatch": "Os e-mails não são iguais.",
    "password_required": "Crie uma senha.",
    "password_too_short": "A senha precisa ter pelo menos 8 caracteres.",
    "password_too_long": "A senha pode ter no máximo 128 caracteres.",
    "password_common": "Esta senha é muito comum e fácil de adivinhar. Escolha outra.",
    "password_contains_cpf": "A senha não pode conter o seu CPF.",
    "password_contains_name": "A senha não pode conter o seu nome.",
    "password_mismatch": "As senhas não são iguais.",
    "terms_required": "Para criar a conta, aceite os termos de uso e o aviso de privacidade.",
    "login_cpf_invalid": "CPF inválido. Confira os 11 números.",
    "login_password_required": "Informe sua senha.",
    "current_password_wrong": "Senha atual incorreta.",
    "phone_invalid": "Telefone inválido. Informe DDD e número, por exemplo: (19) 99876-5432.",
    "topic_required": "Escolha o assunto.",
    "description_required": "Descreva o que aconteceu.",
    "description_too_long": "A descrição pode ter no máximo 2000 caracteres.",
    "reply_required": "Escreva a resposta.",
    "reply_too_long": "A resposta pode ter no máximo 4000 caracteres.",
    "email_same": "Este já é o e-mail da sua conta.",
    "email_in_use": "Este e-mail já é usado por outra conta. Use outro endereço.",
}


def message(code: str) -> str:
    return MESSAGES.get(code, GENERIC_ERROR)


def field_messages(errors: dict[str, list[str]]) -> dict[str, str]:
    """Service error codes per field -> the Portuguese text shown next to each field."""
    return {field: " ".join(message(code) for code in codes) for field, codes in errors.items()}

# --- Recovery, new password, e-mail change (mail) -----------------------------------
MAIL_TEMP_SUBJECT = "Sua senha temporária do Portal de Serviços"
MAIL_TEMP_INTRO = (
    "Recebemos um pedido de recuperação de senha para a sua conta. Use esta senha "
    "temporária para entrar com o seu CPF:"
)
MAIL_TEMP_EXPIRES = "Ela vale uma única vez, até {expires} (horário de Brasília)."
MAIL_TEMP_TYPING = (
    "Pode digitar em letras maiúsculas ou minúsculas, com ou sem os hífens e espaços. "
    "Ao entrar, você vai criar uma senha nova."
)
MAIL_TEMP_NOT_YOU = (
    "Se não foi você quem pediu, ignore esta mensagem: sua senha atual continua valendo."
)
MAIL_PASSWORD_CHANGED_SUBJECT = "Sua senha do Portal de Serviços foi alterada"
MAIL_PASSWORD_CHANGED = "A senha da sua conta foi alterada em {when} (horário de Brasília)."
MAIL_NOT_ME_BUTTON = "Não fui eu"
MAIL_NEW_DEVICE_SUBJECT = "Nova entrada na sua conta do Portal de Serviços"
MAIL_NEW_DEVICE = (
    "Sua conta foi acessada em {when} (horário de Brasília) de um dispositivo que ainda não tínhamos "
    "visto: {device}, a partir do endereço de internet {place}."
)
MAIL_NEW_DEVICE_IF_YOU = "Se foi você, não precisa fazer nada."
MAIL_NOT_ME_EXPLAIN = (
    "Se não foi você, clique em “Não fui eu” (vale por 7 dias): encerraremos todas as "
    "sessões da sua conta e a senha atual deixará de valer. Para entrar de novo, use "
    "“Recuperar senha”: enviaremos uma senha temporária para este e-mail."
)
MAIL_TWO_STEP_ON_SUBJECT = "A verificação em duas etapas da sua conta foi ativada"
MAIL_TWO_STEP_ON = (
    "A verificação em duas etapas da sua conta foi ativada em {when} (horário de Brasília). A partir de "
    "agora, cada entrada pede também um código do aplicativo autenticador."
)
MAIL_TWO_STEP_OFF_BY_YOU = (
    "A verificação em duas etapas da sua conta foi desativada em {when} (horário de Brasília), em "
    "“Minha conta”."
)
MAIL_TWO_STEP_CODES_SUBJECT = "Novos códigos de recuperação da sua conta"
MAIL_TWO_STEP_CODES = (
    "Novos códigos de recuperação da verificação em duas etapas foram gerados em {when} (horário de "
    "Brasília). Os códigos anteriores deixaram de valer."
)
MAIL_WRONG_CODES_SUBJECT = "Alguém acertou sua senha e errou o código de verificação"
MAIL_WRONG_CODES = (
    "Em {when} (horário de Brasília), alguém digitou a senha certa da sua conta e errou o código de "
    "verificação {count} vezes seguidas. A verificação em duas etapas impediu a entrada."
)
MAIL_WRONG_CODES_IF_YOU = "Se foi você, confira o relógio do celular e use o código atual do aplicativo."
MAIL_WRONG_CODES_NOT_YOU = (
    "Se não foi você, outra pessoa conhece sua senha. Clique em “Não fui eu” (vale por 7 dias): "
    "encerraremos todas as sessões e a senha atual deixará de valer até você criar uma nova por "
    "“Recuperar senha”."
)
MAIL_EMAIL_CHANGE_SUBJECT = "Confirme seu novo e-mail no Portal de Serviços"
MAIL_EMAIL_CHANGE_INTRO = (
    "Você pediu para usar este endereço na sua conta do Portal de Serviços. Confirme para "
    "concluir a troca:"
)
MAIL_EMAIL_CHANGE_BUTTON = "Confirmar novo e-mail"
MAIL_EMAIL_CHANGE_EXPIRES = "O link vale até {expires} (horário de Brasília). Sem a confirmação, nada muda."
MAIL_EMAIL_CHANGE_NOTICE_SUBJECT = "Pedido de troca do e-mail da sua conta"
MAIL_EMAIL_CHANGE_NOTICE = (
    "Foi pedida a troca do e-mail da sua conta para {email}. A troca só vale depois que o "
    "novo endereço for confirmado. Se não foi você, troque sua senha ou ligue "
    f"{PHONE_CAMPINAS}."
)

# --- Recovery (pages) ---------------------------------------------------------------
LINK_RECOVER = "Recuperar senha"
RECOVER_TITLE = "Recuperar senha"
RECOVER_INTRO = (
    "Informe seu CPF e o e-mail cadastrado na sua conta. Enviaremos uma senha temporária "
    "para esse e-mail."
)
BUTTON_RECOVER = "Recuperar senha"
RECOVER_SENT = (
    "Pronto! A senha temporária vai para {email}. Ela vale por {hours} horas e uma "
    "única vez. Sua senha atual continua valendo até você usar a temporária."
)
RECOVER_NOT_FOUND = "Este e-mail e este CPF não foram encontrados"
RECOVER_NOT_FOUND_HELP = (
    "Confira o CPF e o e-mail. O e-mail precisa ser o mesmo que está na sua conta."
)
RECOVER_UNCONFIRMED = (
    "Este cadastro ainda não foi confirmado, então não há senha para recuperar. "
    "Peça um novo e-mail de confirmação."
)
RECOVER_LIMITED = "Muitas tentativas. Aguarde {wait} e tente novamente."
LOGIN_PASSWORD_SPACES = (
    "Atenção: a senha digitada começa ou termina com espaço. Se você copiou a senha de um "
    "e-mail, apague os espaços e tente novamente."
)
NEW_PASSWORD_TITLE = "Defina sua nova senha"
NEW_PASSWORD_INTRO = (
    "Você entrou com uma senha temporária. Crie agora a sua nova senha para continuar."
)
LABEL_NEW_PASSWORD = "Nova senha"
LABEL_NEW_PASSWORD_CONFIRM = "Confirme a nova senha"
BUTTON_SAVE_PASSWORD = "Salvar nova senha"
PASSWORD_SAVED = "Senha alterada. As outras sessões da sua conta foram encerradas."
NEW_PASSWORD_DONE = "Senha alterada. Use a nova senha da próxima vez que entrar."
NOT_ME_TITLE = "Não fui eu"
NOT_ME_DONE = (
    "Encerramos todas as sessões da sua conta, cancelamos qualquer senha temporária e bloqueamos a "
    "entrada com a senha atual. Para entrar de novo, use “Recuperar senha”: enviaremos uma senha "
    "temporária para o seu e-mail e você criará uma nova."
)
NOT_ME_INVALID = "Este link não vale mais (ele expira em 7 dias e só pode ser usado uma vez)."

# --- Minha conta: changes and sessions -----------------------------------------------
CHANGE_EMAIL_HEADING = "Trocar e-mail"
LABEL_CHANGE_EMAIL = "Novo e-mail"
LABEL_CURRENT_PASSWORD = "Senha atual"
BUTTON_CHANGE_EMAIL = "Enviar link de confirmação"
EMAIL_CHANGE_SENT = (
    "Enviamos um link para {email}. O e-mail da conta muda quando você abrir esse link; "
    "também avisamos o endereço atual."
)
CHANGE_PASSWORD_HEADING = "Trocar senha"
SESSIONS_HEADING = "Onde sua conta está aberta"
SESSIONS_INTRO = "Cada aparelho e navegador em que você entrou e ainda não saiu. Se não reconhecer um deles, feche a conta nele e troque sua senha."
SESSION_THIS = "Você está usando este"
SESSION_STARTED = "Entrou em {when}"
SESSION_LAST_SEEN = "Usado pela última vez em {when}"
TECHNICAL_DETAILS = "Detalhes técnicos"
SESSION_ADDRESS = "Endereço de internet (IP): {ip}"
BUTTON_END_SESSION = "Sair nesse aparelho"
BUTTON_END_OTHERS = "Sair em todos os outros aparelhos"
SESSIONS_ENDED = "Pronto: sua conta foi fechada em {count} outro(s) aparelho(s)."
SESSION_ENDED = "Pronto: sua conta foi fechada nesse aparelho."
CONFIRM_EMAIL_CHANGED = "Pronto! O e-mail da sua conta foi alterado."
CONFIRM_EMAIL_IN_USE = "Este e-mail passou a ser usado por outra conta; a troca não foi feita."

# --- Support requests (mail) ------------------------------------------------------
MAIL_SUPPORT_RECEIPT_SUBJECT = "Recebemos sua solicitação — protocolo {protocol}"
MAIL_SUPPORT_RECEIPT = "Recebemos sua solicitação de auxílio. O número do protocolo é {protocol}."
MAIL_SUPPORT_TOPIC = "Assunto: {topic}. Você escreveu:"
MAIL_SUPPORT_NEXT = (
    "Responderemos por e-mail em até 2 dias úteis. Guarde o número do protocolo para "
    f"acompanhar pelo telefone {PHONE_CAMPINAS}."
)
MAIL_SUPPORT_REPLY_SUBJECT = "Resposta à sua solicitação — protocolo {protocol}"
MAIL_SUPPORT_REPLY = "A equipe de atendimento respondeu à sua solicitação {protocol}:"

# --- Accessibility bar and menu (e-MAG) ---------------------------------------------
SKIP_TO_MENU = "Ir para o menu"
HIGH_CONTRAST = "Alto contraste"
LARGER_TEXT = "Aumentar texto"
ACCESSIBILITY_BAR = "Acessibilidade"
MENU_LABEL = "Menu principal"
MENU_HOME = "Início"
MENU_SIGNUP = "Cadastre-se"
MENU_HELP = "Ajuda"
MENU_REQUEST_HELP = "Solicitar auxílio"
MENU_ACCOUNT = "Minha conta"
MENU_PRIVACY = "Privacidade"

# --- LGPD -------------------------------------------------------------------------
MAIL_DELETED_SUBJECT = "Sua conta no Portal de Serviços foi excluída"
MAIL_DELETED = (
    "Como você pediu, excluímos sua conta e seus dados pessoais do Portal de Serviços. "
    "Os protocolos de atendimento continuam registrados, sem seus dados pessoais. "
    "Para usar o portal de novo, basta fazer um novo cadastro."
)
PRIVACY_TITLE = "Privacidade e proteção de dados"
PRIVACY_INTRO = (
    "O Portal de Serviços trata seus dados pessoais (nome, CPF, e-mail, registros de acesso) "
    "para identificar você e dar acesso aos serviços on-line da Prefeitura de Campinas, "
    "conforme a Lei Geral de Proteção de Dados Pessoais (LGPD, Lei 13.709/2018)."
)
PRIVACY_SELF_SERVICE = (
    "Em “Minha conta” você pode ver, imprimir e baixar seus dados e excluir sua conta."
)
PRIVACY_OUVIDORIA = (
    "Demandas referentes a dados pessoais, de acordo com a LGPD, devem ser feitas pela "
    "página da Ouvidoria Geral do Município de Campinas:"
)
PRIVACY_DEMANDS_HEADING = "São consideradas demandas LGPD:"
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

# --- Support request form -----------------------------------------------------------
SUPPORT_TITLE = "Solicitar auxílio"
SUPPORT_INTRO = (
    "Não conseguiu resolver pela ajuda? Conte o que aconteceu. Você recebe um número de "
    "protocolo e a resposta chega por e-mail."
)
LABEL_SUPPORT_NAME = "Nome"
LABEL_SUPPORT_CPF = "CPF (opcional)"
LABEL_SUPPORT_EMAIL = "E-mail para resposta"
LABEL_SUPPORT_PHONE = "Telefone (opcional)"
LABEL_SUPPORT_TOPIC = "Assunto"
LABEL_SUPPORT_DESCRIPTION = "Descreva o que aconteceu"
SUPPORT_TOPIC_PLACEHOLDER = "Escolha o assunto"
SUPPORT_COUNT = "{count} de {max} caracteres"
BUTTON_SEND_REQUEST = "Enviar solicitação"
SUPPORT_DONE = "Solicitação registrada. Protocolo: {protocol}"
SUPPORT_DONE_HELP = "O comprovante vai para o seu e-mail. Guarde o número do protocolo."
BUTTON_NEW_REQUEST = "Fazer outra solicitação"
SUPPORT_LIMITED = "Você já enviou várias solicitações. Aguarde {wait} para enviar outra."

# --- What became of a mail (the page that caused it shows it live) -------------------
DELIVERY_HEADING = "Situação do e-mail"
DELIVERY_QUEUED = "Enviando o e-mail…"
DELIVERY_RETRYING = (
    "O provedor de e-mail ainda não aceitou a mensagem. Tentamos de novo automaticamente; "
    "não é preciso fazer nada."
)
DELIVERY_SENT = "Entregue ao seu provedor de e-mail às {time}. Se não estiver na caixa de entrada, olhe o spam."
DELIVERY_FAILED = "Não conseguimos entregar o e-mail: {why}."
DELIVERY_WHY = {
    "no_such_address": "o provedor informou que o endereço não existe",
    "mailbox_full": "a caixa de e-mail está cheia",
    "spam": "o provedor recusou a mensagem",
    "other": "o provedor não aceitou a mensagem",
}
DELIVERY_FIX_SIGNUP = "Confira o endereço e use “Corrigir e-mail” abaixo."
DELIVERY_FIX_FULL = "Libere espaço na sua caixa de e-mail e peça o envio de novo."
DELIVERY_FIX_RECOVERY = (
    "O e-mail da sua conta não está recebendo mensagens. Peça ajuda em “Solicitar auxílio” "
    "para corrigir o e-mail da conta."
)
DELIVERY_FIX_EMAIL_CHANGE = "Confira o novo endereço e informe-o de novo no formulário “Alterar e-mail”."
DELIVERY_FIX_RECEIPT = "Corrija o e-mail para receber o comprovante e as respostas."
BUTTON_FIX_EMAIL = "Corrigir e-mail"
BUTTON_SAVE_RECEIPT_EMAIL = "Salvar e enviar o comprovante"
RECEIPT_EMAIL_FIXED = "E-mail corrigido. Enviamos o comprovante para {email}."
RECEIPT_EMAIL_TOO_LATE = "Esta solicitação já foi respondida ou não pode mais ser alterada por aqui."
DESK_DELIVERY = {
    "queued": "E-mail na fila de envio",
    "sent": "E-mail entregue ao provedor",
    "refused": "E-mail recusado: {why}",
    "bounced": "E-mail devolvido: {why}",
}

# --- Staff desk -----------------------------------------------------------------------
DESK_TITLE = "Atendimento"
STATUS_LABELS = {"aberto": "Aberto", "em_andamento": "Em andamento", "respondido": "Respondido"}
DESK_FILTER_STATUS = "Situação"
DESK_FILTER_TOPIC = "Assunto"
DESK_ALL = "Todos"
DESK_EMPTY = "Nenhuma solicitação com estes filtros."
DESK_COLUMNS = ("Protocolo", "Recebida em", "Assunto", "Nome", "Situação")
DESK_OPEN = "Abrir"
DESK_DETAILS = "Solicitação {protocol}"
DESK_REPLIES = "Respostas enviadas"
LABEL_REPLY = "Resposta ao cidadão"
BUTTON_SEND_REPLY = "Enviar resposta por e-mail"
DESK_REPLY_SENT = "Resposta enviada por e-mail e solicitação marcada como respondida."
DESK_STATUS_CHANGED = "Situação alterada."
DESK_CHANGE_STATUS = "Mudar situação"
DESK_SELECT_PROMPT = "Escolha uma solicitação na lista."

# --- Links to help ------------------------------------------------------------------
HELP_WHAT_TO_DO = "O que fazer?"
HELP_FORGOT_EMAIL = "Não sabe qual e-mail usou ou perdeu o acesso a ele?"
HELP_NO_EMAIL = "Não recebeu a mensagem? Veja o que fazer."

# --- Abuse limits and activity ------------------------------------------------------
LOGIN_LIMITED = (
    "Muitas tentativas de entrada. Aguarde {wait} e tente de novo. Se esqueceu a senha, use "
    "“Recuperar senha”."
)
# A burst bigger than the server can check in time (portal.hashing_pool): nothing is lost,
# the citizen presses "Entrar" again after the wait.
SERVER_BUSY = (
    "Muitas pessoas estão usando o portal neste momento. Aguarde {wait} e tente de novo; "
    "o que você digitou continua no formulário."
)
SIGNUP_LIMITED = "Muitos cadastros feitos a partir desta conexão. Aguarde {wait} e tente de novo."
RESEND_LIMITED = "Muitos pedidos de reenvio a partir desta conexão. Aguarde {wait} e tente de novo."
ACTIVITY_HEADING = "Atividade recente"
ACTIVITY_EMPTY = "Nenhuma atividade registrada ainda."
ACTIVITY_LABELS = {
    "login_ok": "Entrada na conta",
    "login_failed": "Tentativa de entrada com senha errada",
    "login_blocked": "Entradas suspensas por excesso de tentativas",
    "temporary_password_used": "Entrada com senha temporária",
    "password_changed": "Senha alterada",
    "email_change_requested": "Pedido de troca de e-mail",
    "email_changed": "E-mail alterado",
    "recovery_requested": "Pedido de recuperação de senha",
    "sessions_ended": "Sessões encerradas",
    "current_password_failed": "Senha atual digitada errada em “Minha conta”",
    "govbr_sign_in": "Entrada com gov.br",
    "govbr_linked": "Conta gov.br vinculada",
    "govbr_unlinked": "Conta gov.br desvinculada",
    "password_set": "Senha do portal criada",
    "new_device": "Entrada de um dispositivo novo (avisamos por e-mail)",
    "two_step_enabled": "Verificação em duas etapas ativada",
    "two_step_disabled": "Verificação em duas etapas desativada",
    "two_step_failed": "Código de verificação errado",
    "two_step_codes_renewed": "Novos códigos de recuperação gerados",
    "password_suspended": "Entrada com a senha bloqueada (“Não fui eu”) até a recuperação",
}
ACTIVITY_PLACE = "Endereço de internet (IP): {ip}"

# --- Shared computers: sign-in bound to the browser, pending sign-up, staff desk ------
SIGN_IN_OTHER_BROWSER = (
    "Não foi possível concluir a entrada neste navegador. Entre com seu CPF e senha."
)
LOGIN_NO_BROWSER_COOKIE = (
    "Não foi possível entrar: o navegador não guardou o cookie do portal. Atualize a página e "
    "tente de novo; se continuar, verifique se o navegador aceita cookies."
)
LABEL_SIGNUP_PASSWORD = "Senha que você criou no cadastro"
SIGNUP_PENDING_ELSEWHERE = (
    "Por segurança, o e-mail só pode ser corrigido ou reenviado no mesmo navegador em que o "
    "cadastro foi feito, até 1 hora depois. Se precisar, faça o cadastro de novo com o mesmo CPF."
)
MESSAGES["signup_password_wrong"] = "Senha incorreta. Use a senha que você criou no cadastro."
BUTTON_CLOSE_REQUEST = "Fechar solicitação"
CONFIRM_EXPIRED_OPEN_AGAIN = (
    "Para pedir um novo link, abra de novo o link do e-mail de confirmação e clique em "
    "“Enviar novo link”."
)

# --- Outage -------------------------------------------------------------------------
UNAVAILABLE_TITLE = "Portal temporariamente indisponível"
UNAVAILABLE_BODY = (
    "Não conseguimos acessar nossos dados agora. Nada do que você fez foi perdido por "
    "isso: tente novamente em alguns minutos."
)
UNAVAILABLE_RETRY = "Tentar de novo"
UNAVAILABLE_PHONE = f"Se precisar de ajuda agora, ligue {PHONE_CAMPINAS} (Campinas) ou {PHONE_OTHER}."

# --- security round 2 (service layer) ---
MAIL_EMAIL_CHANGE_NOT_ME_EXPLAIN = (
    "Ou clique em “Não fui eu” (vale por 7 dias, mesmo que a troca já tenha sido confirmada): "
    "cancelamos a troca — ou voltamos a usar este endereço na sua conta — e encerramos todas as "
    "sessões. Depois, crie uma senha nova em “Recuperar senha”."
)
CURRENT_PASSWORD_LIMITED = "Muitas tentativas com a senha atual. Aguarde {wait} e tente de novo."


# --- Entrar com gov.br --------------------------------------------------------------
GOVBR_BUTTON = "Entrar com gov.br"
GOVBR_FIRST_TIME = (
    "Na primeira entrada com gov.br, a conta do portal é criada com o nome, o CPF e o e-mail da sua "
    "conta gov.br, e você aceita os termos de uso."
)
GOVBR_OR = "ou"
GOVBR_FAILED_TITLE = "Não foi possível entrar com gov.br"
GOVBR_FAILED_REASONS = {
    "negado": "Você cancelou a autorização no gov.br. Nada foi criado nem alterado no portal.",
    "expirado": (
        "Esta entrada com gov.br expirou ou já foi usada (ou começou em outro navegador). Tente de novo "
        "a partir da página inicial."
    ),
    "indisponivel": "O gov.br não respondeu agora. Tente de novo em alguns minutos.",
    "invalido": (
        "A resposta do gov.br não pôde ser confirmada, por segurança não entramos. Tente de novo; se "
        "continuar, use seu CPF e senha."
    ),
    "limite": "Muitas tentativas de entrada a partir desta conexão. Aguarde um minuto e tente de novo.",
    "cookies": (
        "O navegador não guardou o cookie do portal, necessário para entrar com segurança. Verifique se "
        "ele aceita cookies e tente de novo."
    ),
}
GOVBR_FAILED_INSTEAD = "Você pode entrar com seu CPF e a senha do portal:"
GOVBR_TRY_AGAIN = "Tentar de novo com gov.br"
GOVBR_LINK_TITLE = "Vincular sua conta gov.br"
GOVBR_LINK_INTRO = (
    "Já existe uma conta neste portal com o seu CPF. Como sua conta gov.br é nível bronze, para "
    "vinculá-la digite uma vez a senha deste portal. Depois, é só entrar com gov.br."
)
GOVBR_LINK_BUTTON = "Vincular e entrar"
GOVBR_LINK_GONE = "Este pedido de vínculo expirou. Entre com gov.br de novo pela página inicial."
GOVBR_LINK_WRONG = "Senha incorreta. Use a senha deste portal (não a do gov.br)."
GOVBR_SECTION = "Conta gov.br"
GOVBR_LINKED = "Sua conta está vinculada à sua conta gov.br, nível {level}."
GOVBR_NOT_LINKED = "Sua conta não está vinculada a uma conta gov.br. Para vincular, entre com gov.br."
GOVBR_UNLINK_BUTTON = "Desvincular conta gov.br"
GOVBR_UNLINKED = "Conta gov.br desvinculada. Entre com seu CPF e senha."
GOVBR_UNLINK_NEEDS_PASSWORD = "Para desvincular, crie antes uma senha do portal."
GOVBR_LEVEL_NAMES = {"bronze": "bronze", "prata": "prata", "ouro": "ouro"}
PASSWORD_SET_SECTION = "Senha do portal"
PASSWORD_SET_INTRO = (
    "Sua conta foi criada pelo gov.br e ainda não tem senha do portal. Crie uma para entrar também "
    "com CPF e senha, e para trocar o e-mail."
)
PASSWORD_SET_BUTTON = "Criar senha"
PASSWORD_SET_DONE = "Senha criada. Você também pode entrar com CPF e senha."


# --- Two-step verification ------------------------------------------------------------
TWO_STEP_HEADING = "Verificação em duas etapas"
LABEL_TWO_STEP_CODE = "Código de verificação"
TWO_STEP_CODE_HINT = (
    "Os 6 números que o aplicativo autenticador mostra agora, ou um dos seus códigos de recuperação."
)
TWO_STEP_SIGN_IN_INTRO = "Sua senha está certa. Falta o código de verificação do seu aplicativo autenticador."
BUTTON_TWO_STEP_CONTINUE = "Continuar"
BUTTON_TWO_STEP_CANCEL = "Voltar"
TWO_STEP_CODE_REQUIRED = "Digite o código de verificação."
TWO_STEP_CODE_WRONG = "Código incorreto ou já usado. Confira o relógio do celular e digite o código atual."
TWO_STEP_SIGN_IN_AGAIN = "A entrada expirou ou teve tentativas demais. Entre de novo com seu CPF e senha."
TWO_STEP_LOST = "Perdeu o celular e os códigos de recuperação?"
TWO_STEP_OFF = (
    "Com a verificação em duas etapas, quem descobrir sua senha ainda não entra: a cada entrada o portal "
    "pede também um código do seu celular."
)
TWO_STEP_ON = "A verificação em duas etapas está ativada. Códigos de recuperação ainda não usados: {left}."
BUTTON_TWO_STEP_ENABLE = "Ativar verificação em duas etapas"
TWO_STEP_SCAN = (
    "1. Abra um aplicativo autenticador (Google Authenticator, Microsoft Authenticator, FreeOTP…) e leia "
    "este QR code, ou digite a chave abaixo."
)
TWO_STEP_KEY = "Chave para digitar no aplicativo"
TWO_STEP_TYPE_FIRST = "2. Digite o código que o aplicativo mostrar."
BUTTON_TWO_STEP_CONFIRM = "Confirmar e ativar"
TWO_STEP_CODES_INTRO = (
    "Verificação ativada. Guarde estes códigos de recuperação num lugar seguro: cada um vale uma vez, "
    "se você perder o celular. Eles não serão mostrados de novo."
)
BUTTON_TWO_STEP_DOWNLOAD = "Baixar os códigos"
BUTTON_TWO_STEP_CODES_SAVED = "Já guardei os códigos"
BUTTON_TWO_STEP_NEW_CODES = "Gerar novos códigos de recuperação"
LABEL_TWO_STEP_CODE_OFF = "Código do aplicativo ou de recuperação"
BUTTON_TWO_STEP_DISABLE = "Desativar verificação em duas etapas"
TWO_STEP_DISABLED_DONE = "Verificação em duas etapas desativada."
TWO_STEP_WRONG_PASSWORD = "Senha incorreta."
TWO_STEP_SIGN_IN_AGAIN_FIRST = (
    "Por segurança, entre de novo com gov.br e, em até 5 minutos, volte aqui para concluir."
)
TWO_STEP_GOVBR_INTRO = (
    "Você entrou com gov.br nível bronze. Como sua conta usa verificação em duas etapas, falta o código "
    "do seu aplicativo autenticador."
)
LOGIN_PASSWORD_SUSPENDED = (
    "Por segurança, a entrada com esta senha foi bloqueada depois de um aviso “Não fui eu”. Use "
    "“Recuperar senha” para receber uma senha temporária no seu e-mail e criar uma nova."
)
TWO_STEP_STAFF_REQUIRED = (
    "Para usar o atendimento, ative antes a verificação em duas etapas em “Minha conta”: atendentes veem "
    "dados pessoais de cidadãos."
)
DESK_ACCOUNT_HEADING = "Conta no portal a que a solicitação se refere"
DESK_ACCOUNT_INTRO = (
    "O que a própria conta tem (a do CPF informado, ou a conta conectada de quem enviou), não o que a "
    "solicitação diz."
)
DESK_ACCOUNT_NONE = (
    "Nenhuma conta: a solicitação não foi enviada com uma conta conectada e o CPF informado não tem conta."
)
DESK_ACCOUNT_NAME = "Nome cadastrado na conta"
DESK_ACCOUNT_CREATED = "Conta criada em"
DESK_ACCOUNT_EMAIL = "E-mail cadastrado na conta"
DESK_ACCOUNT_TWO_STEP = "Verificação em duas etapas"
DESK_ACCOUNT_TWO_STEP_ON = "Ativada"
DESK_ACCOUNT_TWO_STEP_OFF = "Desativada"
DESK_ACCOUNT_SIGNED_IN = "Enviada com a conta conectada"
DESK_ACCOUNT_SIGNED_IN_YES = "Sim"
DESK_ACCOUNT_SIGNED_IN_NO = "Não: enviada sem entrar na conta (qualquer pessoa pode digitar um CPF)"
DESK_EMAIL_MISMATCH = (
    "Atenção: o e-mail desta solicitação não é o e-mail cadastrado na conta. Quem pediu pode não ser o "
    "titular. Confira a identidade por outros meios e fale com o titular pelo e-mail cadastrado, nunca pelo "
    "e-mail da solicitação."
)
DESK_TWO_STEP_HEADING = "Desativar a verificação em duas etapas da conta"
DESK_TWO_STEP_INTRO = (
    "Só se o titular perdeu o celular e os códigos de recuperação. Marque como conferiu a identidade: pelo "
    "menos duas conferências, e o contato pelo e-mail cadastrado sempre que o e-mail da solicitação for "
    "outro. O titular será avisado no e-mail cadastrado na conta."
)
DESK_IDENTITY_CHECKS_LEGEND = "Como a identidade foi conferida"
# Keyed by portal.support.desk.IDENTITY_CHECKS; the keys are what the audit log records.
DESK_IDENTITY_CHECKS = {
    "documento": "Conferiu um documento oficial com foto da pessoa (RG, CNH), no balcão ou por vídeo",
    "cadastro": (
        "A pessoa confirmou dados do cadastro que não estão na solicitação (nome completo como cadastrado, "
        "quando criou a conta)"
    ),
    "contato": "Falou com o titular pelo e-mail já cadastrado na conta (não pelo e-mail da solicitação)",
}
LABEL_IDENTITY_CHECK = "Observações: o que foi comparado, por qual canal"
BUTTON_DESK_TWO_STEP_OFF = "Desativar a verificação em duas etapas"
DESK_TWO_STEP_OFF_DONE = (
    "Verificação em duas etapas desativada. O titular foi avisado no e-mail cadastrado na conta."
)
MESSAGES["identity_checks_required"] = "Marque pelo menos duas conferências de identidade que você fez."
MESSAGES["identity_check_contact_required"] = (
    "O e-mail da solicitação não é o da conta: fale com o titular pelo e-mail cadastrado na conta e marque "
    "essa conferência."
)
MESSAGES["identity_check_required"] = (
    "Descreva nas observações o que foi comparado e por qual canal, com pelo menos 15 caracteres."
)
MESSAGES["two_step_off_no_account"] = "Não há conta com verificação em duas etapas para esta solicitação."
MAIL_TWO_STEP_OFF_SUBJECT = "A verificação em duas etapas da sua conta foi desativada"
MAIL_TWO_STEP_OFF = (
    "Em {when} (horário de Brasília), o atendimento da Prefeitura desativou a verificação em duas etapas "
    "da sua conta, atendendo à solicitação de protocolo {protocol}."
)
MAIL_TWO_STEP_OFF_IF_YOU = "Se foi você quem pediu, ative-a de novo em “Minha conta” assim que puder."
MAIL_TWO_STEP_OFF_NOT_ME = (
    "Se não foi você, clique em “Não fui eu” (vale por 7 dias): encerraremos todas as sessões da sua conta. "
    "Depois crie uma senha nova em “Recuperar senha”, ative de novo a verificação em duas etapas e ligue "
    f"{PHONE_CAMPINAS} informando o protocolo {{protocol}}."
)

# --- Time, in Brasília (portal.local_time) and support hours (portal.help.hours) ------
MOMENT_FORMAT = "%d/%m/%Y às %H:%M"
CLOCK_FORMAT = "%Hh%M"
DAY_MONTH_FORMAT = "%d/%m"
WAIT_SECOND = ("segundo", "segundos")
WAIT_MINUTE = ("minuto", "minutos")
WAIT_HOUR = ("hora", "horas")
RESEND_WAIT_UNTIL = "Você poderá reenviar o e-mail a partir das {time} (em cerca de {wait})."
RESEND_WAIT_SOON = "Você poderá reenviar o e-mail em {wait}."
HOURS_OPEN_NOW = "Atendimento aberto agora, até as {time}."
HOURS_CLOSED_NOW = "Atendimento fechado agora."
HOURS_OPENS_TODAY = "Abre hoje às {time}."
HOURS_OPENS_TOMORROW = "Abre amanhã ({weekday}) às {time}."
HOURS_OPENS_LATER = "Abre {weekday}, {day}, às {time}."
WEEKDAYS = (
    "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo",
)
UNKNOWN_BROWSER = "Navegador desconhecido"
BROWSER = "Navegador"
BROWSER_ON_SYSTEM = "{browser} em {system}"
BROWSER_KIND = "{text} ({kind})"
DEVICE_PHONE = "celular"
DEVICE_TABLET = "tablet"

# --- Help page contacts, staff desk details, privacy page, data kept after deletion -----
HELP_CONTACTS_HEADING = "Preciso de ajuda"
HELP_CONTACTS_INTRO = "Contatos de suporte no uso do Portal de Serviços"
HELP_CONTACT_PHONE_BEFORE = "Telefone: "
HELP_CONTACT_PHONE_MIDDLE = " para Campinas e "
HELP_CONTACT_PHONE_AFTER = " para as demais localidades."
HELP_REQUEST_IN_WRITING = "Solicitar auxílio por escrito"
DESK_FIELD_LABELS = (
    ("Recebida em", "created"), ("Situação", "status_label"), ("Assunto", "topic"),
    ("Nome", "name"), ("CPF", "cpf"), ("E-mail", "email"), ("Comprovante", "receipt_delivery"), ("Telefone", "phone"),
)
PRIVACY_OUVIDORIA_HEADING = "Ouvidoria Geral do Município"
TWO_STEP_ISSUER = "Portal de Serviços Campinas"  # the name authenticator apps show
DELETED_HOLDER_NAME = "Titular excluído"
DELETED_HOLDER_TEXT = "[removido a pedido do titular]"
EXPORT_TERMS_DOCUMENT = "termos de uso e aviso de privacidade"

# --- Main menu on phones, and the links that fit who is signed in (issue 13) -------
MENU_BUTTON = "Menu"
MENU_SERVICES = "Serviços"
MENU_SIGN_IN = "Entrar"
MENU_DESK = "Atendimento"

# --- Following support requests (Minhas solicitações, /ajuda/acompanhar) ------------------
FOLLOW_TITLE = "Acompanhar solicitação"
FOLLOW_INTRO = (
    "Informe o número do protocolo e o e-mail que você usou ao pedir auxílio para ver a situação "
    "do pedido e as respostas da equipe."
)
LABEL_FOLLOW_PROTOCOL = "Número do protocolo"
FOLLOW_PROTOCOL_HINT = "Está no e-mail que enviamos quando você pediu auxílio, por exemplo: 2026-483-129-577."
LABEL_FOLLOW_EMAIL = "E-mail usado na solicitação"
BUTTON_FOLLOW = "Acompanhar"
FOLLOW_NOT_FOUND = (
    "Não encontramos uma solicitação com este protocolo e este e-mail. Confira o número e use o "
    "mesmo e-mail informado no pedido: é para ele que enviamos o comprovante."
)
FOLLOW_LIMITED = "Muitas consultas seguidas. Aguarde {wait} e tente de novo."
BUTTON_FOLLOW_ANOTHER = "Acompanhar outra solicitação"
FOLLOW_PROTOCOL_HEADING = "Protocolo {protocol}"
FOLLOW_TOPIC = "Assunto: {topic}"
FOLLOW_SENT_AT = "Enviada em {when} (horário de Brasília)"
FOLLOW_STATUS_LABELS = {
    "aberto": "Recebida, aguardando atendimento",
    "em_andamento": "Em atendimento",
    "respondido": "Respondida",
}
FOLLOW_REPLY_AT = "Resposta da equipe, em {when}"
FOLLOW_NO_REPLY = "Ainda sem resposta. A equipe responde por e-mail em até 2 dias úteis."
FOLLOW_ADD_MORE = (
    "Respostas aos nossos e-mails não são lidas. Para acrescentar algo, faça uma nova solicitação e "
    "informe o número do protocolo."
)
MY_REQUESTS_HEADING = "Minhas solicitações"
MY_REQUESTS_INTRO = "Pedidos de auxílio feitos com esta conta ou enviados para o e-mail dela."
MY_REQUESTS_EMPTY = "Nenhuma solicitação de auxílio feita com esta conta ou com este e-mail."
MY_REQUESTS_OTHER_EMAIL = "Pediu auxílio com outro e-mail?"
LINK_FOLLOW_REQUEST = "Acompanhar uma solicitação"
LINK_FOLLOW_THIS = "Acompanhar esta solicitação"
MESSAGES["protocol_required"] = "Informe o número do protocolo."
MESSAGES["protocol_invalid"] = (
    "Número de protocolo inválido. Confira os números, por exemplo: 2026-483-129-577."
)
MAIL_NO_REPLY = "Esta mensagem foi enviada automaticamente; não responda a este e-mail."
MAIL_SUPPORT_FOLLOW_BUTTON = "Acompanhar minha solicitação"
MAIL_SUPPORT_FOLLOW = (
    "Para ver a situação e as respostas, abra o link “Acompanhar minha solicitação” e informe este "
    "endereço de e-mail. Se você tem conta no portal com este e-mail, a solicitação também aparece "
    "em “Minha conta”."
)
MAIL_SUPPORT_NO_REPLY = (
    "Esta mensagem foi enviada automaticamente e respostas a ela não são lidas. Para acompanhar a "
    "solicitação, use o link “Acompanhar minha solicitação”; para acrescentar algo, faça uma nova "
    "solicitação informando o protocolo."
)

# --- Serviços (/servicos) and where a sign-in lands (issue 13) ---------------------------
SERVICES_TITLE = "Serviços"
SERVICES_INTRO = "Os serviços on-line da Prefeitura de Campinas, por assunto."
SERVICES_SEARCH_LABEL = "Buscar serviço"
SERVICES_SEARCH_HINT = "Digite o nome ou o assunto, por exemplo: IPTU, nota fiscal, saúde, matrícula."
SERVICES_SEARCH_BUTTON = "Buscar"
SERVICES_COUNT_ALL = "{count} serviços on-line."
SERVICES_FOUND_ONE = "1 serviço encontrado para “{query}”."
SERVICES_FOUND_MANY = "{count} serviços encontrados para “{query}”."
SERVICES_NONE_FOUND = "Nenhum serviço encontrado para “{query}”."
SERVICES_NONE_HINT = "Confira se a palavra está escrita certo ou tente outra mais simples, como “imposto” ou “escola”."
SERVICES_NEEDS_SIGN_IN = "Requer entrar no portal"
SERVICES_SIGNED_IN_AS = "Você entrou como {name}."
SERVICES_LINK_ACCOUNT = "Minha conta"
SERVICES_LINK_DESK = "Atendimento"
SERVICES_SIGN_IN_PROMPT = "Alguns serviços pedem que você entre no portal com seu CPF e senha."
SERVICES_LINK_SIGN_IN = "Entrar"
SERVICES_LINK_SIGNUP = "Cadastre-se"
# Sent to the sign-in by a page that needs it, with no session ever seen in this tab (with
# one that ended, SESSION_EXPIRED is shown instead); keyed by routes.RETURN_TARGETS.
SIGN_IN_FIRST = {
    "minha-conta": "Entre para ver sua conta.",
    "atendimento": "Entre para abrir o Atendimento.",
    "meus-dados": "Entre para ver seus dados.",
}

# --- "Meus dados": the readable, printable page --------------------------------------
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

# --- Form errors, GOV.UK style: the summary at the top and each field's message -------
ERROR_SUMMARY_TITLE = "Há um problema"
ERROR_SUMMARY_INTRO = FORM_HAS_ERRORS
# Read by screen readers before each field's message (visually hidden).
ERROR_PREFIX = "Erro: "

# --- Errors in portal/catalog/servicos.toml, for the city editor who keeps it (issue 13) ---
CATALOG_ERRORS = {
    "unreadable": "{source}: não foi possível ler o arquivo ({detail}).",
    "toml": "{source}: o arquivo não é TOML válido ({detail}).",
    "categories": "{source}: 'categorias' deve ser uma lista de nomes, na ordem da página.",
    "repeated_category": "{source}: há uma categoria repetida em 'categorias'.",
    "no_services": "{source}: nenhum serviço ([[servico]]) encontrado.",
    "unknown_key": "{source}: chave desconhecida '{key}' (use 'categorias' e [[servico]]).",
    "entry": "{source}, serviço nº {number}",
    "entry_named": "{where} ('{name}')",
    "not_a_block": "{where}: deve ser um bloco [[servico]].",
    "missing": "{where}: falta o campo '{field}'.",
    "wrong_type": "{where}: o campo '{field}' deve ser {expected}.",
    "unknown_field": "{where}: campo desconhecido '{field}'.",
    "keywords": "{where}: 'palavras_chave' deve ser uma lista de textos.",
    "category": "{where}: a categoria '{category}' não está em 'categorias'.",
    "link": "{where}: o 'link' deve ser um endereço https:// completo.",
    "duplicate": "{where}: já há um serviço com esse nome.",
}
CATALOG_EXPECTED = {"str": "um texto", "list": "uma lista de textos", "bool": "true ou false"}
