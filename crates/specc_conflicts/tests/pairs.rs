//! The second held-out set (issue 14): 236 pairs of clauses in the words
//! spec authors write, labelled `conflict` or `no-conflict` from the issue
//! alone by someone who had not read this crate (`tests/pairs/README.md`
//! says how). Each pair becomes a spec with one section per sentence at its
//! authority; a pair is predicted a conflict when the checker reports any
//! conflict finding on it (C301–C304, or an undeclared exception). The test
//! prints precision and recall overall and recall per kind, every miss and
//! false alarm, and fails when either falls below its floor.

use specc_conflicts::check;
use specc_project::Workspace;
use std::collections::BTreeMap;
use std::path::Path;

/// The floors, raised as the checker improves, never lowered. On 2026-12-05
/// the checker of issue 6 (same verb lemma, same object words, no condition
/// on either side) measured precision 0.500 and recall 0.026; after the first
/// part of issue 14 (verb classes, phrasing, imperatives, objects without
/// the people acted on, guards for one-sided and undeclared exceptions,
/// passives, lists, universal qualifiers, one attribute with two values, relative clauses on people, refusing as not accepting, pronoun objects) 1.000 and 0.274; then, reading a
/// qualified prohibition as inside an unqualified rule about the very same
/// thing (and "avoid" as a default a permission may except), 0.971 and 0.282:
/// precision traded for recall once, on purpose, as recall is what is far from
/// issue 14's target of 0.9 and 0.85. With the subject after an inverted modal
/// ("under no circumstances may the bot ..."): 0.971 and 0.291; with giving
/// information read as telling it: 0.972 and 0.299; with universal phrases
/// after a preposition, the medium of replies, light verbs after the people
/// given the noun, relative clauses on things, and more imperatives and
/// telling verbs: 0.977 and 0.359. Guards on both sides that share no word
/// read as able to hold together (issue 14: guards are opaque unless
/// identical, negated or one restricts the other), which costs the "graded
/// exam" and "practice mode" pair: precision traded for recall again. With
/// bounds on one quantity that no value meets ("under 100 words", "at least
/// 300 words") and attributes across verbs: 0.960 and 0.410; with kinds of
/// things (a remedy is a medication), generic heads ("dosing information")
/// and a light verb's noun before a condition: 0.963 and 0.444; with an
/// obligation meeting a prohibition of a narrower case of its object: 0.965
/// and 0.470; with what is told read from a that-clause and quoted words
/// (a forbidden quotation inside a required one): 0.968 and 0.521; with
/// "only if" read as forbidding the act outside its case: 0.969 and 0.530.
/// (Later sessions' readings are in tests/pairs/README.md; on 2026-12-06, a
/// third session, a list whose last item has no comma before its "or" is
/// read whole: 0.973 and 0.624.)
const PRECISION_FLOOR: f64 = 0.95;
const RECALL_FLOOR: f64 = 0.70;

struct Pair {
    id: String,
    a: String,
    a_authority: String,
    b: String,
    b_authority: String,
    conflict: bool,
    kind: String,
}

fn pairs() -> Vec<Pair> {
    pairs_of("heldout-2026-12-05.jsonl")
}

fn pairs_of(file: &str) -> Vec<Pair> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pairs").join(file)).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap_or_else(|| panic!("{k} in {l}")).to_string();
            Pair {
                id: s("id"),
                a: s("a"),
                a_authority: s("a_authority"),
                b: s("b"),
                b_authority: s("b_authority"),
                conflict: s("label") == "conflict",
                kind: s("kind"),
            }
        })
        .collect()
}

fn workspace(p: &Pair) -> Workspace {
    let spec = format!(
        "# Policy {{#policy}}\n\n## First rule {{#first authority={}}}\n\n{}\n\n## Second rule {{#second authority={}}}\n\n{}\n",
        p.a_authority, p.a, p.b_authority, p.b
    );
    Workspace::from_texts(Path::new("."), &[("spec.md", spec.as_str())])
}

