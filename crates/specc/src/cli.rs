use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// specc, the spec compiler: check, lint, test and build AI behaviour specifications.
#[derive(Parser, Debug)]
#[command(name = "specc", version, about, propagate_version = true)]
pub struct Cli {
    /// When to use colour: auto (a terminal without NO_COLOR), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print less: no progress lines, notes or infos; findings (errors and warnings) and the result are still printed.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also log every model request on stderr: endpoint, model, tokens or the error, time (keys redacted).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Human,
    Json,
    Sarif,
    Github,
}

/// `[PATH] [RUN]` as `specc report` and `specc runs` read them: a lone number
/// that names no folder is the run.
pub fn path_and_run(path: &Option<String>, run: Option<i64>) -> (PathBuf, Option<i64>) {
    match (path, run) {
        (Some(p), None) if p.parse::<i64>().is_ok() && !std::path::Path::new(p).exists() => {
            (PathBuf::from("."), p.parse::<i64>().ok())
        }
        (p, run) => (PathBuf::from(p.as_deref().unwrap_or(".")), run),
    }
}

/// `--section`, `--authority`, `--tag`: the selection every selecting
/// command shares (`specc_suite::Selection`).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct SelectArgs {
    /// Only these sections and their subsections.
    #[arg(long, value_delimiter = ',')]
    pub section: Vec<String>,
    /// Only these authority levels (`platform` reads as `root`).
    #[arg(long, value_delimiter = ',')]
    pub authority: Vec<String>,
    /// Only sections with these tags (inherited tags count).
    #[arg(long, value_delimiter = ',')]
    pub tag: Vec<String>,
}

