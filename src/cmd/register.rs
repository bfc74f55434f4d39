//! `ocop register`: import a scored round into the certificate register, and read it back:
//! what is due for re-rating on a date, each product's latest result, one product's history.
//! The register itself is `ocop::register`; this file wires arguments, reports and listings.

use std::process::ExitCode;

use anyhow::Result;
use ocop::register::{
    self, Due, Entry, ListFilter, ProductRecord, Register, RoundInput, RoundMeta,
};
use ocop::report::{Report, ReportOptions};

use super::io::score_inputs;
use super::listing::{Column, Listing, Value, col, data, num};
use super::{UsageError, edition, exit};
use crate::cli::{
    DbArgs, RegisterAction, RegisterArgs, RegisterDueArgs, RegisterHistoryArgs, RegisterImportArgs,
    RegisterListArgs,
};

/// Human strings, from the catalogues.
mod text {
    use super::super::{tr, tr_args};

    pub const NOTHING_RECORDED: &str = "outcome-nothing-recorded";
    pub fn recorded(
        round: &str,
        products: usize,
        certificates: usize,
        issued: &str,
        expires: &str,
        replaced: bool,
    ) -> String {
        tr_args(
            if replaced {
                "reg-replaced"
            } else {
                "reg-recorded"
            },
            &[
                ("round", format!("{round:?}").into()),
                ("products", products.into()),
                ("certificates", certificates.into()),
                ("issued", issued.to_string().into()),
                ("expires", expires.to_string().into()),
            ],
        )
    }
    pub fn no_register(path: &str) -> String {
        tr_args("reg-no-register", &[("path", path.to_string().into())])
    }
    pub fn nothing_due() -> String {
        tr("reg-nothing-due")
    }
    pub fn no_results() -> String {
        tr("reg-no-results")
    }
    pub fn no_history(product: &str, path: &str) -> String {
        tr_args(
            "reg-no-history",
            &[
                ("product", format!("{product:?}").into()),
                ("path", path.to_string().into()),
            ],
        )
    }
    pub fn due_title(on: &str, n: usize) -> String {
        tr_args(
            "reg-due-title",
            &[("on", on.to_string().into()), ("n", n.into())],
        )
    }
    /// The message key of a certificate's standing.
    pub fn standing(s: ocop::register::Standing) -> &'static str {
        use ocop::register::Standing::*;
        match s {
            Valid => "reg-standing-valid",
            WindowOpen => "reg-standing-window-open",
            WindowClosed => "reg-standing-window-closed",
            Extension => "reg-standing-extension",
            Expired => "reg-standing-expired",
        }
    }
    pub fn due_footer() -> String {
        tr("reg-due-footer")
    }
    pub fn list_title(n: usize) -> String {
        tr_args("reg-list-title", &[("n", n.into())])
    }
    pub fn history_title(id: &str, name: &str, n: usize) -> String {
        tr_args(
            "reg-history-title",
            &[
                ("id", id.to_string().into()),
                ("name", name.to_string().into()),
                ("n", n.into()),
            ],
        )
    }
}

pub fn run(criteria: Option<&str>, lang: ocop::l10n::Lang, args: RegisterArgs) -> Result<ExitCode> {
    match args.action {
        RegisterAction::Import(a) => import(criteria, lang, a),
        RegisterAction::Due(a) => due(a),
        RegisterAction::List(a) => list(criteria, a),
        RegisterAction::History(a) => history(a),
    }
}

/// The one adapter from today's report to the register's plain input: the only code here that
/// knows the report's shape.
pub fn round_from_report(report: &Report) -> RoundInput {
    let carried = |name: &str| report.carried.iter().position(|c| c == name);
    let (producer, commune) = (carried("producer"), carried("commune"));
    let products = report
        .products
        .iter()
        .map(|p| {
            let at = |i: Option<usize>| i.map(|i| p.carried(i)).unwrap_or_default();
            ProductRecord {
                product_id: p.id().to_string(),
                product_name: p.name().to_string(),
                set_number: p.set.number,
                producer: at(producer).to_string(),
                commune: at(commune).to_string(),
                total_sum: p.total.sum,
                members: p.total.n as u32,
                stars: p.stars,
                status: p.status.as_str().to_string(),
                certified: p.certified,
                member_totals: p
                    .members
                    .iter()
                    .map(|m| (report.member_name(m.member).to_string(), u64::from(m.total)))
                    .collect(),
            }
        })
        .collect();
    RoundInput {
        edition_id: report.edition.id().to_string(),
        edition_decision: report.edition.meta.decision.clone(),
        council_level: report.options.council.as_str().to_string(),
        products,
    }
}