/// How the checker read a pair, so a miss says why: each statement's
/// modality, acts, object words and guards.
fn readings(p: &Pair) -> String {
    specc_conflicts::statements(&workspace(p))
        .iter()
        .map(|s| {
            format!(
                "\n    {} {:?} {:?} obj={:?} qual={:?} items={:?} people={:?} when={:?}",
                s.section,
                s.modality,
                s.action.verbs,
                s.action.object_keys,
                s.action.qualifier_keys,
                s.action.object_items,
                s.action.people_keys,
                s.conditions.iter().map(|c| c.text.as_str()).collect::<Vec<_>>()
            )
        })
        .collect()
}

/// The conflict findings on one pair, as `specc check` reports them.
fn findings(p: &Pair) -> Vec<String> {
    check(&workspace(p))
        .into_iter()
        .filter(|d| matches!(d.code.as_str(), "C301" | "C302" | "C303" | "C304" | "C306"))
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect()
}

#[test]
fn precision_and_recall_on_the_authors_pairs() {
    at_least(&pairs(), PRECISION_FLOOR, RECALL_FLOOR);
}

/// Measures a set and fails below its floors.
fn at_least(pairs: &[Pair], precision_floor: f64, recall_floor: f64) {
    let (precision, recall) = measure(pairs);
    assert!(
        precision >= precision_floor,
        "precision {precision:.3} < {precision_floor}"
    );
    assert!(recall >= recall_floor, "recall {recall:.3} < {recall_floor}");
}

/// The second authors' set (the third held-out set after `tests/heldout/`
/// and the first authors' set): 100 pairs (60 conflicts) in fifteen other domains,
/// written from issue 14 alone on 2026-12-06 after the checker had been
/// tuned on the first, and measured once before anything was changed for
/// it: its first numbers are the honest estimate of the checker on text it
/// has not seen (docs/conflicts-model-spec.md): precision 0.944 (17 of 18
/// findings), recall 0.283 (17 of 60), at the commit that added it (59cb51a).
/// Floors at that measurement, then raised with the checker: with whose
/// thing it is, waiving as not charging, a dropped `e` after `u` and more
/// verbs of one act (from its misses, so no longer held out): 1.000 and 0.367;
/// with guards that share a word read as one situation unless something
/// sets them apart, and "without"/"by" a gerund inside the object: 1.000 and
/// 0.467 (the first set: 0.969 and 0.530); with "in chat" as where a chat
/// assistant's acts are, passive subjects' qualifiers and "have to be" read
/// as a passive rule: 1.000 and 0.517; at the end of the day 1.000 and 0.567;
/// with "particular", "specific", "individual" picking one of a kind
/// (2026-12-06, a new session): 1.000 and 0.583.
const SECOND_PRECISION_FLOOR: f64 = 0.97;
/// (Raised on 2026-12-07, an eleventh session, after two new users' long
/// policies were read for precision: 0.70.)
const SECOND_RECALL_FLOOR: f64 = 0.70;

#[test]
fn precision_and_recall_on_the_second_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-06.jsonl"),
        SECOND_PRECISION_FLOOR,
        SECOND_RECALL_FLOOR,
    );
}

/// The third authors' set: 80 pairs (48 conflicts) in sixteen more domains, written
/// from issue 14 alone on 2026-12-06 without seeing the others, and measured
/// once when it was added, after the day's work on the first two: its first
/// numbers are the honest estimate of that work on unseen text: precision
/// 0.909 (10 of 11 findings), recall 0.208 (10 of 48). Floors at that,
/// then raised with the checker (tuned on its misses from then on): more
/// verbs of one act, what a telling act is about, "every time" as a guard,
/// soft defaults behind an adverb: 1.000 and 0.333; with the assistant's
/// roles, tones (only where the sentence says "tone") and "only" one value,
/// and targets and scores as information: 1.000 and 0.438; with a
/// permission to waive meeting "never waive": 1.000 and 0.458; with "why" as
/// the reason and outputs acting for the assistant: 1.000 and 0.500; at the
/// end of the day 1.000 and 0.562; with imperatives after a leading case
/// (from the fourth set): 1.000 and 0.583.
const THIRD_PRECISION_FLOOR: f64 = 0.97;
/// (Raised on 2026-12-07, an eleventh session, after four new users' long
/// policies were read for precision: 0.72.)
const THIRD_RECALL_FLOOR: f64 = 0.72;

