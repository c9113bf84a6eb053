//! The registry of diagnostic codes. A code is stable once released: tools,
//! baselines and suppressions refer to it. Every code has documentation that
//! `specc explain <code>` prints; a test fails if one lacks it.

use crate::severity::Severity;
use serde::{Serialize, Serializer};

/// Static facts about a code.
#[derive(Debug)]
pub struct CodeInfo {
    pub code: &'static str,
    /// A kebab-case name that reads as the thing flagged.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the code flags.
    pub summary: &'static str,
    /// Markdown: why it matters, an example, and what to write instead.
    pub doc: &'static str,
}

/// A diagnostic code: a handle on its static [`CodeInfo`]. Check codes are the
/// associated constants below; other crates (the linter) define their own with
/// [`Code::new`], so one `Diagnostic` type carries every kind of finding.
#[derive(Clone, Copy)]
pub struct Code(&'static CodeInfo);

impl Code {
    pub const fn new(info: &'static CodeInfo) -> Code {
        Code(info)
    }

    pub fn info(self) -> &'static CodeInfo {
        self.0
    }

    pub fn as_str(self) -> &'static str {
        self.0.code
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Self) -> bool {
        self.0.code == other.0.code
    }
}

impl Eq for Code {}

impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.code.hash(state)
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.code.cmp(other.0.code)
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}({})", self.0.code, self.0.name)
    }
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $name:literal, $sev:ident, $summary:literal, $doc:literal; )*) => {
        #[allow(non_upper_case_globals)]
        impl Code {
            $( pub const $variant: Code = Code(&CodeInfo { code: $code, name: $name, severity: Severity::$sev, summary: $summary, doc: $doc }); )*

            /// Every check code, in code order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];
        }

        /// Every check code's facts, in code order.
        pub static CODES: &[&CodeInfo] = &[ $( Code::$variant.0, )* ];
    };
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Finds a code by its code (`C003`, any case) or its name (`dangling-reference`).
pub fn lookup(query: &str) -> Option<&'static CodeInfo> {
    CODES
        .iter()
        .copied()
        .find(|c| c.code.eq_ignore_ascii_case(query) || c.name.eq_ignore_ascii_case(query))
}