fn import(
    criteria: Option<&str>,
    lang: ocop::l10n::Lang,
    args: RegisterImportArgs,
) -> Result<ExitCode> {
    let decision = args.decision.trim().to_string();
    if decision.is_empty() {
        return Err(UsageError(super::tr("usage-reg-decision")).into());
    }
    let name = args
        .round
        .as_deref()
        .map_or(decision.clone(), |r| r.trim().to_string());
    if name.is_empty() {
        return Err(UsageError(super::tr("usage-reg-round-empty")).into());
    }
    let edition = edition(criteria)?;
    let options = ReportOptions {
        council: args.council.into(),
        max_spread: args.max_spread,
    };
    let Some(report) = score_inputs(
        &edition,
        &args.input,
        false,
        options,
        text::NOTHING_RECORDED,
    )?
    else {
        return Ok(ExitCode::from(exit::INPUT));
    };
    for n in ocop::render::notices(&report, super::lang()) {
        eprintln!(
            "ocop: {}",
            super::tr_args("notice-line", &[("text", n.into())])
        );
    }
    let warnings = ocop::warnings::check(&report);
    if args.strict && !warnings.is_empty() {
        super::io::strict_failure(
            &warnings,
            lang,
            text::NOTHING_RECORDED,
            args.input.max_errors,
        );
        return Ok(ExitCode::from(exit::INPUT));
    }
    super::io::warnings_to_stderr(&warnings, lang, false, args.input.max_errors);
    let round = round_from_report(&report);
    drop(report);
    let meta = RoundMeta {
        name: name.clone(),
        decision,
        issued: args.issued,
        sources: if args.input.files.is_empty() {
            vec!["-".to_string()]
        } else {
            args.input
                .files
                .iter()
                .map(|f| f.display().to_string())
                .collect()
        },
    };
    let mut reg = open(&args.db, true)?;
    match reg.import(&meta, &round, args.replace) {
        Ok(done) => {
            println!(
                "{}",
                text::recorded(
                    &name,
                    done.products,
                    done.certificates,
                    &args.issued.to_string(),
                    &done.expires.to_string(),
                    done.replaced
                )
            );
            Ok(ExitCode::from(exit::OK))
        }
        Err(e @ register::Error::RoundExists(_)) => {
            eprintln!(
                "ocop: {}: {}; {}",
                args.db.db.display(),
                match &e {
                    register::Error::RoundExists(r) =>
                        super::tr_args("reg-round-exists", &[("round", format!("{r:?}").into())]),
                    _ => e.to_string(),
                },
                super::tr(text::NOTHING_RECORDED)
            );
            Ok(ExitCode::from(exit::INPUT))
        }
        Err(e) => Err(e.into()),
    }
}

/// Opens the register; reading commands refuse a missing file rather than create one.
fn open(db: &DbArgs, create: bool) -> Result<Register> {
    if !create && !db.db.exists() {
        return Err(UsageError(text::no_register(&db.db.display().to_string())).into());
    }
    // A file that is not a register (not SQLite, or tables ocop cannot migrate) is named
    // by mistake: wrong usage, said in the run's language.
    Register::open(&db.db).map_err(|e| {
        let not_a_register = match &e {
            register::Error::NotARegister { .. } => true,
            register::Error::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => {
                f.code == rusqlite::ErrorCode::NotADatabase
            }
            _ => false,
        };
        if not_a_register {
            UsageError(super::tr_args(
                "reg-not-a-register",
                &[("path", db.db.display().to_string().into())],
            ))
            .into()
        } else {
            anyhow::Error::from(e)
        }
    })
}