#[test]
fn precision_and_recall_on_the_third_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-06b.jsonl"),
        THIRD_PRECISION_FLOOR,
        THIRD_RECALL_FLOOR,
    );
}

/// The fourth authors' set: 80 pairs (52 conflicts) in twelve more domains,
/// written from issue 14 alone on 2026-12-06 (a helper who read nothing of
/// the code or the other sets), measured once when it was added, before any
/// change for it: the honest estimate of the checker on unseen text:
/// precision 1.000 (no finding at all), recall **0.000** (0 of 52), at the
/// commit that added it. Its author wrote mostly bare imperatives after a
/// leading case ("If a physician calls ..., reset the password"), world
/// knowledge ("a physician is a clinician") and acts named by other verbs.
/// After present-tense passives ("late fees are never waived"), pronouns
/// before "from" and "include no links" (2026-12-06, later): 1.000 and 0.058;
/// with a ban on a case its qualifier names against an obligation on every
/// case: 1.000 and 0.077; with guards that open with "before" read as the
/// same frame as "when", and getting in touch with someone "to" do something
/// as having no object: 1.000 and 0.115.
const FOURTH_PRECISION_FLOOR: f64 = 0.9;
const FOURTH_RECALL_FLOOR: f64 = 0.15;

#[test]
fn precision_and_recall_on_the_fourth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-06c.jsonl"),
        FOURTH_PRECISION_FLOOR,
        FOURTH_RECALL_FLOOR,
    );
}

/// The fifth authors' set: 80 pairs (55 conflicts) in twelve domains none of
/// the others use, written from issue 14 alone on 2026-12-06 (a helper who
/// read nothing of the code or the other sets). Measured when it arrived,
/// before any change for it: at the session's first commit (24ec82c)
/// precision 0.833 (5 of 6 findings), recall **0.091** (5 of 55); with the
/// present-tense passive reading, written from the fourth set before this
/// one was read: 0.857 and 0.109. After general readings its misses showed
/// (an exception that names the other rule's bound, a noun before a
/// nominalised act, "include no X", "itself", kinds and classes of the
/// lexicon): 1.000 and 0.236; with "refer to a thing" as mentioning it,
/// "explain why" against "the reasons behind", and kinds in qualifiers:
/// 1.000 and 0.291; with a leading case "for" some people, "without" past a
/// relative clause and a guard with an exception against a bare rule: 1.000
/// and 0.345; with periods ("monthly", "weekly") as an attribute: 1.000 and
/// 0.364, which is no longer an unseen-text estimate; with a length bound on
/// "every reply" against a guarded other length: 0.382.
const FIFTH_PRECISION_FLOOR: f64 = 0.97;
const FIFTH_RECALL_FLOOR: f64 = 0.58;

#[test]
fn precision_and_recall_on_the_fifth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-06d.jsonl"),
        FIFTH_PRECISION_FLOOR,
        FIFTH_RECALL_FLOOR,
    );
}

/// The sixth authors' set: 80 pairs (52 conflicts) in eleven more domains,
/// written from issue 14's brief on 2026-12-06 by a helper who read nothing
/// of the code or the other sets, while this session changed the checker
/// from the fourth and fifth sets' misses. Measured once when it arrived,
/// before any change for it: precision 0.923 (12 of 13), recall **0.231**
/// (12 of 52); the session's first commit (24ec82c) scores it 0.889 and
/// 0.154. Its one false alarm ("the interest rate that will apply after
/// ..." against "the current interest rate") was fixed after: 1.000 and 0.231.
const SIXTH_PRECISION_FLOOR: f64 = 0.97;
const SIXTH_RECALL_FLOOR: f64 = 0.50;

