//! `specc lsp` (#lsp): a language server over stdio.
//!
//! The transport is rust-analyzer's `lsp-server`: one thread reads messages
//! and hands them over a channel, and this loop takes them in order. Edits
//! are therefore applied in the order the editor sent them (tower-lsp's
//! concurrent notification handling let `didChange`s overtake one another,
//! tower-lsp #284), and a burst of edits is coalesced: every message already
//! waiting is applied before the workspace is analysed again, so diagnostics
//! are published once per burst, not once per keystroke, with no timer.
//!
//! The workspace is read through [`specc_project::Overlay`]: the files on disk
//! under the editor's unsaved buffers, `specc.toml` included, so a change to
//! the configuration re-reads it and its errors show in `specc.toml` itself.

mod analysis;
mod features;
pub mod text;

pub use analysis::{Analysis, check_and_lint};

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, InitializeParams, OneOf,
    PublishDiagnosticsParams, RenameOptions, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, Url,
    WorkDoneProgressOptions,
};
use specc_project::{Disk, Overlay};
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the language server protocol: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("the connection to the editor closed: {0}")]
    Send(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("a message from the editor could not be read: {0}")]
    Json(#[from] serde_json::Error),
}

impl<T> From<crossbeam_channel::SendError<T>> for Error {
    fn from(e: crossbeam_channel::SendError<T>) -> Self {
        Error::Send(e.to_string())
    }
}

/// The capabilities `specc lsp` offers.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::INCREMENTAL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![
                "#".into(),
                "^".into(),
                "{".into(),
                " ".into(),
                "=".into(),
                "<".into(),
            ]),
            ..Default::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..Default::default()
    }
}

/// Serves the editor on stdin and stdout until it asks the server to exit.
pub fn run_stdio() -> Result<(), Error> {
    let (connection, io_threads) = Connection::stdio();
    serve(connection)?;
    io_threads.join()?;
    Ok(())
}

/// Serves one connection: the handshake, then requests and notifications
/// until `shutdown` and `exit`.
pub fn serve(connection: Connection) -> Result<(), Error> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let root = root_of(&params);
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "specc", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result)?;
    let overlay = Overlay::new(Disk);
    let cache = std::sync::Arc::new(specc_project::ParseCache::new());
    let analysis = Analysis::with_cache(&root, &overlay, Some(cache.clone()));
    let mut server = Server {
        connection,
        root,
        overlay,
        cache,
        open: HashMap::new(),
        analysis,
        published: HashMap::new(),
        dirty: false,
    };
    server.publish()?;
    server.run()
}

