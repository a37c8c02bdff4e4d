"""What became of a mail the portal sent, shown live on the page that caused it, and how to fix it."""

DELIVERY_HEADING = "Situação do e-mail"
DELIVERY_QUEUED = "Enviando o e-mail…"
DELIVERY_RETRYING = (
    "O provedor de e-mail ainda não aceitou a mensagem. Tentamos de novo automaticamente; "
    "não é preciso fazer nada."
)
DELIVERY_SENT = (
    "Entregue ao seu provedor de e-mail às {time}. Se não estiver na caixa de entrada, olhe o spam."
)
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