#[test]
fn precision_and_recall_on_the_sixth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-06e.jsonl"),
        SIXTH_PRECISION_FLOOR,
        SIXTH_RECALL_FLOOR,
    );
}

/// The seventh authors' set: 80 pairs (52 conflicts) in eleven more domains,
/// written from issue 14's brief at the end of the session of 2026-12-06 by a
/// helper who read nothing of the code or the other sets. Measured once when
/// it arrived, after all of that session's changes and before any for it:
/// precision 1.000 (7 of 7 findings), recall **0.135** (7 of 52); the
/// session's first commit (24ec82c) scores it 1.000 and 0.115.
const SEVENTH_PRECISION_FLOOR: f64 = 0.97;
const SEVENTH_RECALL_FLOOR: f64 = 0.42;

#[test]
fn precision_and_recall_on_the_seventh_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-06f.jsonl"),
        SEVENTH_PRECISION_FLOOR,
        SEVENTH_RECALL_FLOOR,
    );
}

/// The eighth authors' set: 80 pairs (52 conflicts) in twelve more domains,
/// written from issue 14's brief on 2026-12-06 (a later session) by a helper
/// who read nothing of the code or the other sets. Measured once when it
/// arrived, before any change for it: precision 1.000 (11 of 11 findings),
/// recall **0.212** (11 of 52). Readings written afterwards from the seventh
/// set's misses left it at 0.212; one from its own ("over chat" is a channel)
/// brought it to 0.231; a third session's "every reply" as every text the
/// assistant writes, and the two clocks, to 0.269 (tests/pairs/README.md).
const EIGHTH_PRECISION_FLOOR: f64 = 0.97;
const EIGHTH_RECALL_FLOOR: f64 = 0.48;

#[test]
fn precision_and_recall_on_the_eighth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-06g.jsonl"),
        EIGHTH_PRECISION_FLOOR,
        EIGHTH_RECALL_FLOOR,
    );
}

/// The ninth authors' set: 80 pairs (52 conflicts) in twelve more domains,
/// written from issue 14's brief on 2026-12-06 (a later session) by a helper
/// who read nothing of the code or the other sets. Measured once when it
/// arrived, before any change: precision 1.000 (10 of 10 findings), recall
/// **0.192** (10 of 52). WordNet's noun kinds, verb synonyms and
/// derivational nominalisations, tried next, did not raise it; after its
/// misses were read, a length bound on "every reply" against a guarded other
/// length, and the 24-hour and 12-hour clocks as two values: 0.231
/// (tests/pairs/README.md).
const NINTH_PRECISION_FLOOR: f64 = 0.97;
const NINTH_RECALL_FLOOR: f64 = 0.40;

#[test]
fn precision_and_recall_on_the_ninth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-06h.jsonl"),
        NINTH_PRECISION_FLOOR,
        NINTH_RECALL_FLOOR,
    );
}

/// The tenth authors' set: 80 pairs (52 conflicts) in 25 more domains,
/// written from issue 14's brief on 2026-12-06 (a fourth session) by a
/// helper who read nothing of the code or the other sets, while this
/// session widened what the statement reader reads. Measured once when it
/// arrived (6ca88f5), before any of its misses were read: precision 0.909
/// (10 of 11 findings), recall **0.192** (10 of 52), the ninth's number on
/// its arrival, though 93 of its 104 conflict-pair rules gave a statement.
/// After its misses were read: "let the member know X" is telling X, a
/// compound's words are its keys ("a filing-status determination"), and the
/// people given a nominalised act come before it: 0.923 and 0.231; with the
/// rest of that session's general readings (tests/pairs/README.md): 1.000 and 0.269.
const TENTH_PRECISION_FLOOR: f64 = 0.97;
/// (Raised on 2026-12-07, an eleventh session, after two new users' long
/// policies were read for precision: 0.50.)
const TENTH_RECALL_FLOOR: f64 = 0.50;

#[test]
fn precision_and_recall_on_the_tenth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-06i.jsonl"),
        TENTH_PRECISION_FLOOR,
        TENTH_RECALL_FLOOR,
    );
}