impl SelectArgs {
    /// The request, with `--clause` where the command has it.
    pub fn request<'a>(&'a self, clauses: &'a [String]) -> specc_eval::SelectionRequest<'a> {
        specc_eval::SelectionRequest {
            clauses,
            sections: &self.section,
            authority: &self.authority,
            tags: &self.tag,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.section.is_empty() && self.authority.is_empty() && self.tag.is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BaselineMode {
    Write,
    Use,
}

#[derive(clap::Args, Debug)]
pub struct LintArgs {
    /// The project folder (with or without specc.toml).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The output format: human-readable; `json`: JSON Lines (schema specc.lint/1), one object per finding, then a summary; `sarif`: one SARIF 2.1.0 log; `github`: GitHub Actions annotations.
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
    /// Rule codes or prefixes to run (adds to nothing: replaces the default set). Comma-separated or repeated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Rule codes or prefixes to skip.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    #[command(flatten)]
    pub select_sections: SelectArgs,
    /// Apply safe fixes to the files and report what changed.
    #[arg(long)]
    pub fix: bool,
    /// Record today's findings (write) or report only findings not in the record (use).
    #[arg(long, value_enum)]
    pub baseline: Option<BaselineMode>,
    /// The baseline file (default: .specc/lint-baseline.json in the project).
    #[arg(long)]
    pub baseline_file: Option<PathBuf>,
    /// Exit 1 on warnings too.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
    Changelog,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Major,
    Minor,
    Patch,
}

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The old version: a folder, a file, `REV..REV` or a git revision (then compared with the working tree).
    pub old: String,
    /// The new version: a folder or a file (omit with a git revision range).
    pub new: Option<String>,
    /// The output format: human-readable, or machine-readable for tools and CI.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Exit 1 when the change set is at least this big.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// The git repository for revisions (default: the current folder).
    #[arg(long, default_value = ".")]
    pub repo: std::path::PathBuf,
}

#[derive(clap::Args, Debug)]
pub struct TestArgs {
    /// The project folder.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Only these clauses (their test files).
    #[arg(long, value_delimiter = ',')]
    pub clause: Vec<String>,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Answers per case, 1 to 10000 (default: [test] samples, or 1).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub samples: Option<u32>,
    /// The results database (default: .specc/results.db in the project).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Call the models even when an answer or grade is cached.
    #[arg(long)]
    pub no_cache: bool,
    /// Grade the cached answers again without calling the target.
    #[arg(long)]
    pub regrade: bool,
    /// Complete an interrupted run without repeating committed requests.
    #[arg(long)]
    pub resume: Option<i64>,
    /// Count unclear verdicts and errors as failures.
    #[arg(long)]
    pub strict: bool,
    /// How many samples may end without a verdict (an error) before the run
    /// exits 1: a number (`3`) or a percentage of the samples (`5%`). Default 0.
    #[arg(long, value_name = "N|P%", default_value = "0")]
    pub allow_errors: specc_eval::pipeline::AllowErrors,
    /// With `--format json`: every sample too (case ID, verdict, rationale, error, answer).
    #[arg(long)]
    pub cases: bool,
    /// Send the compiled spec (normative text in chain-of-command order, no
    /// commentary or examples) as the system prompt: prompted alignment.
    #[arg(long)]
    pub with_spec: bool,
    /// Only the cases whose clause text, section context, authority, prompts,
    /// expectations or precedents changed since this git revision.
    #[arg(long)]
    pub changed_since: Option<String>,
    /// Send only slice K of N (by a hash of each case ID), for a run shared by
    /// N machines; `specc merge` joins their databases into one run.
    #[arg(long, value_name = "K/N", conflicts_with = "shard_count")]
    pub shard: Option<specc_eval::Shard>,
    /// Send the target's and the graders' requests through the provider's
    /// batch API (openai, anthropic): about half the price, results within
    /// 24 hours. The command waits, polling; `--resume RUN --batch` collects
    /// what a stopped run submitted instead of sending it again.
    #[arg(long)]
    pub batch: bool,
    /// Cut the run in N slices and send the one `JOB_COMPLETION_INDEX` names
    /// (0-based, as a Kubernetes Indexed Job sets it).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub shard_count: Option<u32>,
    /// The output format: human-readable, or machine-readable for tools and CI.
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    pub format: TestFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    Human,
    Json,
    Junit,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "In a terminal each question waits for a line: a reading's number (1 is recommended) and Enter, s to skip, q to quit; \
a reading that needs words asks for them, and a change to the spec's text is shown as a diff and confirmed first. \
Answers go into the files they name and into clarifications.md beside the spec; an answered question is not asked again.\n\n\
--answers FILE applies `[{\"id\": \"q-1a2b3c4d\", \"choice\": 1, \"text\": \"...\"}]` without asking (IDs from --format json)."
)]
pub struct ClarifyArgs {
    /// The project folder.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// At most this many questions in a session (the highest ranked).
    #[arg(long, default_value_t = 5)]
    pub max: usize,
    /// Print the questions (`json`: schema specc.clarify/1) instead of asking them.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Apply answers from a JSON file instead of asking.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// List the questions without asking, even in a terminal.
    #[arg(long)]
    pub list: bool,
    /// Use no model: skip the grader's reading of the spec's own labelled answers.
    #[arg(long)]
    pub offline: bool,
    /// Ask a model ([models.clarifier], or the grader) for readings and probes:
    /// prompts graded under each reading, kept only where the verdicts part.
    /// On by default when [models.clarifier] is set.
    #[arg(long, conflicts_with = "offline")]
    pub probe: bool,
}

#[derive(clap::Args, Debug)]
pub struct CalibrateArgs {
    /// The project folder.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Also ask which of each GOOD/BAD pair complies better, in both orders.
    #[arg(long)]
    pub pairwise: bool,
    /// Only these clauses' labelled answers.
    #[arg(long, value_delimiter = ',')]
    pub clause: Vec<String>,
    #[command(flatten)]
    pub select: SelectArgs,
    /// The output format: human-readable, or machine-readable for tools and CI.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Example: `specc merge shard-*.db` joins shard-1.db, shard-2.db and shard-3.db into .specc/results.db."
)]
pub struct MergeArgs {
    /// The shards' results databases (the latest run made with --shard in each).
    #[arg(required = true, value_name = "DB")]
    pub shards: Vec<PathBuf>,
    /// The database that receives the merged run (default: .specc/results.db
    /// in the project of the current folder).
    #[arg(long, value_name = "DB")]
    pub into: Option<PathBuf>,
    /// The output format: human-readable, or machine-readable for tools and CI.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Usage: `specc runs [PATH] [RUN]`; a lone number that is not a folder is read as RUN. \
Without RUN, every run; with it, that run's description and results."
)]
pub struct RunsArgs {
    /// The project folder (default: the current folder).
    pub path: Option<String>,
    /// One run to describe.
    pub run: Option<i64>,
    /// The results database (default: .specc/results.db in the project).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// The output format: human-readable, or machine-readable for tools and CI.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Usage: `specc show [RUN] [CASE...]`: a leading number is the run (default: the latest); \
case IDs name the cases to show (all their samples). Without them, the samples that did not pass: failed, \
unclear and errors, or only the kinds named by --failed, --unclear and --errors."
)]
pub struct ShowArgs {
    /// The run, then case IDs (`<clause-or-section>:<slug>`).
    pub items: Vec<String>,
    /// Failed samples.
    #[arg(long)]
    pub failed: bool,
    /// Samples that ended without a verdict.
    #[arg(long)]
    pub errors: bool,
    /// Samples the grader judged unclear.
    #[arg(long)]
    pub unclear: bool,
    /// Passing samples too.
    #[arg(long)]
    pub all: bool,
    /// Only these clauses' cases.
    #[arg(long, value_delimiter = ',')]
    pub clause: Vec<String>,
    #[command(flatten)]
    pub select: SelectArgs,
    /// At most this many samples.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// The project folder.
    #[arg(long, default_value = ".")]
    pub project: PathBuf,
    /// The results database (default: .specc/results.db in the project).
    #[arg(long)]
    pub db: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct RuleArgs {
    /// The run that holds the answer.
    pub run: i64,
    /// The case ID (`<owner>:<slug>`).
    pub case: String,
    /// The answer complies with its clause.
    #[arg(long, conflicts_with = "fail", required_unless_present = "fail")]
    pub pass: bool,
    /// The answer violates its clause.
    #[arg(long)]
    pub fail: bool,
    /// Why: the rationale the grader will be shown.
    #[arg(long)]
    pub why: String,
    /// Which sample of the case.
    #[arg(long, default_value_t = 0)]
    pub sample: u32,
    /// The project folder.
    #[arg(long, default_value = ".")]
    pub project: PathBuf,
    /// The results database (default: .specc/results.db in the project).
    #[arg(long)]
    pub db: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Usage: `specc report [PATH] [RUN]`; a lone number that is not a folder is read as RUN. \
Writes one self-contained HTML file (no script, nothing loaded from the network)."
)]
pub struct ReportArgs {
    /// The project folder (default: the current folder).
    pub path: Option<String>,
    /// The run to report (default: the latest run).
    pub run: Option<i64>,
    /// The HTML file to write (default: .specc/report-<run>.html in the project).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The results database (default: .specc/results.db in the project).
    #[arg(long)]
    pub db: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Human,
    Json,
    /// A Markdown table, for a pull-request comment.
    Md,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Each clause's pass rate (pass / (pass + fail), samples) in run A against run B: a pooled \
two-proportion z-test, or Fisher's exact test (two-sided) when any expected count of the 2x2 table is below 5. \
Exit 1 when a clause's rate dropped with p < alpha, 0 otherwise, 2 on bad input."
)]
pub struct CompareArgs {
    /// The earlier run (the baseline).
    pub run_a: i64,
    /// The later run.
    pub run_b: i64,
    /// The project folder, for the default database (as every command takes it).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The results database (default: .specc/results.db in the project).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// The project folder, as PATH (kept for scripts written before PATH).
    #[arg(long, hide = true)]
    pub project: Option<PathBuf>,
    /// The output format: human-readable, or machine-readable for tools and CI.
    #[arg(long, value_enum, default_value_t = CompareFormat::Human)]
    pub format: CompareFormat,
    /// Significance level of each clause's test.
    #[arg(long, default_value_t = 0.05)]
    pub alpha: f64,
}

