//! `ocop template SET`: an empty wide CSV with the set's criterion columns, one row per member.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::io::Output;
use super::{UsageError, edition, exit};
use crate::cli::TemplateArgs;

pub fn run(criteria: Option<&str>, args: TemplateArgs) -> Result<ExitCode> {
    let edition = edition(criteria)?;
    let Some(set) = edition.set(&args.set) else {
        return Err(UsageError(format!(
            "no set {:?} in {}: give a number 1–{} or a code such as I.3.b",
            args.set,
            edition.id(),
            edition.summaries().len()
        ))
        .into());
    };
    if !set.is_scorable() {
        return Err(UsageError(format!(
            "set {} ({}) of {} is incomplete and cannot be scored: {}",
            set.number,
            set.code,
            edition.id(),
            set.status_note.as_deref().unwrap_or("")
        ))
        .into());
    }
    let mut out = Output::create(args.output.as_deref(), &[])?;
    if args.bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let mut header = vec!["product_id", "product_name", "set", "assessor"];
        header.extend(set.leaves.iter().map(|l| l.code.as_str()));
        header.push("disqualified");
        w.write_record(&header)?;
        let number = set.number.to_string();
        for _ in 0..args.assessors {
            let mut row = vec![""; header.len()];
            row[2] = &number;
            w.write_record(&row)?;
        }
        w.flush()?;
    }
    out.commit()?;
    Ok(ExitCode::from(exit::OK))
}
