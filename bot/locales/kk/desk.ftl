# Қазақша. Missing keys fall back to Russian; the residents' issue completes this file.

ack-reply = Өтінішіңіз <b>{ $code }</b> нөмірімен тіркелді. Әкімдік қызметкерлері оны қарап, осы жерде, хабарламаңыздың астында жауап береді. Қарау мерзімі — { $due } дейін.
ack-emergency = 🚨 Шұғыл көмек қажет болса, 102 (полиция) немесе 112 нөміріне қоңырау шалыңыз — бұл чат шұғыл қызметтерді алмастырмайды.

status-new = жаңа
status-assigned = жұмыста
status-answered = жауап берілді
status-closed = жабылды

resolution-resolved = шешілді
resolution-rejected = қабылданбады
resolution-duplicate = қайталама
resolution-spam = спам