/// The eleventh authors' set (80 pairs, 25 more domains, written blind
/// from issue 14's brief; tests/pairs/README.md). Floors: its numbers after
/// the session that received it.
const ELEVENTH_PRECISION_FLOOR: f64 = 0.97;
/// (Raised on 2026-12-07, an eleventh session, after two new users' long
/// policies were read for precision: 0.46.)
const ELEVENTH_RECALL_FLOOR: f64 = 0.46;

#[test]
fn precision_and_recall_on_the_eleventh_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-06j.jsonl"),
        ELEVENTH_PRECISION_FLOOR,
        ELEVENTH_RECALL_FLOOR,
    );
}

/// The twelfth authors' set (80 pairs, 25 more domains, written blind
/// from issue 14's brief; tests/pairs/README.md): on arrival precision
/// 1.000, recall 0.135; 0.269 after the session that received it, 0.346
/// after the next (a name used once after a modal word, an imperative
/// before a dash clause, one age bound in both guards). Floors: the latest.
const TWELFTH_PRECISION_FLOOR: f64 = 0.97;
/// (Raised on 2026-12-07, an eleventh session, after two new users' long
/// policies were read for precision: 0.42.)
const TWELFTH_RECALL_FLOOR: f64 = 0.42;

#[test]
fn precision_and_recall_on_the_twelfth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-06k.jsonl"),
        TWELFTH_PRECISION_FLOOR,
        TWELFTH_RECALL_FLOOR,
    );
}

/// The thirteenth authors' set (80 pairs, 25 more domains, written blind
/// from issue 14's brief and the label rules on 2026-12-06, a seventh
/// session; tests/pairs/README.md): measured once on arrival (84f3422),
/// precision 0.923 (12 of 13 findings), recall 0.231 (12 of 52); after
/// readings from its misses (so no longer held out): 1.000 and 0.346.
/// Floors: the latest.
const THIRTEENTH_PRECISION_FLOOR: f64 = 0.97;
const THIRTEENTH_RECALL_FLOOR: f64 = 0.40;

#[test]
fn precision_and_recall_on_the_thirteenth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-06l.jsonl"),
        THIRTEENTH_PRECISION_FLOOR,
        THIRTEENTH_RECALL_FLOOR,
    );
}

/// The fourteenth authors' set (80 pairs, 25 more domains, written blind
/// from issue 14's brief and the label rules at the end of 2026-12-06's
/// seventh session; tests/pairs/README.md): measured once on arrival
/// (2d32fa3), precision 1.000 (12 of 12 findings), recall 0.231 (12 of 52);
/// after readings from its misses on 2026-12-07 (so no longer held out):
/// 1.000 and 0.615. Floors: the latest.
const FOURTEENTH_PRECISION_FLOOR: f64 = 0.97;
const FOURTEENTH_RECALL_FLOOR: f64 = 0.65;

#[test]
fn precision_and_recall_on_the_fourteenth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-06m.jsonl"),
        FOURTEENTH_PRECISION_FLOOR,
        FOURTEENTH_RECALL_FLOOR,
    );
}

/// The fifteenth authors' set (80 pairs, 25 more domains, written blind
/// from issue 14's brief and the label rules at the start of 2026-12-07's
/// session; tests/pairs/README.md): measured once on arrival (the commit
/// that added it), precision 0.875 (7 of 8 findings), recall 0.135 (7 of 52);
/// still held out at the end of the session's readings from other sets and
/// two new users (49272aa): 0.889 and 0.154; after a few readings from its
/// misses (so no longer held out): 0.909 and 0.192. Floors: the latest.
const FIFTEENTH_PRECISION_FLOOR: f64 = 0.92;
const FIFTEENTH_RECALL_FLOOR: f64 = 0.25;

#[test]
fn precision_and_recall_on_the_fifteenth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-07n.jsonl"),
        FIFTEENTH_PRECISION_FLOOR,
        FIFTEENTH_RECALL_FLOOR,
    );
}

