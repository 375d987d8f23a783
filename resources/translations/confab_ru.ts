<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>ApprovalBar</name>
    <message>
        <source>Tool call arguments</source>
        <translation>Аргументы вызова инструмента</translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation>Разрешить один раз</translation>
    </message>
    <message>
        <source>Always allow this tool</source>
        <translation>Всегда разрешать этот инструмент</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Отклонить</translation>
    </message>
    <message>
        <source>Run {tool} from the {server} server?</source>
        <translation>Запустить {tool} с сервера {server}?</translation>
    </message>
    <message>
        <source>Run {tool}?</source>
        <translation>Запустить {tool}?</translation>
    </message>
    <message>
        <source>(in “{chat}”)</source>
        <translation>(в чате «{chat}»)</translation>
    </message>
</context>
<context>
    <name>AttachmentsBar</name>
    <message>
        <source>Remove {name}</source>
        <translation>Убрать {name}</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Прикреплённые файлы</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Could not read the history file: {error}</source>
        <translation>Не удалось прочитать файл истории: {error}</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Изображение</translation>
    </message>
    <message>
        <source>Could not update the history file: {error}</source>
        <translation>Не удалось обновить файл истории: {error}</translation>
    </message>
    <message>
        <source>A reply is streaming in that chat: undo once it has ended.</source>
        <translation>В этом чате идёт ответ: отмените, когда он закончится.</translation>
    </message>
    <message>
        <source>Could not read this chat&apos;s earlier messages ({error}); nothing was sent.</source>
        <translation>Не удалось прочитать прежние сообщения этого чата ({error}); ничего не отправлено.</translation>
    </message>
    <message>
        <source>Could not save to the history file ({error}); this conversation is still on screen: export it to keep a copy.</source>
        <translation>Не удалось сохранить в файл истории ({error}); беседа пока на экране — экспортируйте её, чтобы сохранить копию.</translation>
    </message>
</context>
<context>
    <name>ChatOptionsDialog</name>
    <message>
        <source>Chat options</source>
        <translation>Параметры чата</translation>
    </message>
    <message>
        <source>System prompt for this chat</source>
        <translation>Системный промпт этого чата</translation>
    </message>
    <message>
        <source>Empty: the provider&apos;s system prompt from Settings</source>
        <translation>Пусто — системный промпт провайдера из настроек</translation>
    </message>
    <message>
        <source>Temperature for this chat</source>
        <translation>Температура для этого чата</translation>
    </message>
    <message>
        <source>provider&apos;s setting</source>
        <translation>как у провайдера</translation>
    </message>
    <message>
        <source>Maximum reply tokens for this chat</source>
        <translation>Наибольшая длина ответа в токенах для этого чата</translation>
    </message>
    <message>
        <source>Let the model use tools from your MCP servers</source>
        <translation>Разрешить модели пользоваться инструментами ваших MCP-серверов</translation>
    </message>
    <message>
        <source>Tools of the {server} server</source>
        <translation>Инструменты сервера {server}</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Системный промпт</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Температура</translation>
    </message>
    <message>
        <source>Maximum reply tokens</source>
        <translation>Наибольшая длина ответа (токены)</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Инструменты</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Conversation</source>
        <translation>Беседа</translation>
    </message>
    <message>
        <source>Code copied</source>
        <translation>Код скопирован</translation>
    </message>
    <message>
        <source>Copied ✓</source>
        <translation>Скопировано ✓</translation>
    </message>
    <message>
        <source>Markdown copied</source>
        <translation>Markdown скопирован</translation>
    </message>
    <message>
        <source>Text copied</source>
        <translation>Текст скопирован</translation>
    </message>
    <message>
        <source>… {count} more lines</source>
        <translation>… ещё строк: {count}</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Думает…</translation>
    </message>
    <message>
        <source>Show earlier messages ({count})</source>
        <translation>Показать прежние сообщения ({count})</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Ассистент</translation>
    </message>
    <message>
        <source>Reasoning ({words} words)</source>
        <translation>Рассуждение (слов: {words})</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} с</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Скрыть</translation>
    </message>
    <message numerus="yes">
        <source>Thought for %n s</source>
        <translation>
            <numerusform>Размышлял %n с</numerusform>
            <numerusform>Размышлял %n с</numerusform>
            <numerusform>Размышлял %n с</numerusform>
        </translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation>Разрешить один раз</translation>
    </message>
    <message>
        <source>Always allow this tool</source>
        <translation>Всегда разрешать этот инструмент</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Запретить</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Аргументы</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>{ms} ms</source>
        <translation>{ms} мс</translation>
    </message>
    <message>
        <source>next</source>
        <translation>следующий</translation>
    </message>
    <message>
        <source>waiting for your approval</source>
        <translation>ждёт вашего разрешения</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>выполняется…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>готово</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>отклонено</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>время вышло</translation>
    </message>
    <message>
        <source>not run: step limit</source>
        <translation>не запущен: предел шагов</translation>
    </message>
    <message>
        <source>Show the whole message ({size})</source>
        <translation>Показать сообщение целиком ({size})</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>Предыдущий вариант</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Следующий вариант</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy Markdown</source>
        <translation>Копировать Markdown</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Ответить заново</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Остановлено</translation>
    </message>
    <message>
        <source>{prompt} → {completion} tokens</source>
        <translation>токены: {prompt} → {completion}</translation>
    </message>
    <message>
        <source>{speed} tokens/s</source>
        <translation>{speed} ток./с</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
</context>
<context>
    <name>CompareColumn</name>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Stop this reply</source>
        <translation>Остановить этот ответ</translation>
    </message>
    <message>
        <source>Continue with this one</source>
        <translation>Продолжить с этим</translation>
    </message>
    <message>
        <source>Waiting for the first token…</source>
        <translation>Ждём первый токен…</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>Приходит ответ…</translation>
    </message>
    <message>
        <source>first token after {seconds} s</source>
        <translation>первый токен через {seconds} с</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Остановлено</translation>
    </message>
