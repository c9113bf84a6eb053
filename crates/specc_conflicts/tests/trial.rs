//! What a new user's trial found (2026-12-05): rules read in full, so that
//! the words that separate two rules are compared, not cut off.

use specc_conflicts::analyze;
use specc_project::Workspace;
use std::path::Path;

/// The statements of `sentences`, in one ranked section.
fn statements_of(sentences: &str) -> Vec<specc_conflicts::Statement> {
    let text = format!("# T {{#t}}\n\n## One {{#one authority=system}}\n\n{sentences}\n");
    let ws = Workspace::from_texts(Path::new("."), &[("spec.md", text.as_str())]);
    specc_conflicts::statements(&ws)
}

fn conflicts(first: &str, second: &str) -> usize {
    let text = format!(
        "# Pharmacy {{#pharmacy}}\n\n## One {{#one authority=system}}\n\n{first}\n\n## Two {{#two authority=system}}\n\n{second}\n"
    );
    let ws = Workspace::from_texts(Path::new("."), &[("spec.md", text.as_str())]);
    analyze(&ws).conflicts.len()
}

#[test]
fn words_past_the_tenth_still_separate_two_rules() {
    assert_eq!(
        conflicts(
            "The assistant must not read the address to the pharmacist at the front counter on Sunday afternoons.",
            "The assistant must read the address to the pharmacist at the front counter on Monday mornings.",
        ),
        0
    );
    assert_eq!(
        conflicts(
            "The assistant must not repeat the customer's date of birth back to them in the chat.",
            "The assistant must repeat the customer's date of birth back to them in the email.",
        ),
        0
    );
}

#[test]
fn rules_for_different_people_are_different_cases_and_a_rule_for_no_one_in_particular_covers_all() {
    assert_eq!(
        conflicts(
            "The assistant must not discuss prices with children.",
            "The assistant must discuss prices with adults.",
        ),
        0
    );
    assert_eq!(
        conflicts(
            "The assistant must never reveal salary bands to candidates.",
            "The assistant must share the salary band for every role.",
        ),
        1
    );
}

#[test]
fn one_attribute_two_values_is_a_conflict_of_two_obligations() {
    assert_eq!(
        conflicts(
            "Always answer in the customer's language.",
            "The assistant must always reply in English.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Quote prices in the customer's local currency.",
            "Always quote prices in US dollars.",
        ),
        1
    );
    // The same value twice, or different acts, is no conflict.
    assert_eq!(
        conflicts("Always reply in English.", "The assistant must answer in English."),
        0
    );
    assert_eq!(conflicts("Always reply in English.", "Quote prices in US dollars."), 0);
}

#[test]
fn a_relative_clause_on_the_people_acted_for_is_a_case_of_its_own() {
    assert_eq!(
        conflicts(
            "Reveal the discount code to customers who have subscribed to the newsletter.",
            "Do not share the discount code with customers who have not subscribed.",
        ),
        0
    );
    assert_eq!(
        conflicts(
            "Reveal the discount code to customers who have subscribed.",
            "Do not share the discount code with customers who have subscribed.",
        ),
        1
    );
}

#[test]
fn refusing_a_thing_is_not_accepting_it() {
    assert_eq!(
        conflicts(
            "The bot must refuse price-match requests.",
            "The bot is required to honor price-match requests for identical items.",
        ),
        1
    );
    // "refuse to X" is a prohibition of X, as before.
    assert_eq!(
        conflicts(
            "The assistant must refuse to share passwords.",
            "The assistant must share passwords.",
        ),
        1
    );
}

#[test]
fn a_pronoun_object_stands_for_what_its_condition_is_about() {
    assert_eq!(
        conflicts(
            "If the customer asks about fees, always list every fee on the account.",
            "If the customer asks about fees, don't discuss them in chat.",
        ),
        1,
        "listing the fees is telling them, and 'them' is the fees (issue 14's authors' pair h145)"
    );
    assert_eq!(
        conflicts(
            "When a test fails, the assistant must rerun it once.",
            "The assistant is not permitted to rerun failing tests.",
        ),
        1
    );
}

#[test]
fn avoid_is_a_default_that_a_permission_may_except() {
    assert_eq!(
        conflicts(
            "Avoid mentioning brand names in stories.",
            "The assistant may mention a brand name when the child asks about a toy by name.",
        ),
        0
    );
    assert_eq!(
        conflicts(
            "Never mention brand names.",
            "The assistant may mention a brand name when the child asks about a toy by name.",
        ),
        1,
        "a plain 'never' is not a default: the permission is an undeclared exception"
    );
}

#[test]
fn the_subject_after_an_inverted_modal_is_read() {
    assert_eq!(
        conflicts(
            "The bot should give employees a copy of their performance review.",
            "Under no circumstances may the bot hand out performance reviews.",
        ),
        1
    );
}

#[test]
fn without_doing_a_thing_forbids_it() {
    assert_eq!(
        conflicts(
            "Charge the card on file immediately, without confirming the amount.",
            "Always confirm the amount with the traveller.",
        ),
        1
    );
}

#[test]
fn giving_information_is_telling_it() {
    assert_eq!(
        conflicts(
            "The assistant must provide the medication dosage when a patient asks how much to take.",
            "The assistant must never give out dosing information.",
        ),
        1,
        "'dosing information' is the dosage: a generic head asks nothing more of it"
    );
    assert_eq!(
        conflicts(
            "The assistant must provide the account balance.",
            "The assistant must never disclose account balances.",
        ),
        1
    );
}