codes! {
    UnreadableFile = "C001", "unreadable-file", Error,
        "A file could not be read or is not valid UTF-8",
        "A document, test file or precedent could not be read: it is missing, a permission forbids reading it, or its bytes are not valid UTF-8.\n\nspecc reads every other file and reports everything else it finds, but the project cannot be checked completely until this file reads.\n\n## Example\n\nA test file saved in Latin-1 with a byte `0xE9` for `é`.\n\n## Use instead\n\nSave the file as UTF-8 (`iconv -f latin1 -t utf-8 in.md > out.md`) and make it readable.";
    NoDocuments = "C002", "no-documents", Error,
        "The project has no spec documents",
        "specc found no Markdown spec documents. Without `specc.toml` it reads every `*.md` at the project root and under `spec/`, except `README*`, `CHANGELOG*`, `CONTRIBUTING*`, `LICENSE*` and the `examples/` and `precedents/` folders.\n\n## Example\n\nRunning `specc check` in a folder that holds only `README.md`.\n\n## Use instead\n\nRun `specc check PATH` on the folder of the spec, create a spec with `specc init`, or list documents in `specc.toml` under `[spec] documents = [\"spec/**/*.md\"]`.";
    ConfigError = "C003", "invalid-config", Error,
        "specc.toml has an unknown key, a bad value, or is not valid TOML",
        "Every key of `specc.toml` is checked. An unknown table or key is an error rather than being ignored, because a misspelt key (`pass_threshold` for `pass-threshold`) would otherwise silently do nothing. So are a value of the wrong type (`samples = \"3\"`), a value out of range, a missing required key, and a file that is not valid TOML. Every table and key is optional unless marked required.\n\n## Keys\n\n- `[spec]`: `name`; `version` (not empty); `documents` (globs of the spec documents, each a valid glob; default: every `*.md` at the root and under `spec/`); `examples` (the folder of test files, default `examples`); `precedents` (the folder of rulings, default `precedents`); `authority` (the levels, highest first: not empty, each a single word, none listed twice, `platform` the same level as `root`; default `[\"root\", \"system\", \"developer\", \"user\", \"guideline\"]`); `default-authority` (one of those levels: the level of sections that declare none and inherit none, for a policy written without levels).\n- `[dependencies]`: one `<name> = { path = \"...\", ceiling = \"...\" }` per dependency: `path` (required, not empty: the dependency's project folder), `ceiling` (one of the authority levels of `[spec] authority`).\n- `[lint]`: `select` and `ignore` (rule codes or prefixes), `vocabulary` (project terms the linter accepts), `severity` (a `[lint.severity]` table of `<code> = \"error\"`, `\"warning\"`, `\"info\"` or `\"off\"`).\n- `[models.<name>]` (`target` is the model under test, `grader` the grader, `clarifier` the model of `specc clarify --probe`; another name is an error; the grader alone may be a list, `[[models.grader]]` tables, a panel whose strict majority decides; a list for any other name, or an empty one, is an error): `provider` (required: `openai`, `anthropic`, `exec` or `http`), `model`, `base-url` (`http://` or `https://`), `api-key-env` (the environment variable that holds the API key), `developer-role` (`developer` or `system`), `temperature` (0 to 2; the grader's defaults to 0), `seed` (a whole number, sent where the provider takes one: OpenAI-compatible servers), `max-tokens` (a whole number, 1 to 100000000), `max-response-bytes` (a whole number, 1 to 1073741824, default 4194304: a longer reply is an error, never an answer), `timeout` (a duration such as `\"60s\"`, `\"500ms\"` or `\"2m\"`, from 1ms to 24h), `retries` (a whole number, 0 to 20), `requests-per-minute` (a whole number, 1 to 1000000), `price` (`input` and `output`, both required: USD per million tokens, 0 or more), `batch-price` (the same, in the provider's batch API with `specc test --batch`; default half of `price`); with `provider = \"exec\"`, `command` (required: the program and its arguments); with `provider = \"http\"`, `url` (required, `http://` or `https://`), `request` (the request body template), `response-path` (the JSON path to the answer, default `answer`) and `headers` (a table of header names and values).\n- `[test]`: `samples` (a whole number, 1 to 10000), `concurrency` (a whole number, 1 to 1024), `pass-threshold` (0 to 1), `budget` (USD, 0 or more), `batch-poll` (with `--batch`, the longest wait between two polls of a batch: a duration from 1ms to 24h, default `\"60s\"`).\n- `[deep]`: `embedding-model` (the folder of a sentence-transformers model for `specc check --deep`, not blank).\n\n## Example\n\n```toml\n[test]\nsampels = 3\n```\n\n## Use instead\n\n```toml\n[test]\nsamples = 3\n```\n\n`specc check` exits with status 2 on a configuration error.";
    DuplicateSectionId = "C101", "duplicate-section-id", Error,
        "Two sections have the same ID",
        "Section IDs name sections in references (`[?](#id)`), results and reports, so each must be unique across all documents of the project.\n\n## Example\n\n```markdown\n## Be honest {#honesty authority=user}\n## Be transparent {#honesty authority=user}\n```\n\n## Use instead\n\n```markdown\n## Be honest {#honesty authority=user}\n## Be transparent {#transparency authority=user}\n```";
    DuplicateClauseId = "C102", "duplicate-clause-id", Error,
        "A clause ID is marked more than once",
        "A clause marker `[^id]` may appear once in the spec documents; its test prompts live in `examples/<id>.md`. Two clauses with one ID would share their tests and results.\n\n## Example\n\n```markdown\nThe assistant must cite sources[^a1b2]. It must not invent quotes[^a1b2].\n```\n\n## Use instead\n\nMint a fresh ID for the second clause with `specc new-clause <section-id>`:\n\n```markdown\nThe assistant must cite sources[^a1b2]. It must not invent quotes[^c3d4].\n```";
    DanglingReference = "C103", "dangling-reference", Error,
        "A reference names a section that does not exist",
        "`[?](#id)` and `[text](#id)` refer to the section with that ID; `[?](@dep#id)` to a section of the dependency `dep`; a heading's `overrides=<id>` (or `overrides=<dep>:<id>`) to a section or clause. A reference to a missing ID is broken in every rendering of the spec and leaves readers (and graders) without the rule it points to.\n\n## Example\n\n```markdown\nSee [?](#protect_privcy).\n```\n\n## Use instead\n\n```markdown\nSee [?](#protect_privacy).\n```\n\nspecc suggests the closest existing ID when there is one.";
    UnknownDependency = "C104", "unknown-dependency", Error,
        "A reference names a dependency that specc.toml does not declare",
        "`[?](@name#id)` refers into the dependency declared as `name` under `[dependencies]` in `specc.toml`.\n\n## Example\n\n```markdown\nAs [?](@platform#privacy) says ...\n```\n\nwith no `platform` dependency declared.\n\n## Use instead\n\n```toml\n[dependencies]\nplatform = { path = \"../platform-spec\" }\n```";
    DependencyCycle = "C105", "dependency-cycle", Error,
        "Dependencies import each other in a cycle",
        "A spec may import other specs, but not itself through a chain of imports: authority ceilings and conflict checks need a clear direction from importer to imported.\n\n## Example\n\n`a/specc.toml` depends on `b`, and `b/specc.toml` depends on `a`.\n\n## Use instead\n\nMove the shared sections into a third spec that both import.";
    UntestedClause = "C106", "untested-clause", Warning,
        "A clause has no test file",
        "Every clause is meant to own challenging prompts in `examples/<id>.md`; `specc test` sends them to the model and grades the answers against the clause. A clause without them is never tested.\n\n## Example\n\n`The assistant must cite sources[^a1b2].` with no `examples/a1b2.md`.\n\n## Use instead\n\nCreate `examples/a1b2.md`:\n\n````markdown\nExamples for [^a1b2] in Cite sources:\n\n**Example**: asks for a statistic\n\n~~~xml\n<user>\nHow many people live in Lagos?\n</user>\n~~~\n````";
    OrphanTestFile = "C107", "orphan-test-file", Warning,
        "A test file belongs to no clause",
        "`examples/<id>.md` holds the prompts of clause `<id>`. When no spec document marks `[^<id>]`, the prompts are never attached to a clause: usually the clause was removed or its ID mistyped.\n\n## Example\n\n`examples/a1b3.md` while the spec marks `[^a1b2]`.\n\n## Use instead\n\nRename the file to the clause's ID, restore the clause marker, or delete the file.";
    StaleTestHeader = "C108", "stale-test-header", Warning,
        "A test file's header names another clause or an old section title",
        "A test file may start with `Examples for [^id] in <section title>:`. The marker is a back-reference to the file's own clause, and the title must be that clause's current section title; it goes stale when the section is renamed or the file is copied.\n\n## Example\n\n`examples/a1b2.md` starting with `Examples for [^a1b2] in Be honest:` after the section was renamed to `Do not lie`.\n\n## Use instead\n\n`Examples for [^a1b2] in Do not lie:`";
    UnknownAuthority = "C109", "unknown-authority", Error,
        "A section declares an authority level that is not configured",
        "`authority=<level>` must name a level of `[spec] authority` in `specc.toml` (default: root, system, developer, user, guideline; `platform` is read as `root`). An unknown level would leave the section's place in the chain of command undefined.\n\n## Example\n\n```markdown\n## Be kind {#be_kind authority=usr}\n```\n\n## Use instead\n\n```markdown\n## Be kind {#be_kind authority=user}\n```";
    UnknownAttribute = "C110", "unknown-attribute", Warning,
        "A heading has an attribute specc does not know",
        "Known heading attributes are `authority`, `tags`, `status`, `owner` and `overrides`. An unknown one is kept (specs grow attributes before tools do) but may be a typo.\n\n## Example\n\n```markdown\n## Be kind {#be_kind authorty=user}\n```\n\n## Use instead\n\n```markdown\n## Be kind {#be_kind authority=user}\n```";
    QuotedAttributeValue = "C111", "quoted-attribute-value", Error,
        "A heading attribute value is quoted",
        "Heading attribute values are unquoted tokens. Markdown parsers split a quoted value at its spaces, so `owner=\"Trust team\"` is read as two broken attributes.\n\n## Example\n\n```markdown\n## Be kind {#be_kind owner=\"trust team\"}\n```\n\n## Use instead\n\n```markdown\n## Be kind {#be_kind owner=trust_team}\n```";
    InvalidAttributeValue = "C112", "invalid-attribute-value", Error,
        "A heading attribute has a value outside its allowed set",
        "`status` is one of `draft`, `active`, `deprecated`; `tags` is a comma-separated list of names; `overrides` names a section as `id` or `dep:id`; an attribute needs a value.\n\n## Example\n\n```markdown\n## Be kind {#be_kind status=final}\n```\n\n## Use instead\n\n```markdown\n## Be kind {#be_kind status=active}\n```";
    MissingSectionId = "C113", "missing-section-id", Info,
        "A heading has no explicit ID",
        "A heading without `{#id}` gets an ID made from its title, which changes when the title is edited, breaking references, test results and reports that name the section.\n\n## Example\n\n```markdown\n## Be kind\n```\n\n## Use instead\n\n```markdown\n## Be kind {#be_kind}\n```";
    ChangedDependency = "C114", "changed-dependency", Warning,
        "A dependency changed since specc.lock recorded it",
        "`specc.lock` records each dependency's version and a content hash of its spec files (and of its own dependencies). `specc check` writes it when it is absent. When a dependency's content no longer matches, its rules may have changed under the project: review the dependency's changes and the conflicts reported after this warning, then record the new state with `specc check --update-lock`.\n\n## Example\n\n`specc.lock` records `platform` at `blake3:3f2a...`, and someone edited `../platform/spec.md` since.\n\n## Use instead\n\nReview the change (`specc diff` on the dependency), resolve any conflicts, then run:\n\n```text\nspecc check --update-lock\n```";
    OutsideProject = "C115", "outside-project", Error,
        "A file or folder of the project leads outside it",
        "A spec repository is untrusted input: a pull request from a fork, or a dependency. specc follows symbolic links only while they stay inside the project, and reads `specc.toml`, `specc.lock`, documents, test files and precedents only from inside it. A test file, a precedent, the examples or precedents folder, or the configuration that is a symbolic link to something outside (or a `[spec] examples` or `precedents` folder given as `../...`) is not read, and this error names it. Without the check, `examples/xx01.md -> /etc/passwd` would be printed in diagnostics, sent to a model by `specc test` and copied into `specc build` outputs. Commands that write (`build`, `report`, `rule`, `new-clause`, `test`, the lock file) refuse the same way to write through such a link.\n\n## Example\n\n```text\nexamples/xx01.md -> /etc/passwd\n```\n\n## Use instead\n\nCommit the file itself (`git rm examples/xx01.md`, then add a real file), or a link to a file inside the project.";
    UnclosedElement = "C201", "unclosed-element", Error,
        "A conversation element is never closed",
        "Inside an `xml` conversation block, every `<user>`, `<assistant>`, `<comparison>` ... needs its closing tag at the start of a line. A tag only counts at the start of a line (after optional indentation): stray characters before it (`*</comparison>`) make the line plain text, which leaves the element open. specc skips the rest of the block and goes on after the closing fence.\n\n## Example\n\n````markdown\n~~~xml\n<comparison>\n<assistant> <!-- GOOD -->\nHello\n</assistant>\n*</comparison>\n~~~\n````\n\n## Use instead\n\n````markdown\n~~~xml\n<comparison>\n<assistant> <!-- GOOD -->\nHello\n</assistant>\n</comparison>\n~~~\n````";
    StrayConversationText = "C202", "stray-conversation-text", Error,
        "Text in a conversation outside any message",
        "Between messages, and between the answers of a `<comparison>`, only element tags may appear: text there belongs to no message and would never be sent. Most often a tag has stray characters before it.\n\n## Example\n\n````markdown\n~~~xml\n<user>\nHi\n</user>\n*<comparison>\n~~~\n````\n\n## Use instead\n\nRemove the stray characters (`<comparison>`), or move the text inside a message.";
    MismatchedClosingTag = "C203", "mismatched-closing-tag", Error,
        "A closing tag does not match the open element",
        "Elements in a conversation nest: `</user>` closes the `<user>` opened last. A closing tag for another element usually means a closing tag is missing or misspelt.\n\n## Example\n\n````markdown\n~~~xml\n<user>\nHi\n</assistant>\n~~~\n````\n\n## Use instead\n\n````markdown\n~~~xml\n<user>\nHi\n</user>\n~~~\n````";
    UnknownElement = "C204", "unknown-element", Warning,
        "A conversation uses an element specc does not know",
        "Messages are `<system>`, `<developer>`, `<user>`, `<assistant>` and `<tool name=...>`, grouped answers are in `<comparison>`, and `<settings>` and `<untrusted>` nest inside messages. Another element at the start of a line between messages is kept but never sent to a model.\n\n## Example\n\n````markdown\n~~~xml\n<usr>\nHi\n</usr>\n~~~\n````\n\n## Use instead\n\n````markdown\n~~~xml\n<user>\nHi\n</user>\n~~~\n````";
    UnmarkedComparison = "C205", "unmarked-comparison", Error,
        "A comparison has no answer marked GOOD, BAD or OK",
        "A `<comparison>` holds alternative assistant answers, each marked by a comment right after its start tag: `<!-- GOOD -->`, `<!-- BAD: reason -->`, `<!-- OK -->`, `<!-- BAD[#section_id]: reason -->`. Without a marked answer the comparison cannot be graded or used as training data.\n\n## Example\n\n````markdown\n<comparison>\n<assistant>\nSure!\n</assistant>\n</comparison>\n````\n\n## Use instead\n\n````markdown\n<comparison>\n<assistant> <!-- GOOD -->\nSure!\n</assistant>\n</comparison>\n````";
    InvalidAnswerMarker = "C206", "invalid-answer-marker", Error,
        "An answer's marker comment does not follow the marker grammar",
        "The marker grammar is `<!-- KIND[#section_id][, or: reason] -->` with KIND one of `GOOD`, `BAD`, `OK`. An answer in a comparison whose comment does not parse is neither GOOD nor BAD.\n\n## Example\n\n```xml\n<assistant> <!-- GODO: friendly -->\n```\n\n## Use instead\n\n```xml\n<assistant> <!-- GOOD: friendly -->\n```";
    ExampleWithoutConversation = "C207", "example-without-conversation", Warning,
        "An `**Example**:` title is not followed by an xml conversation block",
        "A conversation example is `**Example**: <title>` followed by a fenced block with info string `xml` (`~~~xml` or ```` ```xml ````). A title with no such block has nothing to test.\n\n## Example\n\n````markdown\n**Example**: a greeting\n\n```\n<user>Hi</user>\n```\n````\n\n## Use instead\n\n````markdown\n**Example**: a greeting\n\n~~~xml\n<user>\nHi\n</user>\n~~~\n````";
    InvalidExpectation = "C208", "invalid-expectation", Error,
        "An expectation has an unknown assertion kind or a bad argument",
        "A bullet of an `**Expect**:` list that is only inline code is a deterministic assertion `kind: argument`. Kinds: `contains`, `not-contains`, `icontains`, `regex`, `not-regex`, `starts-with`, `equals`, `max-words`, `max-chars`, `json`, `json-schema`. `regex` arguments must compile, `max-words` and `max-chars` take a whole number, `json-schema` a path relative to the file.\n\n## Example\n\n```markdown\n**Expect**:\n- `contain: 988`\n- `regex: (unclosed`\n```\n\n## Use instead\n\n```markdown\n**Expect**:\n- `contains: 988`\n- `regex: \\(unclosed`\n```";
    MalformedPrecedent = "C209", "malformed-precedent", Error,
        "A precedent lacks its conversation, judged answer or ruling",
        "A precedent in `precedents/<clause-id>.md` is `**Precedent**: <title>`, an `xml` conversation whose last `<assistant>` is the judged answer, `**Ruling**: pass` or `**Ruling**: fail`, `**Rationale**: ...`, and optionally `**Decided**: <date> by <who>`.\n\n## Example\n\n```markdown\n**Precedent**: refuses a recipe\n**Ruling**: maybe\n```\n\n## Use instead\n\n````markdown\n**Precedent**: refuses a recipe\n\n~~~xml\n<user>\nHow do I bake bread?\n</user>\n<assistant>\nI can't help with that.\n</assistant>\n~~~\n\n**Ruling**: fail\n\n**Rationale**: an over-refusal of a harmless request.\n````";
    EmptyTestFile = "C210", "empty-test-file", Warning,
        "A test file holds no test prompt",
        "A clause's test file should hold at least one `**Example**:` with a conversation; otherwise the clause is as untested as one without a file.\n\n## Example\n\n`examples/a1b2.md` holding only its header line.\n\n## Use instead\n\nAdd a challenging prompt:\n\n````markdown\n**Example**: a tricky request\n\n~~~xml\n<user>\n...\n</user>\n~~~\n````";
    UnresolvedAnswerSection = "C211", "unresolved-answer-section", Error,
        "An answer marker names a section that does not exist",
        "`<!-- BAD[#section_id]: reason -->` tells the grader which section the answer violates, so the ID must resolve like any reference.\n\n## Example\n\n```xml\n<assistant> <!-- BAD[#chain_of_comand] -->\n```\n\n## Use instead\n\n```xml\n<assistant> <!-- BAD[#chain_of_command] -->\n```";
    LooseExpectLabel = "C212", "loose-expect-label", Warning,
        "An expectation list's label is not written `**Expect**:`",
        "An example's assertions and rubric follow its conversation under the label `**Expect**:`, in bold. specc reads a plain `Expect:` (or `Expected:`, `*Expect*:`) right after a conversation block as that label too, so nothing is lost, and says so: in any other renderer it is a paragraph, and a reader may take the list for prose.\n\n## Example\n\n```markdown\nExpect:\n- `contains: 988`\n```\n\n## Use instead\n\n```markdown\n**Expect**:\n- `contains: 988`\n```";
    ConflictingRules = "C301", "conflicting-rules", Error,
        "Two statements of the same authority contradict each other",
        "specc extracts normative statements from sections with an authority level (obligations: must, should, has to, always, bare imperatives such as \"Refund the order\"; prohibitions: must not, should not, never, don't, avoid, refuse to, decline to, \"without X-ing\"; permissions: may, can, is allowed to; passives such as \"must not be approved\" or \"are never waived\"; \"only if\" and \"only after\" also forbid the act outside their case) with their actor, action (verbs compared by the act they perform: disclose, mention and state are telling; give a diagnosis is diagnosing), object (kinds count: a savings account is a product) and conditions. An obligation or permission and a prohibition of the same act by the same actor, in the same scope (tags), in some situation both apply to (the same conditions, one side's exception left open by the other, or guards that can hold together, such as \"over $200\" and \"over $500\"), cannot both be followed; the diagnostic names that situation. Two obligations that set one attribute to two values (\"in English\", \"in the customer's language\"; \"under 100 words\", \"at least 300 words\") are this conflict too. At the same effective authority the chain of command cannot decide between them, so this is an error: `specc check` fails and `specc build --release` refuses to build. Two statements of equal effective authority in different modules are this error too.\n\nWhat the rules do not read: present-tense descriptions without never or always (\"late returns are charged a day\"), values told rather than required (\"tell customers returns are accepted within 30 days\" against \"within 14 days\"), bounds inside a subject (\"bikes returned more than 2 hours late\"), what-, which- and whether-clauses as objects, and anything that needs knowledge of the domain (an iPhone is a handset). `specc check --statements` shows what was read and lists the marked clauses that gave no statement; `--deep` asks a model about the pairs the rules miss.\n\n## Example\n\n```markdown\n## Privacy {#privacy authority=developer}\n\nThe assistant must not share the user's location.\n\n## Maps {#maps authority=developer}\n\nThe assistant should share the user's location.\n```\n\n## Use instead\n\nState the condition that separates them, or declare which one wins:\n\n```markdown\n## Maps {#maps authority=developer overrides=privacy}\n\nThe assistant should share the user's location.\n```\n\nor `The assistant should share the user's location when the user asks for directions.`";
    ShadowedRule = "C302", "shadowed-rule", Warning,
        "A statement can never apply because a higher-authority statement contradicts it",
        "When two statements contradict each other at different authority levels, the chain of command decides: the higher one wins and the lower one can never apply. That is usually an oversight (a rule nobody can observe), so specc names both. Across modules, authority is the effective one: a dependency's levels are capped by its `ceiling`.\n\n## Example\n\n```markdown\n## Safety {#safety authority=root}\n\nNever give medical dosages.\n\n## Helpfulness {#helpfulness authority=guideline}\n\nYou may give medical dosages.\n```\n\n## Use instead\n\nRemove or narrow the statement that never applies, or, when the precedence is intended, document it with `overrides=` on the winning section (then it is reported as a documented override, C303):\n\n```markdown\n## Safety {#safety authority=root overrides=helpfulness}\n```";
    DocumentedOverride = "C303", "documented-override", Info,
        "A contradiction resolved by `overrides=` on the winning section",
        "A section that declares `overrides=<id>` (or `overrides=<dep>:<id>` for a dependency's section) documents that its statements win over the named section's or clause's where they contradict. specc reports each such pair as information, so reviewers see what the override changes. It never fails a check.\n\n## Example\n\n```markdown\n## Location {#location authority=developer}\n\nThe assistant should share the user's location.\n\n## Privacy {#privacy authority=developer}\n\nThe assistant must not share the user's location.\n```\n\n## Use instead\n\nNothing to change when the override is intended:\n\n```markdown\n## Location {#location authority=developer overrides=privacy}\n```\n\nRemove `overrides=` when it no longer holds.";
    WeakenedDependencyRule = "C304", "weakened-dependency-rule", Error,
        "A statement contradicts a dependency's root or system rule",
        "A dependency's rules at effective level `root` or `system` (after its `ceiling`) are rules an importing spec may not weaken: a product spec that imports a platform spec cannot permit what the platform forbids at those levels. `overrides=` cannot lift them. The importing statement loses by the chain of command, and because it can never apply while claiming to, this is an error rather than a shadowed warning.\n\n## Example\n\n`platform/spec.md` (imported with `ceiling = \"system\"`):\n\n```markdown\n## Privacy {#privacy authority=root}\n\nThe assistant must not share the user's location.\n```\n\n`spec.md`:\n\n```markdown\n## Maps {#maps authority=developer}\n\nThe assistant may share the user's location.\n```\n\n## Use instead\n\nNarrow the product's statement so it no longer contradicts the platform's rule, or remove it:\n\n```markdown\nThe assistant may show the user's own location to the user.\n```";
    ModelFlaggedConflict = "C305", "model-flagged-conflict", Warning,
        "The grader model judged two statements to conflict (`specc check --deep`)",
        "`specc check --deep` pairs statements that the rules did not flag: first those that rule the same action with opposite polarity but under different conditions (the rules read any difference in conditions as an exception), then those that share much of their wording (same actor, same scope) and, when a local embedding model is configured (`[deep] embedding-model` in specc.toml or `SPECC_EMBEDDING_MODEL`), those closest in meaning where one forbids what the other requires or permits, and asks the grader model of `[models.grader]` whether following one necessarily violates the other. Each pair it judges to conflict is reported with the model's rationale. It is a warning, not an error: a model's judgement is advice for a human, not a proof. Adjudications are cached by the content of both statements in `.specc/deep.db`, so a re-run asks only about changed pairs.\n\n## Example\n\n```markdown\n## Brevity {#brevity authority=guideline}\n\nThe assistant should keep every answer under three sentences.\n\n## Depth {#depth authority=guideline}\n\nThe assistant should explain each step of a proof in detail.\n```\n\n## Use instead\n\nState which one applies when:\n\n```markdown\nThe assistant should keep every answer under three sentences unless the user asks for a proof.\n```";
    UndeclaredException = "C306", "undeclared-exception", Warning,
        "A guarded rule is an exception that the broader rule does not declare",
        "Two statements at the same authority rule the same act with opposite polarity, one under a condition and the other everywhere: \"may quote a price range when the customer asks\" and \"never quote prices\". A reader can take the guarded one as an exception, but the broader rule, read alone, forbids it: a model following the broader rule refuses what the guarded rule allows, and a grader reading the broader clause fails the answer the other clause asks for. It is a warning, not an error, because the intent is usually clear; the fix is to say so.\n\n## Example\n\n```markdown\n## Prices {#prices authority=system}\n\nThe assistant must never quote prices.\n\n## Estimates {#estimates authority=system}\n\nThe assistant may quote a price range when the customer asks for an estimate.\n```\n\n## Use instead\n\nWrite the exception into the broader rule:\n\n```markdown\nThe assistant must never quote prices, unless the customer asks for an estimate (then a range).\n```\n\nor declare `overrides=prices` on the `estimates` section.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_in_order_unique_and_documented() {
        assert_eq!(Code::ALL.len(), CODES.len());
        for (c, info) in Code::ALL.iter().zip(CODES) {
            assert_eq!(c.as_str(), info.code);
            assert!(info.code.len() == 4, "{} must be a letter and three digits", info.code);
            assert!(!info.doc.trim().is_empty(), "{} has no documentation", info.code);
            assert!(info.doc.contains("## Example"), "{} has no example", info.code);
            assert!(info.doc.contains("## Use instead"), "{} has no fix", info.code);
            assert!(!info.summary.ends_with('.'), "{} summary ends with a period", info.code);
        }
        let mut seen = std::collections::HashSet::new();
        for c in CODES {
            assert!(seen.insert(c.code), "duplicate code {}", c.code);
            assert!(seen.insert(c.name), "duplicate name {}", c.name);
        }
    }

    #[test]
    fn lookup_by_code_and_name() {
        assert_eq!(lookup("c103").unwrap().name, "dangling-reference");
        assert_eq!(lookup("dangling-reference").unwrap().code, "C103");
        assert!(lookup("Z999").is_none());
    }
}
