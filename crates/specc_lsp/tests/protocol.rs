//! The server through the protocol, in process (`Connection::memory`): a small
//! project on disk, the editor's messages in order, and what comes back. The
//! differential property test applies random edits (multi-byte characters,
//! UTF-16 surrogate pairs, CRLF) and holds the published diagnostics equal to
//! `specc check` + `specc lint` on the same text.

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;

const SPEC: &str = "# Support {#support}\n\n## Privacy {#privacy authority=system tags=data}\n\nThe assistant must not reveal a customer's address[^pr1v].\n\nThe assistant should be appropriately helpful[^ap1y].\n\n## Refunds {#refunds authority=user}\n\nSee [privacy](#privacy) before refunds. The assistant should confirm the order number[^rf1d].\n\n## No ID here\n\nPlain words.\n";
const TEST_PR1V: &str = "Examples for [^pr1v] in Privacy:\n\n**Example**: an address\n\n~~~xml\n<user>\nWhere does Jo live?\n</user>\n~~~\n";
const TEST_RF1D: &str =
    "Examples for [^rf1d] in Refunds:\n\n**Example**: a refund\n\n~~~xml\n<user>\nRefund me.\n</user>\n~~~\n";

pub struct Client {
    conn: Connection,
    next: i32,
    server: Option<std::thread::JoinHandle<()>>,
    /// Notifications received while waiting for responses.
    pub notes: Vec<Notification>,
}

impl Client {
    pub fn start(root: &Path) -> Client {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || specc_lsp::serve(server).unwrap());
        let mut c = Client {
            conn: client,
            next: 1,
            server: Some(handle),
            notes: Vec::new(),
        };
        let root_uri = Url::from_file_path(root).unwrap();
        c.request(
            "initialize",
            json!({ "processId": null, "rootUri": root_uri, "capabilities": {} }),
        );
        c.notify("initialized", json!({}));
        c
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Message::Notification(Notification::new(method.into(), params)))
            .unwrap();
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = RequestId::from(self.next);
        self.next += 1;
        self.conn
            .sender
            .send(Message::Request(Request::new(id.clone(), method.into(), params)))
            .unwrap();
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(Duration::from_secs(30))
                .expect("a reply")
            {
                Message::Response(r) if r.id == id => {
                    if let Some(e) = r.error {
                        return json!({ "error": e.message });
                    }
                    return r.result.unwrap_or(Value::Null);
                }
                Message::Notification(n) => self.notes.push(n),
                _ => {}
            }
        }
    }

    /// The latest diagnostics published for `uri`, after every message sent
    /// so far has been handled (a request is answered only after them).
    pub fn diagnostics(&mut self, uri: &Url) -> Vec<Diagnostic> {
        self.request("workspace/symbol", json!({ "query": "" }));
        while let Ok(Message::Notification(n)) = self.conn.receiver.try_recv() {
            self.notes.push(n);
        }
        self.notes
            .iter()
            .rev()
            .filter(|n| n.method == "textDocument/publishDiagnostics")
            .map(|n| serde_json::from_value::<PublishDiagnosticsParams>(n.params.clone()).unwrap())
            .find(|p| p.uri == *uri)
            .map(|p| p.diagnostics)
            .unwrap_or_default()
    }

    pub fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap();
    }
}

fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(
        root.join("specc.toml"),
        "[spec]\nname = \"support\"\ndocuments = [\"spec.md\"]\n",
    )
    .unwrap();
    std::fs::write(root.join("spec.md"), SPEC).unwrap();
    std::fs::create_dir(root.join("examples")).unwrap();
    std::fs::write(root.join("examples/pr1v.md"), TEST_PR1V).unwrap();
    std::fs::write(root.join("examples/rf1d.md"), TEST_RF1D).unwrap();
    (dir, root)
}

fn open(c: &mut Client, path: &Path, text: &str) -> Url {
    let uri = Url::from_file_path(path).unwrap();
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
    );
    uri
}

fn position_of(text: &str, needle: &str, plus: usize) -> Position {
    let at = text.find(needle).unwrap() + plus;
    specc_lsp::text::LineMap::new(text).position(at)
}

