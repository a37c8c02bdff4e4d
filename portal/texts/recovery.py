"""A forgotten password: the temporary one by e-mail, the new password, and "Não fui eu"."""

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

# New password, after signing in with a temporary one
NEW_PASSWORD_TITLE = "Defina sua nova senha"
NEW_PASSWORD_INTRO = (
    "Você entrou com uma senha temporária. Crie agora a sua nova senha para continuar."
)
LABEL_NEW_PASSWORD = "Nova senha"
LABEL_NEW_PASSWORD_CONFIRM = "Confirme a nova senha"
BUTTON_SAVE_PASSWORD = "Salvar nova senha"
NEW_PASSWORD_REFUSED = "Não foi possível salvar por este caminho. Digite a nova senha nesta página."
NEW_PASSWORD_DONE = "Senha alterada. Use a nova senha da próxima vez que entrar."

# "Não fui eu" (/nao-fui-eu)
NOT_ME_TITLE = "Não fui eu"
NOT_ME_DONE = (
    "Encerramos todas as sessões da sua conta, cancelamos qualquer senha temporária e bloqueamos a "
    "entrada com a senha atual. Para entrar de novo, use “Recuperar senha”: enviaremos uma senha "
    "temporária para o seu e-mail e você criará uma nova."
)
NOT_ME_INVALID = "Este link não vale mais (ele expira em 7 dias e só pode ser usado uma vez)."