/// The workspace folder: the first of `workspaceFolders`, else `rootUri`,
/// else the current folder.
fn root_of(params: &InitializeParams) -> PathBuf {
    #[allow(deprecated)] // rootUri is what many clients still send
    let uri = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or_else(|| params.root_uri.clone());
    uri.and_then(|u| u.to_file_path().ok())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

pub(crate) struct Server {
    connection: Connection,
    pub(crate) root: PathBuf,
    overlay: Overlay<Disk>,
    /// Parses kept between analyses: an edit re-parses only the edited file.
    cache: std::sync::Arc<specc_project::ParseCache>,
    /// Open documents: their version and text, as the editor holds them.
    open: HashMap<Url, (i32, String)>,
    pub(crate) analysis: Analysis,
    /// What was last published per file, so unchanged lists are not resent.
    published: HashMap<PathBuf, Vec<lsp_types::Diagnostic>>,
    /// Text changed since the last analysis.
    dirty: bool,
}

impl Server {
    fn run(&mut self) -> Result<(), Error> {
        loop {
            let Ok(msg) = self.connection.receiver.recv() else {
                return Ok(());
            };
            if self.handle(msg)? {
                return Ok(());
            }
            // Everything already waiting is applied before analysing again.
            while let Ok(msg) = self.connection.receiver.try_recv() {
                if self.handle(msg)? {
                    return Ok(());
                }
            }
            if self.dirty {
                self.reanalyse();
                self.publish()?;
            }
        }
    }

    fn reanalyse(&mut self) {
        self.analysis = Analysis::with_cache(&self.root, &self.overlay, Some(self.cache.clone()));
        self.dirty = false;
    }

    /// Handles one message; `true` when the editor asked the server to exit.
    fn handle(&mut self, msg: Message) -> Result<bool, Error> {
        match msg {
            Message::Request(req) => {
                if self.connection.handle_shutdown(&req)? {
                    return Ok(true);
                }
                // A request reads the text as it is now.
                if self.dirty {
                    self.reanalyse();
                    self.publish()?;
                }
                let response = self.request(req);
                self.connection.sender.send(Message::Response(response))?;
            }
            Message::Notification(n) => self.notification(n)?,
            Message::Response(_) => {}
        }
        Ok(false)
    }

    fn notification(&mut self, n: Notification) -> Result<(), Error> {
        use lsp_types::notification::*;
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                self.set_buffer(p.text_document.uri, p.text_document.version, p.text_document.text);
            }
            DidChangeTextDocument::METHOD => {
                let p: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                let uri = p.text_document.uri;
                let mut text = self.open.get(&uri).map(|(_, t)| t.clone()).unwrap_or_default();
                for change in &p.content_changes {
                    text::apply_change(&mut text, change);
                }
                self.set_buffer(uri, p.text_document.version, text);
            }
            DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                if let Ok(path) = p.text_document.uri.to_file_path() {
                    self.overlay.remove(&path);
                }
                self.open.remove(&p.text_document.uri);
                self.dirty = true;
            }
            // Files created, deleted or saved outside the buffers.
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => self.dirty = true,
            Exit::METHOD => {}
            _ => {}
        }
        Ok(())
    }

    fn set_buffer(&mut self, uri: Url, version: i32, text: String) {
        if let Ok(path) = uri.to_file_path() {
            self.overlay.insert(&path, text.clone());
        }
        self.open.insert(uri, (version, text));
        self.dirty = true;
    }

    /// Publishes the diagnostics of every open document, and of any other
    /// file whose diagnostics changed (a test file a rename orphaned).
    fn publish(&mut self) -> Result<(), Error> {
        let open: HashMap<PathBuf, i32> = self
            .open
            .iter()
            .filter_map(|(u, (v, _))| Some((u.to_file_path().ok()?, *v)))
            .collect();
        let mut by_file = self.analysis.by_file();
        // Files that had diagnostics and are gone from the workspace: clear them.
        for path in self.published.keys() {
            by_file.entry(path.clone()).or_default();
        }
        for (path, diagnostics) in by_file {
            let unchanged = self.published.get(&path) == Some(&diagnostics);
            if unchanged && !open.contains_key(&path) {
                continue;
            }
            if unchanged && diagnostics.is_empty() && !self.published.contains_key(&path) {
                continue;
            }
            let Ok(uri) = Url::from_file_path(&path) else { continue };
            let params = PublishDiagnosticsParams {
                uri,
                diagnostics: diagnostics.clone(),
                version: open.get(&path).copied(),
            };
            self.connection.sender.send(Message::Notification(Notification::new(
                lsp_types::notification::PublishDiagnostics::METHOD.to_string(),
                params,
            )))?;
            if diagnostics.is_empty() {
                self.published.remove(&path);
            } else {
                self.published.insert(path, diagnostics);
            }
        }
        Ok(())
    }

    fn request(&mut self, req: Request) -> Response {
        use lsp_types::request::*;
        let id: RequestId = req.id.clone();
        let result = match req.method.as_str() {
            HoverRequest::METHOD => parse(req).map(|p| json(features::hover(self, p))),
            GotoDefinition::METHOD => parse(req).map(|p| json(features::definition(self, p))),
            References::METHOD => parse(req).map(|p| json(features::references(self, p))),
            DocumentSymbolRequest::METHOD => parse(req).map(|p| json(features::document_symbols(self, p))),
            WorkspaceSymbolRequest::METHOD => parse(req).map(|p| json(features::workspace_symbols(self, p))),
            PrepareRenameRequest::METHOD => parse(req).and_then(|p| features::prepare_rename(self, p).map(json)),
            Rename::METHOD => parse(req).and_then(|p| features::rename(self, p).map(json)),
            Completion::METHOD => parse(req).map(|p| json(features::completion(self, p))),
            CodeActionRequest::METHOD => parse(req).map(|p| json(features::code_actions(self, p))),
            _ => Err(lsp_server::ResponseError {
                code: lsp_server::ErrorCode::MethodNotFound as i32,
                message: format!("specc lsp does not handle `{}`", req.method),
                data: None,
            }),
        };
        match result {
            Ok(v) => Response::new_ok(id, v),
            Err(e) => Response {
                id,
                result: None,
                error: Some(e),
            },
        }
    }

    /// The text of a document as the editor holds it, or as loaded.
    pub(crate) fn file_of(&self, uri: &Url) -> Option<specc_diagnostics::FileId> {
        let path = uri.to_file_path().ok()?;
        self.analysis.file_at(&path)
    }
}

fn parse<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, lsp_server::ResponseError> {
    serde_json::from_value(req.params).map_err(|e| lsp_server::ResponseError {
        code: lsp_server::ErrorCode::InvalidParams as i32,
        message: format!("invalid parameters for `{}`: {e}", req.method),
        data: None,
    })
}

fn json<T: serde::Serialize>(v: T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}