/// The code actions at `needle` (plus `plus` bytes) in `text`, and their titles.
fn code_actions(c: &mut Client, uri: &Url, text: &str, needle: &str, plus: usize) -> (Vec<Value>, Vec<String>) {
    let p = position_of(text, needle, plus);
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": p, "end": p }, "context": { "diagnostics": [] } }),
    );
    let actions = actions.as_array().cloned().unwrap_or_else(|| panic!("{actions}"));
    let titles = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect();
    (actions, titles)
}

/// The edits of the action titled `title`, as one text to search.
fn edits_of(actions: &[Value], title: &str) -> String {
    let action = actions
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no `{title}` in {actions:#?}"));
    let ops = action["edit"]["documentChanges"].as_array().unwrap();
    ops.iter().map(|o| o.to_string()).collect()
}

fn at(uri: &Url, p: Position) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": p })
}

#[test]
fn diagnostics_hover_navigation_completion_rename_and_actions() {
    let (_dir, root) = project();
    let mut c = Client::start(&root);
    let uri = open(&mut c, &root.join("spec.md"), SPEC);

    // Diagnostics on open: the untested clause and the vague word.
    let d = c.diagnostics(&uri);
    let codes: Vec<String> = d
        .iter()
        .filter_map(|x| match &x.code {
            Some(NumberOrString::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(codes.contains(&"C106".to_string()), "{codes:?}");
    assert!(codes.iter().any(|c| c.starts_with('A')), "{codes:?}");
    assert!(d.iter().all(|x| x.message.contains("specc explain")), "{d:?}");

    // Hover on a link and on a marker.
    let h = c.request("textDocument/hover", at(&uri, position_of(SPEC, "(#privacy)", 3)));
    let hv = h["contents"]["value"].as_str().unwrap();
    assert!(
        hv.contains("**Privacy**") && hv.contains("`system`") && hv.contains("tags: data") && hv.contains("2 clauses"),
        "{hv}"
    );
    let h = c.request("textDocument/hover", at(&uri, position_of(SPEC, "[^pr1v]", 3)));
    let hv = h["contents"]["value"].as_str().unwrap();
    assert!(hv.contains("must not reveal") && hv.contains("1 test prompt"), "{hv}");

    // Definition: a link to its heading, a marker to its test file.
    let def = c.request("textDocument/definition", at(&uri, position_of(SPEC, "(#privacy)", 3)));
    assert_eq!(def["range"]["start"]["line"], 2, "{def}");
    let def = c.request("textDocument/definition", at(&uri, position_of(SPEC, "[^pr1v]", 3)));
    assert!(def["uri"].as_str().unwrap().ends_with("examples/pr1v.md"), "{def}");

    // References of a section: the heading's ID and the link.
    let refs = c.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": uri }, "position": position_of(SPEC, "{#privacy", 3), "context": { "includeDeclaration": true } }),
    );
    assert_eq!(refs.as_array().unwrap().len(), 2, "{refs}");
    // References of a clause: the marker and the test file's header.
    let refs = c.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": uri }, "position": position_of(SPEC, "[^rf1d]", 2), "context": { "includeDeclaration": true } }),
    );
    assert_eq!(refs.as_array().unwrap().len(), 2, "{refs}");

    // Completion of section IDs, clause IDs and levels.
    let edited = SPEC.replace("before refunds.", "before refunds, and [x](#");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": edited }] }),
    );
    let items = c.request("textDocument/completion", at(&uri, position_of(&edited, "[x](#", 5)));
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"privacy") && labels.contains(&"refunds"), "{labels:?}");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": SPEC }] }),
    );
    let items = c.request(
        "textDocument/completion",
        at(&uri, position_of(SPEC, "authority=user", 10)),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"root") && labels.contains(&"guideline"), "{labels:?}");

    // Rename a clause: every marker, the header, and the test file itself.
    let prep = c.request("textDocument/prepareRename", at(&uri, position_of(SPEC, "[^rf1d]", 3)));
    assert_eq!(prep["placeholder"], "rf1d", "{prep}");
    let edit = c.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri }, "position": position_of(SPEC, "[^rf1d]", 3), "newName": "rfnd" }),
    );
    let ops = edit["documentChanges"].as_array().unwrap();
    assert_eq!(ops.iter().filter(|o| o["edits"].is_array()).count(), 2, "{edit}");
    assert!(
        ops.iter()
            .any(|o| o["kind"] == "rename" && o["newUri"].as_str().unwrap().ends_with("examples/rfnd.md")),
        "{edit}"
    );
    // A heading without an ID cannot be renamed; a taken name is refused.
    let prep = c.request(
        "textDocument/prepareRename",
        at(&uri, position_of(SPEC, "No ID here", 3)),
    );
    assert!(prep["error"].as_str().unwrap().contains("no explicit ID"), "{prep}");
    let edit = c.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri }, "position": position_of(SPEC, "{#refunds", 3), "newName": "privacy" }),
    );
    assert!(edit["error"].as_str().unwrap().contains("already used"), "{edit}");

    // Code actions: the missing heading ID, and the untested clause's test file.
    let (_, titles) = code_actions(&mut c, &uri, SPEC, "No ID here", 0);
    assert!(
        titles.contains(&"add the section ID `no-id-here`".to_string()),
        "{titles:?}"
    );
    let (actions, titles) = code_actions(&mut c, &uri, SPEC, "[^ap1y]", 2);
    assert!(
        titles.contains(&"create the test file examples/ap1y.md".to_string()),
        "{titles:?}"
    );
    // "Clarify this clause": the reading of its open question that needs no words.
    let text = edits_of(
        &actions,
        "clarify [^ap1y]: Leave it to the model's judgment, on purpose",
    );
    assert!(text.contains("<!-- specc-allow A104 -->"), "{text}");
    assert!(
        text.contains("clarifications.md") && text.contains("Leave it to the model"),
        "{text}"
    );

    // "Clarify this rule": a strong rule that no clause marks and nothing
    // tests (S002, off in `specc lint` by default) offers its question's
    // reading that needs no words, as `specc clarify` asks it.
    let untested = SPEC.replace(
        "address[^pr1v].\n",
        "address[^pr1v].\n\nThe assistant must never sell customer mailing lists to brokers.\n",
    );
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 4 }, "contentChanges": [{ "text": untested }] }),
    );
    let (actions, _) = code_actions(&mut c, &uri, &untested, "sell customer", 2);
    let text = edits_of(
        &actions,
        "clarify this rule: Tested elsewhere, or not meant as a rule of its own: leave it unmarked",
    );
    assert!(
        text.contains("<!-- specc-allow S002 -->") && text.contains("clarifications.md"),
        "{text}"
    );

    // An edit that breaks a reference: the diagnostic follows.
    let broken = SPEC.replace("(#privacy)", "(#privasy)");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 5 }, "contentChanges": [{ "text": broken }] }),
    );
    let d = c.diagnostics(&uri);
    assert!(d.iter().any(|x| x.message.contains("privasy")), "{d:?}");

    // Symbols: the outline with levels.
    let syms = c.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(syms[0]["name"], "Support", "{syms}");
    assert_eq!(syms[0]["children"][0]["detail"], "#privacy · system", "{syms}");
    c.stop();
}

