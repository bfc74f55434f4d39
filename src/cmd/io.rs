//! Input and output plumbing shared by the subcommands: opening the inputs (files or
//! standard input), writing the output atomically, and printing input problems.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use ocop::input::{self, Batch, Loc, Problems, ReadOptions, Source};

use super::UsageError;
use crate::cli::InputArgs;

/// The inputs named on the command line; `-` or none is standard input. A file that cannot
/// be opened is a problem of the batch, like any other.
pub fn sources(args: &InputArgs, problems: &mut Problems) -> Vec<Source> {
    let paths: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let mut out = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        if path.as_os_str() == "-" {
            out.push(Source {
                name: "<stdin>".into(),
                reader: Box::new(io::stdin()),
            });
            continue;
        }
        let name: Arc<str> = path.display().to_string().into();
        match File::open(path) {
            Ok(f) if f.metadata().is_ok_and(|m| m.is_dir()) => {
                problems.push(Loc::file(i, &name), None, "is a directory, not a CSV file");
            }
            Ok(f) => out.push(Source {
                name,
                reader: Box::new(f),
            }),
            Err(e) => problems.push(Loc::file(i, &name), None, format!("cannot open: {e}")),
        }
    }
    out
}

/// Reads every input into one batch.
pub fn read_batch<'e>(edition: &'e ocop::criteria::Edition, args: &InputArgs) -> Result<Batch<'e>> {
    let opts = read_options(edition, args)?;
    let mut batch = Batch::new(edition, args.max_errors);
    let mut open_problems = Problems::new(args.max_errors);
    let srcs = sources(args, &mut open_problems);
    batch.problems.merge(open_problems);
    for s in srcs {
        input::read(&mut batch, s, &opts);
    }
    Ok(batch)
}

fn read_options(edition: &ocop::criteria::Edition, args: &InputArgs) -> Result<ReadOptions> {
    if let Some(set) = &args.set
        && edition.set_index(set).is_none()
    {
        return Err(UsageError(format!(
            "--set {set}: no such set in {} (a number 1–{} or a code such as I.3.b)",
            edition.id(),
            edition.summaries().len()
        ))
        .into());
    }
    Ok(ReadOptions {
        default_set: args.set.clone(),
        delimiter: args.delimiter,
        encoding: args.encoding,
    })
}

/// Prints the problems to standard error, the first `cap` of them, then how many there were.
pub fn report_problems(problems: Problems, what: &str) {
    let (list, total) = problems.sorted();
    let mut err = io::stderr().lock();
    for p in &list {
        let _ = writeln!(err, "{p}");
    }
    if total > list.len() {
        let _ = writeln!(
            err,
            "… and {} more (--max-errors to see more)",
            total - list.len()
        );
    }
    let _ = writeln!(
        err,
        "ocop: {total} problem{} in the input; {what}",
        super::plural(total)
    );
}

/// Where the output goes: standard output, or a file written beside its target and renamed
/// into place only when complete, so a failed run never leaves a half-written report.
pub enum Output {
    Stdout(io::StdoutLock<'static>),
    File {
        tmp: tempfile::NamedTempFile,
        target: PathBuf,
    },
}

impl Output {
    /// `path` `None` or `-` is standard output. Writing over one of the inputs is refused.
    pub fn create(path: Option<&Path>, inputs: &[PathBuf]) -> Result<Output> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output::Stdout(io::stdout().lock()));
        };
        let target = absolute(path);
        for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
            if absolute(input) == target {
                return Err(UsageError(format!(
                    "-o {}: refusing to write over an input file",
                    path.display()
                ))
                .into());
            }
        }
        let dir = target
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let tmp = tempfile::Builder::new()
            .prefix(".ocop-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .with_context(|| format!("cannot write to {}", dir.display()))?;
        Ok(Output::File { tmp, target })
    }

    pub fn is_stdout(&self) -> bool {
        matches!(self, Output::Stdout(_))
    }

    /// Flushes and, for a file, moves it into place.
    pub fn commit(self) -> Result<()> {
        match self {
            Output::Stdout(mut s) => Ok(s.flush()?),
            Output::File { mut tmp, target } => {
                tmp.flush()?;
                tmp.as_file().sync_all().ok();
                tmp.persist(&target)
                    .map_err(|e| e.error)
                    .with_context(|| format!("cannot write {}", target.display()))?;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(s) => s.write(buf),
            Output::File { tmp, .. } => tmp.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(s) => s.write_all(buf),
            Output::File { tmp, .. } => tmp.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(s) => s.flush(),
            Output::File { tmp, .. } => tmp.flush(),
        }
    }
}

/// The path made absolute and, where it exists, with links resolved.
fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (
        abs.parent().and_then(|d| d.canonicalize().ok()),
        abs.file_name(),
    ) {
        (Some(d), Some(f)) => d.join(f),
        _ => abs,
    }
}
