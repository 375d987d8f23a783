<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ApprovalBar</name>
    <message>
        <source>Tool call arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always allow this tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run {tool} from the {server} server?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run {tool}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(in “{chat}”)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentsBar</name>
    <message>
        <source>Remove {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Could not read the history file: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not update the history file: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reply is streaming in that chat: undo once it has ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read this chat&apos;s earlier messages ({error}); nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save to the history file ({error}); this conversation is still on screen: export it to keep a copy.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatOptionsDialog</name>
    <message>
        <source>Chat options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt for this chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: the provider&apos;s system prompt from Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature for this chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provider&apos;s setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum reply tokens for this chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the model use tools from your MCP servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools of the {server} server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum reply tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… {count} more lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show earlier messages ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning ({words} words)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Thought for %n s</source>
        <translation>
            <numerusform>Thought for %n s</numerusform>
            <numerusform>Thought for %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always allow this tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ms} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for your approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run: step limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole message ({size})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{prompt} → {completion} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{speed} tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareColumn</name>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop this reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue with this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the first token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first token after {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareTargetsDialog</name>
    <message>
        <source>Compare models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare target {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider&apos;s default model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every target answers the same prompt at once, each with its provider&apos;s key, address and parameters from Settings. Pick two to four.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Back to the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n model(s): type below and every one answers.</source>
        <translation>
            <numerusform>Comparing %n model: type below and it answers.</numerusform>
            <numerusform>Comparing %n models: type below and every one answers.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Editing a message: sending it starts a new branch, and the original stays. Esc cancels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line. Drop or paste images and files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach images, PDFs, text or code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the reply (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reply is still coming in: press Esc to stop it, or wait for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files are still being prepared; send again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images, PDFs and text ({patterns})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was not attached: it needs its password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{address} is not a local file; save it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pasted content is not an image Confab can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pasted image.png</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pasted text.txt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} could not be attached: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfabApp</name>
    <message>
        <source>Your key is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat moved to the trash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A desktop chat client for large language models. Keys are kept only in the system keyring.

Settings and history: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save settings ({error}); changes last until Confab closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export all chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab archive (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {count} chats to {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read images: any you attach are not sent to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the history file: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider list failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider} (key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider} needs an API key. It is stored only in your system keyring, or set {variable}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider} needs an API key. It is stored only in your system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key saved in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider} cannot read images; remove them or pick a provider with vision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} does not accept images; pick a vision model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model list failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(offline: the built-in list)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>Imported {chats} new chats and {messages} messages; {skipped} messages were here already and were left as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {chats} new chats and {messages} messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab closed while this reply was streaming; the text above is what arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your history could not be opened ({error}). It was left as it is; chats of this session will not be saved. Another Confab may have it open, or the folder may be read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your history is damaged ({error}) and could not be set aside ({reason}); chats of this session will not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your history could not be opened ({error}); it was kept as {name} and a new history was started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in list shown; the live list failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your settings file could not be read ({error}); it was kept as {name} and defaults are in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reply reached the maximum length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call did not finish: the reply was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileChip</name>
    <message>
        <source>{pages} pages · {size}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}, press Space to preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} · click to preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilePreview</name>
    <message>
        <source>File: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing the first page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… {count} more lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save: {why}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileQuestions</name>
    <message>
        <source>Password needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That password did not open {name}. Try again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is protected by a password. Enter it to attach the file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too much to send at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send only the first {count} pages of {name}, or go back and change the message?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the first {count} pages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Image: {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyBanner</name>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste your API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System keyring</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keyring</name>
    <message>
        <source>Found and not used: {name}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Via</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which of the server&apos;s providers answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next &amp;pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this conversation as Markdown or JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;all chats…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import chats…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add chats from a Confab archive; nothing is overwritten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys, addresses, proxies and parameters per provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for the last reply again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take back your last message to edit and resend it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mpare models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send one prompt to two to four models and read the replies side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat &amp;options…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This chat&apos;s own system prompt, temperature and length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the &amp;chat list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to the message field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload the model list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the model list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searc&amp;h chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find chats by their title or messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;onversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom: {percent} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n message(s).</source>
        <translation>
            <numerusform>Deleted %n message.</numerusform>
            <numerusform>Deleted %n messages.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageList</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Link Address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uses tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a model name</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n model</numerusform>
            <numerusform>%n models</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Providers</name>
    <message>
        <source>Runs on your machine; no key needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI365VIP (unverified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The public AI365VIP service is gone; this speaks its protocol but is unverified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keyring is available: a key you enter is kept until Confab closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyring found keeps keys in a file, so Confab does not use it: a key you enter is kept until Confab closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab keeps API keys only in the system keyring, never in a file. On Linux, install and unlock GNOME Keyring or KWallet (a Secret Service provider), then start Confab again; on Windows and macOS the system&apos;s own keyring is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system keyring is locked; unlock it (log in again or open your keyring app)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gpt4free backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an event without a type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key is set. Add one in Settings or set {variable}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key is set. Add one in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this provider cannot read images; remove them or switch to a provider with vision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most {count} images can be sent at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this provider cannot call tools; turn tools off for this chat or switch to a provider that can</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server answered with an empty reply (HTTP 200, no data); the model or the server may have failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection closed before the reply was complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was flagged by Google&apos;s safety filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it repeated existing web or copyrighted text too closely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it contained a blocked term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it touched prohibited content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it contained sensitive personal information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an image was flagged by Google&apos;s safety filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of an unspecified policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an unexpected response: {data}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the prompt was blocked because {why} ({code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reply was stopped because {why} ({code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream stalled: nothing arrived for {seconds} seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection closed before the reply was complete ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream broke off: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server answered {path} with {what} instead of JSON; check the base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent {what} instead of raw text; check the base URL, or whether the server wants you to sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent {what} instead of a streamed reply; check the base URL, or whether the server wants you to sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the proxy address {address} is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not reach {where} through the proxy {proxy}: {why}; check the proxy setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not connect to {where} within {seconds} seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no response from {where} within {seconds} seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not find the server {host} (DNS lookup failed); check the address and your network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secure connection to {where} failed (TLS certificate or handshake): {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not connect to {where}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where} closed the connection without answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request to {where} failed: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server reported an error: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this model cannot read images{detail}. Remove the images or load a vision model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the API key was rejected (HTTP {status}){detail}. Check the key in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not found (HTTP 404){detail}. The model name or the base URL may be wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate limit reached (HTTP 429){detail}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate limit reached (HTTP 429){detail}. Try again in {seconds} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request was refused (HTTP {status}){detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server is overloaded (HTTP {status}){detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server had an internal error (HTTP {status}){detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected HTTP {status}{detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a ZIP archive or office document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Windows program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an audio file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a video file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a file Confab can read (a device, pipe or folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read {name}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is over {size} MB; files that large are not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this image has too many pixels to open safely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this file is not an image (it is empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this file is not an image (it looks like {what})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this file is not an image (it looks like text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this file is not an image (its format is not one Confab can read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is {width}×{height} pixels; images over {most} megapixels are refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} could not be decoded: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a data URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data URI is not valid base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an unexpected line: {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible (custom URL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an event that is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>llama.cpp server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ollama (OpenAI API)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent a line longer than {size} MB; the stream was stopped to protect memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an event that is not valid JSON: {data}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an oversized JSON body mid-stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent data that is neither an event nor JSON: {data}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent a line that is not valid JSON: {data}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is not valid JSON: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object like {{&quot;mcpServers&quot;: {{&quot;name&quot;: {{...}}}}}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server &apos;{name}&apos; is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server &apos;{name}&apos; uses the old SSE transport; Confab speaks streamable HTTP (most servers offer it at /mcp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server &apos;{name}&apos; needs an http:// or https:// url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server &apos;{name}&apos; needs a command or a url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server &apos;{name}&apos;: args must be a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server &apos;{name}&apos;: {key} must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server &apos;{name}&apos;: timeout must be a number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PDFs have {pages} pages; at most {most} can be sent in one request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PDFs come to {size} MB; at most {most} MB can be sent in one request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PDFs hold {chars} characters of text; at most {most} are sent in one request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scanned PDFs go as one image per page: {pages} pages, and at most {most} images can be sent in one request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has no text, only pictures of its pages (a scan), and this provider cannot read images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} holds {chars} characters; at most {most} go in one message (more than any model reads at once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} cannot be sent: it looks like {what}, not an image, a PDF or text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} cannot be sent: it is not an image, a PDF or text (UTF-8, or UTF-16 with a byte order mark)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: the password is not right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is protected by a password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} took too long to read (over {seconds} s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} needs more memory to read than Confab gives a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is damaged or not a PDF Confab can read</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Renderer</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all {count} lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… {count} more lines, not shown (Copy copies them all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[image: {description}]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplyStream</name>
    <message>
        <source>The tool calls earlier in this chat were sent to {provider} as text: it cannot call tools.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files from earlier messages were not sent again: {names}. {provider} takes {most} pages per request, so the oldest were left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} image(s) from earlier messages were not sent again: {provider} takes {most} per request, so the oldest were left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images from earlier messages were not sent again: {provider} does not take them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>System proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, e.g. Work vLLM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New endpoint name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New endpoint base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an OpenAI-compatible server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a key to set or replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provider default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum reply tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an API key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server needs no key; set one if you started it with a key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s model name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using the key from the environment variable {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key is kept for this session only (no system keyring).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key is stored in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the endpoint a name and an http(s):// base URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n model(s)</source>
        <translation>
            <numerusform>Connected: %n model</numerusform>
            <numerusform>Connected: %n models</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupCard</name>
    <message>
        <source>Set up a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the key in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for local servers again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for local servers on this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No local server answered (Ollama, LM Studio, llama.cpp, gpt4free on their usual ports).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found on this computer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{server} at {address} · {count} models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use {server}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or use {provider}: paste its API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get a key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename chat…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pin or unpin chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reply is streaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No chats match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No chats yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToolsPage</name>
    <message>
        <source>Tools from MCP servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server details and tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this server: run its tools without asking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change this server&apos;s JSON below, then save it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP servers JSON to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool steps per reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many times one reply may call tools and read their results before it must answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool steps per reply, at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add servers: paste the mcpServers JSON of Claude Desktop or Cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>ready, %n tool(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No servers yet: add one below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an MCP servers file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the file: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header values left empty keep the ones stored in the keyring.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>What can I help with?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your chats stay on this computer; keys are kept in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain a concept
in plain words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain how public-key cryptography works, in plain words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write code
with tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a Python function that parses ISO dates, with tests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summarise a text
in five points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summarise the following text in five points:

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe an image
you attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is in this picture? Describe it in detail.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
