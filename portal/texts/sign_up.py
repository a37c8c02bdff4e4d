"""Creating an account (/cadastro) and the page after it, where the confirmation mail is resent or fixed."""

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
STRENGTH_LABEL = "Força da senha"
STRENGTH_NAMES = ("Muito fraca", "Fraca", "Razoável", "Boa", "Forte")
EMAIL_SUGGESTION = "Você quis dizer {suggestion}?"
BUTTON_USE_SUGGESTION = "Usar sugestão"

CPF_TAKEN_LOGIN = "Entrar com CPF e senha"
CPF_TAKEN_RECOVER = "Recuperar a senha"
ALREADY_HAVE_ACCOUNT = "Já tem conta?"
SIGNUP_LIMITED = "Muitos cadastros feitos a partir desta conexão. Aguarde {wait} e tente de novo."

# After sign-up: the confirmation mail sent (/cadastro/enviado)
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
RESEND_LIMITED = "Muitos pedidos de reenvio a partir desta conexão. Aguarde {wait} e tente de novo."

RESEND_WAIT_UNTIL = "Você poderá reenviar o e-mail a partir das {time} (em cerca de {wait})."
RESEND_WAIT_SOON = "Você poderá reenviar o e-mail em {wait}."

WRONG_EMAIL_HEADING = "Digitou o e-mail errado?"
BUTTON_CORRECT_EMAIL = "Corrigir e-mail"
LABEL_NEW_EMAIL = "Novo e-mail"
LABEL_NEW_EMAIL_CONFIRM = "Confirme o novo e-mail"
LABEL_SIGNUP_PASSWORD = "Senha que você criou no cadastro"
BUTTON_SAVE_EMAIL = "Salvar e enviar novo link"

EMAIL_CORRECTED = "E-mail corrigido. Enviamos um novo link para {email}."
SIGNUP_PENDING_ELSEWHERE = (
    "Por segurança, o e-mail só pode ser corrigido ou reenviado no mesmo navegador em que o "
    "cadastro foi feito, até 1 hora depois. Se precisar, faça o cadastro de novo com o mesmo CPF."
)
