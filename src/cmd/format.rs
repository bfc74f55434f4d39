//! The one place an output's format is chosen: `--format`, else `-o`'s extension, else the
//! table; a `--format` that contradicts the extension, or a flag that does nothing in the
//! format chosen, is wrong usage (exit 2), said with both names.

use std::path::Path;

use super::{UsageError, tr, tr_args};
use crate::cli::ReportFormat;

/// The format an extension names: `.csv`, `.json`, `.txt` (the table), `.html`/`.htm`,
/// `.xlsx`. Other extensions name none.
pub fn from_extension(path: &Path) -> Option<ReportFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "csv" => ReportFormat::Csv,
        "json" => ReportFormat::Json,
        "txt" => ReportFormat::Table,
        "html" | "htm" => ReportFormat::Html,
        "xlsx" => ReportFormat::Xlsx,
        _ => return None,
    })
}

pub fn name(f: ReportFormat) -> &'static str {
    match f {
        ReportFormat::Table => "table",
        ReportFormat::Csv => "csv",
        ReportFormat::Json => "json",
        ReportFormat::Html => "html",
        ReportFormat::Xlsx => "xlsx",
    }
}

/// A flag given on the command line and the formats it applies to.
pub struct Flag {
    pub name: &'static str,
    pub given: bool,
    pub formats: &'static [ReportFormat],
}

pub const fn flag(name: &'static str, given: bool, formats: &'static [ReportFormat]) -> Flag {
    Flag {
        name,
        given,
        formats,
    }
}

/// Chooses the format: `--format`, else `-o`'s extension, else the table. Refuses a format
/// this command does not print (`supported`), a `--format` that contradicts `-o`'s
/// extension, and any flag given that does not apply to the format chosen.
pub fn resolve(
    format: Option<ReportFormat>,
    output: Option<&Path>,
    supported: &[ReportFormat],
    flags: &[Flag],
) -> Result<ReportFormat, UsageError> {
    let output = output.filter(|p| p.as_os_str() != "-");
    let inferred = output.and_then(|p| from_extension(p).map(|f| (p, f)));
    let chosen = match (format, inferred) {
        (Some(f), Some((p, g))) if f != g => {
            return Err(UsageError(tr_args(
                "usage-format-conflict",
                &[
                    ("format", name(f).into()),
                    ("path", p.display().to_string().into()),
                    ("named", name(g).into()),
                ],
            )));
        }
        (Some(f), _) => f,
        (None, Some((_, g))) => g,
        (None, None) => ReportFormat::Table,
    };
    if !supported.contains(&chosen) {
        let how = match (format, inferred) {
            (Some(_), _) => format!("--format {}", name(chosen)),
            (None, Some((p, _))) => format!("-o {}", p.display()),
            (None, None) => name(chosen).to_string(),
        };
        let list: Vec<&str> = supported.iter().map(|f| name(*f)).collect();
        return Err(UsageError(tr_args(
            "usage-format-unsupported",
            &[("how", how.into()), ("formats", list.join(", ").into())],
        )));
    }
    for f in flags.iter().filter(|f| f.given) {
        if !f.formats.contains(&chosen) {
            let list: Vec<&str> = f.formats.iter().map(|f| name(*f)).collect();
            let mut args = vec![
                ("flag", f.name.into()),
                (
                    "formats",
                    list.join(&format!(" {} ", tr("usage-or"))).into(),
                ),
                ("chosen", name(chosen).into()),
            ];
            let key = match (format, inferred) {
                (Some(_), _) => "usage-format-flag",
                (None, Some((p, _))) => {
                    args.push(("path", p.display().to_string().into()));
                    "usage-format-flag-from-o"
                }
                (None, None) => "usage-format-flag-default",
            };
            return Err(UsageError(tr_args(key, &args)));
        }
    }
    Ok(chosen)
}

/// A workbook is bytes for a file, not for a terminal: refused there (to a pipe it is fine).
pub fn refuse_binary_on_terminal(format: ReportFormat, to_stdout: bool) -> Result<(), UsageError> {
    use std::io::IsTerminal;
    if format == ReportFormat::Xlsx && to_stdout && std::io::stdout().is_terminal() {
        return Err(UsageError(tr("usage-xlsx-terminal")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReportFormat::*;

    const ALL: &[ReportFormat] = &[Table, Csv, Json, Html, Xlsx];

    #[test]
    fn extension_then_format_then_table() {
        let r = |f, o: Option<&str>| resolve(f, o.map(Path::new), ALL, &[]);
        assert_eq!(r(None, None).unwrap(), Table);
        assert_eq!(r(None, Some("a.CSV")).unwrap(), Csv);
        assert_eq!(r(None, Some("a.json")).unwrap(), Json);
        assert_eq!(r(None, Some("a.txt")).unwrap(), Table);
        assert_eq!(r(None, Some("a.htm")).unwrap(), Html);
        assert_eq!(r(None, Some("a.xlsx")).unwrap(), Xlsx);
        assert_eq!(r(None, Some("a.out")).unwrap(), Table);
        assert_eq!(r(Some(Csv), Some("a.out")).unwrap(), Csv);
        assert_eq!(r(Some(Csv), Some("-")).unwrap(), Csv);
        let e = r(Some(Csv), Some("a.json")).unwrap_err().0;
        assert!(e.contains("--format csv") && e.contains("a.json"), "{e}");
    }

    #[test]
    fn flags_that_do_not_apply() {
        let flags = [flag("--bom", true, &[Csv])];
        let e = resolve(None, Some(Path::new("a.json")), ALL, &flags)
            .unwrap_err()
            .0;
        assert!(e.starts_with("--bom applies to --format csv only"), "{e}");
        assert!(e.contains("from -o a.json"), "{e}");
        assert!(resolve(None, Some(Path::new("a.csv")), ALL, &flags).is_ok());
        let e = resolve(Some(Html), None, &[Table, Csv], &[]).unwrap_err().0;
        assert_eq!(e, "--format html: this command prints table, csv");
    }
}