/// The sixteenth authors' set (80 pairs, 25 more domains, written blind
/// from issue 14's brief and the label rules late in 2026-12-07's session;
/// tests/pairs/README.md): measured once on arrival (the commit that added
/// it), precision 1.000 (14 of 14 findings), recall 0.269 (14 of 52).
/// Its misses were read in the next session (and a new user's trial):
/// 1.000 and 0.462 (24 of 52). Floors: those numbers.
const SIXTEENTH_PRECISION_FLOOR: f64 = 0.97;
const SIXTEENTH_RECALL_FLOOR: f64 = 0.46;

#[test]
fn precision_and_recall_on_the_sixteenth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-07o.jsonl"),
        SIXTEENTH_PRECISION_FLOOR,
        SIXTEENTH_RECALL_FLOOR,
    );
}

/// The seventeenth authors' set (80 pairs, 25 more domains, written blind
/// from issue 14's brief and the label rules at the start of 2026-12-07's
/// second session; tests/pairs/README.md): measured once on arrival (the
/// commit that added it), precision 0.900 (18 of 20 findings), recall 0.346
/// (18 of 52), and the same at that session's end, still held out. Its
/// misses and false alarms were read in the next session (2026-12-07, a
/// third): 1.000 and 0.577 (30 of 52). Floors: those numbers.
const SEVENTEENTH_PRECISION_FLOOR: f64 = 0.97;
const SEVENTEENTH_RECALL_FLOOR: f64 = 0.57;

#[test]
fn precision_and_recall_on_the_seventeenth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-07p.jsonl"),
        SEVENTEENTH_PRECISION_FLOOR,
        SEVENTEENTH_RECALL_FLOOR,
    );
}

/// The eighteenth authors' set (80 pairs, 25 more domains, written blind
/// from issue 14's brief and the label rules at the start of 2026-12-07's
/// third session; tests/pairs/README.md): measured once on arrival (the
/// commit that added it), precision 0.913 (21 of 23 findings), recall 0.404
/// (21 of 52); at that session's end, still held out, 0.957 (22 of 23) and
/// 0.423 (22 of 52). Floors: those numbers. Nothing has been read from it.
const EIGHTEENTH_PRECISION_FLOOR: f64 = 0.95;
const EIGHTEENTH_RECALL_FLOOR: f64 = 0.42;

#[test]
fn precision_and_recall_on_the_eighteenth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-07q.jsonl"),
        EIGHTEENTH_PRECISION_FLOOR,
        EIGHTEENTH_RECALL_FLOOR,
    );
}

/// The nineteenth author's pairs (80 pairs, 52 conflicts, 49 domains,
/// written by a helper who read no code, from issue 14's brief alone, at
/// 2026-12-07's thirteenth session): measured once on arrival, the commit
/// that added it, precision 0.958 (23 of 24 findings), recall 0.442 (23 of
/// 52); the session's starting binary (by the CLI, the same way) scores the
/// same. With the tables of kinds and acts in `data/` (the fourteenth
/// session), still held out: 0.963 (26 of 27) and 0.500 (26 of 52).
/// Floors: those numbers. Nothing has been read from it.
const NINETEENTH_PRECISION_FLOOR: f64 = 0.96;
const NINETEENTH_RECALL_FLOOR: f64 = 0.50;

#[test]
fn precision_and_recall_on_the_nineteenth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-07r.jsonl"),
        NINETEENTH_PRECISION_FLOOR,
        NINETEENTH_RECALL_FLOOR,
    );
}

/// The twentieth author's pairs (80 pairs, 52 conflicts, 45 domains none of
/// the earlier sets' most common, written by a helper who read no code, from
/// issue 14's brief alone, at 2026-12-07's fourteenth session, after the
/// tables of kinds and acts): measured once on arrival, precision 0.952 (20
/// of 21 findings), recall 0.385 (20 of 52); the session's starting binary
/// (by the CLI, the same way) 0.950 (19 of 20) and 0.365 (19 of 52).
/// Floors: the arrival numbers. Nothing has been read from it.
const TWENTIETH_PRECISION_FLOOR: f64 = 0.95;
const TWENTIETH_RECALL_FLOOR: f64 = 0.38;

