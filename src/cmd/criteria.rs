//! `ocop criteria`: list editions and sets; `show` one set; `export` an edition as TOML.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use ocop::criteria::embedded::Embedded;
use ocop::render;
use ocop::render::json::SCHEMA_VERSION;

use super::{UsageError, edition, exit, table_style};
use crate::cli::{CriteriaAction, CriteriaArgs, ViewFormat};

pub fn run(criteria: Option<&str>, lang: ocop::l10n::Lang, args: CriteriaArgs) -> Result<ExitCode> {
    let edition = edition(criteria)?;
    let mut out = std::io::stdout().lock();
    match args.action {
        None => match args.view.format {
            ViewFormat::Table => {
                render::criteria::list(&mut out, &edition, table_style(&args.view, lang))?
            }
            ViewFormat::Json => {
                #[derive(serde::Serialize)]
                struct List<'a> {
                    schema_version: u32,
                    edition: &'a ocop::criteria::EditionMeta,
                    sets: Vec<&'a ocop::criteria::SetSummary>,
                }
                let list = List {
                    schema_version: SCHEMA_VERSION,
                    edition: &edition.meta,
                    sets: edition.summaries().collect(),
                };
                json(&mut out, &list)?;
            }
        },
        Some(CriteriaAction::Show { set }) => {
            let Some(s) = edition.set(&set) else {
                return Err(UsageError(super::tr_args(
                    "usage-no-such-set",
                    &[
                        ("set", format!("{set:?}").into()),
                        ("edition", edition.id().to_string().into()),
                        ("sets", edition.summaries().len().into()),
                    ],
                ))
                .into());
            };
            match args.view.format {
                ViewFormat::Table => {
                    render::criteria::show(&mut out, &edition, s, table_style(&args.view, lang))?
                }
                ViewFormat::Json => {
                    #[derive(serde::Serialize)]
                    struct Show<'a> {
                        schema_version: u32,
                        #[serde(flatten)]
                        set: &'a ocop::criteria::CriteriaSet,
                    }
                    let show = Show {
                        schema_version: SCHEMA_VERSION,
                        set: s,
                    };
                    json(&mut out, &show)?;
                }
            }
        }
        Some(CriteriaAction::Export) => match Embedded::find(edition.id()) {
            Some(e) if criteria.is_none_or(|c| c == e.id) => out.write_all(e.toml().as_bytes())?,
            _ => {
                return Err(UsageError(super::tr("usage-export-file")).into());
            }
        },
    }
    out.flush()?;
    Ok(ExitCode::from(exit::OK))
}

/// Pretty JSON and a newline. Encoded first, then written, so a closed pipe is the plain
/// `io::Error` that `main` recognises (serde_json would wrap it in its own error).
fn json(out: &mut impl Write, value: &impl serde::Serialize) -> Result<()> {
    let mut text = serde_json::to_vec_pretty(value)?;
    text.push(b'\n');
    out.write_all(&text)?;
    Ok(())
}
