//! The intermediate representation: plain data with byte spans into the file it
//! came from. Everything downstream (check, lint, test, build, diff, lsp) reads
//! this and never the Markdown again.

use serde::Serialize;
use specc_diagnostics::{FileId, Span};

/// The JSON schema name of [`Document`] dumps (`specc check --dump-ir`).
pub const IR_SCHEMA: &str = "specc.ir/1";

/// What a parsed file is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum DocumentKind {
    /// A spec document: sections, clauses, inline examples.
    Spec,
    /// `examples/<clause>.md`: the test prompts of one clause.
    TestFile { clause: String },
    /// `precedents/<clause>.md`: rulings on judged answers of one clause.
    Precedents { clause: String },
}

/// One parsed Markdown file.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    #[serde(skip)]
    pub file: FileId,
    pub path: String,
    #[serde(flatten)]
    pub kind: DocumentKind,
    /// Blake3 of the file's bytes.
    pub hash: String,
    pub sections: Vec<Section>,
    pub clauses: Vec<Clause>,
    pub examples: Vec<Example>,
    pub references: Vec<Reference>,
    pub definitions: Vec<Definition>,
    pub commentary: Vec<Commentary>,
    pub precedents: Vec<Precedent>,
    /// A test file's `Examples for [^id] in <title>:` line.
    pub header: Option<TestFileHeader>,
    /// Clause markers that are not clauses (in test files and precedents).
    pub back_references: Vec<BackReference>,
    /// Every block of prose outside commentary and code, for the linter.
    #[serde(skip)]
    pub prose: Vec<Prose>,
    /// What a streaming parse handed to its sink instead of keeping in `examples`.
    #[serde(skip_serializing_if = "Streamed::is_empty")]
    pub streamed: Streamed,
}

impl Document {
    /// Examples the file holds, whether kept or streamed.
    pub fn example_count(&self) -> usize {
        self.examples.len() + self.streamed.examples
    }

    /// Section `i` itself, then its parent, up to the top level (indices into
    /// `sections`).
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(i), move |&j| self.sections[j].parent)
    }
}

/// An authority level as the current chain of command names it: the Model
/// Spec called its top level `platform` before 2025-09-12 and `root` since,
/// and the two are one level.
pub fn canonical_authority(level: &str) -> &str {
    if level == "platform" { "root" } else { level }
}

/// Counts of the examples a streaming parse handed on ([`crate::parse_streaming`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Streamed {
    pub examples: usize,
    /// Test points of the well-formed ones.
    pub cases: usize,
}

impl Streamed {
    pub fn is_empty(&self) -> bool {
        self.examples == 0
    }
}

/// What kind of block a [`Prose`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProseKind {
    Paragraph,
    ListItem,
    TableCell,
    Heading,
}

/// A block of prose with the inline spans a reader of prose needs: which bytes
/// are text, which are inline code, clause markers or `[?]` links.
#[derive(Clone, Debug, Serialize)]
pub struct Prose {
    pub kind: ProseKind,
    pub span: Span,
    /// Index of the enclosing section in [`Document::sections`].
    pub section: Option<usize>,
    /// `**Example**:`, `**Expect**:` and precedent labels, and expectation bullets:
    /// structure of the dialect rather than prose.
    pub structural: bool,
    /// Plain text runs, in order.
    pub texts: Vec<Span>,
    /// Inline code and math.
    pub code: Vec<Span>,
    /// Clause markers `[^id]`.
    pub markers: Vec<Span>,
    /// Links written `[?](#id)`, whose text is the target's title.
    pub question_links: Vec<Span>,
}

/// An authority level after aliasing (`platform` reads as `root`). Levels are
/// configurable, so this is the level's name rather than a closed enum.
pub type Authority = String;

/// A section: one heading and everything up to the next heading of the same or
/// a higher level.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    pub id: String,
    /// False when the ID was made from the title.
    pub explicit_id: bool,
    pub title: String,
    /// Heading level, 1 to 6.
    pub level: u8,
    /// The heading line.
    pub span: Span,
    /// The heading and its content up to the next heading of the same or a higher level.
    pub extent: Span,
    /// Index of the enclosing section in [`Document::sections`].
    pub parent: Option<usize>,
    pub attributes: Vec<Attribute>,
    /// The level this heading declares, after aliasing.
    pub declared_authority: Option<Authority>,
    /// The level in force: declared here or inherited; `None` is unranked.
    pub authority: Option<Authority>,
    /// Tags declared here and inherited.
    pub tags: Vec<String>,
    pub status: Option<String>,
    pub owner: Option<String>,
    pub overrides: Option<String>,
}

