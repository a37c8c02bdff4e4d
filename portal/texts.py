"""Every citizen-facing text of the portal, in Brazilian Portuguese, in one place.

Wording is reviewed and changed here only. Messages for validation results are keyed by
the codes the services return (``MESSAGES["cpf_invalid"]``), as Django's forms do.
"""

PORTAL_NAME = "Portal de Serviços"
CITY = "Prefeitura Municipal de Campinas"

# --- Shared layout -------------------------------------------------------------------
SKIP_TO_CONTENT = "Ir para o conteúdo"
FOOTER = "Prefeitura Municipal de Campinas · Portal de Serviços"
LINK_TERMS = "Termos de uso e aviso de privacidade"
GENERIC_ERROR = (
    "Não foi possível concluir a operação agora. Tente novamente em instantes; "
    "se o problema continuar, ligue 156 (Campinas) ou (19) 3755-6010."
)
LOADING = "Aguarde…"

# --- Home / sign-in -----------------------------------------------------------------
HOME_TITLE = "Portal de Serviços"
HOME_SUBTITLE = "Acesse os serviços on-line da Prefeitura de Campinas."
LOGIN_HEADING = "Entrar"
LOGIN_INTRO = "Se você não tem uma conta gov.br, entre com seu CPF e senha."
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
SENT_BODY = "Enviamos um link de confirmação para {email}."
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
RESEND_WAIT = "Você poderá reenviar o e-mail a partir das {time} (em cerca de {minutes} min)."
RESEND_WAIT_SECONDS = "Você poderá reenviar o e-mail em {seconds} segundos."
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
}


def message(code: str) -> str:
    return MESSAGES.get(code, GENERIC_ERROR)
