//! Markdown to HTML for the site, through pulldown-cmark, made safe for text we
//! do not trust (spec prose and, above all, model answers): raw HTML is shown as
//! text, never passed through; images become links (nothing loads from the
//! network); only `http`, `https`, `mailto`, fragment and relative links keep
//! their target. `[^id]` clause markers link to the clause, `[?](#id)` takes
//! the target section's title.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// Escapes text for HTML element content and double-quoted attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether a link target may stay a link: no `javascript:`, `data:` or other schemes.
pub(crate) fn safe_href(dest: &str) -> bool {
    let d = dest.trim_start();
    let lower = d.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
        return true;
    }
    // A relative reference has no scheme: no ':' before the first '/', '?' or '#'.
    let head = d.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':')
}

/// Renders Markdown. `titles` maps section IDs to titles for `[?](#id)`.
pub(crate) fn render(md: &str, titles: &HashMap<String, String>) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_OLD_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut events: Vec<Event> = Vec::new();
    // For each open link or image: whether its start was kept (so its end is too).
    let mut links: Vec<bool> = Vec::new();
    let mut question_title: Option<String> = None;
    for ev in Parser::new_ext(md, options) {
        match ev {
            // Raw HTML from the source is text; the only HTML is what we write.
            Event::Html(s) | Event::InlineHtml(s) => events.push(Event::Text(s)),
            Event::Start(Tag::HtmlBlock) => events.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented))),
            Event::End(TagEnd::HtmlBlock) => events.push(Event::End(TagEnd::CodeBlock)),
            Event::Start(Tag::Link {
                dest_url, title, id, ..
            })
            | Event::Start(Tag::Image {
                dest_url, title, id, ..
            }) => {
                let dest = dest_url.to_string();
                if let Some(rest) = dest.strip_prefix('#') {
                    question_title = titles.get(rest).cloned();
                }
                if dest.starts_with('@') || !safe_href(&dest) {
                    // `@dep#id` points into another project, which this site does not hold.
                    links.push(false);
                    continue;
                }
                links.push(true);
                events.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                question_title = None;
                if links.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Text(t) if t.as_ref() == "?" && !links.is_empty() => {
                let text = question_title.take().unwrap_or_else(|| "?".into());
                events.push(Event::Text(CowStr::from(text)));
            }
            Event::FootnoteReference(id) => {
                let id = escape(&id);
                events.push(Event::Html(CowStr::from(format!(
                    "<a class=\"clause-marker\" href=\"#clause-{id}\">[^{id}]</a>"
                ))));
            }
            other => events.push(other),
        }
    }
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(md: &str) -> String {
        let titles = HashMap::from([("a".to_string(), "Section <A>".to_string())]);
        render(md, &titles)
    }

    #[test]
    fn raw_html_is_text() {
        let h = r("<script>alert(1)</script>\n\nx \"><img src=x onerror=alert(1)>\n");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{h}");
        assert!(h.contains("&lt;img src=x onerror=alert(1)&gt;"), "{h}");
    }

    #[test]
    fn links_images_markers_and_titles() {
        let h = r("See [?](#a), [b](javascript:alert(1)), ![pic](https://cdn.example/x.png) and rule[^k1nd].");
        assert!(h.contains("<a href=\"#a\">Section &lt;A&gt;</a>"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(h.contains("<a href=\"https://cdn.example/x.png\">pic</a>"), "{h}");
        assert!(
            h.contains("<a class=\"clause-marker\" href=\"#clause-k1nd\">[^k1nd]</a>"),
            "{h}"
        );
    }

    #[test]
    fn latex_stays_readable_source() {
        let h = r("volume \\\\( \\frac{4}{3}\\pi r^3 \\\\) m");
        assert!(h.contains("\\( \\frac{4}{3}\\pi r^3 \\)"), "{h}");
    }

    #[test]
    fn schemes() {
        assert!(safe_href("https://x"));
        assert!(safe_href("#a"));
        assert!(safe_href("docs/x.html"));
        assert!(!safe_href("JavaScript:alert(1)"));
        assert!(!safe_href("data:text/html,x"));
    }
}