</context>
<context>
    <name>CompareTargetsDialog</name>
    <message>
        <source>Compare models</source>
        <translation>Сравнение моделей</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Провайдер</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Compare target {number}</source>
        <translation>Участник сравнения {number}</translation>
    </message>
    <message>
        <source>the provider&apos;s default model</source>
        <translation>модель провайдера по умолчанию</translation>
    </message>
    <message>
        <source>Every target answers the same prompt at once, each with its provider&apos;s key, address and parameters from Settings. Pick two to four.</source>
        <translation>Все участники отвечают на один и тот же запрос одновременно, каждый — со своими ключом, адресом и параметрами провайдера из настроек. Выберите от двух до четырёх.</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Back to the conversation</source>
        <translation>Вернуться к беседе</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n model(s): type below and every one answers.</source>
        <translation>
            <numerusform>Сравниваем %n модель: напишите внизу, и ответит каждая.</numerusform>
            <numerusform>Сравниваем %n модели: напишите внизу, и ответит каждая.</numerusform>
            <numerusform>Сравниваем %n моделей: напишите внизу, и ответит каждая.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Editing a message: sending it starts a new branch, and the original stays. Esc cancels.</source>
        <translation>Правка сообщения: отправленное станет новой веткой, исходное останется. Esc — отмена.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Ask anything</source>
        <translation>Спросите что угодно</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line. Drop or paste images and files.</source>
        <translation>Enter отправляет, Shift+Enter — новая строка. Перетащите или вставьте изображения и файлы.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Прикрепить файлы</translation>
    </message>
    <message>
        <source>Attach images, PDFs, text or code</source>
        <translation>Прикрепить изображения, PDF, текст или код</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Stop the reply (Esc)</source>
        <translation>Остановить ответ (Esc)</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Отправить (Enter)</translation>
    </message>
    <message>
        <source>A reply is still coming in: press Esc to stop it, or wait for it.</source>
        <translation>Ответ ещё приходит: нажмите Esc, чтобы остановить его, или дождитесь конца.</translation>
    </message>
    <message>
        <source>Files are still being prepared; send again in a moment.</source>
        <translation>Файлы ещё готовятся; отправьте чуть позже.</translation>
    </message>
    <message>
        <source>Images, PDFs and text ({patterns})</source>
        <translation>Изображения, PDF и текст ({patterns})</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>Изображения ({patterns})</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Документы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Все файлы (*)</translation>
    </message>
    <message>
        <source>{name} was not attached: it needs its password.</source>
        <translation>{name} не прикреплён: нужен его пароль.</translation>
    </message>
    <message>
        <source>{address} is not a local file; save it first.</source>
        <translation>{address} — не локальный файл; сначала сохраните его.</translation>
    </message>
    <message>
        <source>The pasted content is not an image Confab can read.</source>
        <translation>Вставленное — не изображение, которое Confab может прочитать.</translation>
    </message>
    <message>
        <source>pasted image.png</source>
        <translation>вставленное изображение.png</translation>
    </message>
    <message>
        <source>pasted text.txt</source>
        <translation>вставленный текст.txt</translation>
    </message>
    <message>
        <source>{name} could not be attached: {error}</source>
        <translation>Не удалось прикрепить {name}: {error}</translation>
    </message>
</context>
<context>
    <name>ConfabApp</name>
    <message>
        <source>Your key is kept for this session only.</source>
        <translation>Ключ хранится только до закрытия Confab.</translation>
    </message>
    <message>
        <source>Chat moved to the trash.</source>
        <translation>Чат перемещён в корзину.</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Инструменты</translation>
    </message>
    <message>
        <source>About Confab</source>
        <translation>О программе Confab</translation>
    </message>
    <message>
        <source>A desktop chat client for large language models. Keys are kept only in the system keyring.

Settings and history: {folder}</source>
        <translation>Настольный клиент для бесед с большими языковыми моделями. Ключи хранятся только в системном хранилище ключей.

Настройки и история: {folder}</translation>
    </message>
    <message>
        <source>Could not save settings ({error}); changes last until Confab closes.</source>
        <translation>Не удалось сохранить настройки ({error}); изменения действуют до закрытия Confab.</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Экспорт беседы</translation>
    </message>
    <message>
        <source>Export all chats</source>
        <translation>Экспорт всех чатов</translation>
    </message>
    <message>
        <source>Confab archive (*.json)</source>
        <translation>Архив Confab (*.json)</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>Экспорт не удался: {error}</translation>
    </message>
    <message>
        <source>Saved {count} chats to {name}</source>
        <translation>Сохранено чатов: {count}, файл {name}</translation>
    </message>
    <message>
        <source>Import chats</source>
        <translation>Импорт чатов</translation>
    </message>
    <message>
        <source>Import failed: {error}</source>
        <translation>Импорт не удался: {error}</translation>
    </message>
    <message>
        <source>Cannot read images: any you attach are not sent to it.</source>
        <translation>Не читает изображения: прикреплённые ему не отправляются.</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation>Сохранено: {name}</translation>
    </message>
    <message>
        <source>Could not read the history file: {error}</source>
        <translation>Не удалось прочитать файл истории: {error}</translation>
    </message>
    <message>
        <source>Provider list failed: {error}</source>
        <translation>Не удалось получить список провайдеров: {error}</translation>
    </message>
    <message>
        <source>{provider} (key)</source>
        <translation>{provider} (нужен ключ)</translation>
    </message>
    <message>
        <source>{provider} needs an API key. It is stored only in your system keyring, or set {variable}.</source>
        <translation>{provider} требует ключ API. Он хранится только в системном хранилище ключей; можно также задать переменную {variable}.</translation>
    </message>
    <message>
        <source>{provider} needs an API key. It is stored only in your system keyring.</source>
        <translation>{provider} требует ключ API. Он хранится только в системном хранилище ключей.</translation>
    </message>
    <message>
        <source>Key saved in the system keyring</source>
        <translation>Ключ сохранён в системном хранилище ключей</translation>
    </message>
    <message>
        <source>{provider} cannot read images; remove them or pick a provider with vision.</source>
        <translation>{provider} не умеет читать изображения: уберите их или выберите провайдера с поддержкой зрения.</translation>
    </message>
    <message>
        <source>{model} does not accept images; pick a vision model.</source>
        <translation>{model} не принимает изображения; выберите модель со зрением.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Model list failed: {error}</source>
        <translation>Не удалось получить список моделей: {error}</translation>
    </message>
    <message>
        <source>(offline: the built-in list)</source>
        <translation>(нет связи: встроенный список)</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>Imported {chats} new chats and {messages} messages; {skipped} messages were here already and were left as they are.</source>
        <translation>Импортировано новых чатов: {chats}, сообщений: {messages}. Уже были здесь и остались как есть сообщений: {skipped}.</translation>
    </message>
    <message>
        <source>Imported {chats} new chats and {messages} messages.</source>
        <translation>Импортировано новых чатов: {chats}, сообщений: {messages}.</translation>
    </message>
    <message>
        <source>Confab closed while this reply was streaming; the text above is what arrived.</source>
        <translation>Confab закрылся, пока приходил этот ответ; выше — то, что успело прийти.</translation>
    </message>
    <message>
        <source>Your history could not be opened ({error}). It was left as it is; chats of this session will not be saved. Another Confab may have it open, or the folder may be read-only.</source>
        <translation>Не удалось открыть историю ({error}). Файл оставлен как есть; чаты этого сеанса не сохранятся. Возможно, его держит другой Confab или папка доступна только для чтения.</translation>
    </message>
    <message>
        <source>Your history is damaged ({error}) and could not be set aside ({reason}); chats of this session will not be saved.</source>
        <translation>История повреждена ({error}), и её не удалось отложить ({reason}); чаты этого сеанса не сохранятся.</translation>
    </message>
    <message>
        <source>Your history could not be opened ({error}); it was kept as {name} and a new history was started.</source>
        <translation>Не удалось открыть историю ({error}); она сохранена как {name}, начата новая история.</translation>
    </message>
    <message>
        <source>Built-in list shown; the live list failed: {error}</source>
        <translation>Показан встроенный список; актуальный получить не удалось: {error}</translation>
    </message>
    <message>
        <source>Your settings file could not be read ({error}); it was kept as {name} and defaults are in use.</source>
        <translation>Не удалось прочитать файл настроек ({error}); он сохранён как {name}, действуют настройки по умолчанию.</translation>
    </message>
    <message>
        <source>the reply reached the maximum length</source>
        <translation>ответ достиг наибольшей длины</translation>
    </message>
    <message>
        <source>The call did not finish: the reply was stopped.</source>
        <translation>Вызов не завершился: ответ был остановлен.</translation>
    </message>