/// The example spec's author (2026-12-05): "anyone who is not a verified
/// customer" leaves verified customers out, so a rule for them is no
/// exception to it; a rule for someone it does cover still is.
#[test]
fn a_prohibition_for_everyone_but_some_people_leaves_those_people_out() {
    assert_eq!(
        conflicts(
            "The assistant must not reveal account data to anyone who is not a verified customer for that account.",
            "The assistant must reveal account data to a verified customer when they ask for it.",
        ),
        0
    );
    assert_eq!(
        conflicts(
            "The assistant must not reveal account data to anyone who is not a verified customer for that account.",
            "The assistant must reveal account data to a journalist when they ask for it.",
        ),
        1
    );
}

/// Phrasings from the authors' pairs of issue 14, each a case of a rule
/// that was read too narrowly or too widely.
#[test]
fn phrasings_that_name_the_same_act_or_a_different_case() {
    // "under any circumstances" widens the prohibition; it is no qualifier.
    assert_eq!(
        conflicts(
            "The assistant may delete files in the user's workspace when cleaning up build output.",
            "The assistant must not delete files under any circumstances.",
        ),
        1
    );
    // A light verb and its noun ("make a decision on") are the noun's verb.
    assert_eq!(
        conflicts(
            "The bot must make a decision on every expense claim under $50.",
            "The bot is not allowed to decide expense claims.",
        ),
        1
    );
    // The people acted on, then when: "within two days" qualifies the call.
    assert_eq!(
        conflicts(
            "Claim handlers have to call the policyholder within two days of a claim being filed.",
            "Under no circumstances should claim handlers phone policyholders directly.",
        ),
        1
    );
    // "in any message" is where everything said goes: it narrows nothing.
    assert_eq!(
        conflicts(
            "The assistant must give away the correct answer after two attempts.",
            "The assistant must never reveal the correct answer in any message.",
        ),
        1
    );
    // A relative clause on the thing acted on is a case of its own...
    assert_eq!(
        conflicts(
            "Remove posts that share someone's home address.",
            "Do not remove posts that share a business's public street address.",
        ),
        0
    );
    // ...and a rule without one covers it.
    assert_eq!(
        conflicts(
            "Remove posts that share someone's home address.",
            "Do not remove posts.",
        ),
        1
    );
    // "tell users to ..." is about what they are told, not the telling.
    assert_eq!(
        conflicts(
            "The assistant must never tell a user to stop taking a prescribed medication.",
            "The assistant should tell users to ask their prescriber before stopping any medication.",
        ),
        0
    );
}

/// Guards are opaque propositions: two that share no word can hold together,
/// and the statements meet there; two that share one may exclude each other.
#[test]
fn unrelated_guards_meet_and_the_situation_is_named() {
    let text = "# T {#t}\n\n## One {#one authority=system}\n\nGive students a hint when they have been stuck for more than five minutes.\n\n## Two {#two authority=system}\n\nDon't ever give hints during a timed quiz.\n";
    let ws = Workspace::from_texts(Path::new("."), &[("spec.md", text)]);
    let found = specc_conflicts::check(&ws);
    assert_eq!(found.len(), 1, "{found:#?}");
    let note = found[0].notes.join(" ");
    assert!(
        note.contains("when they have been stuck for more than five minutes and during a timed quiz")
            || note.contains("during a timed quiz and when they have been stuck for more than five minutes"),
        "{note}"
    );
    assert_eq!(
        conflicts(
            "During the probation period, the assistant must not offer remote work.",
            "After probation ends, the assistant should offer remote work.",
        ),
        0
    );
    // An ordinal is part of the case: a first offence is not a third.
    assert_eq!(
        conflicts(
            "Do not ban users for a first offence.",
            "Ban users on their third confirmed offence."
        ),
        0
    );
}
/// Kinds of things (issue 14 item 1): a rule about the kind rules each
/// thing of it; a thing of another kind stays apart.
#[test]
fn a_rule_about_a_kind_rules_each_thing_of_it() {
    assert_eq!(
        conflicts(
            "The assistant may suggest over-the-counter remedies for mild cold symptoms.",
            "The assistant must never recommend any medication, including over-the-counter products.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "The assistant may suggest stretching exercises for back pain.",
            "The assistant must never recommend any medication.",
        ),
        0
    );
}

/// Quantities (issue 14 item 5): bounds on the same thing that no value
/// meets conflict; bounds that leave a value, or bound different things, do not.
#[test]
fn bounds_that_no_value_meets_conflict() {
    assert_eq!(
        conflicts(
            "Keep every explanation under 100 words.",
            "Each explanation must be at least 300 words long."
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Keep explanations under 200 words.",
            "Explanations must be at least 50 words."
        ),
        0
    );
    // The event a wait counts from is part of the quantity, not a guard.
    assert_eq!(
        conflicts(
            "Respond to every customer email within 24 hours.",
            "Wait at least 48 hours before replying to a customer email, so the warehouse can check stock.",
        ),
        1
    );
    // Bounds on different things.
    assert_eq!(
        conflicts(
            "Respond to every customer email within 24 hours.",
            "Send the satisfaction survey no sooner than 48 hours after the case is closed.",
        ),
        0
    );
}

