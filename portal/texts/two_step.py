"""Two-step verification: the code asked at sign-in, and turning it on or off in "Minha conta"."""

TWO_STEP_ISSUER = "Portal de Serviços Campinas"  # the name authenticator apps show

# Signing in
LABEL_TWO_STEP_CODE = "Código de verificação"
TWO_STEP_CODE_HINT = (
    "Os 6 números que o aplicativo autenticador mostra agora, ou um dos seus códigos de recuperação."
)
TWO_STEP_SIGN_IN_INTRO = "Sua senha está certa. Falta o código de verificação do seu aplicativo autenticador."
TWO_STEP_GOVBR_INTRO = (
    "Você entrou com gov.br nível bronze. Como sua conta usa verificação em duas etapas, falta o código "
    "do seu aplicativo autenticador."
)
BUTTON_TWO_STEP_CONTINUE = "Continuar"
BUTTON_TWO_STEP_CANCEL = "Voltar"

TWO_STEP_CODE_REQUIRED = "Digite o código de verificação."
TWO_STEP_CODE_WRONG = "Código incorreto ou já usado. Confira o relógio do celular e digite o código atual."
TWO_STEP_SIGN_IN_AGAIN = "A entrada expirou ou teve tentativas demais. Entre de novo com seu CPF e senha."
TWO_STEP_LOST = "Perdeu o celular e os códigos de recuperação?"

# In "Minha conta"
TWO_STEP_HEADING = "Verificação em duas etapas"
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
TWO_STEP_STAFF_REQUIRED = (
    "Para usar o atendimento, ative antes a verificação em duas etapas em “Minha conta”: atendentes veem "
    "dados pessoais de cidadãos."
)
