//! The provider-neutral messages of a conversation, mapped from the IR as
//! #examples says: `system`/`developer` stay system-side, `<settings>` stays as
//! text in the system message, tool calls and tool results travel as labelled
//! text (spec transcripts rarely carry the IDs a tool protocol needs), and a
//! `comment=` attribute is an editor's note that is never sent.

use serde::Serialize;
use specc_syntax::{Message, Role};

/// Who speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChatRole {
    System,
    Developer,
    User,
    Assistant,
}

/// One message as a provider receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChatMessage {
    pub role: ChatRole,
    pub content: String,
}

/// Maps IR messages to chat messages. Unknown elements are not sent.
pub fn to_messages<'a>(messages: impl IntoIterator<Item = &'a Message>) -> Vec<ChatMessage> {
    let mut out: Vec<ChatMessage> = Vec::new();
    for m in messages {
        let (role, content) = match &m.role {
            Role::System => (ChatRole::System, m.content.clone()),
            Role::Developer => (ChatRole::Developer, m.content.clone()),
            Role::User => (ChatRole::User, m.content.clone()),
            Role::Assistant => match m.attribute("recipient") {
                Some(to) => (ChatRole::Assistant, format!("[call to {to}]\n{}", m.content)),
                None => (ChatRole::Assistant, m.content.clone()),
            },
            Role::Tool => {
                let name = m.attribute("name").unwrap_or("tool");
                (ChatRole::User, format!("[result from {name}]\n{}", m.content))
            }
            Role::Unknown(_) => continue,
        };
        out.push(ChatMessage { role, content });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use specc_diagnostics::FileId;
    use specc_syntax::{DocumentKind, parse};

    fn turns(xml: &str) -> Vec<Message> {
        let text = format!("# A {{#a}}\n\n**Example**: t\n\n~~~xml\n{xml}~~~\n");
        let (doc, d) = parse(FileId(0), "s.md", &text, DocumentKind::Spec);
        assert!(d.is_empty(), "{d:?}");
        doc.examples[0].messages().cloned().collect()
    }

    #[test]
    fn roles_tools_settings_and_comments() {
        let m = turns(
            "<system>\n<settings>\nunder_18: true\n</settings>\n</system>\n<developer>\nBe brief.\n</developer>\n<user comment=\"editor's note\">\nOpen it\n</user>\n<assistant recipient=\"browser\">\nopen(\"x\")\n</assistant>\n<tool name=\"browser\">\npage text\n</tool>\n",
        );
        let c = to_messages(&m);
        assert_eq!(c.len(), 5);
        assert_eq!(c[0].role, ChatRole::System);
        assert!(c[0].content.contains("under_18: true"), "settings stay as text");
        assert_eq!(c[1].role, ChatRole::Developer);
        assert_eq!(
            c[2],
            ChatMessage {
                role: ChatRole::User,
                content: "Open it".into()
            }
        );
        assert!(
            !c.iter().any(|m| m.content.contains("editor's note")),
            "comment= is never sent"
        );
        assert_eq!(c[3].content, "[call to browser]\nopen(\"x\")");
        assert_eq!(
            c[4],
            ChatMessage {
                role: ChatRole::User,
                content: "[result from browser]\npage text".into()
            }
        );
    }
}