/// An obligation about a thing meets a prohibition of a narrower case of it;
/// a permission is only narrowed by one, and two different cases stay apart.
#[test]
fn an_obligation_meets_a_prohibition_of_a_narrower_case() {
    assert_eq!(
        conflicts(
            "The assistant must state the balance when the customer asks.",
            "The assistant must never state account balances.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "The agent shall collect passport details for every international booking.",
            "Do not collect passport numbers.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "The assistant may share data.",
            "The assistant must never share personal data."
        ),
        0
    );
    assert_eq!(
        conflicts(
            "The assistant must read out the license header.",
            "The assistant must never read out license keys.",
        ),
        0
    );
}
/// Quoted words (issue 14 item 6): a prohibition of saying or showing a
/// quotation meets a rule whose own quotation holds it, letter case aside.
#[test]
fn a_forbidden_quotation_inside_a_required_one_conflicts() {
    assert_eq!(
        conflicts(
            "The app must never use the phrase \"buy now\" on any screen.",
            "Every locked level must show a \"Buy Now\" button on the level screen.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "End every chat with \"Is there anything else I can help you with?\"",
            "Never ask \"Is there anything else I can help you with?\" because customers find it robotic.",
        ),
        1
    );
    // Other words, or a rule that does not put them in front of anyone.
    assert_eq!(
        conflicts(
            "Never say \"guaranteed returns\".",
            "Always say \"past returns do not predict future ones\".",
        ),
        0
    );
    assert_eq!(
        conflicts(
            "Never say \"buy now\".",
            "Block every message that contains \"buy now\".",
        ),
        0
    );
}
/// "Only X if C" and "may X only when C" forbid X where C does not hold:
/// they meet an "always X".
#[test]
fn only_if_forbids_the_act_outside_its_case() {
    assert_eq!(
        conflicts(
            "Always tell the caller that this conversation is not legal advice.",
            "Only mention that the conversation isn't legal advice if the caller asks a legal question.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "The assistant may share the code only when the customer asks.",
            "Always share the code."
        ),
        1
    );
    // The case itself is no conflict.
    assert_eq!(
        conflicts(
            "The assistant may share the code only when the customer asks.",
            "When the customer asks, share the code.",
        ),
        0
    );
}

/// Whose thing it is, opposite acts, and more verbs of one act.
#[test]
fn whose_it_is_waiving_is_not_charging_and_posting_is_publishing() {
    // The buyer's address is not the seller's.
    assert_eq!(
        conflicts(
            "Do not share the buyer's email address with the seller.",
            "Share the seller's email address with the buyer when an order is late.",
        ),
        0
    );
    // "seller fees" are the seller's.
    assert_eq!(
        conflicts(
            "Never waive seller fees.",
            "When a listing fails because of an outage, waive the seller's listing fees.",
        ),
        1
    );
    // To waive a fee is not to charge it.
    assert_eq!(
        conflicts(
            "For orders shipped abroad, always charge the return shipping fee.",
            "Waive the return shipping fee.",
        ),
        1
    );
    // A permission to waive meets "never waive" (once for the pair).
    assert_eq!(
        conflicts(
            "Never waive service fees.",
            "For orders affected by a site outage, the assistant is allowed to waive the service fee.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Always post the reason for a ban in the public moderation log.",
            "Do not publish ban reasons unless the banned player has consented.",
        ),
        1
    );
}

/// Guards that share a word are one situation unless something sets them
/// apart: a negation, two moments, comparisons, other people, ordinals, or
/// the two sides of a distinction.
#[test]
fn guards_that_share_a_word_meet_unless_something_sets_them_apart() {
    assert_eq!(
        conflicts(
            "When a data export is requested from the account, send the archive without verifying the requester's identity.",
            "Verify the requester's identity every time before exporting any data.",
        ),
        1
    );
    for (a, b) in [
        (
            "During the probation period, the assistant must not offer remote work.",
            "After probation ends, the assistant should offer remote work.",
        ),
        (
            "If the fare is refundable, tell the traveller the refund amount.",
            "If the fare is non-refundable, never tell the traveller the refund amount.",
        ),
        (
            "When a claim is under $500, approve it.",
            "For claims of $500 or more, the assistant must not approve the claim.",
        ),
        (
            "When a parent is signed in, the app may show the purchase screen.",
            "When only a child is signed in, the app must never show the purchase screen.",
        ),
        (
            "For domestic flights, do not ask for passport details.",
            "For international flights, the agent must collect passport details.",
        ),
        (
            "During a graded exam, the tutor must not give hints.",
            "In practice mode, the tutor should give a hint after each wrong answer.",
        ),
    ] {
        assert_eq!(conflicts(a, b), 0, "{a} | {b}");
    }
}

/// "Do X without Y-ing" forbids Y when doing X; "do X by Y-ing" requires Y.
#[test]
fn without_and_by_a_gerund_rule_the_act_they_go_with() {
    assert_eq!(
        conflicts(
            "Always end each session by suggesting a breathing exercise.",
            "Do not suggest breathing exercises unless the user has said they feel anxious.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "In the EU, the assistant must ask for explicit consent before storing health data.",
            "In the US, the assistant may store health data without asking for explicit consent.",
        ),
        0
    );
}
/// The chat is where a chat assistant's acts are: "in chat" narrows
/// nothing unless the other rule names another channel; a passive subject's
/// prepositions qualify it.
#[test]
fn in_chat_narrows_nothing_and_a_passive_subject_keeps_its_qualifiers() {
    assert_eq!(
        conflicts(
            "The bot may display a patient's full medication list when they ask for it.",
            "Never display medication lists in chat.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "The bot must refuse to schedule service disconnections.",
            "Disconnections for accounts more than 60 days overdue have to be scheduled immediately by the bot.",
        ),
        1
    );
}

