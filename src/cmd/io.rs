//! Input and output plumbing shared by the subcommands: the reading options from the command
//! line, writing the output atomically, and printing input problems.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use ocop::input::{self, Problems, Products, ReadOptions};

use super::UsageError;
use crate::cli::InputArgs;

/// Reads and checks every input as one batch (see [`input::read_inputs`]).
pub fn read_batch<'e>(
    edition: &'e ocop::criteria::Edition,
    args: &InputArgs,
    every_sum: bool,
) -> Result<Result<Products<'e>, Problems>> {
    let opts = read_options(edition, args)?;
    let stdin = [PathBuf::from("-")];
    let paths = if args.files.is_empty() {
        &stdin[..]
    } else {
        &args.files[..]
    };
    Ok(input::read_inputs(
        edition,
        paths,
        &opts,
        args.max_errors,
        every_sum,
    ))
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
        threads: args.threads,
        split_above: None,
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
/// into place only when complete, so a failed run never leaves a half-written report, or a
/// device or pipe named with `-o`, written directly.
pub enum Output {
    Stdout(io::StdoutLock<'static>),
    File {
        tmp: tempfile::NamedTempFile,
        target: PathBuf,
    },
    Device(std::fs::File),
}

impl Output {
    /// `path` `None` or `-` is standard output. Writing over one of the inputs is refused.
    pub fn create(path: Option<&Path>, inputs: &[PathBuf]) -> Result<Output> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output::Stdout(io::stdout().lock()));
        };
        let target = absolute(path);
        // A device or a pipe (`-o /dev/null`, a FIFO) is written directly: there is no
        // half-written file to avoid, and it cannot be replaced by a rename.
        if std::fs::metadata(&target).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .with_context(|| format!("cannot write {}", target.display()))?;
            return Ok(Output::Device(file));
        }
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
        let mut builder = tempfile::Builder::new();
        builder.prefix(".ocop-").suffix(".tmp");
        // The report gets the target's permissions, or a plain file's (not the 0600 of a
        // temporary file).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode =
                std::fs::metadata(&target).map_or(0o644, |m| m.permissions().mode() & 0o7777);
            builder.permissions(std::fs::Permissions::from_mode(mode));
        }
        let tmp = builder
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
            Output::Device(mut f) => Ok(f.flush()?),
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
            Output::Device(f) => f.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(s) => s.write_all(buf),
            Output::File { tmp, .. } => tmp.write_all(buf),
            Output::Device(f) => f.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(s) => s.flush(),
            Output::File { tmp, .. } => tmp.flush(),
            Output::Device(f) => f.flush(),
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