</context>
<context>
    <name>FileChip</name>
    <message>
        <source>{pages} pages · {size}</source>
        <translation>страниц: {pages} · {size}</translation>
    </message>
    <message>
        <source>{name}, press Space to preview</source>
        <translation>{name}, нажмите Пробел для просмотра</translation>
    </message>
    <message>
        <source>{name} · click to preview</source>
        <translation>{name} · щёлкните для просмотра</translation>
    </message>
</context>
<context>
    <name>FilePreview</name>
    <message>
        <source>File: {name}</source>
        <translation>Файл: {name}</translation>
    </message>
    <message>
        <source>Drawing the first page…</source>
        <translation>Рисуем первую страницу…</translation>
    </message>
    <message>
        <source>… {count} more lines</source>
        <translation>… ещё строк: {count}</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Сохранить как…</translation>
    </message>
    <message>
        <source>Save file</source>
        <translation>Сохранить файл</translation>
    </message>
    <message>
        <source>Could not save: {why}</source>
        <translation>Не удалось сохранить: {why}</translation>
    </message>
</context>
<context>
    <name>FileQuestions</name>
    <message>
        <source>Password needed</source>
        <translation>Нужен пароль</translation>
    </message>
    <message>
        <source>That password did not open {name}. Try again:</source>
        <translation>Этот пароль не открыл {name}. Попробуйте ещё раз:</translation>
    </message>
    <message>
        <source>{name} is protected by a password. Enter it to attach the file:</source>
        <translation>{name} защищён паролем. Введите его, чтобы прикрепить файл:</translation>
    </message>
    <message>
        <source>Too much to send at once</source>
        <translation>Слишком много для одной отправки</translation>
    </message>
    <message>
        <source>Send only the first {count} pages of {name}, or go back and change the message?</source>
        <translation>Отправить только первые страницы {name} ({count}) или вернуться и изменить сообщение?</translation>
    </message>
    <message>
        <source>Send the first {count} pages</source>
        <translation>Отправить первые страницы: {count}</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Image: {name}</source>
        <translation>Изображение: {name}</translation>
    </message>
</context>
<context>
    <name>KeyBanner</name>
    <message>
        <source>API key</source>
        <translation>Ключ API</translation>
    </message>
    <message>
        <source>Paste your API key</source>
        <translation>Вставьте ключ API</translation>
    </message>
    <message>
        <source>Save key</source>
        <translation>Сохранить ключ</translation>
    </message>
    <message>
        <source>Save API key</source>
        <translation>Сохранить ключ API</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробнее</translation>
    </message>
    <message>
        <source>System keyring</source>
        <translation>Системное хранилище ключей</translation>
    </message>