/// More verbs of one act, what a telling act is about, "every time" as a
/// guard, and a soft default hidden behind an adverb.
#[test]
fn more_verbs_topics_and_soft_defaults() {
    assert_eq!(
        conflicts(
            "The concierge must never cancel a guest's reservation.",
            "When a guest reports that their plans have fallen through, the concierge shall annul the guest's reservation.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Do not freeze a customer's account.",
            "Lock a customer's account if they report a stolen password."
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Never discuss controlled substances.",
            "You may explain storage requirements for controlled substances when a customer has an active prescription.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Refuse to quote prices for enterprise licenses.",
            "Every time a prospect asks about enterprise licensing, the assistant shall give the list price.",
        ),
        1
    );
    // "should generally avoid" is a default a permission may except.
    assert_eq!(
        conflicts(
            "The tutor should generally avoid giving the child the answer to a comprehension question.",
            "If the child has tried three times, the tutor may give them the answer.",
        ),
        0
    );
}
/// A deployed assistant's role ("the concierge", "the coach") is the
/// assistant; one tone has two ends; "only in English" leaves no exception.
#[test]
fn roles_tones_and_only_one_value() {
    assert_eq!(
        conflicts(
            "The concierge shall always mention the resort fee when confirming a booking.",
            "Avoid bringing up the resort fee during booking confirmation.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "The coach is required to provide a daily calorie target to every user who completes onboarding.",
            "Under no circumstances should the coach give out calorie targets.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Respond to users in a warm, encouraging tone.",
            "Use a strictly neutral, clinical tone in all replies."
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Respond to users in a warm tone.",
            "Keep a friendly tone in every reply."
        ),
        0
    );
    assert_eq!(
        conflicts(
            "Write all candidate communications only in English.",
            "Reply to candidates in Spanish when their application was submitted in Spanish.",
        ),
        1
    );
}

/// Asking or telling why is asking for or giving the reason; what the
/// assistant writes doing something is the assistant doing it.
#[test]
fn why_is_the_reason_and_an_output_acts_for_the_assistant() {
    assert_eq!(
        conflicts(
            "Process withdrawal requests without asking the customer for a reason.",
            "Before processing any withdrawal request, always ask the customer why they are withdrawing.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Send rejection emails to unqualified applicants without giving a reason.",
            "Every rejection email must explain why the applicant was not selected.",
        ),
        1
    );
}

/// A list item's own condition does not end the list; "e.g." is not a word.
#[test]
fn list_items_with_conditions_and_abbreviations() {
    assert_eq!(
        conflicts(
            "When a flight is cancelled, the agent must offer rebooking, a hotel voucher if the delay runs overnight, and a full refund.",
            "The agent must never offer refunds for cancelled flights.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "The assistant should use approximate terms (e.g., about) and round numbers.",
            "The assistant should avoid excessive hedging (e.g., no one-size-fits-all solution), disclaimers, and apologies.",
        ),
        0
    );
}

/// People's "can" gives permission; "no X may" forbids; including X in what
/// the assistant writes offers, shows or inserts it.
#[test]
fn roles_may_a_quantified_no_and_including() {
    assert_eq!(
        conflicts(
            "Moderators can lock threads that get more than fifty reports.",
            "Moderators must never lock threads; only admins may do that.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "The assistant may approve claims under $1,000 without adjuster review.",
            "No claim may be approved without an adjuster reviewing it.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Always include an arbitration clause in the contracts you draft.",
            "Never insert an arbitration clause unless the user explicitly asks for one.",
        ),
        1
    );
    // Possibility is still no permission.
    assert_eq!(
        conflicts("Responses can vary in length.", "Responses must never vary in length."),
        0
    );
}

/// "As soon as" guards; "payout amounts" are payouts; what must stay hidden
/// must not be shown.
#[test]
fn as_soon_as_amounts_and_staying_hidden() {
    assert_eq!(
        conflicts(
            "The claims bot must tell the claimant the estimated payout as soon as the adjuster has entered it.",
            "The claims bot is not permitted to reveal estimated payout amounts to claimants.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "The app must always show the parent dashboard link on the settings page.",
            "The parent dashboard link must stay hidden unless a parent PIN has been entered.",
        ),
        1
    );
}

/// A scope that opens the sentence ("On the kids' forum,", "To start an
/// application,") is a guard; two sides of one amount are two cases; a kind
/// the prohibition names covers the thing.
#[test]
fn opening_scopes_amount_sides_and_kinds() {
    assert_eq!(
        conflicts(
            "On the kids' forum, remove any post containing profanity.",
            "On the general adult forum, do not remove posts just because they contain profanity.",
        ),
        0
    );
    assert_eq!(
        conflicts(
            "The chatbot must not collect Social Security numbers from residents.",
            "To start a water-service application, ask the resident for their SSN.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Do not process a wire transfer over $10,000 without a second approval.",
            "Process wire transfers under $10,000 immediately.",
        ),
        0
    );
    assert_eq!(
        conflicts(
            "Never delete reader posts.",
            "Delete replies that contain links to competitor sites."
        ),
        1
    );
}