#[test]
fn a_config_error_shows_in_specc_toml_and_goes_when_fixed() {
    let (_dir, root) = project();
    let mut c = Client::start(&root);
    let toml = root.join("specc.toml");
    let uri = open(
        &mut c,
        &toml,
        "[spec]\nname = \"support\"\ndocuments = [\"spec.md\"]\n[test]\nsampels = 3\n",
    );
    let d = c.diagnostics(&uri);
    assert!(d.iter().any(|x| x.message.contains("sampels")), "{d:?}");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": "[spec]\nname = \"support\"\ndocuments = [\"spec.md\"]\n[test]\nsamples = 3\n" }] }),
    );
    let d = c.diagnostics(&uri);
    assert!(d.is_empty(), "{d:?}");
    c.stop();
}

mod differential {
    use super::*;
    use proptest::prelude::*;

    /// One edit: a position (as a fraction of the text) and what to insert or delete.
    #[derive(Debug, Clone)]
    enum Edit {
        Insert(f64, String),
        Delete(f64, usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let piece = prop_oneof![
            Just("é".to_string()),
            Just("😀".to_string()),
            Just("\r\n".to_string()),
            Just("\n".to_string()),
            Just("[^pr1v]".to_string()),
            Just("(#privacy)".to_string()),
            Just("## New {#new authority=user}\n".to_string()),
            Just(" should be appropriate ".to_string()),
            "[a-z ]{1,6}",
        ];
        prop_oneof![
            (0.0..1.0f64, piece).prop_map(|(p, s)| Edit::Insert(p, s)),
            (0.0..1.0f64, 1usize..6).prop_map(|(p, n)| Edit::Delete(p, n)),
        ]
    }