</context>
<context>
    <name>Keyring</name>
    <message>
        <source>Found and not used: {name}.</source>
        <translation>Найдено и не используется: {name}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Provider</source>
        <translation>Провайдер</translation>
    </message>
    <message>
        <source>Via</source>
        <translation>Через</translation>
    </message>
    <message>
        <source>Which of the server&apos;s providers answers</source>
        <translation>Какой из провайдеров сервера отвечает</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Чат</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Увеличить</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>У&amp;меньшить</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>&amp;Обычный размер</translation>
    </message>
    <message>
        <source>Next &amp;pane</source>
        <translation>Следующая &amp;панель</translation>
    </message>
    <message>
        <source>Previous pane</source>
        <translation>Предыдущая панель</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>&amp;Новый чат</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Экспорт…</translation>
    </message>
    <message>
        <source>Save this conversation as Markdown or JSON</source>
        <translation>Сохранить беседу в Markdown или JSON</translation>
    </message>
    <message>
        <source>Export &amp;all chats…</source>
        <translation>Экспорт &amp;всех чатов…</translation>
    </message>
    <message>
        <source>&amp;Import chats…</source>
        <translation>&amp;Импорт чатов…</translation>
    </message>
    <message>
        <source>Add chats from a Confab archive; nothing is overwritten</source>
        <translation>Добавить чаты из архива Confab; ничего не перезаписывается</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Н&amp;астройки…</translation>
    </message>
    <message>
        <source>Keys, addresses, proxies and parameters per provider</source>
        <translation>Ключи, адреса, прокси и параметры каждого провайдера</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Отправить</translation>
    </message>
    <message>
        <source>S&amp;top the reply</source>
        <translation>О&amp;становить ответ</translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation>Ответить &amp;заново</translation>
    </message>
    <message>
        <source>Ask for the last reply again</source>
        <translation>Запросить последний ответ ещё раз</translation>
    </message>
    <message>
        <source>&amp;Edit last</source>
        <translation>&amp;Изменить последнее</translation>
    </message>
    <message>
        <source>Take back your last message to edit and resend it</source>
        <translation>Вернуть последнее сообщение, чтобы изменить и отправить заново</translation>
    </message>
    <message>
        <source>Co&amp;mpare models…</source>
        <translation>Сравнить &amp;модели…</translation>
    </message>
    <message>
        <source>Send one prompt to two to four models and read the replies side by side</source>
        <translation>Отправить один запрос двум–четырём моделям и читать ответы рядом</translation>
    </message>
    <message>
        <source>Chat &amp;options…</source>
        <translation>&amp;Параметры чата…</translation>
    </message>
    <message>
        <source>This chat&apos;s own system prompt, temperature and length</source>
        <translation>Собственные системный промпт, температура и длина ответа этого чата</translation>
    </message>
    <message>
        <source>Show the &amp;chat list</source>
        <translation>Показывать &amp;список чатов</translation>
    </message>
    <message>
        <source>&amp;Go to the message field</source>
        <translation>&amp;Перейти к полю сообщения</translation>
    </message>
    <message>
        <source>&amp;Reload the model list</source>
        <translation>&amp;Обновить список моделей</translation>
    </message>
    <message>
        <source>Reload the model list</source>
        <translation>Обновить список моделей</translation>
    </message>
    <message>
        <source>&amp;About Confab</source>
        <translation>&amp;О программе Confab</translation>
    </message>
    <message>
        <source>Searc&amp;h chats</source>
        <translation>&amp;Поиск по чатам</translation>
    </message>
    <message>
        <source>Find chats by their title or messages</source>
        <translation>Найти чаты по названию или сообщениям</translation>
    </message>
    <message>
        <source>&amp;Chats</source>
        <translation>&amp;Чаты</translation>
    </message>
    <message>
        <source>C&amp;onversation</source>
        <translation>&amp;Беседа</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Оформление</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>Как в &amp;системе</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>С&amp;ветлое</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Тёмное</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Zoom: {percent} %</source>
        <translation>Масштаб: {percent} %</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n message(s).</source>
        <translation>
            <numerusform>Удалено %n сообщение.</numerusform>
            <numerusform>Удалено %n сообщения.</numerusform>
            <numerusform>Удалено %n сообщений.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageList</name>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy Link Address</source>
        <translation>Копировать адрес ссылки</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Loading models…</source>
        <translation>Загрузка моделей…</translation>
    </message>
    <message>
        <source>Reads images</source>
        <translation>Читает изображения</translation>
    </message>
    <message>
        <source>Uses tools</source>
        <translation>Вызывает инструменты</translation>
    </message>
    <message>
        <source>Type a model name</source>
        <translation>Введите название модели</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n модель</numerusform>
            <numerusform>%n модели</numerusform>
            <numerusform>%n моделей</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Providers</name>
    <message>
        <source>Runs on your machine; no key needed.</source>
        <translation>Работает на вашем компьютере; ключ не нужен.</translation>
    </message>
    <message>
        <source>AI365VIP (unverified)</source>
        <translation>AI365VIP (не проверен)</translation>
    </message>
    <message>
        <source>The public AI365VIP service is gone; this speaks its protocol but is unverified.</source>
        <translation>Публичный сервис AI365VIP закрыт; Confab говорит на его протоколе, но проверить это не на чем.</translation>
    </message>
    <message>
        <source>No system keyring is available: a key you enter is kept until Confab closes.</source>
        <translation>Системного хранилища ключей нет: введённый ключ хранится, пока Confab открыт.</translation>
    </message>
    <message>
        <source>The keyring found keeps keys in a file, so Confab does not use it: a key you enter is kept until Confab closes.</source>
        <translation>Найденное хранилище держит ключи в файле, и Confab им не пользуется: введённый ключ хранится, пока Confab открыт.</translation>
    </message>
    <message>
        <source>Confab keeps API keys only in the system keyring, never in a file. On Linux, install and unlock GNOME Keyring or KWallet (a Secret Service provider), then start Confab again; on Windows and macOS the system&apos;s own keyring is used.</source>
        <translation>Confab хранит API-ключи только в системном хранилище ключей и никогда в файле. В Linux установите и разблокируйте GNOME Keyring или KWallet (поставщик Secret Service) и запустите Confab снова; в Windows и macOS используется системное хранилище.</translation>
    </message>
    <message>
        <source>the system keyring is locked; unlock it (log in again or open your keyring app)</source>
        <translation>системное хранилище ключей заблокировано; разблокируйте его (войдите в систему заново или откройте приложение связки ключей)</translation>
    </message>
    <message>
        <source>gpt4free backend</source>
        <translation>Сервер gpt4free</translation>
    </message>
    <message>
        <source>the server sent an event without a type</source>
        <translation>сервер прислал событие без типа</translation>
    </message>
    <message>
        <source>no API key is set. Add one in Settings or set {variable}.</source>
        <translation>ключ API не задан. Добавьте его в настройках или задайте переменную {variable}.</translation>
    </message>
    <message>
        <source>no API key is set. Add one in Settings.</source>
        <translation>ключ API не задан. Добавьте его в настройках.</translation>
    </message>
    <message>
        <source>this provider cannot read images; remove them or switch to a provider with vision</source>
        <translation>этот провайдер не умеет читать изображения; уберите их или выберите провайдера со зрением</translation>
    </message>
    <message>
        <source>at most {count} images can be sent at once</source>
        <translation>за один раз можно отправить не больше {count} изображений</translation>
    </message>
    <message>
        <source>this provider cannot call tools; turn tools off for this chat or switch to a provider that can</source>
        <translation>этот провайдер не умеет вызывать инструменты; выключите их в этом чате или выберите провайдера, который умеет</translation>
    </message>
    <message>
        <source>the server answered with an empty reply (HTTP 200, no data); the model or the server may have failed</source>
        <translation>сервер ответил пустым ответом (HTTP 200, без данных); возможно, сбой в модели или на сервере</translation>
    </message>
    <message>
        <source>the connection closed before the reply was complete</source>
        <translation>соединение закрылось раньше, чем пришёл весь ответ</translation>
    </message>
    <message>
        <source>it was flagged by Google&apos;s safety filters</source>
        <translation>его отметили фильтры безопасности Google</translation>
    </message>
    <message>
        <source>it repeated existing web or copyrighted text too closely</source>
        <translation>он слишком близко повторял текст из интернета или защищённый авторским правом</translation>
    </message>
    <message>
        <source>it contained a blocked term</source>
        <translation>в нём было запрещённое слово</translation>
    </message>
    <message>
        <source>it touched prohibited content</source>
        <translation>он касался запрещённого содержания</translation>
    </message>
    <message>
        <source>it contained sensitive personal information</source>
        <translation>в нём были чувствительные личные данные</translation>
    </message>
    <message>
        <source>an image was flagged by Google&apos;s safety filters</source>
        <translation>изображение отметили фильтры безопасности Google</translation>
    </message>
    <message>
        <source>of an unspecified policy</source>
        <translation>так велят неназванные правила</translation>
    </message>
    <message>
        <source>the server sent an unexpected response: {data}</source>
        <translation>сервер прислал неожиданный ответ: {data}</translation>
    </message>
    <message>
        <source>the prompt was blocked because {why} ({code})</source>
        <translation>запрос заблокирован, потому что {why} ({code})</translation>
    </message>
    <message>
        <source>the reply was stopped because {why} ({code})</source>
        <translation>ответ остановлен, потому что {why} ({code})</translation>
    </message>
    <message>
        <source>the stream stalled: nothing arrived for {seconds} seconds</source>
        <translation>поток замер: ничего не приходило {seconds} с</translation>
    </message>
    <message>
        <source>the connection closed before the reply was complete ({why})</source>
        <translation>соединение закрылось раньше, чем пришёл весь ответ ({why})</translation>
    </message>
    <message>
        <source>the stream broke off: {why}</source>
        <translation>поток оборвался: {why}</translation>
    </message>
    <message>
        <source>the server answered {path} with {what} instead of JSON; check the base URL</source>
        <translation>сервер ответил на {path} не JSON, а так: {what}; проверьте базовый URL</translation>
    </message>
    <message>
        <source>the server sent {what} instead of raw text; check the base URL, or whether the server wants you to sign in</source>
        <translation>вместо текста сервер прислал {what}; проверьте базовый URL или не просит ли сервер войти</translation>
    </message>
    <message>
        <source>the server sent {what} instead of a streamed reply; check the base URL, or whether the server wants you to sign in</source>
        <translation>вместо потокового ответа сервер прислал {what}; проверьте базовый URL или не просит ли сервер войти</translation>
    </message>
    <message>
        <source>the proxy address {address} is not valid</source>
        <translation>адрес прокси {address} неверен</translation>
    </message>
    <message>
        <source>could not reach {where} through the proxy {proxy}: {why}; check the proxy setting</source>
        <translation>не удалось связаться с {where} через прокси {proxy}: {why}; проверьте настройку прокси</translation>
    </message>
    <message>
        <source>could not connect to {where} within {seconds} seconds</source>
        <translation>не удалось подключиться к {where} за {seconds} с</translation>
    </message>
    <message>
        <source>no response from {where} within {seconds} seconds</source>
        <translation>{where} не ответил за {seconds} с</translation>
    </message>
    <message>
        <source>could not find the server {host} (DNS lookup failed); check the address and your network</source>
        <translation>сервер {host} не найден (ошибка DNS); проверьте адрес и сеть</translation>
    </message>
    <message>
        <source>the secure connection to {where} failed (TLS certificate or handshake): {why}</source>
        <translation>не удалось установить защищённое соединение с {where} (сертификат TLS или рукопожатие): {why}</translation>
    </message>
    <message>
        <source>could not connect to {where}: {why}</source>
        <translation>не удалось подключиться к {where}: {why}</translation>
    </message>
    <message>
        <source>{where} closed the connection without answering</source>
        <translation>{where} закрыл соединение, не ответив</translation>
    </message>
    <message>
        <source>request to {where} failed: {why}</source>
        <translation>запрос к {where} не удался: {why}</translation>
    </message>
    <message>
        <source>the server reported an error: {detail}</source>
        <translation>сервер сообщил об ошибке: {detail}</translation>
    </message>
    <message>
        <source>this model cannot read images{detail}. Remove the images or load a vision model.</source>
        <translation>эта модель не умеет читать изображения{detail}. Уберите изображения или загрузите модель со зрением.</translation>
    </message>
    <message>
        <source>the API key was rejected (HTTP {status}){detail}. Check the key in Settings.</source>
        <translation>ключ API отклонён (HTTP {status}){detail}. Проверьте ключ в настройках.</translation>
    </message>
    <message>
        <source>not found (HTTP 404){detail}. The model name or the base URL may be wrong.</source>
        <translation>не найдено (HTTP 404){detail}. Возможно, неверно название модели или базовый URL.</translation>
    </message>
    <message>
        <source>rate limit reached (HTTP 429){detail}.</source>
        <translation>достигнут предел частоты запросов (HTTP 429){detail}.</translation>
    </message>
    <message>
        <source>rate limit reached (HTTP 429){detail}. Try again in {seconds} seconds.</source>
        <translation>достигнут предел частоты запросов (HTTP 429){detail}. Повторите через {seconds} с.</translation>
    </message>
    <message>
        <source>the request was refused (HTTP {status}){detail}</source>
        <translation>запрос отклонён (HTTP {status}){detail}</translation>
    </message>
    <message>
        <source>the server is overloaded (HTTP {status}){detail}</source>
        <translation>сервер перегружен (HTTP {status}){detail}</translation>
    </message>
    <message>
        <source>the server had an internal error (HTTP {status}){detail}</source>
        <translation>внутренняя ошибка сервера (HTTP {status}){detail}</translation>
    </message>
    <message>
        <source>unexpected HTTP {status}{detail}</source>
        <translation>неожиданный ответ HTTP {status}{detail}</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>документ PDF</translation>
    </message>
    <message>
        <source>a ZIP archive or office document</source>
        <translation>архив ZIP или офисный документ</translation>
    </message>
    <message>
        <source>a program</source>
        <translation>программа</translation>
    </message>
    <message>
        <source>a Windows program</source>
        <translation>программа для Windows</translation>
    </message>
    <message>
        <source>an audio file</source>
        <translation>аудиофайл</translation>
    </message>
    <message>
        <source>a video file</source>
        <translation>видеофайл</translation>
    </message>
    <message>
        <source>{name} is not a file Confab can read (a device, pipe or folder)</source>
        <translation>{name} — не файл, который Confab может прочитать (устройство, канал или папка)</translation>
    </message>
    <message>
        <source>cannot read {name}: {why}</source>
        <translation>не удалось прочитать {name}: {why}</translation>
    </message>
    <message>
        <source>{name} is over {size} MB; files that large are not accepted</source>
        <translation>{name} больше {size} МБ; такие большие файлы не принимаются</translation>
    </message>
    <message>
        <source>this image has too many pixels to open safely</source>
        <translation>в этом изображении слишком много пикселей, чтобы безопасно его открыть</translation>
    </message>
    <message>
        <source>this file is not an image (it is empty)</source>
        <translation>этот файл — не изображение (он пуст)</translation>
    </message>
    <message>
        <source>this file is not an image (it looks like {what})</source>
        <translation>этот файл — не изображение (похоже, это {what})</translation>
    </message>
    <message>
        <source>this file is not an image (it looks like text)</source>
        <translation>этот файл — не изображение (похоже, это текст)</translation>
    </message>
    <message>
        <source>this file is not an image (its format is not one Confab can read)</source>
        <translation>этот файл — не изображение (его формат Confab прочитать не может)</translation>
    </message>
    <message>
        <source>{name} is {width}×{height} pixels; images over {most} megapixels are refused</source>
        <translation>{name} — {width}×{height} пикселей; изображения больше {most} мегапикселей не принимаются</translation>
    </message>
    <message>
        <source>{name} could not be decoded: {why}</source>
        <translation>не удалось декодировать {name}: {why}</translation>
    </message>
    <message>
        <source>not a data URI</source>
        <translation>это не data URI</translation>
    </message>
    <message>
        <source>the data URI is not valid base64</source>
        <translation>data URI — неверный base64</translation>
    </message>
    <message>
        <source>the server sent an unexpected line: {line}</source>
        <translation>сервер прислал неожиданную строку: {line}</translation>
    </message>
    <message>
        <source>OpenAI-compatible (custom URL)</source>
        <translation>Совместимый с OpenAI (свой адрес)</translation>
    </message>
    <message>
        <source>the server sent an event that is not a JSON object</source>
        <translation>сервер прислал событие, которое не является объектом JSON</translation>
    </message>
    <message>
        <source>llama.cpp server</source>
        <translation>Сервер llama.cpp</translation>
    </message>
    <message>
        <source>Ollama (OpenAI API)</source>
        <translation>Ollama (API OpenAI)</translation>
    </message>
    <message>
        <source>the server sent a line longer than {size} MB; the stream was stopped to protect memory</source>
        <translation>сервер прислал строку длиннее {size} МБ; поток остановлен, чтобы сберечь память</translation>
    </message>
    <message>
        <source>the server sent an event that is not valid JSON: {data}</source>
        <translation>сервер прислал событие с неверным JSON: {data}</translation>
    </message>
    <message>
        <source>the server sent an oversized JSON body mid-stream</source>
        <translation>сервер посреди потока прислал слишком большой JSON</translation>
    </message>
    <message>
        <source>the server sent data that is neither an event nor JSON: {data}</source>
        <translation>сервер прислал данные, которые не являются ни событием, ни JSON: {data}</translation>
    </message>
    <message>
        <source>the server sent a line that is not valid JSON: {data}</source>
        <translation>сервер прислал строку с неверным JSON: {data}</translation>
    </message>
    <message>
        <source>this is not valid JSON: {why}</source>
        <translation>это не корректный JSON: {why}</translation>
    </message>
    <message>
        <source>expected an object like {{&quot;mcpServers&quot;: {{&quot;name&quot;: {{...}}}}}}</source>
        <translation>ожидался объект вида {{&quot;mcpServers&quot;: {{&quot;name&quot;: {{...}}}}}}</translation>
    </message>
    <message>
        <source>server &apos;{name}&apos; is not an object</source>
        <translation>сервер «{name}» описан не объектом</translation>
    </message>
    <message>
        <source>server &apos;{name}&apos; uses the old SSE transport; Confab speaks streamable HTTP (most servers offer it at /mcp)</source>
        <translation>сервер «{name}» использует старый транспорт SSE; Confab работает по streamable HTTP (большинство серверов предлагают его по адресу /mcp)</translation>
    </message>
    <message>
        <source>server &apos;{name}&apos; needs an http:// or https:// url</source>
        <translation>серверу «{name}» нужен адрес http:// или https://</translation>
    </message>
    <message>
        <source>server &apos;{name}&apos; needs a command or a url</source>
        <translation>серверу «{name}» нужна команда (command) или адрес (url)</translation>
    </message>
    <message>
        <source>server &apos;{name}&apos;: args must be a list</source>
        <translation>сервер «{name}»: args должен быть списком</translation>
    </message>
    <message>
        <source>server &apos;{name}&apos;: {key} must be an object</source>
        <translation>сервер «{name}»: {key} должен быть объектом</translation>
    </message>
    <message>
        <source>server &apos;{name}&apos;: timeout must be a number of seconds</source>
        <translation>сервер «{name}»: timeout должен быть числом секунд</translation>
    </message>
    <message>
        <source>the PDFs have {pages} pages; at most {most} can be sent in one request</source>
        <translation>в PDF страниц: {pages}; за один запрос можно отправить не больше {most}</translation>
    </message>
    <message>
        <source>the PDFs come to {size} MB; at most {most} MB can be sent in one request</source>
        <translation>PDF занимают {size} МБ; за один запрос можно отправить не больше {most} МБ</translation>
    </message>
    <message>
        <source>the PDFs hold {chars} characters of text; at most {most} are sent in one request</source>
        <translation>в PDF символов текста: {chars}; за один запрос отправляется не больше {most}</translation>
    </message>
    <message>
        <source>scanned PDFs go as one image per page: {pages} pages, and at most {most} images can be sent in one request</source>
        <translation>сканированные PDF отправляются по изображению на страницу: страниц {pages}, а за один запрос можно отправить не больше {most} изображений</translation>
    </message>
    <message>
        <source>{name} has no text, only pictures of its pages (a scan), and this provider cannot read images</source>
        <translation>в {name} нет текста, только изображения страниц (скан), а этот провайдер не читает изображения</translation>
    </message>
    <message>
        <source>{name} is empty</source>
        <translation>{name} пуст</translation>
    </message>
    <message>
        <source>{name} holds {chars} characters; at most {most} go in one message (more than any model reads at once)</source>
        <translation>в {name} символов: {chars}; в одно сообщение входит не больше {most} (больше, чем любая модель читает за раз)</translation>
    </message>
    <message>
        <source>{name} cannot be sent: it looks like {what}, not an image, a PDF or text</source>
        <translation>{name} нельзя отправить: похоже, это {what}, а не изображение, PDF или текст</translation>
    </message>
    <message>
        <source>{name} cannot be sent: it is not an image, a PDF or text (UTF-8, or UTF-16 with a byte order mark)</source>
        <translation>{name} нельзя отправить: это не изображение, не PDF и не текст (UTF-8 или UTF-16 с меткой порядка байтов)</translation>
    </message>
    <message>
        <source>{name}: the password is not right</source>
        <translation>{name}: пароль неверный</translation>
    </message>
    <message>
        <source>{name} is protected by a password</source>
        <translation>{name} защищён паролем</translation>
    </message>
    <message>
        <source>{name} took too long to read (over {seconds} s)</source>
        <translation>{name} читается слишком долго (больше {seconds} с)</translation>
    </message>
    <message>
        <source>{name} needs more memory to read than Confab gives a PDF</source>
        <translation>для чтения {name} нужно больше памяти, чем Confab даёт PDF</translation>
    </message>
    <message>
        <source>{name} is damaged or not a PDF Confab can read</source>
        <translation>{name} повреждён или это PDF, который Confab не может прочитать</translation>
    </message>