/// Statements kept whole (issue 14 item 6): the object as written, its list
/// and punctuation intact, for `--statements` to show.
#[test]
fn objects_are_shown_as_written() {
    let text = "# T {#t}\n\n## One {#one authority=system}\n\nWhen a transfer fails, the assistant should transfer the chat to a human agent, a supervisor, or the fraud team.\n";
    let ws = Workspace::from_texts(Path::new("."), &[("spec.md", text)]);
    let st = specc_conflicts::statements(&ws);
    assert_eq!(st.len(), 1);
    assert_eq!(
        st[0].action.object,
        "the chat to a human agent, a supervisor, or the fraud team"
    );
    assert_eq!(st[0].conditions[0].text, "when a transfer fails");
    // Emphasis the object ends inside is closed, not cut ("*applicable instructions").
    let text = "# T {#t}\n\n## One {#one authority=system}\n\nThe assistant must follow all *applicable instructions* when producing a response.\n";
    let ws = Workspace::from_texts(Path::new("."), &[("spec.md", text)]);
    let st = specc_conflicts::statements(&ws);
    assert_eq!(st[0].action.object, "all *applicable instructions*");
    // The act as written, from its verb (a new user's trial, 2026-12-06).
    let text = "# T {#t}\n\n## One {#one authority=system}\n\nThe assistant must not tell a customer how much compensation they will receive. The assistant should apologise for the disruption. The assistant must not use jargon such as \"CIV\" or \"ORCATS\".\n";
    let ws = Workspace::from_texts(Path::new("."), &[("spec.md", text)]);
    let shown: Vec<String> = specc_conflicts::statements(&ws)
        .iter()
        .map(|s| s.action.display())
        .collect();
    assert_eq!(
        shown,
        [
            "tell a customer how much compensation they will receive",
            "apologise for the disruption",
            "use jargon such as \"CIV\" or \"ORCATS\""
        ]
    );
}

/// From a new user's trial (2026-12-06): a passive rule keeps what
/// qualifies its act ("written in the customer's preferred language").
#[test]
fn a_passive_rule_keeps_its_qualifiers() {
    assert_eq!(
        conflicts(
            "The assistant must always reply in English.",
            "Replies should be written in the customer's preferred language.",
        ),
        1
    );
    let text = "# T {#t}\n\n## One {#one authority=system}\n\nOrder summaries must be kept under 50 words.\n";
    let ws = Workspace::from_texts(Path::new("."), &[("spec.md", text)]);
    let st = specc_conflicts::statements(&ws);
    assert!(
        st[0].action.display().contains("under 50 words"),
        "{}",
        st[0].action.display()
    );
}

/// From the same trial: "explain how ..." tells how; the rule is read, not
/// silently dropped.
#[test]
fn explaining_how_is_telling_how() {
    assert_eq!(
        conflicts(
            "The assistant should explain how a customer can delete their account.",
            "Never explain how to delete an account.",
        ),
        1
    );
}