const DUE_COLUMNS: &[Column] = &[
    col("standing", "reg-col-standing"),
    col("product_id", "reg-col-product"),
    col("product_name", "reg-col-name"),
    data("set"),
    data("producer"),
    col("commune", "reg-col-commune"),
    num("stars", "★"),
    data("total"),
    data("round"),
    data("decision"),
    data("issued"),
    col("expires", "reg-col-expires"),
    num("days_to_expiry", "reg-col-days"),
    data("window_opens"),
    data("window_closes"),
    data("extension_ends"),
];

fn due(args: RegisterDueArgs) -> Result<ExitCode> {
    for s in &args.status {
        if !register::Standing::ALL.iter().any(|x| x.code() == s) {
            return Err(UsageError(super::tr_args(
                "usage-reg-standing",
                &[("status", s.clone().into())],
            ))
            .into());
        }
    }
    let on = args.on.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let reg = open(&args.db, false)?;
    let mut due = reg.due(on, args.within)?;
    if !args.status.is_empty() {
        due.retain(|d| args.status.iter().any(|s| s == d.standing.code()));
    }
    let rows: Vec<Vec<Value>> = due.iter().map(due_row).collect();
    let mut listing = Listing {
        columns: DUE_COLUMNS,
        rows,
        rows_key: "certificates",
        meta: vec![
            ("on", on.into()),
            (
                "within_days",
                args.within.map(|w| Value::Int(w.into())).into(),
            ),
        ],
        title: vec![text::due_title(&on.to_string(), due.len())],
        footer: vec![text::due_footer()],
    };
    if due.is_empty() {
        listing.title.push(text::nothing_due());
    }
    listing.write(&args.listing)?;
    Ok(ExitCode::from(exit::OK))
}

fn due_row(d: &Due) -> Vec<Value> {
    let e = &d.entry;
    let (issued, _) = e.certificate.expect("a certificate");
    vec![
        Value::Code {
            code: d.standing.code(),
            label: text::standing(d.standing),
        },
        e.product_id.as_str().into(),
        e.product_name.as_str().into(),
        Value::Int(e.set_number.into()),
        e.producer.as_str().into(),
        e.commune.as_str().into(),
        Value::Int(e.stars.into()),
        Value::Num(e.total()),
        e.round.as_str().into(),
        e.decision.as_str().into(),
        issued.into(),
        d.expires.into(),
        Value::Int(d.days_to_expiry),
        d.window.0.into(),
        d.window.1.into(),
        d.extension_end.into(),
    ]
}

const ENTRY_COLUMNS: &[Column] = &[
    col("product_id", "reg-col-product"),
    col("product_name", "reg-col-name"),
    num("set", "reg-col-set"),
    data("producer"),
    col("commune", "reg-col-commune"),
    num("total", "reg-col-total"),
    num("stars", "★"),
    col("status", "reg-col-status"),
    data("certified"),
    data("members"),
    data("round"),
    data("decision"),
    data("round_issued"),
    data("edition"),
    data("council"),
    data("certificate_issued"),
    col("certificate_expires", "reg-col-valid-until"),
];

fn entry_row(e: &Entry) -> Vec<Value> {
    vec![
        e.product_id.as_str().into(),
        e.product_name.as_str().into(),
        Value::Int(e.set_number.into()),
        e.producer.as_str().into(),
        e.commune.as_str().into(),
        Value::Num(e.total()),
        Value::Int(e.stars.into()),
        super::listing::status(&e.status),
        Value::Bool(e.certified),
        Value::Int(e.members.into()),
        e.round.as_str().into(),
        e.decision.as_str().into(),
        e.round_issued.into(),
        e.edition_id.as_str().into(),
        e.council.as_str().into(),
        e.certificate.map(|c| c.0).into(),
        e.certificate.map(|c| c.1).into(),
    ]
}

const STATUSES: [&str; 4] = ["certified", "not_certified", "disqualified", "nominated"];