/// A `key=value` heading attribute.
#[derive(Clone, Debug, Serialize)]
pub struct Attribute {
    pub key: String,
    pub value: Option<String>,
    pub span: Span,
}

/// A clause: the normative text a `[^id]` marker tags.
#[derive(Clone, Debug, Serialize)]
pub struct Clause {
    pub id: String,
    /// The `[^id]` marker.
    pub marker: Span,
    /// The clause's text: the sentence holding the marker, or the list item.
    pub text: String,
    pub text_span: Span,
    /// When one sentence holds several markers: from the previous marker (or the
    /// sentence start) to this one.
    pub focus: Option<String>,
    pub focus_span: Option<Span>,
    /// For a list-item clause, the sentence that introduces the list.
    pub lead_in: Option<String>,
    pub lead_in_span: Option<Span>,
    /// When the marker introduces a list, that list (part of the clause).
    pub list: Option<String>,
    pub list_span: Option<Span>,
    /// Index of the section in [`Document::sections`].
    pub section: Option<usize>,
    /// The section's authority; `None` for an unranked clause.
    pub authority: Option<Authority>,
}

/// A clause marker that refers back to a clause instead of creating one.
#[derive(Clone, Debug, Serialize)]
pub struct BackReference {
    pub id: String,
    pub span: Span,
}

/// `Examples for [^id] in <title>:` at the start of a test file.
#[derive(Clone, Debug, Serialize)]
pub struct TestFileHeader {
    pub clause: String,
    pub clause_span: Span,
    pub section_title: String,
    pub title_span: Span,
    pub span: Span,
}

/// Who owns an example: a section (inline) or a clause (test file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Owner {
    Section(String),
    Clause(String),
    /// An example before the first heading of a spec document.
    Document,
}

/// A conversation example: `**Example**: <title>` and its `xml` block.
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    pub title: String,
    pub title_span: Span,
    /// From the title line to the end of the block (and expectation list).
    pub span: Span,
    pub owner: Owner,
    /// Index of the owning section in [`Document::sections`], for inline examples.
    pub section: Option<usize>,
    /// Messages and comparisons in order.
    pub turns: Vec<Turn>,
    pub expectations: Vec<Expectation>,
    /// False when the block could not be read completely; turns hold what was read.
    pub well_formed: bool,
    /// The test points: one per comparison, or one for an example without any.
    pub cases: Vec<Case>,
}

impl Example {
    /// The conversation's messages, comparisons left out.
    pub fn messages(&self) -> impl Iterator<Item = &Message> {
        self.turns.iter().filter_map(|t| match t {
            Turn::Message(m) => Some(m),
            Turn::Comparison(_) => None,
        })
    }

    pub fn comparisons(&self) -> impl Iterator<Item = &Comparison> {
        self.turns.iter().filter_map(|t| match t {
            Turn::Comparison(c) => Some(c),
            Turn::Message(_) => None,
        })
    }
}

/// One step of a conversation.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
#[allow(clippy::large_enum_variant)] // Messages outnumber comparisons; boxing would cost more than it saves.
pub enum Turn {
    Message(Message),
    Comparison(Comparison),
}

/// The role of a message.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    System,
    Developer,
    User,
    Assistant,
    Tool,
    /// An element specc does not know; kept, never sent.
    Unknown(String),
}

impl Role {
    pub fn from_tag(name: &str) -> Option<Role> {
        Some(match name {
            "system" => Role::System,
            "developer" => Role::Developer,
            "user" => Role::User,
            "assistant" => Role::Assistant,
            "tool" => Role::Tool,
            _ => return None,
        })
    }

    pub fn as_str(&self) -> &str {
        match self {
            Role::System => "system",
            Role::Developer => "developer",
            Role::User => "user",
            Role::Assistant => "assistant",
            Role::Tool => "tool",
            Role::Unknown(s) => s,
        }
    }
}

/// A message element.
#[derive(Clone, Debug, Serialize)]
pub struct Message {
    pub role: Role,
    /// Start-tag attributes (`recipient=`, `end_turn=`, `name=`, `comment=`).
    pub attributes: Vec<(String, String)>,
    /// The raw text between the tags, nested `<settings>`/`<untrusted>` included.
    pub content: String,
    pub content_span: Span,
    /// From the start tag to the closing tag.
    pub span: Span,
    /// `key: value` lines of a nested `<settings>` element.
    pub settings: Vec<(String, String)>,
    /// Spans of nested `<untrusted>` elements' content.
    pub untrusted: Vec<Span>,
    /// The marker comment of an answer in a comparison.
    pub marker: Option<AnswerMarker>,
}

