"""Signing in with gov.br, linking an existing account to it, and the portal password of a gov.br account."""

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
GOVBR_LINK_REFUSED = "Não foi possível vincular por este caminho. Digite a senha do portal nesta página."

# In "Minha conta"
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
