//! Decisions and their reasons, as JSON and as a plain-text table.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The four decisions, from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Outcome {
    /// No measure applies.
    #[serde(rename = "CLEAR")]
    Clear,
    /// An indicator needs a human look (partial region, weak name match, red flag).
    #[serde(rename = "REVIEW")]
    Review,
    /// Allowed only with a permission or approval (often not granted in practice).
    #[serde(rename = "PERMISSION_REQUIRED")]
    PermissionRequired,
    /// Prohibited.
    #[serde(rename = "PROHIBITED")]
    Prohibited,
}

impl Outcome {
    /// The upper-case name used in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Clear => "CLEAR",
            Outcome::Review => "REVIEW",
            Outcome::PermissionRequired => "PERMISSION_REQUIRED",
            Outcome::Prohibited => "PROHIBITED",
        }
    }
}

/// Where in the document a value was found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldRef {
    /// XML path, MT tag (`:59:` line 2) or JSON pointer.
    pub location: String,
    /// The value found there.
    pub value: String,
}

/// A list entry a party matched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListMatch {
    /// Dataset name.
    pub dataset: String,
    /// List version the hit came from.
    pub version: Option<String>,
    /// Entity id.
    pub entity_id: String,
    /// Entity caption.
    pub caption: String,
    /// Match score 0..1.
    pub score: f64,
    /// The list name that matched.
    pub matched_name: String,
    /// The entity's programs.
    pub programs: Vec<String>,
    /// How the party relates to the listed entity (`listed`, `owned 60 % by …`, `bic`).
    pub relation: String,
}

/// One reason of a decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The outcome this reason leads to.
    pub outcome: Outcome,
    /// The measure, when the reason comes from one.
    pub measure_id: Option<String>,
    /// The policy file the measure belongs to.
    pub policy: Option<String>,
    /// Measure kind.
    pub kind: Option<String>,
    /// Title of the measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Title of the measure in Japanese, if the policy gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_ja: Option<String>,
    /// Legal basis of the measure.
    pub legal_basis: Vec<String>,
    /// Legal basis in Japanese, entry by entry, if the policy gives it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis_ja: Vec<String>,
    /// Effective date of the measure.
    pub effective: Option<NaiveDate>,
    /// End date of the measure.
    pub ended: Option<NaiveDate>,
    /// Whether the measure has facts marked uncertain.
    pub uncertain: bool,
    /// Human explanation.
    pub summary: String,
    /// The list entry matched, if any.
    pub list: Option<ListMatch>,
    /// Fields of the document that triggered the reason.
    pub fields: Vec<FieldRef>,
    /// Goods line index (0-based), if the reason concerns one line.
    pub line: Option<usize>,
}

impl Reason {
    /// A reason that cites no measure (missing data, a list entry no loaded
    /// measure governs, an uncovered region).
    pub fn note(outcome: Outcome, summary: String, fields: Vec<FieldRef>) -> Reason {
        Reason {
            outcome,
            measure_id: None,
            policy: None,
            kind: None,
            title: None,
            title_ja: None,
            legal_basis: Vec::new(),
            legal_basis_ja: Vec::new(),
            effective: None,
            ended: None,
            uncertain: false,
            summary,
            list: None,
            fields,
            line: None,
        }
    }
}

/// The decision on one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// Document kind (`party`, `trade`, `payment`, `securities_order`, `oil_cargo`).
    pub document: String,
    /// Document identifier (message id, reference), if any.
    pub reference: Option<String>,
    /// The date the measures and lists were evaluated at.
    pub as_of: NaiveDate,
    /// Overall outcome: the most severe reason's, CLEAR when there is none.
    pub outcome: Outcome,
    /// Per-line outcomes of a trade transaction.
    pub lines: Vec<Outcome>,
    /// All reasons, most severe first.
    pub reasons: Vec<Reason>,
    /// Policies (id@version) the decision used.
    pub policies: Vec<String>,
    /// Number of fields screened.
    pub fields_screened: usize,
}

impl Decision {
    /// Builds a decision from its reasons, sorting them and computing the outcome.
    pub fn from_reasons(
        document: &str,
        reference: Option<String>,
        as_of: NaiveDate,
        mut reasons: Vec<Reason>,
        line_count: usize,
        policies: Vec<String>,
        fields_screened: usize,
    ) -> Self {
        reasons.sort_by(|a, b| b.outcome.cmp(&a.outcome).then(a.measure_id.cmp(&b.measure_id)));
        reasons.dedup();
        let outcome = reasons.first().map_or(Outcome::Clear, |r| r.outcome);
        let mut lines = vec![Outcome::Clear; line_count];
        for r in &reasons {
            if let Some(slot) = r.line.and_then(|i| lines.get_mut(i)) {
                *slot = (*slot).max(r.outcome);
            }
        }
        Decision {
            document: document.to_string(),
            reference,
            as_of,
            outcome,
            lines,
            reasons,
            policies,
            fields_screened,
        }
    }
}

/// Renders a decision as a plain-text table (for `seisai check --format table`).
pub fn render_table(decision: &Decision) -> String {
    let mut out = format!(
        "{} {} as of {}: {}\n",
        decision.document,
        decision.reference.as_deref().unwrap_or("-"),
        decision.as_of,
        decision.outcome.as_str()
    );
    if decision.reasons.is_empty() {
        out.push_str("  no measure applies\n");
        return out;
    }
    let header = ["OUTCOME", "MEASURE", "EFFECTIVE", "LEGAL BASIS", "WHERE", "WHY"];
    let rows: Vec<[String; 6]> = decision
        .reasons
        .iter()
        .map(|r| {
            let mut why = r.summary.clone();
            if let Some(l) = &r.list {
                why.push_str(&format!(
                    " [{} {} {:?} score {:.2}]",
                    l.dataset,
                    l.version.as_deref().unwrap_or("?"),
                    l.caption,
                    l.score
                ));
            }
            if r.uncertain {
                why.push_str(" (uncertain facts)");
            }
            [
                r.outcome.as_str().to_string(),
                r.measure_id.clone().unwrap_or_else(|| "-".into()),
                r.effective.map_or("-".into(), |d| d.to_string()),
                if r.legal_basis.is_empty() { "-".into() } else { r.legal_basis.join("; ") },
                if r.fields.is_empty() {
                    "-".into()
                } else {
                    r.fields.iter().map(|f| f.location.as_str()).collect::<Vec<_>>().join(", ")
                },
                why,
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()).take(5) {
            *w = (*w).max(cell.chars().count()).min(48);
        }
    }
    let line = |cells: [&str; 6]| {
        let mut s = String::from(" ");
        for (i, c) in cells.iter().enumerate() {
            s.push(' ');
            s.push_str(c);
            if i < 5 {
                let pad = widths[i].saturating_sub(c.chars().count());
                s.push_str(&" ".repeat(pad));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    out.push_str(&line(header));
    for row in &rows {
        out.push_str(&line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]));
    }
    out
}