#[test]
fn precision_and_recall_on_the_twentieth_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-07s.jsonl"),
        TWENTIETH_PRECISION_FLOOR,
        TWENTIETH_RECALL_FLOOR,
    );
}

/// The twenty-first author's pairs (80 pairs, 52 conflicts over thirteen
/// kinds, 28 look-alikes over eight; 42 domains, none of the earlier sets'
/// most common), written by a helper who read no code, from issue 14's brief
/// alone, at 2026-12-08's sixteenth session: measured once on arrival (by the
/// CLI, each pair in a spec of two sections, as the probes do), precision
/// 1.000 (12 of 12 findings), recall 0.231 (12 of 52); the session's
/// starting binary the same. With "steer clear of", "hold back from", "make
/// a point of" and "it's not our place to" read (phrasings named in the
/// brief that asked for the set, not read from it), 1.000 (13 of 13) and
/// 0.250 (13 of 52). Floors: those numbers. Nothing has been read from it
/// but its per-kind counts and the ids of its misses.
const TWENTY_FIRST_PRECISION_FLOOR: f64 = 1.0;
const TWENTY_FIRST_RECALL_FLOOR: f64 = 0.25;

#[test]
fn precision_and_recall_on_the_twenty_first_authors_pairs() {
    at_least(
        &pairs_of("heldout-2026-12-08t.jsonl"),
        TWENTY_FIRST_PRECISION_FLOOR,
        TWENTY_FIRST_RECALL_FLOOR,
    );
}

/// Precision and recall on a set, printing every miss and false alarm
/// with how the checker read the pair, and recall per kind.
fn measure(pairs: &[Pair]) -> (f64, f64) {
    assert!(pairs.len() >= 60, "{}", pairs.len());
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut report = Vec::new();
    for p in pairs {
        let found = findings(p);
        let predicted = !found.is_empty();
        let e = by_kind.entry(p.kind.as_str()).or_default();
        e.1 += 1;
        match (p.conflict, predicted) {
            (true, true) => {
                tp += 1;
                e.0 += 1;
            }
            (true, false) => {
                fnn += 1;
                report.push(format!("miss {} [{}]: {} | {}{}", p.id, p.kind, p.a, p.b, readings(p)));
            }
            (false, true) => {
                fp += 1;
                report.push(format!(
                    "false alarm {} [{}]: {} | {} -> {found:?}{}",
                    p.id,
                    p.kind,
                    p.a,
                    p.b,
                    readings(p)
                ));
            }
            (false, false) => e.0 += 1,
        }
    }
    let precision = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = tp as f64 / (tp + fnn) as f64;
    for line in &report {
        println!("{line}");
    }
    println!("by kind (right / pairs):");
    for (k, (right, n)) in &by_kind {
        println!("  {k:<28} {right:>3} / {n}");
    }
    println!(
        "pairs {}: precision {precision:.3} ({tp} of {} findings), recall {recall:.3} ({tp} of {} conflicts)",
        pairs.len(),
        tp + fp,
        tp + fnn
    );
    (precision, recall)
}

/// Every sentence of the pairs is a rule an author wrote: the normative
/// classifier (issue 15) that statements pass through must read them so.
#[test]
fn every_pair_sentence_reads_as_a_rule() {
    use specc_syntax::normative::{Actors, states_rule};
    let mut missed = Vec::new();
    let mut n = 0;
    for p in pairs() {
        for text in [&p.a, &p.b] {
            let src = format!("# T {{#t authority=system}}\n\n{text}\n");
            let (doc, _) = specc_syntax::parse(
                specc_diagnostics::FileId(0),
                "t.md",
                &src,
                specc_syntax::DocumentKind::Spec,
            );
            for s in specc_syntax::norm::prose_sentences(&src, &doc) {
                n += 1;
                if !states_rule(&s.norm.text, &Actors::default()) {
                    missed.push(s.norm.text.clone());
                }
            }
        }
    }
    for m in &missed {
        println!("not read as a rule: {m}");
    }
    println!("{} of {n} sentences read as rules", n - missed.len());
    assert!(
        missed.len() * 20 <= n,
        "{} of {n} sentences not read as rules",
        missed.len()
    );
}