fn list(criteria: Option<&str>, args: RegisterListArgs) -> Result<ExitCode> {
    let set_number = match &args.set {
        None => None,
        Some(s) => {
            let edition = edition(criteria)?;
            let Some(set) = edition.set(s) else {
                return Err(UsageError(super::tr_args(
                    "usage-no-set",
                    &[
                        ("set", s.clone().into()),
                        ("edition", edition.id().to_string().into()),
                        ("sets", edition.summaries().len().into()),
                    ],
                ))
                .into());
            };
            Some(set.number)
        }
    };
    if let Some(s) = &args.status
        && !STATUSES.contains(&s.as_str())
    {
        return Err(UsageError(super::tr_args(
            "usage-reg-status",
            &[
                ("status", s.clone().into()),
                ("statuses", STATUSES.join(", ").into()),
            ],
        ))
        .into());
    }
    let reg = open(&args.db, false)?;
    let filter = ListFilter {
        round: args.round.clone(),
        set_number,
        stars: args.stars,
        commune: args.commune.clone(),
        status: args.status.clone(),
    };
    let entries = match reg.list(&filter) {
        Err(e @ register::Error::NoSuchRound(_)) => {
            let register::Error::NoSuchRound(r) = &e else {
                unreachable!()
            };
            return Err(UsageError(super::tr_args(
                "reg-no-round",
                &[
                    ("round", format!("{r:?}").into()),
                    ("rounds", reg.rounds()?.join(", ").into()),
                ],
            ))
            .into());
        }
        x => x?,
    };
    let mut title = vec![text::list_title(entries.len())];
    if entries.is_empty() {
        title.push(text::no_results());
    }
    Listing {
        columns: ENTRY_COLUMNS,
        rows: entries.iter().map(entry_row).collect(),
        rows_key: "results",
        meta: vec![("round", args.round.clone().into())],
        title,
        footer: Vec::new(),
    }
    .write(&args.listing)?;
    Ok(ExitCode::from(exit::OK))
}

const HISTORY_COLUMNS: &[Column] = &[
    col("round", "reg-col-round"),
    col("decision", "reg-col-decision"),
    col("round_issued", "reg-col-date"),
    data("product_id"),
    data("product_name"),
    data("set"),
    num("total", "reg-col-total"),
    num("stars", "★"),
    col("status", "reg-col-status"),
    col("certificate_expires", "reg-col-valid-until"),
    data("edition"),
    data("council"),
    col("members", "reg-col-members"),
];

fn history(args: RegisterHistoryArgs) -> Result<ExitCode> {
    let reg = open(&args.db, false)?;
    let entries = reg.history(&args.product)?;
    let Some(last) = entries.last() else {
        eprintln!(
            "ocop: {}",
            text::no_history(&args.product, &args.db.db.display().to_string())
        );
        return Ok(ExitCode::from(exit::INPUT));
    };
    let rows = entries
        .iter()
        .map(|e| {
            let members = e
                .member_totals
                .iter()
                .map(|(m, t)| format!("{m} {}", register::format_hundredths(*t, 1)))
                .collect::<Vec<_>>()
                .join("; ");
            vec![
                e.round.as_str().into(),
                e.decision.as_str().into(),
                e.round_issued.into(),
                e.product_id.as_str().into(),
                e.product_name.as_str().into(),
                Value::Int(e.set_number.into()),
                Value::Num(e.total()),
                Value::Int(e.stars.into()),
                super::listing::status(&e.status),
                e.certificate.map(|c| c.1).into(),
                e.edition_id.as_str().into(),
                e.council.as_str().into(),
                Value::Text(members),
            ]
        })
        .collect();
    Listing {
        columns: HISTORY_COLUMNS,
        rows,
        rows_key: "rounds",
        meta: vec![
            ("product_id", last.product_id.as_str().into()),
            ("product_name", last.product_name.as_str().into()),
        ],
        title: vec![text::history_title(
            &last.product_id,
            &last.product_name,
            entries.len(),
        )],
        footer: Vec::new(),
    }
    .write(&args.listing)?;
    Ok(ExitCode::from(exit::OK))
}