impl Message {
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// How the spec judges an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Judgement {
    Good,
    Bad,
    Ok,
}

/// `<!-- KIND[#section_id][, or: reason] -->`.
#[derive(Clone, Debug, Serialize)]
pub struct AnswerMarker {
    pub judgement: Judgement,
    /// The section the answer violates (or follows).
    pub section: Option<String>,
    pub section_span: Option<Span>,
    pub reason: Option<String>,
    pub span: Span,
}

/// Alternative assistant answers to the same conversation.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub answers: Vec<Message>,
    pub span: Span,
}

impl Comparison {
    pub fn first_with(&self, judgement: Judgement) -> Option<&Message> {
        self.answers
            .iter()
            .find(|a| a.marker.as_ref().map(|m| m.judgement) == Some(judgement))
    }
}

/// One test point of an example.
#[derive(Clone, Debug, Serialize)]
pub struct Case {
    /// `<owner-id>:<slug>`, `-2` for a repeated title, `/2` for a later comparison.
    pub id: String,
    /// Index into [`Example::turns`] of the comparison, if any.
    pub comparison: Option<usize>,
    /// Blake3 of the messages and expectations (not the title or `comment=`).
    pub hash: String,
}

/// One bullet of an `**Expect**:` list.
#[derive(Clone, Debug, Serialize)]
pub struct Expectation {
    pub span: Span,
    #[serde(flatten)]
    pub check: ExpectationKind,
}

/// A rubric criterion or a deterministic assertion.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ExpectationKind {
    /// A plain bullet, judged by the grader.
    Rubric { text: String },
    /// `` `kind: argument` ``.
    Assertion { kind: AssertionKind, argument: String },
}

/// Deterministic assertion kinds of #expectations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssertionKind {
    Contains,
    NotContains,
    Icontains,
    Regex,
    NotRegex,
    StartsWith,
    Equals,
    MaxWords,
    MaxChars,
    Json,
    JsonSchema,
}

impl AssertionKind {
    pub const ALL: &'static [(&'static str, AssertionKind)] = &[
        ("contains", AssertionKind::Contains),
        ("not-contains", AssertionKind::NotContains),
        ("icontains", AssertionKind::Icontains),
        ("regex", AssertionKind::Regex),
        ("not-regex", AssertionKind::NotRegex),
        ("starts-with", AssertionKind::StartsWith),
        ("equals", AssertionKind::Equals),
        ("max-words", AssertionKind::MaxWords),
        ("max-chars", AssertionKind::MaxChars),
        ("json", AssertionKind::Json),
        ("json-schema", AssertionKind::JsonSchema),
    ];

    pub fn parse(s: &str) -> Option<AssertionKind> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, k)| *k)
    }
}

/// A reference to a section.
#[derive(Clone, Debug, Serialize)]
pub struct Reference {
    /// The dependency for `@dep#id`.
    pub dependency: Option<String>,
    pub target: String,
    /// The link text; `None` for `[?]`, whose text is the target's title.
    pub text: Option<String>,
    pub span: Span,
    /// The ID part, for carets and fixes.
    pub target_span: Span,
    /// Found inside a conversation example's comment or commentary.
    pub context: ReferenceContext,
}

/// Where a reference was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceContext {
    Prose,
    Commentary,
    Example,
    AnswerMarker,
}

/// A defined term from the `definitions` section.
#[derive(Clone, Debug, Serialize)]
pub struct Definition {
    pub term: String,
    pub span: Span,
    /// Other bold terms inside the definition (aliases, plurals).
    pub aliases: Vec<String>,
    pub text: String,
    pub text_span: Span,
}

/// `!!! kind "title"` and its indented body.
#[derive(Clone, Debug, Serialize)]
pub struct Commentary {
    pub kind: String,
    pub title: Option<String>,
    pub span: Span,
    pub body_span: Span,
    pub section: Option<usize>,
}

/// A human ruling on a judged answer.
#[derive(Clone, Debug, Serialize)]
pub struct Precedent {
    pub title: String,
    pub span: Span,
    pub clause: String,
    /// The conversation; its last assistant message is the judged answer.
    pub example: Option<Example>,
    pub ruling: Option<Ruling>,
    pub rationale: Option<String>,
    pub decided: Option<String>,
}

/// A precedent's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Ruling {
    Pass,
    Fail,
}