</context>
<context>
    <name>Renderer</name>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>code</source>
        <translation>код</translation>
    </message>
    <message>
        <source>Show all {count} lines</source>
        <translation>Показать все строки: {count}</translation>
    </message>
    <message>
        <source>… {count} more lines, not shown (Copy copies them all)</source>
        <translation>… и ещё строк: {count} — не показаны («Копировать» скопирует всё)</translation>
    </message>
    <message>
        <source>image</source>
        <translation>изображение</translation>
    </message>
    <message>
        <source>[image: {description}]</source>
        <translation>[изображение: {description}]</translation>
    </message>
</context>
<context>
    <name>ReplyStream</name>
    <message>
        <source>The tool calls earlier in this chat were sent to {provider} as text: it cannot call tools.</source>
        <translation>Прежние вызовы инструментов в этом чате отправлены {provider} текстом: он не умеет вызывать инструменты.</translation>
    </message>
    <message>
        <source>Files from earlier messages were not sent again: {names}. {provider} takes {most} pages per request, so the oldest were left out.</source>
        <translation>Файлы из прошлых сообщений не отправлены снова: {names}. {provider} принимает {most} страниц за запрос, поэтому самые старые пропущены.</translation>
    </message>
    <message>
        <source>{count} image(s) from earlier messages were not sent again: {provider} takes {most} per request, so the oldest were left out.</source>
        <translation>Изображения из прежних сообщений не отправлены повторно ({count}): {provider} принимает не больше {most} за запрос, поэтому самые старые пропущены.</translation>
    </message>
    <message>
        <source>Images from earlier messages were not sent again: {provider} does not take them.</source>
        <translation>Изображения из прежних сообщений не отправлены повторно: {provider} их не принимает.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>System proxy</source>
        <translation>Системный прокси</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Без прокси</translation>
    </message>
    <message>
        <source>Custom proxy</source>
        <translation>Свой прокси</translation>
    </message>
    <message>
        <source>Confab settings</source>
        <translation>Настройки Confab</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Провайдеры</translation>
    </message>
    <message>
        <source>Name, e.g. Work vLLM</source>
        <translation>Название, например «Рабочий vLLM»</translation>
    </message>
    <message>
        <source>New endpoint name</source>
        <translation>Название нового сервера</translation>
    </message>
    <message>
        <source>New endpoint base URL</source>
        <translation>Базовый URL нового сервера</translation>
    </message>
    <message>
        <source>Add endpoint</source>
        <translation>Добавить сервер</translation>
    </message>
    <message>
        <source>Add an OpenAI-compatible server:</source>
        <translation>Добавить OpenAI-совместимый сервер:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Оформление</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлое</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмное</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Ключ API</translation>
    </message>
    <message>
        <source>Paste a key to set or replace it</source>
        <translation>Вставьте ключ, чтобы задать или заменить его</translation>
    </message>
    <message>
        <source>Save key</source>
        <translation>Сохранить ключ</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>Удалить ключ</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Базовый URL</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Прокси</translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation>Адрес прокси</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Модель по умолчанию</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Температура</translation>
    </message>
    <message>
        <source>provider default</source>
        <translation>как у провайдера</translation>
    </message>
    <message>
        <source>Maximum reply tokens</source>
        <translation>Наибольшая длина ответа (токены)</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Системный промпт</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Проверить соединение</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Результат проверки соединения</translation>
    </message>
    <message>
        <source>Use an API key…</source>
        <translation>Указать API-ключ…</translation>
    </message>
    <message>
        <source>This server needs no key; set one if you started it with a key.</source>
        <translation>Этому серверу ключ не нужен; укажите его, если запустили сервер с ключом.</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Наибольшая длина (токены)</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Общие</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Разделы настроек</translation>
    </message>
    <message>
        <source>the server&apos;s model name</source>
        <translation>название модели на сервере</translation>
    </message>
    <message>
        <source>No key set.</source>
        <translation>Ключ не задан.</translation>
    </message>
    <message>
        <source>No key needed.</source>
        <translation>Ключ не нужен.</translation>
    </message>
    <message>
        <source>Using the key from the environment variable {name}.</source>
        <translation>Используется ключ из переменной окружения {name}.</translation>
    </message>
    <message>
        <source>A key is kept for this session only (no system keyring).</source>
        <translation>Ключ хранится только до закрытия Confab (нет системного хранилища ключей).</translation>
    </message>
    <message>
        <source>A key is stored in the system keyring.</source>
        <translation>Ключ сохранён в системном хранилище ключей.</translation>
    </message>
    <message>
        <source>The key is kept for this session only.</source>
        <translation>Ключ хранится только до закрытия Confab.</translation>
    </message>
    <message>
        <source>Give the endpoint a name and an http(s):// base URL.</source>
        <translation>Укажите название сервера и базовый URL, начинающийся с http(s)://.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Соединение…</translation>
    </message>
    <message>
        <source>Failed: {error}</source>
        <translation>Не удалось: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n model(s)</source>
        <translation>
            <numerusform>Соединение есть: %n модель</numerusform>
            <numerusform>Соединение есть: %n модели</numerusform>
            <numerusform>Соединение есть: %n моделей</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupCard</name>
    <message>
        <source>Set up a model</source>
        <translation>Подключите модель</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-ключ</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>Вставьте API-ключ</translation>
    </message>
    <message>
        <source>Save key</source>
        <translation>Сохранить ключ</translation>
    </message>
    <message>
        <source>Keep the key in the system keyring</source>
        <translation>Сохранить ключ в системной связке ключей</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>Искать снова</translation>
    </message>
    <message>
        <source>Look for local servers again</source>
        <translation>Снова искать локальные серверы</translation>
    </message>
    <message>
        <source>Looking for local servers on this computer…</source>
        <translation>Ищем локальные серверы на этом компьютере…</translation>
    </message>
    <message>
        <source>No local server answered (Ollama, LM Studio, llama.cpp, gpt4free on their usual ports).</source>
        <translation>Ни один локальный сервер не ответил (Ollama, LM Studio, llama.cpp, gpt4free на их обычных портах).</translation>
    </message>
    <message>
        <source>Found on this computer:</source>
        <translation>Найдено на этом компьютере:</translation>
    </message>
    <message>
        <source>{server} at {address} · {count} models</source>
        <translation>{server} по адресу {address} · моделей: {count}</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Использовать</translation>
    </message>
    <message>
        <source>Use {server}</source>
        <translation>Использовать {server}</translation>
    </message>
    <message>
        <source>Or use {provider}: paste its API key.</source>
        <translation>Или используйте {provider}: вставьте его API-ключ.</translation>
    </message>
    <message>
        <source>Get a key</source>
        <translation>Получить ключ</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New chat</source>
        <translation>Новый чат</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Поиск по беседам</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Беседы</translation>
    </message>
    <message>
        <source>&amp;Rename chat…</source>
        <translation>Пере&amp;именовать чат…</translation>
    </message>
    <message>
        <source>&amp;Pin or unpin chat</source>
        <translation>&amp;Закрепить или открепить чат</translation>
    </message>
    <message>
        <source>&amp;Delete chat</source>
        <translation>&amp;Удалить чат</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Закреплённые</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Вчера</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>Раньше</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Без названия</translation>
    </message>
    <message>
        <source>A reply is streaming</source>
        <translation>Приходит ответ</translation>
    </message>
    <message>
        <source>No chats match</source>
        <translation>Подходящих чатов нет</translation>
    </message>
    <message>
        <source>No chats yet</source>
        <translation>Чатов пока нет</translation>
    </message>
    <message>
        <source>Rename chat</source>
        <translation>Переименовать чат</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Название:</translation>
    </message>