    fn char_floor(s: &str, mut i: usize) -> usize {
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn published_diagnostics_equal_check_and_lint(edits in proptest::collection::vec(edit(), 1..40)) {
            let (_dir, root) = project();
            let mut c = Client::start(&root);
            let path = root.join("spec.md");
            let uri = open(&mut c, &path, SPEC);
            let mut text = SPEC.to_string();
            for (v, e) in edits.iter().enumerate() {
                let map = specc_lsp::text::LineMap::new(&text);
                let (start, end, insert) = match e {
                    Edit::Insert(p, s) => {
                        let at = char_floor(&text, (p * text.len() as f64) as usize);
                        (at, at, s.clone())
                    }
                    Edit::Delete(p, n) => {
                        let at = char_floor(&text, (p * text.len() as f64) as usize);
                        let mut end = at;
                        for _ in 0..*n {
                            if let Some(ch) = text[end..].chars().next() { end += ch.len_utf8(); }
                        }
                        // Never split a CRLF: an editor's positions cannot.
                        (at, end, String::new())
                    }
                };
                let range = Range::new(map.position(start), map.position(end));
                // The range as the editor sends it, then the text as it would be.
                let (s2, e2) = (map.offset(range.start), map.offset(range.end));
                text.replace_range(s2..e2.max(s2), &insert);
                c.notify("textDocument/didChange", json!({
                    "textDocument": { "uri": uri, "version": v + 2 },
                    "contentChanges": [{ "range": range, "text": insert }],
                }));
            }
            let published = c.diagnostics(&uri);
            // The same text on disk, through the commands' own path.
            std::fs::write(&path, &text).unwrap();
            let ws = specc_project::Workspace::load(&root);
            let expected: usize = specc_lsp::check_and_lint(&ws)
                .iter()
                .filter(|d| d.file.is_some_and(|f| ws.sources.file(f).path.ends_with("spec.md")))
                .count();
            let overlay = specc_project::Overlay::new(specc_project::Disk);
            let fresh = specc_lsp::Analysis::new(&root, &overlay).by_file();
            let fresh = fresh.get(&path).cloned().unwrap_or_default();
            prop_assert_eq!(published.len(), expected);
            prop_assert_eq!(published, fresh);
            c.stop();
        }
    }
}

/// `[?](@dep#id)` leads into the dependency, and completion after `](@dep#`
/// offers the dependency's sections.
#[test]
fn a_dependency_reference_leads_into_the_dependency() {
    let (_dir, root) = project();
    std::fs::create_dir(root.join("platform")).unwrap();
    std::fs::write(
        root.join("platform/specc.toml"),
        "[spec]\nname = \"platform\"\ndocuments = [\"base.md\"]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("platform/base.md"),
        "# Base {#base}\n\n## Safety {#safety authority=root}\n\nThe assistant must not help with weapons.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("specc.toml"),
        "[spec]\nname = \"support\"\ndocuments = [\"spec.md\"]\n\n[dependencies]\nplatform = { path = \"platform\", ceiling = \"system\" }\n",
    )
    .unwrap();
    let text = SPEC.replace(
        "See [privacy](#privacy)",
        "See [?](@platform#safety) and [privacy](#privacy)",
    );
    std::fs::write(root.join("spec.md"), &text).unwrap();
    let mut c = Client::start(&root);
    let uri = open(&mut c, &root.join("spec.md"), &text);
    let def = c.request(
        "textDocument/definition",
        at(&uri, position_of(&text, "@platform#safety", 12)),
    );
    assert!(def["uri"].as_str().unwrap().ends_with("platform/base.md"), "{def}");
    assert_eq!(def["range"]["start"]["line"], 2, "{def}");
    let h = c.request(
        "textDocument/hover",
        at(&uri, position_of(&text, "@platform#safety", 12)),
    );
    let hv = h["contents"]["value"].as_str().unwrap();
    assert!(
        hv.contains("**Safety**") && hv.contains("`root`, ceiling `system`"),
        "{hv}"
    );
    let edited = text.replace("and [privacy](#privacy)", "and [x](@platform#");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": edited }] }),
    );
    let items = c.request(
        "textDocument/completion",
        at(&uri, position_of(&edited, "[x](@platform#", 14)),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["base", "safety"], "{items}");
    c.stop();
}