/// Every set, for what reads every rule of a conflict pair.
const ALL_SETS: &[&str] = &[
    "heldout-2026-12-05.jsonl",
    "heldout-2026-12-06.jsonl",
    "heldout-2026-12-06b.jsonl",
    "heldout-2026-12-06c.jsonl",
    "heldout-2026-12-06d.jsonl",
    "heldout-2026-12-06e.jsonl",
    "heldout-2026-12-06f.jsonl",
    "heldout-2026-12-06g.jsonl",
    "heldout-2026-12-06h.jsonl",
    "heldout-2026-12-06i.jsonl",
    "heldout-2026-12-06j.jsonl",
    "heldout-2026-12-06k.jsonl",
    "heldout-2026-12-06l.jsonl",
    "heldout-2026-12-06m.jsonl",
    "heldout-2026-12-07n.jsonl",
    "heldout-2026-12-07o.jsonl",
];

/// Both sentences of a conflict pair are rules, so each should give the
/// checker at least one statement: a rule it does not read can meet no
/// other, whatever the matching. Prints every rule left unread and the
/// share read. Measured 2026-12-06 (a fourth session) over the nine sets'
/// 1,080 conflict-pair sentences: 976 read before a modal word of a purpose
/// clause or a condition stopped ruling out the imperative (987), a clause
/// after "advise on whether", "decide whether", "estimate how much" became
/// an object (1,004), WordNet's common verbs opened imperatives (1,010), and
/// leading adverbs, purposes and cases, refusals of requests and modal words
/// in relative clauses were read (1,024), and "are to be shown", "is to
/// avoid", "always have to", "recommend that ..." and a relative clause with
/// its own verb before the modal word (1,030). With the tenth set's 104
/// (93 read on arrival) and the rest of that session's readings: 1,131 of 1,184.
/// A fifth session (a case before the subject with no comma, "Concierge is
/// to ...", "never say that ...", people acted on in a case): 1,136 of
/// 1,184, and with the eleventh set's 104 (87 read): 1,223 of 1,288; with
/// the assistant's present tense ("Inkbot does not recommend"), "it is
/// mandatory to", "please ..." and a clause told without "that": 1,229;
/// with present passives negated or pinned ("dates are not shown", "refunds
/// are issued within 5 days", "sent by SMS only"): 1,238. A sixth session,
/// with the twelfth set's 104 (1,330 read on arrival), bots' names read
/// once, names from what only someone acting does, and people given or told
/// something in the passive ("Members may be told ..."): 1,347 of 1,392.
/// With the fifteenth set's 104 (91 read on arrival): 1,643 of 1,704; with
/// the sixteenth's (99 read on arrival) and the session's readings: 1,744 of 1,808.
/// A third session on 2026-12-07 (a time before or after a figure inside a
/// subject, "can't be booked" on people): 1,755 of 1,808; with "we don't take
/// deposits" as a house rule and an adverb right before a modal: 1,757; with
/// "members may have the booking fee waived": 1,760.
#[test]
fn every_rule_of_a_conflict_pair_gives_a_statement() {
    let mut unread = Vec::new();
    let mut n = 0;
    for set in ALL_SETS {
        for p in pairs_of(set).iter().filter(|p| p.conflict) {
            let found = specc_conflicts::statements(&workspace(p));
            for (section, text) in [("first", &p.a), ("second", &p.b)] {
                n += 1;
                if !found.iter().any(|s| s.section == section) {
                    unread.push(format!("{} {section}: {text}", p.id));
                }
            }
        }
    }
    for u in &unread {
        println!("unread {u}");
    }
    let read = n - unread.len();
    println!("rules read: {read} of {n} ({:.3})", read as f64 / n as f64);
    assert!(
        read >= READ_FLOOR,
        "{read} of {n} rules gave a statement; the floor is {READ_FLOOR}"
    );
}

const READ_FLOOR: usize = 1760;