</context>
<context>
    <name>ToolsPage</name>
    <message>
        <source>Tools from MCP servers</source>
        <translation>Инструменты MCP-серверов</translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation>MCP-серверы</translation>
    </message>
    <message>
        <source>Server details and tools</source>
        <translation>Сведения о сервере и его инструменты</translation>
    </message>
    <message>
        <source>Trust this server: run its tools without asking</source>
        <translation>Доверять этому серверу: запускать его инструменты без вопроса</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <source>Change this server&apos;s JSON below, then save it</source>
        <translation>Измените JSON этого сервера ниже и сохраните</translation>
    </message>
    <message>
        <source>MCP servers JSON to add</source>
        <translation>JSON с MCP-серверами для добавления</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>Открыть файл…</translation>
    </message>
    <message>
        <source>Tool steps per reply</source>
        <translation>Шагов с инструментами на ответ</translation>
    </message>
    <message>
        <source>How many times one reply may call tools and read their results before it must answer</source>
        <translation>Сколько раз один ответ может вызвать инструменты и прочитать их результаты, прежде чем ответить</translation>
    </message>
    <message>
        <source>Tool steps per reply, at most</source>
        <translation>Шагов с инструментами на ответ, не больше</translation>
    </message>
    <message>
        <source>Add servers: paste the mcpServers JSON of Claude Desktop or Cursor</source>
        <translation>Добавить серверы: вставьте JSON mcpServers из Claude Desktop или Cursor</translation>
    </message>
    <message>
        <source>off</source>
        <translation>выключен</translation>
    </message>
    <message numerus="yes">
        <source>ready, %n tool(s)</source>
        <translation>
            <numerusform>готов, %n инструмент</numerusform>
            <numerusform>готов, %n инструмента</numerusform>
            <numerusform>готов, %n инструментов</numerusform>
        </translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>запускается…</translation>
    </message>
    <message>
        <source>No servers yet: add one below.</source>
        <translation>Серверов пока нет: добавьте ниже.</translation>
    </message>
    <message>
        <source>Open an MCP servers file</source>
        <translation>Открыть файл MCP-серверов</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>Файлы JSON (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Could not read the file: {why}</source>
        <translation>Не удалось прочитать файл: {why}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Header values left empty keep the ones stored in the keyring.</source>
        <translation>Пустые значения заголовков оставляют сохранённые в связке ключей.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>What can I help with?</source>
        <translation>Чем могу помочь?</translation>
    </message>
    <message>
        <source>Your chats stay on this computer; keys are kept in the system keyring.</source>
        <translation>Ваши чаты остаются на этом компьютере; ключи хранятся в системной связке ключей.</translation>
    </message>
    <message>
        <source>Explain a concept
in plain words</source>
        <translation>Объяснить понятие
простыми словами</translation>
    </message>
    <message>
        <source>Explain how public-key cryptography works, in plain words.</source>
        <translation>Объясни простыми словами, как работает криптография с открытым ключом.</translation>
    </message>
    <message>
        <source>Write code
with tests</source>
        <translation>Написать код
с тестами</translation>
    </message>
    <message>
        <source>Write a Python function that parses ISO dates, with tests.</source>
        <translation>Напиши на Python функцию, которая разбирает даты ISO, с тестами.</translation>
    </message>
    <message>
        <source>Summarise a text
in five points</source>
        <translation>Пересказать текст
в пяти пунктах</translation>
    </message>
    <message>
        <source>Summarise the following text in five points:

</source>
        <translation>Перескажи следующий текст в пяти пунктах:

</translation>
    </message>
    <message>
        <source>Describe an image
you attach</source>
        <translation>Описать картинку,
которую вы приложите</translation>
    </message>
    <message>
        <source>What is in this picture? Describe it in detail.</source>
        <translation>Что на этой картинке? Опиши подробно.</translation>
    </message>
</context>
</TS>