/// What `specc build` compiles the spec into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BuildTarget {
    /// A static documentation site (one folder, nothing loaded from the network).
    Html,
    /// A system prompt: normative text in chain-of-command order.
    Prompt,
    /// Eval sets: JSONL for Inspect AI and for OpenAI Evals.
    Evals,
    /// Deliberative-alignment SFT records citing the governing clauses.
    Sft,
    /// Preference pairs from GOOD/BAD comparisons (TRL and OpenAI shapes).
    Dpo,
    /// The whole intermediate representation (schema specc.ir/1).
    Json,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Token estimate (--max-tokens): UTF-8 bytes / 4, rounded up, the usual rule of thumb for English \
with BPE tokenizers. When the budget cuts, examples go first, then the documents' preambles (context), then whole sections, \
lowest authority first; \
stderr lists what was left out.\n\nOutput: html, evals, sft and dpo write files into a folder (--out, default \
build/<target> in the project); prompt and json print to stdout unless --out names a file."
)]
pub struct BuildArgs {
    /// The project folder.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// What to build: html (a documentation site), prompt (a system prompt), evals,
    /// sft, dpo (datasets) or json (the IR).
    #[arg(long, value_enum, required = true, value_name = "html|prompt|evals|sft|dpo|json")]
    pub target: BuildTarget,
    /// Output folder (html, evals, sft, dpo) or file (prompt, json).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Refuse to build while `specc check` reports errors.
    #[arg(long)]
    pub release: bool,
    /// Which sections (prompt, evals, sft, dpo; html and json show the whole spec).
    #[command(flatten)]
    pub select: SelectArgs,
    /// Token budget of the prompt, estimated as UTF-8 bytes / 4 (prompt only).
    #[arg(long)]
    pub max_tokens: Option<usize>,
    /// Include each section's conversation examples (prompt only).
    #[arg(long)]
    pub examples: bool,
    /// The results database for pass rates (html; default: .specc/results.db in the project, if it exists).
    #[arg(long)]
    pub db: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse and check a spec project: IDs, references, tests per clause, examples, authority, conflicts.
    Check {
        /// The project folder (with or without specc.toml).
        #[arg(default_value = ".")]
        path: PathBuf,
        /// The output format: human-readable, or JSON Lines (schema specc.check/1); with --statements, one JSON document (schema specc.statements/1).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Exit 1 on warnings too.
        #[arg(long, value_enum)]
        deny: Option<Deny>,
        /// Print the intermediate representation as JSON (schema specc.ir/1) instead of diagnostics.
        #[arg(long)]
        dump_ir: bool,
        /// Hide info-level diagnostics (headings without IDs and the like).
        #[arg(long)]
        no_info: bool,
        /// Print the normative statements (modality, actor, action, conditions, authority) instead of diagnostics; exits 0 once the project is read.
        #[arg(long)]
        statements: bool,
        /// Also ask the grader model ([models.grader]) about similar statement pairs the rules did not flag.
        #[arg(long)]
        deep: bool,
        /// How many candidate pairs `--deep` may ask about.
        #[arg(long, default_value_t = 25)]
        deep_pairs: usize,
        /// Print the pairs `--deep` would ask about (route and similarity) without asking the grader; exits 0 once the project is read.
        #[arg(long)]
        deep_candidates: bool,
        /// Record the dependencies' current versions and content hashes in specc.lock.
        #[arg(long)]
        update_lock: bool,
        /// Report only diagnostics whose code starts with one of these, e.g. --select C3 for the conflicts. Comma-separated or repeated.
        #[arg(long, value_delimiter = ',')]
        select: Vec<String>,
        /// Do not report diagnostics whose code starts with one of these, e.g. --ignore C210 while test files wait for prompts. Comma-separated or repeated.
        #[arg(long, value_delimiter = ',')]
        ignore: Vec<String>,
    },
    /// Lint normative prose for ambiguity: vague, weak, open-ended or untestable language.
    Lint(LintArgs),
    /// Clause-level amendments between two versions: folders, files, or git revisions (A..B, or REV against the working tree).
    Diff(DiffArgs),
    /// Run the spec as a test suite: every case to the target model, every answer graded against its clause.
    Test(TestArgs),
    /// Grade the spec's own GOOD, OK and BAD answers with the grader and report its agreement with them.
    Calibrate(CalibrateArgs),
    /// Ask the questions the evidence raises about what the spec means, and write the answers back.
    ///
    /// Evidence: conflicts and undeclared exceptions, vague words in clauses,
    /// undefined emphasised terms, untested clauses, contradicting precedents,
    /// split or unclear verdicts in the latest run, and (with [models.grader])
    /// the grader disagreeing with the spec's own GOOD or BAD answers.
    Clarify(ClarifyArgs),
    /// Join the shards of one run (`specc test --shard K/N`, one results
    /// database each) into one run of a results database.
    ///
    /// Refuses shards of different specs, models, settings or shard counts,
    /// a missing or doubled slice, and a shard that did not finish; merging
    /// the same shards again changes nothing.
    Merge(MergeArgs),
    /// List the runs in the results database.
    Runs(RunsArgs),
    /// Show graded samples: the conversation, the answer, the verdict and why (default: what did not pass).
    Show(ShowArgs),
    /// Write a run's results as one self-contained HTML report: the spec with pass rates, failing answers, charts.
    Report(ReportArgs),
    /// Compare two runs: per-clause changes in pass rate with a two-proportion test, new failures and fixes.
    Compare(CompareArgs),
    /// Record a human ruling on a graded answer as a precedent of its clause.
    Rule(RuleArgs),
    /// Compile the spec into a target: html, prompt, evals, sft, dpo or json.
    Build(BuildArgs),
    /// Bring a plain Markdown policy into the dialect: heading IDs, authority
    /// levels, a clause marker after each rule, a test file per clause.
    ///
    /// Only insertions: removing them gives back the original bytes, and
    /// running it again changes nothing. A document that already has clause
    /// markers or authority levels keeps them; only what is missing is added.
    Adopt {
        /// The policy: a Markdown file, or a folder (its specc.toml's documents,
        /// or the Markdown files at its root and under spec/).
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Print the changes as a diff and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Write the adopted project into this folder instead of in place.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The authority level of the top sections [default: system].
        #[arg(long, value_name = "LEVEL")]
        authority: Option<String>,
        /// A level for the sections whose heading matches (`*` matches any
        /// text, case ignored; a heading's number may be left out, so
        /// 'Tone*' matches "8. Tone and language"), e.g. --map
        /// 'Tone*=guideline'. Repeatable.
        #[arg(long, value_name = "HEADING=LEVEL")]
        map: Vec<String>,
    },
    /// The language server (stdio): diagnostics as you type, hover, go to
    /// definition, references, rename, completion and code actions.
    ///
    /// Start it from an editor (see editors/ for VS Code, Neovim and Helix); it
    /// reads the workspace folder the editor opens.
    Lsp,
    /// Print shell completions: `specc completions bash > /etc/bash_completion.d/specc`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `specc man > specc.1 && man ./specc.1`.
    Man,
    /// Create a small working spec project.
    Init {
        /// Where to create it (created if missing; must not hold a specc.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The project's name; defaults to the folder's name.
        #[arg(long)]
        name: Option<String>,
        /// Only specc.toml (reading the folder's own Markdown), its schema and
        /// .gitignore: no sample spec or examples, for a spec you already have.
        #[arg(long)]
        bare: bool,
    },
    /// Mint an unused clause ID in a section and create its test file; with
    /// --text and --prompt, also the clause and its first test prompts, so the
    /// project checks clean at once.
    NewClause {
        /// The ID of the section the clause belongs to.
        section: String,
        /// The project folder.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// The clause's sentence, added at the end of the section's own text
        /// with its marker (`The assistant must ...`).
        #[arg(long, value_name = "SENTENCE")]
        text: Option<String>,
        /// A challenging user message for the test file (repeatable).
        #[arg(long, value_name = "PROMPT")]
        prompt: Vec<String>,
        /// The project folder, as PATH (kept for scripts written before PATH).
        #[arg(long, hide = true)]
        project: Option<PathBuf>,
    },
    /// Print the JSON Schema of specc.toml (what `specc init` writes to
    /// specc.schema.json, which editors read through `#:schema`).
    Schema,
    /// Print the documentation of a diagnostic code.
    Explain {
        /// A code (C103) or name (dangling-reference); `--all` lists every code.
        code: Option<String>,
        /// List every code with its one-line summary.
        #[arg(long)]
        all: bool,
    },
}

#[cfg(test)]
mod help_tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every flag and argument of every command says what it is for.
    #[test]
    fn every_argument_has_help_text() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                if a.get_help().is_none() && a.get_long_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "specc", &mut missing);
        assert!(missing.is_empty(), "arguments without help: {missing:#?}");
    }
}