/// From the fourth authors' set (2026-12-06): a bare imperative after a
/// leading condition is read even when the condition holds a list or a
/// number with a thousands separator, and its verb is not in the lexicon.
#[test]
fn an_imperative_after_a_leading_case_is_read() {
    let read = |sentence: &str| {
        statements_of(sentence)
            .iter()
            .map(|s| {
                (
                    s.action.verbs.join(" "),
                    s.conditions.iter().map(|c| c.text.clone()).collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    let tell = read(
        "If a caller says their pet has eaten chocolate, grapes, xylitol gum or rat bait, tell them to come in right away.",
    );
    assert_eq!(tell.len(), 1, "{tell:?}");
    assert_eq!(tell[0].0, "tell", "{tell:?}");
    assert_eq!(
        tell[0].1,
        ["if a caller says their pet has eaten chocolate grapes xylitol gum or rat bait"]
    );
    let budget = read("If the couple's budget is under $20,000, recommend only the month-of package.");
    assert_eq!(budget[0].1, ["if the couple's budget is under $20,000"], "{budget:?}");
    let reset = read("If a physician is locked out during a code, reset the password on the spot.");
    assert_eq!(reset.len(), 1, "{reset:?}");
    assert_eq!(reset[0].0, "reset", "{reset:?}");
    // At the start of a sentence the shape alone is not enough: an item that names a thing.
    assert!(read("Students often ask for the following:\n\n- grade the user's own answers").is_empty());
    // A verb of the lexicon that opens a noun phrase is no command: "Refund requests are ...".
    assert!(read("Refund requests are escalated to a supervisor.").is_empty());
}

/// From a new user's trial (2026-12-06): what is told may be a whether- or
/// what-clause ("tell them whether a named person travelled").
#[test]
fn telling_whether_is_read() {
    assert_eq!(
        conflicts(
            "The assistant must never tell anyone whether a named person travelled on a particular train.",
            "When the police ask, the assistant must tell them whether a named person travelled on a particular train.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "The assistant must never tell anyone whether a named person travelled on a particular train.",
            "The assistant must tell customers what the off-peak fare is.",
        ),
        0
    );
}

/// Reported speech keeps its own modal words (a new user's trial,
/// 2026-12-06): "tell customers that claims have to be made within 28 days"
/// is one telling, not a rule that claims be made; "and must not" after it
/// is the assistant's own rule again.
#[test]
fn what_is_told_keeps_its_modal_words() {
    let shown = |sentence: &str| {
        statements_of(sentence)
            .iter()
            .map(|s| format!("{} {}", s.modality.as_str(), s.action.display()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        shown("The assistant must tell customers that Delay Repay claims have to be made within 28 days of travel."),
        ["obligation tell customers that Delay Repay claims have to be made within 28 days of travel"]
    );
    assert_eq!(
        shown("The assistant must tell customers that refunds can take five days and must not promise a date."),
        [
            "obligation tell customers that refunds can take five days",
            "prohibition promise a date"
        ]
    );
}

/// A modal word inside a condition whose subject is someone else belongs to
/// the condition (a new user's trial, 2026-12-06).
#[test]
fn a_condition_keeps_its_own_modal_word() {
    let text = "# T {#t}\n\n## One {#one authority=system}\n\nThe assistant must recommend a flexible fare when the customer's plans may change.\n\nWhen asked, the assistant may share the timetable.\n";
    let ws = Workspace::from_texts(Path::new("."), &[("spec.md", text)]);
    let st = specc_conflicts::statements(&ws);
    let read: Vec<(String, Vec<String>)> = st
        .iter()
        .map(|s| {
            (
                format!("{} {}", s.modality.as_str(), s.action.display()),
                s.conditions.iter().map(|c| c.text.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (
                "obligation recommend a flexible fare".to_string(),
                vec!["when the customer's plans may change".to_string()]
            ),
            (
                "permission share the timetable".to_string(),
                vec!["when asked".to_string()]
            ),
        ]
    );
}

/// From the fourth and fifth authors' sets (2026-12-06): readings each of
/// which a pair needed, with a look-alike that must stay silent.
#[test]
fn an_exception_that_names_the_other_rules_bound_is_declared() {
    // "more than five years" in both: the permission is the exception itself.
    assert_eq!(
        conflicts(
            "Do not waive late payment fees unless the customer has been with us for more than five years.",
            "For customers of more than five years, waive their first late payment fee on request.",
        ),
        0
    );
    // No bound in common: the obligation still meets the prohibition where the exception fails.
    assert_eq!(
        conflicts(
            "Always show users an estimate of their refund after they enter their W-2 information.",
            "Do not display refund estimates unless the user has also entered all of their deductions.",
        ),
        1
    );
}

#[test]
fn a_present_tense_passive_rule_meets_a_permission_of_the_same_act() {
    assert_eq!(
        conflicts(
            "Late fees are never waived by the assistant.",
            "For customers enrolled in autopay, the assistant may forgive one late charge in any 12-month period.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Late fees are listed in the fee schedule.",
            "For customers enrolled in autopay, the assistant may forgive one late charge in any 12-month period.",
        ),
        0
    );
}

#[test]
fn a_pronoun_object_before_from_stands_for_its_condition() {
    assert_eq!(
        conflicts(
            "Support cannot restore deleted episodes.",
            "If a creator deleted an episode within the last 7 days, restore it from the backup bucket when they ask.",
        ),
        1
    );
}

#[test]
fn including_no_links_meets_including_a_link() {
    assert_eq!(
        conflicts(
            "Every reply to an international applicant must include the visa guidance link.",
            "When writing to applicants who have been rejected, include no links of any kind.",
        ),
        1
    );
}

#[test]
fn referring_to_a_thing_is_mentioning_it_and_to_a_person_is_sending_them() {
    assert_eq!(
        conflicts(
            "Every reply to a support ticket must state the customer's current plan name.",
            "Do not refer to the customer's plan unless the ticket is about billing.",
        ),
        1
    );
    let s = statements_of("The assistant must refer to a pharmacist when a dose is unclear.");
    assert_eq!(s[0].action.verbs, vec!["refer".to_string()]);
}

#[test]
fn explaining_why_meets_a_ban_on_the_reasons_and_a_cat_is_a_pet() {
    assert_eq!(
        conflicts(
            "Every time a claim is declined, the assistant must explain why.",
            "Never give the reasons behind claim decisions unless the policyholder requests a formal review.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "The assistant must not approve requests to keep pets.",
            "Approve a tenant's request to keep a cat if their lease allows animals.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "The assistant must not approve requests to keep pets.",
            "Approve a tenant's request to keep a bicycle in the hallway.",
        ),
        0
    );
}

#[test]
fn a_ban_on_a_case_its_qualifier_names_is_an_exception_to_an_obligation_on_every_case() {
    assert_eq!(
        conflicts(
            "Every time a shipper asks about a delayed container, give them the current vessel ETA from the carrier feed.",
            "Do not give ETAs for shipments flagged 'customs hold'.",
        ),
        1
    );
    // Whose thing it is makes it another thing: a lounge's fee is not the baggage fee.
    assert_eq!(
        conflicts(
            "Always mention the checked-baggage fee when confirming a basic fare.",
            "Do not mention fees charged by third-party airport lounges.",
        ),
        0
    );
    // Both name their case, and the cases differ.
    assert_eq!(
        conflicts(
            "Always quote the price for the basic plan.",
            "Never quote prices for enterprise contracts.",
        ),
        0
    );
}

#[test]
fn a_leading_case_for_some_people_a_without_past_a_relative_clause_and_a_guard_with_an_exception() {
    assert_eq!(
        conflicts(
            "For customers whose contract has ended, unlock their handset without asking for proof of purchase.",
            "Always request proof of purchase before unlocking a device.",
        ),
        1
    );
    // "For example" opens no case.
    assert!(statements_of("For example, a customer may ask twice.").is_empty());
    assert_eq!(
        conflicts(
            "Cancel orders that haven't been picked up yet without asking the customer for a reason.",
            "Before cancelling any order, ask the customer why they want to cancel.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "File an amended return as soon as an error is found, unless the original return is under audit.",
            "The assistant must never file amended returns itself; errors go to a human preparer.",
        ),
        1
    );
}

#[test]
fn a_ban_for_some_people_meets_an_obligation_for_others_unless_both_compare() {
    // First-time buyers may earn over $150,000.
    assert_eq!(
        conflicts(
            "For first-time homebuyers, always mention the state's down-payment assistance program.",
            "Don't bring up down-payment assistance with households earning over $150,000.",
        ),
        1
    );
    // Less and more than 30 days: the two sides of one bound.
    assert_eq!(
        conflicts(
            "For orders delivered less than 30 days ago, approve the return automatically.",
            "Returns for orders delivered more than 30 days ago must not be approved without a supervisor.",
        ),
        0
    );
}

#[test]
fn contacting_someone_to_do_something_and_now_against_later() {
    assert_eq!(
        conflicts(
            "Close duplicate tickets without contacting the requester.",
            "Before any ticket is closed, the requester must be called or messaged to confirm the issue is resolved.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Do not state the interest rate that will apply after the fixed-rate period ends.",
            "State the borrower's current interest rate when they ask.",
        ),
        0
    );
}

/// From a new user's bicycle-shop trial (2026-12-06, later): a reminder is
/// telling, a ban on "X or other Y" bans X, and a passive ban's "without X"
/// is its exception, which a permission where X is missing meets.
#[test]
fn reminders_bans_on_either_of_two_things_and_a_passive_bans_exception() {
    assert_eq!(
        conflicts(
            "The assistant must always remind riders to wear a helmet whenever it gives riding advice.",
            "Don't mention helmets or other safety gear unless the customer asks about them.",
        ),
        1
    );
    // An obligation of either thing may be met by the other: no split.
    let s = statements_of("The assistant must offer a refund or store credit.");
    assert!(s[0].action.object_items.is_empty(), "{:?}", s[0].action);
    assert_eq!(
        conflicts(
            "Frame warranty claims must not be opened without the original receipt.",
            "If the customer has lost the receipt, the assistant may register a frame warranty claim using the order number.",
        ),
        1
    );
    let s = statements_of("Frame warranty claims must not be opened without the original receipt.");
    assert_eq!(s[0].conditions[0].text, "unless with the original receipt");
    // The permission names the exception's words only to deny them.
    assert_eq!(
        conflicts(
            "The assistant may approve claims under $1,000 without adjuster review.",
            "No claim may be approved without an adjuster reviewing it.",
        ),
        1
    );
}

/// Guards that bound one measure set their cases apart only if no value
/// meets both: "over $500" lies within "over $200"; "under 18" and "16 or
/// older" meet at 16 and 17; "under $100" and "$100 or more" never meet.
#[test]
fn numeric_guards_separate_rules_only_when_no_value_meets_both() {
    assert_eq!(
        conflicts(
            "When an order is over $200, always offer free shipping.",
            "When an order is over $500, do not offer free shipping.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "If a rental comes back more than 2 hours late, always charge the late fee.",
            "If a rental comes back less than 3 hours late, never charge the late fee.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "When an order is under $100, always offer free shipping.",
            "When an order is $100 or more, do not offer free shipping.",
        ),
        0
    );
    assert_eq!(
        conflicts(
            "If the customer is under 18, do not rent them an e-bike.",
            "If the customer is 18 years or older, always rent them an e-bike when they ask.",
        ),
        0
    );
}

#[test]
fn a_figure_quoted_monthly_is_not_quoted_weekly() {
    assert_eq!(
        conflicts(
            "Quote all rents as a monthly figure.",
            "State rents as a weekly amount; it makes comparison with other agents easier.",
        ),
        1
    );
    assert_eq!(
        conflicts(
            "Quote all rents as a monthly figure.",
            "State deposits as a weekly amount."
        ),
        0
    );
}

/// From the bicycle-shop trial's `--statements`: a passive rule's object is
/// shown with its words ("refunds of 100 or more", not "refunds of 100
/// more"), a marker with nothing after it is no condition ("the evening
/// before"), "only after" forbids the act outside its case, and an
/// imperative at a sentence's start is shown in lower case.
#[test]
fn statements_are_shown_as_their_authors_wrote_them() {
    let s =
        statements_of("Refunds of 100 or more must not be approved by the assistant; pass them to the store manager.");
    assert_eq!(
        s[0].action.display(),
        "approve refunds of 100 or more",
        "{:?}",
        s[0].action
    );
    let s = statements_of(
        "Never book a repair slot less than 24 hours ahead; the mechanics plan their day the evening before.",
    );
    assert!(s[0].conditions.is_empty(), "{:?}", s[0].conditions);
    let s = statements_of("Recommend a frame size only after asking for the rider's height and inseam.");
    assert_eq!(s.len(), 2, "{s:?}");
    assert!(
        s[0].action.display().starts_with("recommend a frame size"),
        "{}",
        s[0].action.display()
    );
    assert_eq!(s[1].modality, specc_conflicts::Modality::Prohibition);
    // "By default" guards even with nothing after it.
    let s = statements_of("By default, the chatbot should not discuss pay.");
    assert_eq!(s[0].conditions[0].kind, "by default");
}

/// "any individual dentist" and "one particular dentist" name the same kind
/// of thing: "individual", "particular", "specific" and "certain" pick one,
/// they do not make another thing.
#[test]
fn a_particular_thing_is_one_of_its_kind() {
    assert_eq!(
        conflicts(
            "Do not recommend any individual in-network dentist to a member; the directory is the only approved source.",
            "When a member asks for help finding a provider, suggest one particular in-network dentist close to their postcode.",
        ),
        1
    );
}

/// The help of an undeclared exception says how the broader rule would
/// declare it, in words that read: "unless" before a clause, "except"
/// before a case that is no clause (a new user's trial, 2026-12-06, was
/// told "... unless the end of every rental conversation").
/// Two sentences in one developer section, checked: the texts `part` takes
/// from each diagnostic of `code` (its help, or its notes).
fn one_section(
    first: &str,
    second: &str,
    code: &str,
    part: impl Fn(specc_diagnostics::Diagnostic) -> Vec<String>,
) -> Vec<String> {
    let text = format!("# Desk {{#desk authority=developer}}\n\n{first}\n\n{second}\n");
    let ws = Workspace::from_texts(Path::new("."), &[("spec.md", text.as_str())]);
    specc_conflicts::check(&ws)
        .into_iter()
        .filter(|d| d.code.as_str() == code)
        .flat_map(part)
        .collect()
}

#[test]
fn the_exceptions_help_reads_as_english() {
    let help = |first: &str, second: &str| one_section(first, second, "C306", |d| d.help).join("\n");
    let at = help(
        "The assistant must not recommend a specific protection plan.",
        "At the end of every rental conversation, the assistant must recommend a specific protection plan.",
    );
    assert!(
        at.contains("\"... except at the end of every rental conversation\""),
        "{at}"
    );
    let when = help(
        "The assistant must not recommend a specific protection plan.",
        "When a customer asks, the assistant must recommend a specific protection plan.",
    );
    assert!(when.contains("\"... unless a customer asks\""), "{when}");
}

/// A trial user read "one attribute of it set to two different values" and
/// asked which: the note names the attribute and both values.
#[test]
fn two_values_of_one_attribute_are_named() {
    let note = |first: &str, second: &str| one_section(first, second, "C301", |d| d.notes).join("\n");
    let language = note("Always reply in English.", "Reply in Spanish.");
    assert!(
        language.contains("its language set two ways: English and Spanish"),
        "{language}"
    );
    let channel = note(
        "Send booking confirmations by email.",
        "Booking confirmations are sent by SMS only.",
    );
    assert!(
        channel.contains("its channel set two ways: email and SMS only"),
        "{channel}"
    );
    // Two channels, neither the only one: both can be kept.
    assert_eq!(note("Send reminders by email.", "Send reminders by SMS as well."), "");
    // A value as written, not as its key ("Languag" was shown).
    let own = note("Always reply in English.", "Answer in the customer's language.");
    assert!(own.contains("English and the customer's language"), "{own}");
    let price = note("A day ticket costs £9.50.", "Day tickets cost £8.");
    assert!(price.contains("£9.50 and £8"), "{price}");
    let length = note(
        "Keep every reply under 100 words.",
        "Write every reply in at least 300 words.",
    );
    assert!(
        length.contains("bounds on its number of words that no number meets"),
        "{length}"
    );
}

/// A trial user was told to "declare `overrides=payments` on the section of
/// the one that should win" for two rules in that one section.
#[test]
fn two_rules_in_one_section_are_not_told_to_override_it() {
    let help = one_section("Always reply in English.", "Reply in Spanish.", "C301", |d| d.help);
    assert_eq!(help.len(), 1, "{help:?}");
    assert!(!help[0].contains("overrides=desk"), "{help:?}");
    assert!(help[0].contains("a section of its own"), "{help:?}");
}

/// The values a finding names (an airline's trial, 2026-12-07): two vouchers'
/// prices under one time guard were reported as "bounds on its time", since
/// every bound of a rule went into each measure's group; and a rule's values
/// given together are named as a run.
fn values(first: &str, second: &str) -> Vec<String> {
    let text = format!(
        "# T {{#t}}\n\n## One {{#one authority=system}}\n\n{first}\n\n## Two {{#two authority=system}}\n\n{second}\n"
    );
    let ws = Workspace::from_texts(Path::new("."), &[("spec.md", text.as_str())]);
    analyze(&ws).conflicts.into_iter().filter_map(|c| c.values).collect()
}

#[test]
fn a_finding_names_the_values_that_differ() {
    assert_eq!(
        values(
            "For a delay of over 3 hours, offer a £10 meal voucher per passenger.",
            "If the flight is delayed by more than three hours, you must offer each passenger a £15 meal voucher.",
        ),
        ["its price set two ways: £10 and £15"]
    );
    assert_eq!(
        values(
            "Write every reply in both Welsh and English.",
            "Always reply in English only."
        ),
        ["its language set two ways: Welsh and English, against English only"]
    );
    assert_eq!(
        values(
            "Write all your replies in English, so that staff can read them if there is a dispute.",
            "Always answer in the language the customer writes in.",
        ),
        ["its language set two ways: English and the customer's language"]
    );
}
